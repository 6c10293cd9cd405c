"""Generate the docs that must not drift from the code.

    python docs/generate.py          # rewrite docs/gallery/*.svg and docs/json.md
    python docs/generate.py --check  # exit 1 if any of them is out of date (run by the tests)

The gallery is real output of the main commands, run in a temporary home on a
fixed clock and recorded with rich's SVG export. docs/json.md lists the fields of
each command's result dataclass: the same object the terminal view is drawn from.
"""

from __future__ import annotations

import argparse
import dataclasses
import os
import re
import sys
import tempfile
import typing
from datetime import datetime, timezone
from pathlib import Path

DOCS = Path(__file__).resolve().parent
REPO = DOCS.parent
sys.path.insert(0, str(REPO))

CLOCK = datetime(2026, 3, 18, 19, 30, tzinfo=timezone.utc)
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


def _type_name(tp: object) -> str:
    if isinstance(tp, type):
        return tp.__name__
    return re.sub(r"\b(?:[A-Za-z_][\w]*\.)+(\w+)", r"\1", str(tp))


def _fields(cls: type) -> list[tuple[str, object]]:
    hints = typing.get_type_hints(cls)
    names = [f.name for f in dataclasses.fields(cls)] if dataclasses.is_dataclass(cls) else list(getattr(cls, "_fields", ()))
    return [(n, hints.get(n, object)) for n in names if not n.startswith("_")]


def _nested(tp: object) -> list[type]:
    found = []
    for arg in typing.get_args(tp) or (tp,):
        if isinstance(arg, type) and (dataclasses.is_dataclass(arg) or hasattr(arg, "_fields")):
            found.append(arg)
        elif typing.get_args(arg):
            found += _nested(arg)
    return found


def json_reference() -> str:
    from studyplan.app import marks, profiles
    from studyplan.domain import (
        glossary,
        history,
        overview,
        readings,
        reports,
        timeline,
        today,
    )

    commands = [
        ("today", today.TodayResult), ("plan", overview.PlanResult), ("show MODULE", overview.ShowResult),
        ("start/done/skip/reset", marks.MarkResult), ("undo", marks.UndoResult), ("init", profiles.InitResult),
        ("concept QUERY", glossary.ConceptResult), ("concepts", glossary.ConceptsResult), ("history", history.HistoryResult),
        ("history --chart", history.ChartResult), ("read READING", readings.ReadingResult), ("report --format json", reports.ReportResult),
        ("timeline", timeline.TimelineResult),
    ]
    from studyplan.app import backup as backup_service
    from studyplan.app import calendar as calendar_service
    from studyplan.app import companion as companion_service
    from studyplan.app import doctor as doctor_service
    from studyplan.app import settings as settings_service
    from studyplan.app import tracking as tracking_service
    from studyplan.domain import review

    commands += [
        ("log", tracking_service.LogResult), ("log --list", tracking_service.LogList), ("replan", tracking_service.ReplanResult),
        ("review --json (an array of)", review.QueueCard), ("review --stats", review.ReviewStats),
        ("note", companion_service.NoteResult), ("notes", companion_service.NotesResult),
        ("pause", companion_service.PauseResult), ("pause --list", companion_service.PauseList),
        ("export", backup_service.ExportResult), ("import FILE", backup_service.ImportResult),
        ("calendar", calendar_service.CalendarResult),
        ("config list", settings_service.ConfigList), ("config get NAME", settings_service.ConfigEntry),
        ("config set|unset", settings_service.ConfigChange),
        ("curriculum list", settings_service.CurriculumList), ("curriculum validate", settings_service.ValidationResult),
        ("doctor", doctor_service.DoctorResult),
    ]
    lines = ["# JSON output", "", "Generated by `python docs/generate.py` from the result dataclasses — do not edit by hand.", "",
             "Every read command takes `--json`. The document is the command's result object: the same",
             "object the terminal view is drawn from. Dates are ISO 8601 strings (`2026-03-18`),",
             "keys are snake_case, tuples are arrays, absent values are `null`. Fields are only",
             "added, never renamed, within a major version.", ""]
    for name, cls in commands:
        lines += [f"## `studyplan {name} --json`", "", f"`{cls.__name__}`", ""]
        seen: set[type] = set()
        queue = [cls]
        while queue:
            current = queue.pop(0)
            if current in seen:
                continue
            seen.add(current)
            if current is not cls:
                lines += [f"`{current.__name__}`", ""]
            lines += ["| field | type |", "| --- | --- |"]
            for field, tp in _fields(current):
                lines.append(f"| `{field}` | `{_type_name(tp)}` |")
                queue += [n for n in _nested(tp) if n not in seen]
            lines.append("")
    return "\n".join(lines)


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--check", action="store_true")
    args = parser.parse_args()
    outputs: dict[str, str] = {"json.md": json_reference()}
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
