"""``studyplan today``."""

from __future__ import annotations

import typer

from studyplan.cli import fast
from studyplan.cli.common import DateOpt, JsonOpt, LangOpt, run_of

# Use cases and views are imported inside each command: `--help` and completion load every
# command module, and only the command being run should pay for its own (cli/__init__.py).


def today(ctx: typer.Context, date: DateOpt = None, lang: LangOpt = None, json_: JsonOpt = False) -> None:
    """What to study today, and whether you are on schedule.

    Example: studyplan today --date 2026-03-02
    """
    fast.today(run_of(ctx), date, lang, json_)  # the body cli/fast.py runs without typer
