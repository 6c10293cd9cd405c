"""The command line: a root app that builds the session, and thin commands.

Each command module holds one command or group; ``COMMANDS`` and ``GROUPS`` name
them, and ``build_app`` wires them up. ``main()`` builds the app with only the
command being run (Typer inspects every registered command's signature on
start-up, which would cost every run ~30 ms), while ``studyplan.cli.app`` — the
full app, for tests, ``--help`` and shell completion — is built on first use.

This is the one place loading is lazy: a command module imports its use cases
(``studyplan.app``) and views (``studyplan.render``) inside the command function,
because ``--help`` and completion load every command module (measured: ``--help``
took 135 ms instead of 94 ms with them at the top). Everywhere else imports sit at
the top of the module, except for a few heavy libraries one path needs (each says why).

With no command, ``studyplan`` shows today's view (as ``task`` runs its default report).
"""

from __future__ import annotations

import importlib
import os
from typing import Annotated, Any, Optional

import typer

from studyplan.cli.boundary import (
    CONTEXT_SETTINGS,
    StudyplanTyper,
    guarded,
    version_callback,
    warn,
)
from studyplan.cli.common import run_of

# name -> (module, function), in the order `--help` lists them
COMMANDS: dict[str, tuple[str, str]] = {
    "today": ("studyplan.cli.today", "today"),
    "status": ("studyplan.cli.status", "status"),  # studyplan/__main__.py answers the common calls without typer
    "plan": ("studyplan.cli.plan", "plan"),
    "show": ("studyplan.cli.plan", "show"),
    "start": ("studyplan.cli.mark", "start"),
    "done": ("studyplan.cli.mark", "done"),
    "skip": ("studyplan.cli.mark", "skip"),
    "reset": ("studyplan.cli.mark", "reset"),
    "undo": ("studyplan.cli.mark", "undo"),
    "init": ("studyplan.cli.init", "init"),
    "concept": ("studyplan.cli.knowledge", "concept"),
    "concepts": ("studyplan.cli.knowledge", "concepts"),
    "history": ("studyplan.cli.knowledge", "history"),
    "read": ("studyplan.cli.knowledge", "read"),
    "review": ("studyplan.cli.review", "review"),
    "log": ("studyplan.cli.tracking", "log"),
    "report": ("studyplan.cli.tracking", "report"),
    "timeline": ("studyplan.cli.tracking", "timeline"),
    "replan": ("studyplan.cli.tracking", "replan"),
    "note": ("studyplan.cli.companion", "note"),
    "notes": ("studyplan.cli.companion", "notes"),
    "pause": ("studyplan.cli.companion", "pause"),
    "export": ("studyplan.cli.data", "export"),
    "import": ("studyplan.cli.data", "import_"),
    "calendar": ("studyplan.cli.data", "calendar"),
    "doctor": ("studyplan.cli.doctor", "doctor"),
}
SHOW_BROKEN_CONFIG = ("config", "doctor")  # they run with an invalid setting, to show and replace it
# name -> (module, Typer sub-app)
GROUPS: dict[str, tuple[str, str]] = {
    "config": ("studyplan.cli.settings", "config_app"),
    "curriculum": ("studyplan.cli.settings", "curriculum_app"),
}

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


def _load(module: str, attr: str) -> Any:
    return getattr(importlib.import_module(module), attr)


@guarded
def root(
    ctx: typer.Context,
    profile: Annotated[Optional[str], typer.Option("--profile", "-p", metavar="NAME", help="Profile (learner) to use; also STUDYPLAN_PROFILE.", show_default=False)] = None,
    lang: Annotated[Optional[str], typer.Option("--lang", metavar="LANG", help="Language for this run: en or ja.", show_default=False)] = None,
    version: Annotated[Optional[bool], typer.Option("--version", callback=version_callback, is_eager=True, help="Show the version and exit.")] = None,
) -> None:
    """Run with no command to see today's plan."""
    session = run_of(ctx).session
    if profile is not None:
        session.profile_name = profile
    if lang is not None:
        session.lang_flag = lang
    session.warn = warn
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
        add_completion=True,
    )
    app.callback()(root)
    for name, target in COMMANDS.items():
        if only is None or name == only:
            app.command(name)(_load(*target))
    for name, target in GROUPS.items():
        if only is None or name == only:
            app.add_typer(_load(*target), name=name)
    return app


def _requested_command(argv: list[str]) -> str | None:
    """The command named on the command line, skipping the root options."""
    takes_value = {"--profile", "-p", "--lang"}
    skip = False
    for arg in argv:
        if skip:
            skip = False
        elif arg in takes_value:
            skip = True
        elif arg.startswith("-"):
            if arg in ("--help", "-h", "--install-completion", "--show-completion"):
                return None
            continue
        else:
            return arg
    return "today"  # no command: today's view


def app_for(argv: list[str]) -> StudyplanTyper:
    """The app to run for this command line: only the command it names is loaded
    (completion needs them all). ``studyplan.__main__`` runs it."""
    only = None
    if not any(key.startswith("_STUDYPLAN_COMPLETE") for key in os.environ):
        wanted = _requested_command(argv)
        if wanted in COMMANDS or wanted in GROUPS:
            only = wanted
    return build_app(only)


_full_app: StudyplanTyper | None = None


def __getattr__(name: str) -> Any:
    """``studyplan.cli.app``: the full app, built on first use (tests, help, completion)."""
    global _full_app
    if name == "app":
        if _full_app is None:
            _full_app = build_app()
        return _full_app
    raise AttributeError(name)
