"""Generate the docs that must not drift from the code.

    python docs/generate.py          # rewrite docs/gallery/*.svg, docs/json.md and docs/export-format.md
    python docs/generate.py --check  # exit 1 if any of them is out of date (run by the tests)

The gallery is real output of the main commands, run in a temporary home on a
fixed clock and recorded with rich's SVG export. docs/json.md and docs/export-format.md
are written from the JSON Schemas `studyplan schema` prints (studyplan/render/schema.py),
generated from each command's result record and from the database schema.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
from datetime import UTC, datetime
from pathlib import Path

DOCS = Path(__file__).resolve().parent
REPO = DOCS.parent
sys.path.insert(0, str(REPO))

CLOCK = datetime(2026, 3, 18, 19, 30, tzinfo=UTC)
SETUP = [
    ["init", "--start", "2026-01-05", "--hours", "17"],
    ["done", "ml-basics"],
    ["done", "ml-advanced/ensemble-methods", "ml-advanced/feature-engineering"],
    ["start", "ml-advanced/dimensionality-reduction"],
    ["log", "2h", "--kind", "theory", "--date", "2026-03-16", "--module", "ml-advanced"],
    ["log", "1h30m", "--kind", "coding", "--date", "2026-03-17"],
    ["log", "45m", "--kind", "updates", "--date", "2026-03-18"],
    ["concept", "overfitting"],
    ["note", "ml-advanced/ensemble-methods", "Bagging averages away variance; boosting chases the residuals."],
]
GALLERY = [
    ("today", ["today"]),
    ("plan", ["plan"]),
    ("show", ["show", "ml-advanced"]),
    ("concept", ["concept", "perplexity"]),
    ("concept-ja", ["concept", "過学習", "--lang", "ja"]),
    ("report", ["report", "--week"]),
    ("timeline", ["timeline"]),
    ("history", ["history", "--from", "2017", "--to", "2019"]),
    ("chart", ["history", "--chart"]),
    ("review-stats", ["review", "--stats"]),
]


def run_gallery(out: dict[str, str]) -> None:
    from rich.console import Console
    from typer.testing import CliRunner

    from studyplan.app.session import Session
    from studyplan.cli import app
    from studyplan.cli.common import Run

    with tempfile.TemporaryDirectory() as home:
        os.environ["STUDYPLAN_HOME"] = home
        os.environ.pop("NO_COLOR", None)
        runner = CliRunner()

        def invoke(args: list[str], console: Console | None = None) -> None:
            session = Session(clock=lambda: CLOCK, env={"LANG": "C.UTF-8", "STUDYPLAN_HOME": home})
            result = runner.invoke(app, args, obj=Run(session, console))
            if result.exit_code != 0:
                raise SystemExit(f"gallery command failed: {args}: {result.output}")

        for args in SETUP:
            invoke(args)
        for name, args in GALLERY:
            console = Console(record=True, width=100, force_terminal=True, color_system="truecolor", file=open(os.devnull, "w"))  # noqa: SIM115
            invoke(args, console)
            out[f"gallery/{name}.svg"] = console.export_svg(title=f"studyplan {' '.join(args)}")


def _shown(schema: dict) -> str:
    """A JSON Schema as the type column of a table reads it: `string`, `Name`, `array of integer` …"""
    if "$ref" in schema:
        name = schema["$ref"].rsplit("/", 1)[1]
        return f"[`{name}`](#{name.lower()})"
    if "anyOf" in schema:
        return " or ".join(_shown(s) for s in schema["anyOf"])
    if "const" in schema:
        return f"`{json.dumps(schema['const'])}`"
    if "enum" in schema:
        return r" \| ".join(f"`{json.dumps(v)}`" for v in schema["enum"])
    kind = schema.get("type")
    if kind == "array":
        if "prefixItems" in schema:
            return "array [" + ", ".join(_shown(s) for s in schema["prefixItems"]) + "]"
        return f"array of {_shown(schema['items'])}" if "items" in schema else "array"
    if kind == "object" and isinstance(schema.get("additionalProperties"), dict):
        return f"object of {_shown(schema['additionalProperties'])}"
    if kind == "string" and "format" in schema:
        return f"`{schema['format']}`"
    return f"`{kind}`" if kind else "any"


def _table(schema: dict) -> list[str]:
    lines = ["| field | type | |", "| --- | --- | --- |"]
    required = set(schema.get("required", ()))
    for name, prop in schema["properties"].items():
        note = prop.get("description", "")
        if name not in required:
            note = ("optional; " + note).rstrip("; ")
        lines.append(f"| `{name}` | {_shown(prop)} | {note.replace('|', chr(92) + '|')} |")
    return lines + [""]


CONTRACT = """\
## The contract

- Every `--json` document is **one JSON object**, and its first key is `json_version`
  (now {version}). `studyplan schema COMMAND` prints the command's JSON Schema (draft
  2020-12), generated from the same record the command prints; `studyplan schema` prints
  them all in one object.
- Within one `json_version`, a later studyplan **may** add fields to any object, and new
  codes to a field of codes (`status`, `state`, `kind`, `standing`, `match` …): ignore
  fields you do not know, and treat an unknown code as "other".
- It **may not** rename, remove or retype a field, or make a field `null` that was never
  `null`: any of those raises `json_version`.
