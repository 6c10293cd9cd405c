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

This module imports no typer: the root options and the app are built in cli/root.py, and
the daily commands' common command lines are run by cli/fast.py without typer at all.
"""

from __future__ import annotations

import importlib
import os
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from studyplan.cli.boundary import StudyplanTyper

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
    "focus": ("studyplan.cli.focus", "focus"),
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
    "sync": ("studyplan.cli.sync", "sync"),
    "completion": ("studyplan.cli.shells", "completion"),
    "schema": ("studyplan.cli.schema", "schema"),
}
# Commands whose arguments may look like options: `schema log --list` names `log --list`.
TAKES_OPTION_WORDS = ("schema",)
SHOW_BROKEN_CONFIG = ("config", "doctor")  # they run with an invalid setting, to show and replace it
# name -> (module, Typer sub-app)
GROUPS: dict[str, tuple[str, str]] = {
    "config": ("studyplan.cli.settings", "config_app"),
    "curriculum": ("studyplan.cli.settings", "curriculum_app"),
}

def _load(module: str, attr: str) -> Any:
    return getattr(importlib.import_module(module), attr)


def build_app(only: str | None = None) -> StudyplanTyper:
    """The Typer app with every command, or with just ``only`` (cli/root.py)."""
    return _load("studyplan.cli.root", "build_app")(only)


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
    completing = os.environ.get("_STUDYPLAN_COMPLETE")
    wanted = _completed_command(completing) if completing else _requested_command(argv)
    if wanted in COMMANDS or wanted in GROUPS:
        only = wanted
    return build_app(only)


def _completed_command(instruction: str) -> str | None:
    """The command a completion request is about, when its name is complete: only that one
    is loaded (``studyplan concept 過<TAB>``). None while the command name itself is being
    completed (``studyplan co<TAB>``): every command is loaded then."""
    if "complete" not in instruction:
        return None  # printing the script: the app is not needed beyond its name
    line = os.environ.get("COMP_WORDS") or os.environ.get("_TYPER_COMPLETE_ARGS") or ""
    words = line.split()
    if "bash" in instruction or "zsh_complete" == instruction:
        try:
            done = words[1:int(os.environ.get("COMP_CWORD", ""))]
        except ValueError:
            return None
    else:  # fish, and typer's zsh and fish: every word but the one being typed
        done = words[1:] if line.endswith(" ") else words[1:-1]
    wanted = _requested_command(done) if done else None
    return None if wanted == "today" and "today" not in done else wanted


_full_app: StudyplanTyper | None = None


def __getattr__(name: str) -> Any:
    """``studyplan.cli.app``: the full app, built on first use (tests, help, completion)."""
    global _full_app
    if name == "app":
        if _full_app is None:
            _full_app = build_app()
        return _full_app
    raise AttributeError(name)
