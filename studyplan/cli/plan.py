"""``studyplan plan`` and ``studyplan show``."""

from __future__ import annotations

from typing import Annotated

import typer

from studyplan.cli import fast
from studyplan.cli.common import JsonOpt, LangOpt, PlainOpt, run_of

# Use cases and views are imported inside each command: `--help` and completion load every
# command module, and only the command being run should pay for its own (cli/__init__.py).


def plan(ctx: typer.Context, lang: LangOpt = None, plain: PlainOpt = False, json_: JsonOpt = False) -> None:
    """Every module grouped by phase, with status, progress and dates.

    `--plain`: one line per module, tab-separated: phase, months, module, title,
    status, percent, done, total, start, end.

    Example: studyplan plan --lang ja
    """
    fast.plan(run_of(ctx), lang, plain, json_)  # the body cli/fast.py runs without typer


def show(
    ctx: typer.Context,
    module: Annotated[str, typer.Argument(metavar="MODULE", help="A module id, e.g. ml-basics.")],
    lang: LangOpt = None,
    json_: JsonOpt = False,
) -> None:
    """A module: goal, topics, resources, tools, projects, concepts and notes.

    Example: studyplan show dl-intro
    """
    fast.show(run_of(ctx), module, lang, json_)  # the body cli/fast.py runs without typer
