"""``log``, ``report``, ``timeline`` and ``replan``."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Optional

import typer

from studyplan.cli.common import (
    DATE_FORMS,
    DateOpt,
    JsonOpt,
    LangOpt,
    PlainOpt,
    console_of,
    emit,
    paged,
    session_of,
)
from studyplan.errors import UsageError
from studyplan.fileio import output_path
from studyplan.locale import msg
from studyplan.render.json import dumps

# Use cases and views are imported inside each command: `--help` and completion load every
# command module, and only the command being run should pay for its own (cli/__init__.py).


def log(
    ctx: typer.Context,
    duration: Annotated[Optional[str], typer.Argument(metavar="DURATION", help="How long: 45m, 1.5h, 1h30m or 90 (minutes).", show_default=False)] = None,
    kind: Annotated[Optional[str], typer.Option("--kind", "-k", metavar="KIND", help="theory, coding or updates (default: from the module, else theory).", show_default=False)] = None,
    module: Annotated[Optional[str], typer.Option("--module", "-m", metavar="MODULE", help="The module you studied.", show_default=False)] = None,
    note: Annotated[Optional[str], typer.Option("--note", "-n", metavar="NOTE", help="A short note.", show_default=False)] = None,
    date: DateOpt = None,
    list_: Annotated[bool, typer.Option("--list", help="List entries (all, or --week / --month).")] = False,
    week: Annotated[bool, typer.Option("--week", help="List this week's entries (implies --list).")] = False,
    month: Annotated[bool, typer.Option("--month", help="List this month's entries (implies --list).")] = False,
    delete: Annotated[Optional[int], typer.Option("--delete", metavar="ID", help="Delete the entry with this id (undo brings it back).", show_default=False)] = None,
    since: Annotated[Optional[str], typer.Option("--since", metavar="DATE", help=f"List entries from this day on (implies --list): {DATE_FORMS}.", show_default=False)] = None,
    until: Annotated[Optional[str], typer.Option("--until", metavar="DATE", help="List entries up to this day, included (implies --list); the same forms as --since.", show_default=False)] = None,
    limit: Annotated[Optional[int], typer.Option("--limit", metavar="N", help="List only the latest N entries (implies --list), oldest first as always.", show_default=False)] = None,
    no_pager: Annotated[bool, typer.Option("--no-pager", help="Print a long list straight to the terminal instead of through the pager ($PAGER, else less -FRX).")] = False,
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

    `--since`, `--until` and `--limit` narrow a long history (`log --since -4w`,
    `log --limit 20`); on a terminal a list taller than the screen opens in the pager.

    Example: studyplan log 1h30m --module dl-intro --note "backprop by hand"
    """
    from studyplan.app import tracking as svc
    from studyplan.render import tracking as views

    session = session_of(ctx)
    ranged = since is not None or until is not None or limit is not None
    if (week or month or ranged) and duration is None and delete is None:
        list_ = True  # `log --week`, `log --limit 20` list entries
    if ranged and (week or month):
        raise UsageError(msg("--since, --until and --limit go instead of --week or --month; e.g. `studyplan log --since mon`"))
    if sum(bool(x) for x in (duration, list_, delete is not None)) != 1:
        raise UsageError(msg("give a DURATION to log, or --list, or --delete ID (one of them); "
                             "e.g. `studyplan log 45m`"))
    if week and month:
        raise UsageError(msg("--week and --month exclude each other; pick one"))
    if (week or month) and not list_:
        raise UsageError(msg("--week and --month list entries; leave out the DURATION or --delete, e.g. `studyplan log --week`"))
    if format_ not in ("table", "csv"):
        raise UsageError(msg("--format '{format}' is not a format of `log --list`; use table or "
                             "csv", format=format_))
    if (format_ == "csv" or output is not None or plain) and not list_:
        raise UsageError(msg("--format, --output and --plain go with --list; e.g. `studyplan log "
                             "--list --format csv`"))
    if output is not None and format_ != "csv":
        raise UsageError(msg("--output writes CSV; add --format csv"))
    if format_ == "csv" and (json_ or plain):
        raise UsageError(msg("--format csv and {option} exclude each other; pick one", option='--json' if json_ else '--plain'))
    if list_:
        from studyplan.cli.output import deliver, target_of

        period = "week" if week else ("month" if month else None)
        target = target_of(output, "log.csv") if format_ == "csv" else None
        result = svc.list_logs(session, period, session.day(date),
                               session.parse_date(since, "--since") if since else None,
                               session.parse_date(until, "--until") if until else None, limit)
        if format_ == "csv":
            from studyplan.render.tabular import log_csv

            deliver(ctx, log_csv(result), target)
            return
        if json_ or plain:
            emit(ctx, result, lambda r: views.log_list_view(r, session.lang()), json_, plain)
        else:
            paged(ctx, views.log_list_view(result, session.lang(), fast=True), no_pager)
    elif delete is not None:
        emit(ctx, svc.delete_log(session, delete), lambda r: views.log_view(r, session.lang(), deleted=True), json_)
    else:
        emit(ctx, svc.add_log(session, duration, kind, module, note, date), lambda r: views.log_view(r, session.lang()), json_)


