"""``log``, ``report``, ``timeline`` and ``replan``."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated, Optional

import typer

from studyplan.cli.common import DateOpt, JsonOpt, LangOpt, console_of, emit, session_of
from studyplan.cli.completion import module_ids
from studyplan.errors import UsageError
from studyplan.fileio import atomic_write_text
from studyplan.render.json import dumps

# Use cases and views are imported inside each command: `--help` and completion load every
# command module, and only the command being run should pay for its own (cli/__init__.py).


def _complete_modules(incomplete: str) -> list[str]:
    return [m for m in module_ids() if m.startswith(incomplete)]


def log(
    ctx: typer.Context,
    duration: Annotated[Optional[str], typer.Argument(help="How long: 45m, 1.5h, 1h30m or 90 (minutes).", show_default=False)] = None,
    kind: Annotated[Optional[str], typer.Option("--kind", "-k", help="theory, coding or updates (default: from the module, else theory).", show_default=False)] = None,
    module: Annotated[Optional[str], typer.Option("--module", "-m", help="The module you studied.", autocompletion=_complete_modules, show_default=False)] = None,
    note: Annotated[Optional[str], typer.Option("--note", "-n", help="A short note.", show_default=False)] = None,
    date: DateOpt = None,
    list_: Annotated[bool, typer.Option("--list", help="List entries (all, or --week / --month).")] = False,
    week: Annotated[bool, typer.Option("--week", help="With --list: this week's entries.")] = False,
    month: Annotated[bool, typer.Option("--month", help="With --list: this month's entries.")] = False,
    delete: Annotated[Optional[int], typer.Option("--delete", help="Delete the entry with this id (undo brings it back).", show_default=False)] = None,
    json_: JsonOpt = False,
) -> None:
    """Log study time; list or delete entries.

    Logging, marking items, looking up concepts, reviewing and writing notes all
    count as activity for streaks.

    Example: studyplan log 1h30m --module dl-intro --note "backprop by hand"
    """
    from studyplan.app import tracking as svc
    from studyplan.render import tracking as views

    session = session_of(ctx)
    if sum(bool(x) for x in (duration, list_, delete is not None)) != 1:
        raise UsageError("give a DURATION to log, or --list, or --delete ID (one of them); e.g. `studyplan log 45m`")
    if week and month:
        raise UsageError("--week and --month exclude each other; pick one")
    if list_:
        period = "week" if week else ("month" if month else None)
        emit(ctx, svc.list_logs(session, period, session.day(date)), views.log_list_view, json_)
    elif delete is not None:
        emit(ctx, svc.delete_log(session, delete), lambda r: views.log_view(r, deleted=True), json_)
    else:
        emit(ctx, svc.add_log(session, duration, kind, module, note, date), views.log_view, json_)


def report(
    ctx: typer.Context,
    week: Annotated[bool, typer.Option("--week", help="The ISO week containing the date (default).")] = False,
    month: Annotated[bool, typer.Option("--month", help="The calendar month containing the date.")] = False,
    date: DateOpt = None,
    format_: Annotated[Optional[str], typer.Option("--format", "-f", help="rich, markdown or json (default: config report_format).", show_default=False)] = None,
    output: Annotated[Optional[Path], typer.Option("--output", "-o", help="Write to this file (atomically) instead of the terminal.", show_default=False)] = None,
    lang: LangOpt = None,
    json_: JsonOpt = False,
) -> None:
    """How did my week (or month) go? Hours against the routine, items, plan position, streaks.

    Example: studyplan report --month --format markdown --output 2026-03.md
    """
    from studyplan.app import tracking as svc
    from studyplan.render import tracking as views

    session = session_of(ctx)
    if week and month:
        raise UsageError("--week and --month exclude each other; pick one")
    fmt = "json" if json_ else (format_ or session.config.get("report_format"))
    if fmt not in ("rich", "markdown", "json"):
        raise UsageError(f"--format '{fmt}' is not a format; use rich, markdown or json")
    language = session.lang(lang)
    result = svc.report(session, "month" if month else "week", session.day(date), language)
    if fmt == "json":
        text = dumps(result) + "\n"
    elif fmt == "markdown":
        text = views.report_markdown(result)
    else:
        if output is None:
            console_of(ctx).print(views.report_view(result))
            return
        text = views.plain_text(views.report_view(result))
    if output is not None:
        atomic_write_text(output, text)
        console_of(ctx).print(f"Wrote {output}", highlight=False, markup=False)
    else:
        sys.stdout.write(text)


def timeline(ctx: typer.Context, date: DateOpt = None, lang: LangOpt = None, json_: JsonOpt = False) -> None:
    """The whole plan month by month: phases and modules, done work, shifts, and you-are-here.

    Example: studyplan timeline --date 2027-03-01
    """
    from studyplan.app import tracking as svc
    from studyplan.render import tracking as views

    session = session_of(ctx)
    emit(ctx, svc.timeline(session, session.day(date), session.lang(lang)), views.timeline_view, json_)


def replan(
    ctx: typer.Context,
    from_: Annotated[Optional[str], typer.Option("--from", help="Day unfinished work should start (YYYY-MM-DD; default today).", show_default=False)] = None,
    json_: JsonOpt = False,
) -> None:
    """Shift the rest of the plan so unfinished work starts on the chosen day.

    The plan keeps its proportions; each revision is recorded (see `timeline`)
    and `undo` reverts it.

    Example: studyplan replan --from 2027-02-01
    """
    from studyplan.app import tracking as svc
    from studyplan.app.session import parse_date
    from studyplan.render import tracking as views

    session = session_of(ctx)
    day = parse_date(from_, "--from") if from_ else session.study_day()
    emit(ctx, svc.replan(session, day), views.replan_view, json_)
