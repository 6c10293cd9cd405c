"""``note``, ``notes`` and ``pause``."""

from __future__ import annotations

from typing import Annotated, Optional

import typer

from studyplan.cli.common import DATE_FORMS, JsonOpt, PlainOpt, emit, session_of
from studyplan.errors import UsageError
from studyplan.locale import msg

# Use cases and views are imported inside each command: `--help` and completion load every
# command module, and only the command being run should pay for its own (cli/__init__.py).


def note(
    ctx: typer.Context,
    item: Annotated[str, typer.Argument(metavar="ITEM", help="A module or item, e.g. ml-basics or ml-basics/key-algorithms.")],
    text: Annotated[Optional[str], typer.Argument(metavar="TEXT", help="The note (omit with --edit).", show_default=False)] = None,
    edit: Annotated[bool, typer.Option("--edit", "-e", help="Write the note in $EDITOR; an empty note cancels.")] = False,
    json_: JsonOpt = False,
) -> None:
    """Add a dated note to a module or item (`undo` removes it).

    Example: studyplan note dl-intro/backpropagation "chain rule, one layer at a time"
    """
    from studyplan.app import companion as svc
    from studyplan.render.companion import note_view

    session = session_of(ctx)
    emit(ctx, svc.add_note(session, item, text, edit), lambda r: note_view(r, session.lang()), json_)


def notes(
    ctx: typer.Context,
    item: Annotated[Optional[str], typer.Argument(metavar="ITEM", help="Only notes on this module (and its items) or item.", show_default=False)] = None,
    search: Annotated[Optional[str], typer.Option("--search", "-s", metavar="WORDS", help="Only notes containing this text.", show_default=False)] = None,
    plain: PlainOpt = False,
    json_: JsonOpt = False,
) -> None:
    """List your notes.

    Example: studyplan notes ml-basics --search PCA
    """
    from studyplan.app import companion as svc
    from studyplan.render.companion import notes_rows, notes_view

    session = session_of(ctx)
    result = svc.list_notes(session, item, search)
    rows = (lambda r: notes_rows(r, session.lang())) if result.notes else None  # none: the message, on standard error
    emit(ctx, result, lambda r: notes_view(r, session.lang()), json_, plain, rows=rows, page=True)


def pause(
    ctx: typer.Context,
    from_: Annotated[Optional[str], typer.Option("--from", metavar="DATE", help=f"First day of the pause: {DATE_FORMS}.", show_default=False)] = None,
    to: Annotated[Optional[str], typer.Option("--to", metavar="DATE", help="Last day of the pause (the same forms as --from).", show_default=False)] = None,
    reason: Annotated[Optional[str], typer.Option("--reason", metavar="REASON", help="Why (holiday, exams…).", show_default=False)] = None,
    list_: Annotated[bool, typer.Option("--list", help="List pauses.")] = False,
    cancel: Annotated[Optional[int], typer.Option("--cancel", metavar="ID", help="Cancel the pause with this id.", show_default=False)] = None,
    plain: Annotated[bool, typer.Option("--plain", help="With --list: tab-separated rows under a header line, for grep, cut and awk.")] = False,
    json_: JsonOpt = False,
) -> None:
    """Pause the plan for a holiday or an exam block.

    The schedule shifts by the pause's length (a plan revision, like `replan`),
    and paused days neither break nor extend your streak.

    Example: studyplan pause --from 2026-12-24 --to 2027-01-02 --reason holidays
    """
    from studyplan.app import companion as svc
    from studyplan.render.companion import pause_list_view, pause_view

    session = session_of(ctx)
    if list_:
        emit(ctx, svc.list_pauses(session), lambda r: pause_list_view(r, session.lang()), json_, plain)
    elif cancel is not None:
        emit(ctx, svc.cancel_pause(session, cancel), lambda r: pause_view(r, session.lang()), json_)
    elif from_ and to:
        emit(ctx, svc.add_pause(session, session.parse_date(from_, "--from"), session.parse_date(to, "--to"), reason),
             lambda r: pause_view(r, session.lang()), json_)
    else:
        raise UsageError(msg("give --from DATE --to DATE to pause, or --list, or --cancel ID"))
