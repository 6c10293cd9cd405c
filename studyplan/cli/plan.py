"""``studyplan plan`` and ``studyplan show``."""

from __future__ import annotations

from typing import Annotated

import typer

from studyplan.cli.common import JsonOpt, LangOpt, PlainOpt, emit, session_of
from studyplan.cli.completion import module_ids

# Use cases and views are imported inside each command: `--help` and completion load every
# command module, and only the command being run should pay for its own (cli/__init__.py).


def plan(ctx: typer.Context, lang: LangOpt = None, plain: PlainOpt = False, json_: JsonOpt = False) -> None:
    """Every module grouped by phase, with status, progress and dates.

    `--plain`: one line per module, tab-separated: phase, months, module, title,
    status, percent, done, total, start, end.

    Example: studyplan plan --lang ja
    """
    from studyplan.app import today as use_cases
    from studyplan.render.tabular import plan_rows
    from studyplan.render.views import plan_view

    session = session_of(ctx)
    emit(ctx, use_cases.plan(session, session.lang(lang)), plan_view, json_, plain, rows=plan_rows)


def show(
    ctx: typer.Context,
    module: Annotated[str, typer.Argument(metavar="MODULE", help="A module id, e.g. ml-basics.", autocompletion=lambda incomplete: _complete_modules(incomplete))],
    lang: LangOpt = None,
    json_: JsonOpt = False,
) -> None:
    """A module: goal, topics, resources, tools, projects, concepts and notes.

    Example: studyplan show dl-intro
    """
    from studyplan.app import today as use_cases
    from studyplan.render.views import show_view

    session = session_of(ctx)
    emit(ctx, use_cases.show(session, module, session.lang(lang)), show_view, json_)


def _complete_modules(incomplete: str) -> list[str]:
    return [m for m in module_ids() if m.startswith(incomplete)]