# report --output FILE without --format: the format its extension names
REPORT_SUFFIXES = {".md": "markdown", ".markdown": "markdown", ".json": "json", ".csv": "csv", ".txt": "rich"}


def _format_of(target: Path | None) -> str | None:
    return None if target is None else REPORT_SUFFIXES.get(target.suffix.lower())


def report(
    ctx: typer.Context,
    week: Annotated[bool, typer.Option("--week", help="The ISO week containing the date (default).")] = False,
    month: Annotated[bool, typer.Option("--month", help="The calendar month containing the date.")] = False,
    date: DateOpt = None,
    format_: Annotated[Optional[str], typer.Option("--format", "-f", metavar="FORMAT", help="rich, markdown, json or csv (default: the --output file's extension, else config report_format).", show_default=False)] = None,
    output: Annotated[Optional[Path], typer.Option("--output", "-o", metavar="FILE", help="Write to this file (atomically) instead of the terminal; its extension (.md, .json, .csv, .txt) picks the format; - for standard output.", show_default=False)] = None,
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

    Without --format, the --output file's extension picks it: .md markdown, .json
    json, .csv csv, .txt the terminal view as plain text; otherwise report_format.

    Example: studyplan report --month --output 2026-03.md
    """
    from studyplan.app import tracking as svc

    session = session_of(ctx)
    if week and month:
        raise UsageError(msg("--week and --month exclude each other; pick one"))
    target = None if output is None or str(output) == "-" else output_path(str(output), "report.md")
    fmt = "json" if json_ else (format_ or _format_of(target) or session.config.get("report_format"))
    if fmt not in ("rich", "markdown", "json", "csv"):
        raise UsageError(msg("--format '{fmt}' is not a format; use rich, markdown, json or csv", fmt=fmt))
    language = session.lang(lang)
    result = svc.report(session, "month" if month else "week", session.day(date), language)
    if fmt != "json":
        from studyplan.render import (
            tracking as views,  # rich (46 modules): not for JSON
        )
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
    from studyplan.cli.output import deliver

    deliver(ctx, text, target, lang=language)


def timeline(ctx: typer.Context, date: DateOpt = None, lang: LangOpt = None, json_: JsonOpt = False) -> None:
    """The whole plan month by month: phases and modules, done work, shifts, and you-are-here.

    Example: studyplan timeline --date 2027-03-01
    """
    from studyplan.app import tracking as svc
    from studyplan.render import tracking as views

    session = session_of(ctx)
    emit(ctx, svc.timeline(session, session.day(date), session.lang(lang)), views.timeline_view, json_, page=True)


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
