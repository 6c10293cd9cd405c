"""The --json contract: every document is an object, starts with json_version, and is valid
against the schema `studyplan schema` prints for its command (generated from the records).

Validation is strict here: objects are closed to fields their schema does not list
(render/schema.py ``closed``), dates must be dates, and a field documented as a number
with a fraction (a Python float) must come out as one (175.0, not 175), so the schema and
docs/json.md cannot promise what the output does not hold.
"""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest

from studyplan.app.results import EXPORT_FORMAT, RESULTS
from studyplan.cli import app
from tests.conftest import BUNDLED

FLOATS_ONLY = jsonschema.Draft202012Validator.TYPE_CHECKER.redefine(
    "number", lambda _checker, value: isinstance(value, float))
Strict = jsonschema.validators.extend(jsonschema.Draft202012Validator, type_checker=FLOATS_ONLY)


def closed(schema):
    from studyplan.render.schema import closed as close

    return close(schema)


def schema_of(sp, name: str) -> dict:
    schema = json.loads(sp("schema", *name.split()).stdout)
    jsonschema.Draft202012Validator.check_schema(schema)
    return schema


def problems(schema: dict, document) -> list[str]:
    validator = Strict(closed(schema), format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER)
    return [f"{'/'.join(map(str, e.absolute_path)) or '(top)'}: {e.message}" for e in validator.iter_errors(document)]


def check(sp, name: str, *args: str, json_flag: bool = True, ok: bool = True) -> dict:
    """Run ``args`` (with --json), and check the document against the schema of ``name``."""
    result = sp(*args, *(("--json",) if json_flag else ()), ok=ok)
    document = json.loads(result.stdout)
    assert isinstance(document, dict), f"{' '.join(args)}: a --json document is an object"
    assert next(iter(document)) == "json_version" and document["json_version"] == 1
    found = problems(schema_of(sp, name), document)
    assert not found, f"studyplan {' '.join(args)} --json against `studyplan schema {name}`:\n" + "\n".join(found[:20])
    return document


@pytest.fixture
def learner(sp, frozen):
    """Two months into a plan: marks, time, lookups, a note, a pause, reviews and a replan."""
    frozen("2026-03-02")
    sp("init", "--start", "2026-01-05", "--hours", "10")
    sp("done", "ml-basics")
    sp("start", "ml-advanced")
    sp("log", "1h30m", "--kind", "coding", "--module", "ml-advanced", "--note", "trees")
    sp("log", "45m", "--date", "2026-02-27")
    sp("concept", "overfitting")
    sp("note", "ml-advanced", "boosting chases the residuals")
    sp("pause", "--from", "2026-04-01", "--to", "2026-04-05", "--reason", "trip")
    sp("review", "--limit", "3", input="3\n1\n4\n")
    return sp


READS = [
    ("today", ("today",)),
    ("plan", ("plan",)),
    ("show", ("show", "ml-advanced")),
    ("show", ("show", "ml-basics")),
    ("concept", ("concept", "overfitting")),
    ("concept", ("concept", "過学習", "--lang", "ja")),
    ("concepts", ("concepts",)),
    ("concepts", ("concepts", "--module", "ml-basics", "--lang", "ja")),
    ("history", ("history",)),
    ("history", ("history", "--from", "2017", "--to", "2019", "--lang", "zh-Hant")),
    ("history --chart", ("history", "--chart")),
    ("read --list", ("read",)),
    ("read", ("read", "pace-of-progress")),
    ("review", ("review",)),
    ("review --stats", ("review", "--stats")),
    ("log --list", ("log", "--list")),
    ("log --list", ("log", "--week")),
    ("log --list", ("log", "--list", "--month")),
    ("report", ("report", "--week")),
    ("report", ("report", "--month", "--lang", "ja")),
    ("timeline", ("timeline",)),
    ("notes", ("notes",)),
    ("pause --list", ("pause", "--list")),
    ("calendar", ("calendar",)),
    ("calendar", ("calendar", "--sessions")),
    ("export", ("export",)),
    ("doctor", ("doctor",)),
    ("config list", ("config", "list")),
    ("config get", ("config", "get", "lang")),
    ("curriculum list", ("curriculum", "list")),
    ("curriculum validate", ("curriculum", "validate", str(BUNDLED))),
    ("status", ("status",)),
]


@pytest.mark.parametrize(("name", "args"), READS, ids=[" ".join(a) for _, a in READS])
def test_every_read_commands_json_is_valid_against_its_schema(learner, name, args):
    check(learner, name, *args)


def test_report_format_json_is_the_same_document(learner):
    check(learner, "report", "report", "--format", "json", json_flag=False)


def test_an_ambiguous_concept_lists_typed_candidates(learner):
    document = check(learner, "concept", "concept", "learning", ok=False)
    if document["match"] == "ambiguous":
        assert document["candidates"] and {"id", "term", "score", "matched"} == set(document["candidates"][0])


