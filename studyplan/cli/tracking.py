"""``log``, ``report``, ``timeline`` and ``replan``."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated, Optional

import typer

from studyplan.cli.common import DATE_FORMS, DateOpt, JsonOpt, LangOpt, PlainOpt, console_of, emit, session_of
from studyplan.cli.completion import module_ids
from studyplan.errors import UsageError
from studyplan.fileio import atomic_write_text, output_path
from studyplan.render.json import dumps

# Use cases and views are imported inside each command: `--help` and completion load every
# command module, and only the command being run should pay for its own (cli/__init__.py).


def _complete_modules(incomplete: str) -> list[str]:
    return [m for m in module_ids() if m.startswith(incomplete)]


def log(
    ctx: typer.Context,
    duration: Annotated[Optional[str], typer.Argument(metavar="DURATION", help="How long: 45m, 1.5h, 1h30m or 90 (minutes).", show_default=False)] = None,
    kind: Annotated[Optional[str], typer.Option("--kind", "-k", metavar="KIND", help="theory, coding or updates (default: from the module, else theory).", show_default=False)] = None,
    module: Annotated[Optional[str], typer.Option("--module", "-m", metavar="MODULE", help="The module you studied.", autocompletion=_complete_modules, show_default=False)] = None,
    note: Annotated[Optional[str], typer.Option("--note", "-n", metavar="NOTE", help="A short note.", show_default=False)] = None,
    date: DateOpt = None,
    list_: Annotated[bool, typer.Option("--list", help="List entries (all, or --week / --month).")] = False,
    week: Annotated[bool, typer.Option("--week", help="With --list: this week's entries.")] = False,
    month: Annotated[bool, typer.Option("--month", help="With --list: this month's entries.")] = False,
    delete: Annotated[Optional[int], typer.Option("--delete", metavar="ID", help="Delete the entry with this id (undo brings it back).", show_default=False)] = None,
    format_: Annotated[str, typer.Option("--format", "-f", metavar="FORMAT", help="With --list: table or csv (columns id, date, minutes, kind, module, note).")] = "table",
    output: Annotated[Optional[Path], typer.Option("--output", "-o", metavar="FILE", help="With --format csv: write to this file (atomically); - for standard output.", show_default=False)] = None,
    plain: PlainOpt = False,
    json_: JsonOpt = False,
) -> None:
    """Log study time; list or delete entries.

    Logging, marking items, looking up concepts, reviewing and writing notes all
    count as activity for streaks.

    `--list --format csv` writes one row per entry for a spreadsheet: id, date
    (YYYY-MM-DD), minutes (a whole number), kind, module and note (empty when unset).

    Example: studyplan log 1h30m --module dl-intro --note "backprop by hand"
    """
    from studyplan.app import tracking as svc
    from studyplan.render import tracking as views

    session = session_of(ctx)
    if sum(bool(x) for x in (duration, list_, delete is not None)) != 1:
        raise UsageError("give a DURATION to log, or --list, or --delete ID (one of them); e.g. `studyplan log 45m`")
    if week and month:
        raise UsageError("--week and --month exclude each other; pick one")
    if format_ not in ("table", "csv"):
        raise UsageError(f"--format '{format_}' is not a format of `log --list`; use table or csv")
    if (format_ == "csv" or output is not None or plain) and not list_:
        raise UsageError("--format, --output and --plain go with --list; e.g. `studyplan log --list --format csv`")
    if output is not None and format_ != "csv":
        raise UsageError("--output writes CSV; add --format csv")
    if format_ == "csv" and (json_ or plain):
        raise UsageError(f"--format csv and {'--json' if json_ else '--plain'} exclude each other; pick one")
    if list_:
        from studyplan.cli.output import deliver, target_of

        period = "week" if week else ("month" if month else None)
        target = target_of(output, "log.csv") if format_ == "csv" else None
        result = svc.list_logs(session, period, session.day(date))
        if format_ == "csv":
            from studyplan.render.tabular import log_csv

            deliver(ctx, log_csv(result), target)
            return
        emit(ctx, result, views.log_list_view, json_, plain)
    elif delete is not None:
        emit(ctx, svc.delete_log(session, delete), lambda r: views.log_view(r, deleted=True), json_)
    else:
        emit(ctx, svc.add_log(session, duration, kind, module, note, date), views.log_view, json_)


def report(
    ctx: typer.Context,
    week: Annotated[bool, typer.Option("--week", help="The ISO week containing the date (default).")] = False,
    month: Annotated[bool, typer.Option("--month", help="The calendar month containing the date.")] = False,
    date: DateOpt = None,
    format_: Annotated[Optional[str], typer.Option("--format", "-f", metavar="FORMAT", help="rich, markdown, json or csv (default: config report_format).", show_default=False)] = None,
    output: Annotated[Optional[Path], typer.Option("--output", "-o", metavar="FILE", help="Write to this file (atomically) instead of the terminal; - for standard output.", show_default=False)] = None,
    lang: LangOpt = None,
    json_: JsonOpt = False,
) -> None:
    """How did my week (or month) go? Hours against the routine, items, plan position, streaks.

    `--format csv` gives the report's two tables as one sheet, one row each, told
    apart by the first column, section: `hours` rows (id = theory, coding or
    updates; hours, min_hours, max_hours, verdict) and `items` rows (id = module;
    completed, started, skipped). Columns: section, start, end, id, name, hours,
    min_hours, max_hours, verdict, completed, started, skipped; a column a section
    does not use is empty, and start and end (the period) let several files stack.

    Example: studyplan report --month --format markdown --output 2026-03.md
    """
    from studyplan.app import tracking as svc
    from studyplan.render import tracking as views

    session = session_of(ctx)
    if week and month:
        raise UsageError("--week and --month exclude each other; pick one")
    target = None if output is None or str(output) == "-" else output_path(str(output), "report.md")
    fmt = "json" if json_ else (format_ or session.config.get("report_format"))
    if fmt not in ("rich", "markdown", "json", "csv"):
        raise UsageError(f"--format '{fmt}' is not a format; use rich, markdown, json or csv")
    language = session.lang(lang)
    result = svc.report(session, "month" if month else "week", session.day(date), language)
    if fmt == "json":
        text = dumps(result) + "\n"
    elif fmt == "markdown":
        text = views.report_markdown(result)
    elif fmt == "csv":
        from studyplan.render.tabular import report_csv

        text = report_csv(result)
    else:
        if target is None:
            console_of(ctx).print(views.report_view(result))
            return
        text = views.plain_text(views.report_view(result))
    if target is not None:
        atomic_write_text(target, text)
        console_of(ctx).print(f"Wrote {target}", highlight=False, markup=False)
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
    from_: Annotated[Optional[str], typer.Option("--from", metavar="DATE", help=f"Day unfinished work should start (default today): {DATE_FORMS}.", show_default=False)] = None,
    lang: LangOpt = None,
    json_: JsonOpt = False,
) -> None:
    """Shift the rest of the plan by as many days as you are behind: your next topic falls due on the chosen day.

    The days are the ones `today` shows as "Behind by"; the plan keeps its proportions;
    each revision is recorded (see `timeline`) and `undo` reverts it.

    Example: studyplan replan --from 2027-02-01
    """
    from studyplan.app import tracking as svc
    from studyplan.render import tracking as views

    session = session_of(ctx)
    day = session.day(from_, "--from")
    language = session.lang(lang)
    emit(ctx, svc.replan(session, day), lambda r: views.replan_view(r, language), json_)
