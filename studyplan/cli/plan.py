"""``studyplan plan`` and ``studyplan show``."""

from __future__ import annotations

from typing import Annotated

import typer

from studyplan.cli.common import JsonOpt, LangOpt, app_context, emit


def plan(ctx: typer.Context, lang: LangOpt = None, json_: JsonOpt = False) -> None:
    """Every module grouped by phase, with status, progress and dates.

    Example: studyplan plan --lang ja
    """
    from studyplan import services
    from studyplan.render.views import plan_view

    app = app_context(ctx)
    emit(app, services.plan(app, app.lang(lang)), plan_view, json_)


def show(
    ctx: typer.Context,
    module: Annotated[str, typer.Argument(help="A module id, e.g. ml-basics.", autocompletion=lambda incomplete: _complete_modules(incomplete))],
    lang: LangOpt = None,
    json_: JsonOpt = False,
) -> None:
    """A module: goal, topics, resources, tools, projects, concepts and notes.

    Example: studyplan show dl-intro
    """
    from studyplan import services
    from studyplan.render.views import show_view

    app = app_context(ctx)
    emit(app, services.show(app, module, app.lang(lang)), show_view, json_)


def _complete_modules(incomplete: str) -> list[str]:
    from studyplan.cli.completion import module_ids

    return [m for m in module_ids() if m.startswith(incomplete)]
