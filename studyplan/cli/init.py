"""``studyplan init``: set up (or change) a profile."""

from __future__ import annotations

from typing import Annotated, Optional

import typer

from studyplan.cli.common import DATE_FORMS, JsonOpt, emit, session_of

# Use cases and views are imported inside each command: `--help` and completion load every
# command module, and only the command being run should pay for its own (cli/__init__.py).


def init(
    ctx: typer.Context,
    start: Annotated[Optional[str], typer.Option(metavar="DATE", help=f"First day of the plan (default today): {DATE_FORMS}.", show_default=False)] = None,
    months: Annotated[Optional[int], typer.Option(metavar="N", help="Plan length in months, 6 to 12; phases scale in proportion (default: the curriculum's).", show_default=False)] = None,
    hours: Annotated[Optional[float], typer.Option(metavar="HOURS", help="Hours a week you can study (targets shrink below the routine's minimum).", show_default=False)] = None,
    lang: Annotated[Optional[str], typer.Option("--lang", metavar="LANG", help="Language for this profile: en or ja.", show_default=False)] = None,
    curriculum: Annotated[Optional[str], typer.Option(metavar="ID|FOLDER", help="A curriculum id (`studyplan curriculum list`) or a folder path.", show_default=False)] = None,
    json_: JsonOpt = False,
) -> None:
    """Set up a profile: start date, plan length, weekly hours, language.

    On an existing profile only the options given change; progress is kept. Use
    --profile NAME (before the command) to set up another learner on the same account.

    Example: studyplan --profile alice init --start 2026-01-05 --months 9 --hours 12 --lang ja
    """
    from studyplan.app import profiles
    from studyplan.render.views import init_view

    session = session_of(ctx)
    result = profiles.init(session, start=start, months=months, hours=hours, lang=lang, curriculum=curriculum)
    emit(ctx, result, init_view, json_)
