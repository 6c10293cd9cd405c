"""Options shared by commands, the session and console of a run, and the one place output is written."""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING, Annotated, Any, Callable, Optional

import typer

from studyplan.app.session import Session
from studyplan.render.json import dumps

if TYPE_CHECKING:
    from rich.console import Console

LangOpt = Annotated[Optional[str], typer.Option("--lang", help="Language: en or ja (default: config, profile, then locale).", show_default=False)]
JsonOpt = Annotated[bool, typer.Option("--json", help="Print JSON instead of the rich view (shape: docs/json.md).")]
DateOpt = Annotated[Optional[str], typer.Option("--date", help="Act as if today were this date (YYYY-MM-DD).", show_default=False)]


class Run:
    """What one command-line run holds: the session, and the Console its views are drawn on.

    The root callback makes one; a test or the gallery script may pass a ``Session`` (or a
    ``Run`` with a Console of its own) as ``obj`` instead.
    """

    def __init__(self, session: Session | None = None, console: Console | None = None) -> None:
        self.session = session if session is not None else Session()
        self._console = console

    @property
    def console(self) -> Console:
        if self._console is None:
            self._console = make_console(self.session)
        return self._console


def run_of(ctx: typer.Context) -> Run:
    root = ctx.find_root()
    if not isinstance(root.obj, Run):
        root.obj = Run(root.obj if isinstance(root.obj, Session) else None)
        root.call_on_close(root.obj.session.close)
    return root.obj


def session_of(ctx: typer.Context) -> Session:
    return run_of(ctx).session


def console_of(ctx: typer.Context) -> Console:
    return run_of(ctx).console


def make_console(session: Session) -> Console:
    from rich.console import (
        Console,  # ~35 ms that `--help`, `--json` and `config get` never need
    )

    color = session.config.get("color")
    kwargs: dict = {"highlight": False, "soft_wrap": False}
    if color == "never" or (color == "auto" and session.env.get("NO_COLOR")):
        # No colour and no other escape codes either (bold, underline): plain text.
        kwargs["color_system"] = None
    elif color == "always":
        kwargs["force_terminal"] = True
    return Console(**kwargs)


def emit(ctx: typer.Context, result: Any, view: Callable[[Any], Any], json_: bool) -> None:
    """The same result object goes to JSON or to its rich view."""
    if json_:
        sys.stdout.write(dumps(result) + "\n")
        return
    console_of(ctx).print(view(result))
