"""The root of the typer app: its options (``--profile``, ``--lang`` …) and the app with its commands.

Kept apart from ``studyplan/cli/__init__.py``, which names the commands and imports no
typer, so that cli/fast.py can run the daily commands without loading typer at all.
"""

from __future__ import annotations

from typing import Annotated, Optional

import typer

from studyplan.cli import (
    COMMANDS,
    GROUPS,
    SHOW_BROKEN_CONFIG,
    TAKES_OPTION_WORDS,
    _load,
)
from studyplan.cli.boundary import (
    CONTEXT_SETTINGS,
    StudyplanTyper,
    guarded,
    version_callback,
    warn,
)
from studyplan.cli.common import run_of

HELP = (
    "A terminal study companion for the 12-month machine learning, deep learning and GPT learning map.\n\n"
    "Settings come from flags, then STUDYPLAN_* environment variables, then the config file "
    "(`studyplan config path`), then defaults. STUDYPLAN_HOME keeps all data in one folder.\n\n"
    "Streaks count the days you marked items, logged time, looked up a concept, reviewed cards or "
    "wrote a note. A day starts at day_starts_at (default 04:00: work at 1 a.m. counts for the day "
    "before); rest_days and pauses neither break nor extend a streak.\n\n"
    "Options that take a date accept YYYY-MM-DD, today, yesterday, tomorrow, -3d, +2w or a "
    "weekday (mon..sun: the most recent one, today included), counted from the study day.\n\n"
    "Documentation: https://github.com/studyplan/studyplan/tree/main/docs"
)


def _install_completion(ctx: typer.Context, value: Optional[bool]) -> None:
    _load("studyplan.cli.shells", "install_callback")(ctx, bool(value))


def _show_completion(ctx: typer.Context, value: Optional[bool]) -> None:
    _load("studyplan.cli.shells", "show_callback")(ctx, bool(value))


@guarded
def root(
    ctx: typer.Context,
    profile: Annotated[Optional[str], typer.Option("--profile", "-p", metavar="NAME", help="Profile (learner) to use; also STUDYPLAN_PROFILE.", show_default=False)] = None,
    lang: Annotated[Optional[str], typer.Option("--lang", metavar="LANG", help="Language for this run: en or ja.", show_default=False)] = None,
    version: Annotated[Optional[bool], typer.Option("--version", callback=version_callback, is_eager=True, help="Show the version and exit.")] = None,
    no_pager: Annotated[bool, typer.Option("--no-pager", help="Print long views straight to the terminal, not through the pager (the pager setting, $PAGER, else less -FRX).")] = False,
    install_completion: Annotated[Optional[bool], typer.Option("--install-completion", callback=_install_completion, is_eager=True,
                                                               help="Install completion for the shell you run (as `studyplan completion --install`).")] = None,
    show_completion: Annotated[Optional[bool], typer.Option("--show-completion", callback=_show_completion, is_eager=True,
                                                            help="Print the completion script for the shell you run (as `studyplan completion`).")] = None,
) -> None:
    """Run with no command to see today's plan."""
    run = run_of(ctx)
    run.no_pager = no_pager
    session = run.session
    if profile is not None:
        session.profile_name = profile
    if lang is not None:
        session.lang_flag = lang
    session.warn = lambda message: warn(message, session)
    # `config` and `doctor` show an invalid setting so it can be fixed; every other command
    # stops on it when it starts (cli/common.py session_of), before it reads or writes anything.
    session.strict_config = ctx.invoked_subcommand not in SHOW_BROKEN_CONFIG
    if ctx.invoked_subcommand is None:
        today = _load(*COMMANDS["today"])
        ctx.invoke(today, ctx, date=None, lang=None, json_=False)


def build_app(only: str | None = None) -> StudyplanTyper:
    """The Typer app with every command, or with just ``only``."""
    app = StudyplanTyper(
        name="studyplan",
        help=HELP,
        context_settings=CONTEXT_SETTINGS,
        invoke_without_command=True,
        no_args_is_help=False,
        pretty_exceptions_enable=False,
        rich_markup_mode=None,
        add_completion=False,  # our own --install-completion/--show-completion and `completion` (cli/shells.py)
    )
    app.callback()(root)
    for name, target in COMMANDS.items():
        if only is None or name == only:
            settings = {"context_settings": {**CONTEXT_SETTINGS, "ignore_unknown_options": True}} if name in TAKES_OPTION_WORDS else {}
            app.command(name, **settings)(_load(*target))
    for name, target in GROUPS.items():
        if only is None or name == only:
            app.add_typer(_load(*target), name=name)
    return app