def test_writes_print_documents_valid_against_their_schemas(learner, tmp_path):
    check(learner, "start", "start", "ml-advanced/ensemble-methods")
    check(learner, "done", "done", "ml-advanced/ensemble-methods")
    check(learner, "undo", "undo")
    logged = check(learner, "log", "log", "20m")
    check(learner, "log --delete", "log", "--delete", str(logged["entry"]["id"]) if "entry" in logged else "1")
    check(learner, "note", "note", "ml-basics", "a second note")
    paused = check(learner, "pause", "pause", "--from", "2026-05-01", "--to", "2026-05-02")
    check(learner, "pause --cancel", "pause", "--cancel", str(paused["pause"]["id"]) if "pause" in paused else "2")
    check(learner, "replan", "replan")
    check(learner, "config set", "config", "set", "new_cards_per_day", "12")
    check(learner, "config unset", "config", "unset", "new_cards_per_day")
    backup = tmp_path / "b.json"
    check(learner, "export", "export", "-o", str(backup))
    check(learner, "import", "import", str(backup), "--merge", "--dry-run")
    check(learner, "calendar", "calendar", "-o", str(tmp_path / "plan.ics"))
    check(learner, "init", "--profile", "other", "init", "--start", "2026-03-02")


def test_the_export_file_is_valid_against_the_export_format_schema(learner, tmp_path):
    target = tmp_path / "backup.json"
    learner("export", "-o", str(target))
    document = json.loads(target.read_text(encoding="utf-8"))
    assert document["format"] == "studyplan-export" and document["version"] == 1
    schema = schema_of(learner, EXPORT_FORMAT)
    found = problems(schema, document)
    assert not found, "\n".join(found[:20])
    # and the same document is what `export --json` holds without --output
    summary = check(learner, "export", "export")
    assert summary["output"] is None and summary["document"]["tables"] == document["tables"]


def test_review_json_is_an_object_with_the_queue_and_its_counts(learner):
    queue = learner.json("review")
    assert set(queue) >= {"json_version", "day", "due", "new", "new_left", "cards"}
    assert isinstance(queue["cards"], list)


def test_calendar_and_export_json_without_output_hold_the_document(learner):
    calendar = learner.json("calendar")
    assert calendar["output"] is None and calendar["ics"].startswith("BEGIN:VCALENDAR")
    assert learner("calendar").stdout.startswith("BEGIN:VCALENDAR")  # without --json: the .ics itself
    for command in ("calendar", "export"):
        refused = learner(command, "-o", "-", "--json", ok=False)
        assert refused.exit_code == 2 and refused.stdout == "" and len(refused.stderr.strip().splitlines()) == 1


def test_history_figures_are_floats_as_documented(learner):
    events = [e for era in learner.json("history")["eras"] for e in era["events"]]
    figures = [f for e in events for f in e["figures"]]
    assert figures and all(isinstance(f["value"], float) for f in figures)


def test_every_command_with_json_has_a_schema(sp):
    """A command that takes --json and is missing from app/results.py would print an undocumented shape."""
    missing = []

    def walk(group, prefix: str) -> None:
        import typer.main

        command = typer.main.get_command(group) if not hasattr(group, "commands") else group
        for name, sub in command.commands.items():
            full = f"{prefix}{name}"
            if hasattr(sub, "commands"):
                walk(sub, full + " ")
            elif any("--json" in getattr(p, "opts", ()) for p in sub.params) and not any(
                    key == full or key.startswith(full + " ") for key in RESULTS):
                missing.append(full)

    walk(app, "")
    assert not missing, f"commands with --json but no entry in studyplan/app/results.py: {missing}"


def test_schema_lists_every_command_and_refuses_an_unknown_one(sp, isolated_home):
    everything = json.loads(sp("schema").stdout)
    assert everything["json_version"] == 1 and set(everything["commands"]) == set(RESULTS)
    for schema in [*everything["commands"].values(), everything["export_format"]]:
        jsonschema.Draft202012Validator.check_schema(schema)
    assert json.loads(sp("schema", "log", "--list").stdout)["title"] == "studyplan log --list --json"
    refused = sp("schema", "nothing-like-it", ok=False)
    assert refused.exit_code == 2 and "log --list" in refused.stderr
    assert not (isolated_home / "studyplan.db").exists()  # the schemas need no database


def test_each_type_name_means_one_shape_across_all_commands():
    from studyplan.render.schema import Schemas

    schemas = Schemas()
    for cls in RESULTS.values():
        schemas.of(cls)  # raises on two different records with one name
    assert "ConceptRow" in schemas.defs and "ModuleConcept" in schemas.defs


def test_json_help_names_the_schema_command_not_a_file_the_wheel_lacks(sp):
    text = sp("today", "--help").stdout
    assert "studyplan schema" in " ".join(text.split()) and "json.md" not in text


def test_the_contract_is_documented_from_the_same_schemas():
    docs = Path(__file__).resolve().parents[1] / "docs" / "json.md"
    text = docs.read_text(encoding="utf-8")
    for name in RESULTS:
        assert f"`studyplan {name} --json`" in text
    assert text.count("### `ConceptRow`") == 1 and "json_version" in text