- Dates are `YYYY-MM-DD`, times ISO 8601 with their offset. A `number` is always written
  with a fraction (`2.0`), an `integer` never. Tuples are arrays; absent values are `null`.
- `status --json` prints nothing (exit 0) when there is nothing to say: no database, no
  profile, a plan not started. It is meant for a prompt, which must never break.
- `calendar --json` and `export --json` print their summary object. With `--output FILE`
  its `output` names the file written; without it, `output` is `null` and the document
  itself is in the object (`ics`: the iCalendar text; `document`: the export, see
  [export-format.md](export-format.md)). `-o -` with `--json` is refused: both would be
  standard output. Without `--json`, these commands print the document itself.
- `report --format json` prints the same document as `report --json`.
"""


def json_reference() -> str:
    from studyplan.app import results
    from studyplan.domain.contract import JSON_VERSION
    from studyplan.render import schema as schemas

    fmt = results.export_format()
    export_file = schemas.export_format_schema(fmt["document"], fmt["profile"], fmt["tables"], fmt["name"], fmt["version"])
    lines = ["# JSON output", "",
             "Generated by `python docs/generate.py` from the result records named in",
             "`studyplan/app/results.py`, through the same generator as `studyplan schema`",
             "(`studyplan/render/schema.py`) — do not edit by hand.", "",
             CONTRACT.format(version=JSON_VERSION), "## Commands", ""]
    types: dict[str, dict] = {}
    for name, cls in results.RESULTS.items():
        schema = schemas.document_schema(f"studyplan {name} --json", cls, {fmt["document"]: export_file})
        lines += [f"### `studyplan {name} --json`", ""]
        if schema.get("description"):
            lines += [schema["description"], ""]
        lines += _table(schema)
        for type_name, body in schema.get("$defs", {}).items():
            if types.setdefault(type_name, body) != body:
                raise SystemExit(f"two types are named {type_name}: rename one")
    lines += ["## Types", "", "Each type is defined once; the commands above refer to them by name.", ""]
    for type_name, body in sorted(types.items()):
        lines += [f"### `{type_name}`", ""]
        if type_name == fmt["document"].__name__:
            lines += ["The export file itself: see [export-format.md](export-format.md) for its rows.", ""]
        elif body.get("description"):
            lines += [body["description"], ""]
        lines += _table(body) if "properties" in body else [f"{_shown(body)}", ""]
    return "\n".join(lines).rstrip() + "\n"


EXPORT_INTRO = """\
# The export format

Generated by `python docs/generate.py` from the database schema of this studyplan (the
same table specs `import` checks a file against) — do not edit by hand.
`studyplan schema export-format` prints it as a JSON Schema (draft 2020-12).

`studyplan export` writes one JSON object, UTF-8, with `"format": "{name}"` and two
versions:

- `version` (now {version}) is the version of this format: the top-level keys, and rows
  as objects of columns. It is raised by any change an older reader could not follow: a
  key, table or column removed or renamed, a column's type or meaning changed. `import`
  refuses a newer `version`.
- `schema_version` is the database schema of the studyplan that wrote the file. A
  migration raises it when it adds a table or a column. `import` reads a file of its own
  schema or an older one (a table that did not exist yet may be absent; a column added
  since takes its default) and refuses a newer one: upgrade studyplan first. A file of the
  current schema lists every table, `[]` when it is empty.
- A program reading exports should expect new tables and columns in a later
  `schema_version`, and ignore those it does not know. `studyplan` (the version that wrote
  the file) is informational.
- Rows carry every column of their table except `profile_id`, ids included (journal
  entries point at the rows they changed). Dates are `YYYY-MM-DD`, timestamps ISO 8601
  with their offset. Characters a terminal could act on are written as `\\uXXXX` escapes.
"""


def _columns(schema: dict) -> list[str]:
    lines = ["| column | type | |", "| --- | --- | --- |"]
    required = set(schema.get("required", ()))
    for name, prop in schema["properties"].items():
        note = "required" if name in required else "optional"
        if prop.get("description"):
            note += f"; {prop['description']}"
        lines.append(f"| `{name}` | {_shown(prop)} | {note} |")
    return lines + [""]


def export_reference() -> str:
    from studyplan.app import results
    from studyplan.render import schema as schemas

    fmt = results.export_format()
    schema = schemas.export_format_schema(fmt["document"], fmt["profile"], fmt["tables"], fmt["name"], fmt["version"])
    props = schema["properties"]
    top = {**schema, "properties": {k: v for k, v in props.items()}}
    lines = [EXPORT_INTRO.format(name=fmt["name"], version=fmt["version"]), "## The document", ""]
    lines += _table(top)
    lines += ["## `profile`", "", "The profile's settings.", ""] + _columns(props["profile"])
    lines += ["## `tables`", ""]
    for table, body in props["tables"]["properties"].items():
        lines += [f"### `{table}`", "", "An array of rows:", ""] + _columns(body["items"])
    return "\n".join(lines).rstrip() + "\n"


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--check", action="store_true")
    args = parser.parse_args()
    outputs: dict[str, str] = {"json.md": json_reference(), "export-format.md": export_reference()}
    run_gallery(outputs)
    stale = []
    for rel, text in outputs.items():
        path = DOCS / rel
        if args.check:
            if not path.exists() or path.read_text(encoding="utf-8") != text:
                stale.append(rel)
        else:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")
    if stale:
        print("out of date (run `python docs/generate.py`): " + ", ".join(stale))
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
