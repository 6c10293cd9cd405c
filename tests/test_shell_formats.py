"""Fits the shell and the tools around it: CSV for spreadsheets, an Anki file, --plain rows, pipes never cut.

CliRunner's output is not a terminal, so every `sp(...)` here is what a pipe gets.
"""

from __future__ import annotations

import csv
import html
import io
from pathlib import Path

import pytest

from studyplan.domain.curriculum import Curriculum
from studyplan.domain.glossary import GlossaryEntry
from studyplan.domain.loader import validate_directory
from studyplan.render import anki
from studyplan.render.tabular import LOG_COLUMNS, REPORT_COLUMNS

BUNDLED = Path(__file__).resolve().parents[1] / "curricula" / "ml-dl-gpt"
CURRICULUM = Curriculum.from_data(validate_directory(BUNDLED))
BOX = set("│┃━─┏┓┗┛┡┩╇╋┳┻╭╮╰╯")


def _csv(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text, newline="")))


@pytest.fixture
def logged(sp, frozen):
    frozen("2026-03-10")
    sp("init", "--start", "2026-03-02", "--hours", "17")
    sp("log", "2h", "--kind", "theory", "--module", "ml-basics", "--date", "2026-03-09", "--note", 'read "ESL", ch. 2, twice')
    sp("log", "45m", "--kind", "coding", "--note", "=HYPERLINK(\"http://x\")\nsecond line\x1b[31m red")
    sp("log", "30m", "--kind", "updates")
    return sp


# -- A. CSV ----------------------------------------------------------------------------------
def test_log_list_csv_parses_with_the_csv_module(logged):
    out = logged("log", "--list", "--format", "csv").stdout
    assert "\x1b" not in out
    reader = csv.reader(io.StringIO(out, newline=""))
    assert tuple(next(reader)) == LOG_COLUMNS
    rows = _csv(out)
    entries = logged.json("log", "--list")["entries"]
    assert [int(r["id"]) for r in rows] == [e["id"] for e in entries]
    assert [int(r["minutes"]) for r in rows] == [e["minutes"] for e in entries] and sorted(int(r["minutes"]) for r in rows) == [30, 45, 120]
    by_kind = {r["kind"]: r for r in rows}
    assert by_kind["theory"] == {"id": by_kind["theory"]["id"], "date": "2026-03-09", "minutes": "120", "kind": "theory",
                                 "module": "ml-basics", "note": 'read "ESL", ch. 2, twice'}
    # a spreadsheet would run this as a formula: written as text; the ESC itself is stripped (clean)
    assert by_kind["coding"]["note"] == "'=HYPERLINK(\"http://x\")\nsecond line[31m red"
    assert by_kind["updates"]["module"] == "" and by_kind["updates"]["note"] == ""


def test_log_list_csv_goes_to_a_file_or_standard_output(logged, tmp_path):
    target = tmp_path / "log.csv"
    result = logged("log", "--list", "--week", "--format", "csv", "--output", str(target))
    assert f"Wrote {target}" in result.stdout
    rows = _csv(target.read_text(encoding="utf-8"))
    assert len(rows) == 3 and {r["kind"] for r in rows} == {"theory", "coding", "updates"}
    assert logged("log", "--list", "--week", "--format", "csv", "-o", "-").stdout == target.read_text(encoding="utf-8")


def test_log_csv_refuses_what_does_not_fit(logged, tmp_path):
    for args, words in [
        (["log", "1h", "--format", "csv"], "go with --list"),
        (["log", "--list", "--output", str(tmp_path / "x.csv")], "add --format csv"),
        (["log", "--list", "--format", "xml"], "table or csv"),
        (["log", "--list", "--format", "csv", "--json"], "exclude each other"),
        (["log", "--list", "--format", "csv", "--plain"], "exclude each other"),
        (["log", "--list", "--format", "csv", "-o", str(tmp_path / "missing" / "x.csv")], "does not exist"),
    ]:
        result = logged(*args, ok=False)
        assert result.exit_code == 2, args
        assert words in result.stderr and "Traceback" not in result.stderr, args
    assert not (tmp_path / "x.csv").exists()


