"""``studyplan init``: set up (or change) a profile."""

from __future__ import annotations

import sys
from typing import Annotated, Optional

import typer

from studyplan.cli.boundary import lang_of
from studyplan.cli.common import DATE_FORMS, JsonOpt, emit, session_of
from studyplan.errors import StudyplanError
from studyplan.locale import catalog, msg

# Use cases and views are imported inside each command: `--help` and completion load every
# command module, and only the command being run should pay for its own (cli/__init__.py).


def can_ask() -> bool:
    """A learner at a terminal, who can answer a question (a script cannot)."""
    return sys.stdin.isatty() and sys.stderr.isatty()


def init(
    ctx: typer.Context,
    start: Annotated[Optional[str], typer.Option(metavar="DATE", help=f"First day of the plan (default today): {DATE_FORMS}.", show_default=False)] = None,
    months: Annotated[Optional[int], typer.Option(metavar="N", help="Plan length in months, 6 to 12; phases scale in proportion (default: the curriculum's).", show_default=False)] = None,
    hours: Annotated[Optional[float], typer.Option(metavar="HOURS", help="Hours a week you can study (targets shrink below the routine's minimum).", show_default=False)] = None,
    lang: Annotated[Optional[str], typer.Option("--lang", metavar="LANG", help="Language for this profile: en or ja.", show_default=False)] = None,
    curriculum: Annotated[Optional[str], typer.Option(metavar="ID|FOLDER", help="A curriculum id (`studyplan curriculum list`) or a folder path.", show_default=False)] = None,
    profile: Annotated[Optional[str], typer.Option("--profile", "-p", metavar="NAME", help="The profile to set up (the same as --profile before the command).", show_default=False)] = None,
    force: Annotated[bool, typer.Option("--force", help="Switch --curriculum on a profile with progress without asking (`studyplan undo` switches back).")] = False,
    json_: JsonOpt = False,
) -> None:
    """Set up a profile: start date, plan length, weekly hours, language.

    On an existing profile only the options given change; progress is kept. Use
    --profile NAME to set up another learner on the same account. Switching --curriculum
    on a profile with progress asks first (in a script: add --force); `studyplan undo`
    switches back.

    Example: studyplan --profile alice init --start 2026-01-05 --months 9 --hours 12 --lang ja
    """
    from studyplan.app import profiles
    from studyplan.render.views import init_view

    session = session_of(ctx)
    if profile is not None:
        session.profile_name = profile
    profiles.check_options(session, months, hours, lang)  # a bad option is refused before any question
    allow = force
    if not force and (switch := profiles.pending_switch(session, curriculum)) is not None:
        if not can_ask():
            raise profiles.switch_refused(switch)  # a script is never asked: it is told about --force
        question = catalog(lang_of(session, lang)).text(profiles.switch_question(switch))
        if not typer.confirm(question, default=False, err=True):
            raise StudyplanError(msg("nothing was changed"), exit_code=1)
        allow = True
    result = profiles.init(session, start=start, months=months, hours=hours, lang=lang, curriculum=curriculum, allow_switch=allow)
    emit(ctx, result, lambda r: init_view(r, session.lang(lang)), json_)
