"""``studyplan export``, ``studyplan import`` and ``studyplan calendar``: your data out and back in."""

from __future__ import annotations

import sys
from typing import Annotated, Optional

import typer

from studyplan.cli.common import JsonOpt, LangOpt, emit, session_of
from studyplan.errors import UsageError
from studyplan.locale import msg, t

# Use cases and views are imported inside each command: `--help` and completion load every
# command module, and only the command being run should pay for its own (cli/__init__.py).

MAX_PROBLEMS_SHOWN = 50


def export(
    ctx: typer.Context,
    output: Annotated[Optional[str], typer.Option("--output", "-o", metavar="FILE", help="Write the export to this file (default: standard output); an existing file only with --force.", show_default=False)] = None,
    force: Annotated[bool, typer.Option("--force", help="Replace the --output file if it exists.")] = False,
    json_: Annotated[bool, typer.Option("--json", help="Print the export's summary as JSON (`studyplan schema export`); without --output the export itself is its document field.")] = False,
) -> None:
    """A complete backup of the profile as one versioned JSON document (`studyplan schema export-format`).

    It holds the profile's settings, statuses, the change journal, activity, time
    logs, lookups, plan revisions, review cards and reviews, and notes. Without
    --output (or with -o -) the document itself is printed; with it, a one-line
    receipt. An existing file is not replaced without --force. With --json the
    summary is printed as JSON: the file it wrote, or (without --output) the
    document itself in its document field. The config file is not part of it
    (see `studyplan config path`).

    Example: studyplan export -o studyplan-backup-2026-12-01.json
    """
    from studyplan.app import backup
    from studyplan.render.data import export_view

    session = session_of(ctx)
    if output == "-" and json_:
        raise UsageError(msg("-o - prints the export itself and --json its summary, both on standard output; "
                             "drop one (--json without --output holds the export in its document field)"))
    if output in (None, "-"):
        result, doc = backup.export(session)
        if json_:
            emit(ctx, result._replace(document=doc), export_view, True)
            return
        sys.stdout.write(backup.dumps(doc))
        return
    emit(ctx, backup.write_export(session, output, force), lambda r: export_view(r, session.lang()), json_)


def import_(
    ctx: typer.Context,
    file: Annotated[str, typer.Argument(metavar="FILE", help="A file written by `studyplan export` (- reads standard input).", show_default=False)],
    replace: Annotated[bool, typer.Option("--replace", help="Delete the profile's progress first, then load the file's.")] = False,
    merge: Annotated[bool, typer.Option("--merge", help="Keep the profile's progress and add the file's (newer statuses win; duplicates are skipped).")] = False,
    dry_run: Annotated[bool, typer.Option("--dry-run", help="Check the file and show what would change; write nothing.")] = False,
    json_: JsonOpt = False,
) -> None:
    """Load an export into a profile: the whole file is checked first, then written in one transaction.

    The profile is the one named in the file, or --profile NAME (before the
    command) to load it under another name. Into a profile with no progress yet
    no option is needed; otherwise choose --replace or --merge. A damaged file,
    or one from a newer studyplan, is refused and nothing is changed.

    --merge keeps the profile's settings, adds statuses it lacks and takes a
    status from the file only when the file's change is newer, appends logs,
    notes, lookups, revisions and reviews it does not already have, and numbers
    the file's journal after the profile's own (so `undo` steps through it first).

    Example: studyplan import studyplan-backup.json --merge --dry-run
    """
    from studyplan.app import backup
    from studyplan.domain.backup import ExportInvalid
    from studyplan.domain.text import clean
    from studyplan.render.data import import_view

    if replace and merge:
        raise UsageError(msg("--replace and --merge exclude each other; choose one"))
    session = session_of(ctx)
    mode = "replace" if replace else ("merge" if merge else None)
    try:
        result = backup.import_(session, file, mode, dry_run)
    except ExportInvalid as exc:
        if len(exc.problems) > 1:
            for problem in exc.problems[:MAX_PROBLEMS_SHOWN]:
                print(f"studyplan: {clean(problem)}", file=sys.stderr)
            if len(exc.problems) > MAX_PROBLEMS_SHOWN:
                more = t(session.lang(profile=False), "... and {n} more", n=len(exc.problems) - MAX_PROBLEMS_SHOWN)
                print(f"studyplan: {more}", file=sys.stderr)
        raise
    emit(ctx, result, lambda r: import_view(r, session.lang(profile=False)), json_)


def calendar(
    ctx: typer.Context,
    output: Annotated[Optional[str], typer.Option("--output", "-o", metavar="FILE", help="Write the .ics file here (default: standard output).", show_default=False)] = None,
    sessions: Annotated[bool, typer.Option("--sessions", help="Also add the weekly routine as recurring study blocks at a time of day (--at).")] = False,
    days: Annotated[Optional[str], typer.Option("--days", metavar="DAYS", help="Weekdays to study, e.g. mon,wed,fri or mon-fri (default mon-fri); alone, all-day study days, with --sessions, --at or --hours, timed blocks. Rest days (setting rest_days) are left out.", show_default=False)] = None,
    from_: Annotated[Optional[str], typer.Option("--from", metavar="DATE", help="First day of the study blocks (default: today; never before the plan starts).", show_default=False)] = None,
    at: Annotated[Optional[str], typer.Option("--at", metavar="HH:MM", help="Local start time of a block, HH:MM (default 19:00; implies --sessions).", show_default=False)] = None,
    hours: Annotated[Optional[float], typer.Option("--hours", metavar="HOURS", help="Length of a block in hours (default: the week's hours — profile, then config weekly_hours, then the routine's minimum — spread over the days; implies --sessions).", show_default=False)] = None,
    lang: LangOpt = None,
    json_: Annotated[bool, typer.Option("--json", help="Print a summary as JSON (`studyplan schema calendar`); without --output the .ics text is its ics field.")] = False,
) -> None:
    """The plan as an iCalendar (.ics) file: phases and module windows as all-day events.

    With --sessions the weekly routine becomes one recurring event (weekly on the
    chosen days, floating local time, ending by midnight) from today until the plan
    ends; --days alone makes all-day study days. Blocks skip rest days and paused
    days. Event UIDs are stable and SEQUENCE counts how often the plan moved, so
    importing a newer file updates the events instead of duplicating them.
    Without --output (or with -o -) the .ics text is printed; with it, a one-line
    summary. With --json the summary is printed as JSON: the file it wrote, or
    (without --output) the .ics text itself in its ics field.

    Example: studyplan calendar -o plan.ics --days mon,wed,fri --at 19:00 --hours 2
    """
    from studyplan.app import calendar as calendar_use_cases
    from studyplan.render.data import calendar_view

    if output == "-" and json_:
        raise UsageError(msg("-o - prints the calendar itself and --json its summary, both on standard output; "
                             "drop one (--json without --output holds the .ics text in its ics field)"))
    session = session_of(ctx)
    wanted = sessions or days is not None or at is not None or hours is not None
    blocks = calendar_use_cases.sessions_option(session, days, at, hours, timed=sessions) if wanted else None
    first = session.parse_date(from_, "--from") if from_ else None
    language = session.lang(lang)
    result, data = calendar_use_cases.calendar(session, language, output, blocks, first)
    if result.output is None:
        if json_:
            emit(ctx, result._replace(ics=data.decode("utf-8")), calendar_view, True)
            return
        sys.stdout.write(data.decode("utf-8"))
        return
    emit(ctx, result, lambda r: calendar_view(r, language), json_)