def test_report_csv_has_the_hours_and_the_items_tables(logged, tmp_path):
    logged("done", "ml-basics/definition", "ml-basics/types-of-ml")
    logged("start", "ml-basics/key-algorithms")
    out = logged("report", "--week", "--format", "csv").stdout
    assert tuple(next(csv.reader(io.StringIO(out, newline="")))) == REPORT_COLUMNS
    rows = _csv(out)
    report = logged.json("report", "--week")
    assert {r["section"] for r in rows} == {"hours", "items"}
    assert all((r["start"], r["end"]) == (report["start"], report["end"]) for r in rows)
    hours = {r["id"]: r for r in rows if r["section"] == "hours"}
    assert list(hours) == [h["kind"] for h in report["hours"]] == ["theory", "coding", "updates"]
    for h in report["hours"]:
        row = hours[h["kind"]]
        assert float(row["hours"]) == h["hours"] and float(row["min_hours"]) == h["min_hours"] and float(row["max_hours"]) == h["max_hours"]
        assert row["verdict"] == h["verdict"] and row["name"] == h["label"] and row["completed"] == ""
    assert float(hours["theory"]["hours"]) == 2 and float(hours["coding"]["hours"]) == 0.75
    items = [r for r in rows if r["section"] == "items"]
    assert [(r["id"], r["completed"], r["started"], r["skipped"]) for r in items] == [
        (m["module"], str(len(m["completed"])), str(len(m["started"])), str(len(m["skipped"]))) for m in report["modules"]]
    assert items[0]["id"] == "ml-basics" and items[0]["completed"] == "2" and items[0]["started"] == "1" and items[0]["hours"] == ""
    target = tmp_path / "week.csv"
    assert f"Wrote {target}" in logged("report", "--week", "--format", "csv", "-o", str(target)).stdout
    assert target.read_text(encoding="utf-8") == out


# -- B. Anki ---------------------------------------------------------------------------------
def _notes(text: str) -> list[str]:
    lines = text.split("\n")
    assert lines[-1] == ""  # ends with a newline
    lines = lines[:-1]
    assert tuple(lines[:len(anki.HEADER)]) == anki.HEADER
    return lines[len(anki.HEADER):]


def test_concepts_for_anki_one_note_per_concept_in_both_languages(sp):
    out = sp("concepts", "--format", "anki").stdout
    assert out.startswith("#separator:tab\n#html:true\n") and "#columns:Front\tBack\tTags\n" in out and "#tags column:3\n" in out
    notes = _notes(out)
    assert len(notes) == len(CURRICULUM.concepts) == 100
    for line, concept in zip(notes, CURRICULUM.concepts):
        fields = line.split("\t")
        assert len(fields) == anki.FIELDS, line
        front, back, tags = fields
        assert html.escape(concept.term.values["en"]) in front and html.escape(concept.term.values["ja"]) in front
        assert html.escape(concept.definition.values["en"]) in back and html.escape(concept.definition.values["ja"]) in back
        assert tags.split() == [f"studyplan::{m}" for m in concept.modules]
        assert not front.startswith("#") and '"' not in line


def test_concepts_for_anki_follow_lang_module_and_output(sp, tmp_path):
    ja = _notes(sp("concepts", "--format", "anki", "--lang", "ja").stdout)
    assert ja[0].startswith("機械学習<br>Machine learning\t")
    dl = _notes(sp("concepts", "--format", "anki", "--module", "dl-intro").stdout)
    assert len(dl) == len(sp.json("concepts", "--module", "dl-intro")["concepts"]) > 0
    assert all("studyplan::dl-intro" in line.split("\t")[2].split() for line in dl)
    target = tmp_path / "glossary.txt"
    result = sp("concepts", "--format", "anki", "--output", str(target))
    assert f"Wrote {target}: 100 notes" in result.stdout
    assert target.read_text(encoding="utf-8") == sp("concepts", "--format", "anki").stdout
    for args in (["--format", "anki", "--json"], ["--format", "anki", "--plain"], ["--output", str(tmp_path / "x.txt")], ["--format", "apkg"]):
        assert sp("concepts", *args, ok=False).exit_code == 2, args


def test_an_anki_note_is_one_line_of_escaped_html_whatever_the_data():
    entry = GlossaryEntry("x", "#tags\t<b>bold</b>", "line\nbreak\u2028", 'a "quoted" <script>alert(1)</script> & \x1b[31mred',
                          "", ("mod one", 'q"uote', "\x1b[2J"))
    line = anki.note_line(entry)
    assert "\n" not in line and "\u2028" not in line and "\x1b" not in line
    front, back, tags = line.split("\t")
    assert front == "&#35;tags &lt;b&gt;bold&lt;/b&gt;<br>line<br>break<br>"
    assert back == "a &quot;quoted&quot; &lt;script&gt;alert(1)&lt;/script&gt; &amp; [31mred"  # the ESC is stripped (clean)
    assert tags.split() == ["studyplan::mod_one", "studyplan::q_uote", "studyplan::[2J"]
    assert '"' not in line and "<script" not in line


