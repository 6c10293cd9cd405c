"""``studyplan start|done|skip|reset ITEM...`` and ``studyplan undo``."""

from __future__ import annotations

from typing import Annotated

import typer

from studyplan.cli.common import JsonOpt, LangOpt, emit, session_of

# Use cases and views are imported inside each command: `--help` and completion load every
# command module, and only the command being run should pay for its own (cli/__init__.py).


Items = Annotated[list[str], typer.Argument(metavar="ITEM...", help="Module ids (ml-basics) or items (ml-basics/types-of-ml).", show_default=False)]


def _mark(ctx: typer.Context, items: list[str], status: str, lang: str | None, json_: bool) -> None:
    from studyplan.app import marks
    from studyplan.render.views import changes_view

    session = session_of(ctx)
    result = marks.mark(session, items, status)
    emit(ctx, result, lambda r: changes_view(r.changes, session.lang(lang)), json_)


def start(ctx: typer.Context, items: Items, lang: LangOpt = None, json_: JsonOpt = False) -> None:
    """Mark modules or items as in progress.

    Example: studyplan start ml-basics/types-of-ml
    """
    _mark(ctx, items, "in-progress", lang, json_)


def done(ctx: typer.Context, items: Items, lang: LangOpt = None, json_: JsonOpt = False) -> None:
    """Mark modules or items as done (a done module counts as complete).

    Example: studyplan done ml-basics/definition ml-basics/types-of-ml
    """
    _mark(ctx, items, "done", lang, json_)


def skip(ctx: typer.Context, items: Items, lang: LangOpt = None, json_: JsonOpt = False) -> None:
    """Skip modules or items: they leave both sides of every percentage.

    Example: studyplan skip ml-basics/iris
    """
    _mark(ctx, items, "skipped", lang, json_)


def reset(ctx: typer.Context, items: Items, lang: LangOpt = None, json_: JsonOpt = False) -> None:
    """Set modules or items back to todo.

    Example: studyplan reset ml-basics
    """
    _mark(ctx, items, "todo", lang, json_)


def undo(
    ctx: typer.Context,
    any_device: Annotated[bool, typer.Option("--any-device", help="Also undo a change that `studyplan sync` brought from another device (by default undo reverts only this device's own).")] = False,
    lang: LangOpt = None,
    json_: JsonOpt = False,
) -> None:
    """Revert the last change made on this device (repeat to go further back).

    Example: studyplan undo
    """
    from studyplan.app import marks
    from studyplan.render.undo import undo_view

    session = session_of(ctx)
    emit(ctx, marks.undo(session, any_device), lambda r: undo_view(r, session.lang(lang)), json_)
