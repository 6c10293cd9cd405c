"""Options shared by commands, and the one place output is written."""

from __future__ import annotations

import sys
from typing import Annotated, Any, Callable, Optional

import typer

from studyplan.cli.context import AppContext

LangOpt = Annotated[Optional[str], typer.Option("--lang", help="Language: en or ja (default: config, profile, then locale).", show_default=False)]
JsonOpt = Annotated[bool, typer.Option("--json", help="Print JSON instead of the rich view (shape: docs/json.md).")]
DateOpt = Annotated[Optional[str], typer.Option("--date", help="Act as if today were this date (YYYY-MM-DD).", show_default=False)]


def app_context(ctx: typer.Context) -> AppContext:
    obj = ctx.find_root().obj
    if not isinstance(obj, AppContext):
        obj = AppContext()
        ctx.find_root().obj = obj
        ctx.find_root().call_on_close(obj.close)
    return obj


def emit(app: AppContext, result: Any, view: Callable[[Any], Any], json_: bool) -> None:
    """The same result object goes to JSON or to its rich view."""
    if json_:
        from studyplan.render.json import dumps

        sys.stdout.write(dumps(result) + "\n")
        return
    app.console.print(view(result))