# -- C. Pipes and --plain ----------------------------------------------------------------------
def test_piped_concepts_are_never_cut(sp):
    out = sp("concepts").stdout
    assert "…" not in out
    lines = out.splitlines()
    for c in CURRICULUM.concepts:
        assert any(c.id in line and c.term.values["en"] in line and c.term.values["ja"] in line for line in lines), c.id
    ja = sp("concepts", "--lang", "ja").stdout
    assert "…" not in ja and all(c.term.values["ja"] in ja for c in CURRICULUM.concepts)


def test_piped_plan_shows_every_title_in_full(sp):
    out = sp("plan").stdout
    assert "…" not in out
    for m in CURRICULUM.modules:
        assert any(m.id in line and m.title.values["en"] in line for line in out.splitlines()), m.id


def _plain(sp, *args: str) -> list[list[str]]:
    out = sp(*args, "--plain").stdout
    assert out.endswith("\n") and not (set(out) & BOX), args
    rows = [line.split("\t") for line in out.splitlines()]
    assert rows and len({len(r) for r in rows}) == 1, (args, {len(r) for r in rows})
    return rows


def test_plain_rows_split_into_the_same_fields_on_every_line(logged):
    logged("note", "ml-basics", "tabs\tand\nline breaks stay in one field")
    for args in (["concepts"], ["concepts", "--lang", "ja"], ["plan"], ["log", "--list"], ["notes"], ["history"],
                 ["curriculum", "list"], ["config", "list"]):
        rows = _plain(logged, *args)
        assert len(rows) > 1, args
    concepts = _plain(logged, "concepts")
    assert concepts[0] == ["id", "term", "日本語", "modules"]
    assert [r[0] for r in concepts[1:]] == [c.id for c in CURRICULUM.concepts]
    assert [r[1] for r in concepts[1:]] == [c.term.values["en"] for c in CURRICULUM.concepts]
    plan = _plain(logged, "plan")
    assert plan[0][:5] == ["phase", "months", "module", "title", "status"]
    assert [r[2] for r in plan[1:]] == [m["id"] for p in logged.json("plan")["phases"] for m in p["modules"]]
    log = _plain(logged, "log", "--list")
    assert log[0] == ["id", "date", "time", "kind", "module", "note"] and len(log) == 4
    notes = _plain(logged, "notes")
    assert notes[1][-1] == "tabs and line breaks stay in one field"


def test_plain_pause_list(logged):
    logged("pause", "--from", "2026-04-01", "--to", "2026-04-03", "--reason", "a\tholiday\nat home")
    rows = _plain(logged, "pause", "--list")
    assert rows[0] == ["id", "from", "to", "days", "reason"]
    assert rows[1][1:] == ["2026-04-01", "2026-04-03", "3", "a holiday at home"]


def test_plain_with_nothing_to_list_prints_no_rows(sp, frozen):
    frozen("2026-03-10")
    result = sp("log", "--list", "--plain")
    assert result.stdout == "" and "No study time logged" in result.stderr
    assert sp("concepts", "--plain", "--json", ok=False).exit_code == 2


def test_a_terminal_keeps_its_width_and_a_pipe_gets_everything():
    from rich.markdown import Markdown
    from rich.table import Table

    from studyplan.cli.console import fitted_console

    table = Table()
    table.add_column("id", no_wrap=True)
    table.add_column("term")
    table.add_row("a-very-long-concept-identifier-" * 3, "a term " * 20)

    on_terminal = fitted_console(file=io.StringIO(), force_terminal=True, width=60, color_system=None)
    on_terminal.print(table)
    assert max(len(line) for line in on_terminal.file.getvalue().splitlines()) <= 60

    piped = fitted_console(file=io.StringIO(), color_system=None)
    assert not piped.is_terminal
    piped.print(table)
    text = piped.file.getvalue()
    assert "…" not in text and "a-very-long-concept-identifier-" * 3 in text and ("a term " * 20).strip() in text
    piped.file = io.StringIO()
    piped.print(Markdown("# Title\n\nA paragraph."))  # fills whatever it is given: keeps the usual width
    assert max(len(line) for line in piped.file.getvalue().splitlines()) <= piped.usual_width
