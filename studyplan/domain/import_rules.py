"""What an imported value must be: the rule of the command that would have made it.

An export file is text anyone can edit, and an import writes it into the database as
it is; so every value passes the rule the command that makes such a value applies, and
an import never holds what the commands could not have written:

* dates: ``YYYY-MM-DD`` exactly (``20261201`` and ``2026-W01-1``, which Python also
  reads, are refused), from ``dates.EARLIEST`` to ``dates.LATEST`` like every ``--date``;
  timestamps: ISO 8601 starting with such a date;
* the profile: months and weekly hours as ``init`` checks them (in ``domain.backup``);
* ``time_log.minutes``: 1 to ``durations.MAX_MINUTES``, as ``log`` reads a duration;
* ``focus``: at most one running timer, of 1 to ``MAX_MINUTES`` minutes, of a kind ``focus`` takes;
* ``plan_revisions``: a pause runs from ``pause_from`` to ``pause_to`` (its anchor, its
  length in ``days``, at most ``MAX_PAUSE_DAYS``); a replan moves the plan 1 to
  ``MAX_SHIFT_DAYS`` days, and so do all active revisions together, so no date of a plan
  can leave the calendar; active pauses never overlap, in the file and (``--merge``)
  with the profile's own;
* ``journal``: an action the commands write; a status change names an item and two
  statuses; a log, note or revision action names a row of the file by its id; an undo
  names an earlier batch of the file — so ``undo`` after an import always works.

Pure: rows in, problems (``$.json.path: message``) out.
"""

from __future__ import annotations

import re
from datetime import date, datetime
from typing import Any, Callable

from studyplan.domain.content import LOG_KINDS
from studyplan.domain.dates import EARLIEST, LATEST
from studyplan.domain.durations import MAX_MINUTES
from studyplan.domain.schedule import MAX_PAUSE_DAYS

MAX_SHIFT_DAYS = (LATEST - EARLIEST).days  # the most a replan can move a plan (from EARLIEST to LATEST)

# Journal actions whose ``target`` is the id of a row in another table.
JOURNAL_TARGETS: dict[str, str] = {
    "log-add": "time_log",
    "log-delete": "time_log",
    "note-add": "notes",
    "note-delete": "notes",
    "replan": "plan_revisions",
    "pause": "plan_revisions",
    "replan-cancel": "plan_revisions",
    "pause-cancel": "plan_revisions",
}
UNDO_ACTION = "undo"  # its target is a batch number
STATUS_ACTION = "status"  # its target is an item's ref, before/after are statuses
CURRICULUM_ACTION = "curriculum"  # `init --curriculum`: target "profile", before/after the curriculum and months as JSON
ACTIONS = (STATUS_ACTION, UNDO_ACTION, CURRICULUM_ACTION, *JOURNAL_TARGETS)
STATUSES = ("todo", "in-progress", "done", "skipped")

_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_TIMESTAMP = re.compile(r"\d{4}-\d{2}-\d{2}(?:[T ]\d{2}(?::\d{2}(?::\d{2}(?:[.,]\d{1,9})?)?)?(?:Z|[+-]\d{2}(?::?\d{2}(?::\d{2}(?:\.\d+)?)?)?)?)?")
_ID = re.compile(r"[1-9][0-9]{0,18}")


def _in_range(day: date, shown: str) -> str | None:
    if EARLIEST <= day <= LATEST:
        return None
    return f"must be a date from {EARLIEST} to {LATEST} (as every --date), not {shown}"


def date_problem(value: Any, kind: Callable[[Any], str]) -> str | None:
    """A problem with a date column's value (``kind`` names it in the message), or None."""
    if not isinstance(value, str) or not _DATE.fullmatch(value):
        return f"must be a date (YYYY-MM-DD), not {kind(value)}"
    try:
        day = date.fromisoformat(value)
    except ValueError:
        return f"must be a date (YYYY-MM-DD), not {kind(value)}"
    return _in_range(day, value)


def timestamp_problem(value: Any, kind: Callable[[Any], str]) -> str | None:
    if not isinstance(value, str) or not _TIMESTAMP.fullmatch(value):
        return f"must be an ISO 8601 timestamp (YYYY-MM-DDTHH:MM:SS±HH:MM), not {kind(value)}"
    try:
        moment = datetime.fromisoformat(value)
    except ValueError:
        return f"must be an ISO 8601 timestamp (YYYY-MM-DDTHH:MM:SS±HH:MM), not {kind(value)}"
    return _in_range(moment.date(), value)


VALUE_RULES = frozenset({("time_log", "minutes"), ("plan_revisions", "days"), ("journal", "action"),
                         ("focus", "minutes"), ("focus", "kind")})  # value_problem's columns


def value_problem(table: str, column: str, value: Any) -> str | None:
    """One column's meaning beyond ``domain.backup``'s (the value has the right type)."""
    if table == "time_log" and column == "minutes" and value > MAX_MINUTES:
        return f"must be at most {MAX_MINUTES} (24 hours, as `log` takes), not {value}"
    if table == "plan_revisions" and column == "days" and not 1 <= value <= MAX_SHIFT_DAYS:
        return f"must be 1 to {MAX_SHIFT_DAYS} days (what `replan` and `pause` can make), not {value}"
    if table == "focus" and column == "minutes" and not 1 <= value <= MAX_MINUTES:
        return f"must be 1 to {MAX_MINUTES} minutes (what `focus` takes), not {value}"
    if table == "focus" and column == "kind" and value not in LOG_KINDS:
        return f"must be a kind `focus` takes ({', '.join(LOG_KINDS)}), not {value!r}"
    if table == "journal" and column == "action" and value not in ACTIONS:
        return f"must be an action studyplan records ({', '.join(ACTIONS)}), not {value!r}"
    return None


def row_problems(table: str, row: dict[str, Any]) -> list[tuple[str, str]]:
    """Rules across the columns of one row whose columns are each valid: (column or "", problem)."""
    if table == "plan_revisions" and row.get("kind") == "pause":
        return _pause_problems(row)
    if table == "journal":
        return _journal_row_problems(row)
    return []


def _pause_problems(row: dict[str, Any]) -> list[tuple[str, str]]:
    start, end = row.get("pause_from"), row.get("pause_to")
    if start is None or end is None:
        return [("pause_from" if start is None else "pause_to", "a pause needs its first and last day (pause_from, pause_to)")]
    first, last = date.fromisoformat(start), date.fromisoformat(end)
    length = (last - first).days + 1
    if length < 1:
        return [("", f"the pause ends ({end}) before it starts ({start})")]
    if length > MAX_PAUSE_DAYS:
        return [("", f"the pause {start} → {end} is {length} days, longer than a year (at most {MAX_PAUSE_DAYS}, as `pause` takes)")]
    out = []
    if row.get("anchor") != start:
        out.append(("anchor", f"a pause is anchored on its first day, {start}, not {row.get('anchor')}"))
    if row.get("days") != length:
        out.append(("days", f"the pause {start} → {end} lasts {length} days, not {row.get('days')}"))
    return out


def _journal_row_problems(row: dict[str, Any]) -> list[tuple[str, str]]:
    action, target = row.get("action"), row.get("target")
    if action == STATUS_ACTION:
        out = [] if target.strip() else [("target", "a status change names the item it changed")]
        for column in ("before", "after"):
            if row.get(column) is not None and row[column] not in STATUSES:
                out.append((column, f"must be a status ({', '.join(STATUSES)}), not {row[column]!r}"))
        return out
    if action == CURRICULUM_ACTION:
        return [] if target == "profile" else [("target", f"a curriculum switch names the profile (\"profile\"), not {target!r}")]
    if not _ID.fullmatch(target):
        what = "the batch it undoes" if action == UNDO_ACTION else f"the id of a row of {JOURNAL_TARGETS[action]}"
        return [("target", f"must be {what} (a whole number), not {target!r}")]
    return []


def _positions(rows: list, positions: list[int] | None) -> list[int]:
    return positions if positions is not None else list(range(len(rows)))


def link_problems(tables: dict[str, list[dict[str, Any]]], positions: dict[str, list[int] | None]) -> list[str]:
    """Rules across rows and tables: journal targets exist, pauses do not overlap, the plan stays on the calendar.

    ``positions[table]`` maps a kept row to its index in the file (None: every row was kept);
    a table that lost rows to other problems is not used to judge a journal target.
    """
    problems: list[str] = []
    journal = tables.get("journal", [])
    ids = {t: {r["id"] for r in tables.get(t, ()) if "id" in r} for t in set(JOURNAL_TARGETS.values())}
    batches = {r["batch"] for r in journal}
    for i, row in zip(_positions(journal, positions.get("journal")), journal):
        action, target = row["action"], row["target"]
        where = f"$.tables.journal[{i}].target"
        if action == UNDO_ACTION:
            if int(target) not in batches or int(target) >= row["batch"]:
                problems.append(f"{where}: undoes batch {target}, which is not an earlier batch of the file's journal")
        elif action in JOURNAL_TARGETS:
            table = JOURNAL_TARGETS[action]
            if positions.get(table) is None and int(target) not in ids[table]:
                problems.append(f"{where}: names row {target} of {table}, but the file has no row {target} there (no row with that id)")
    revisions = tables.get("plan_revisions", [])
    problems += revision_problems([], list(zip(_positions(revisions, positions.get("plan_revisions")), revisions)))
    if len(tables.get("focus", ())) > 1:
        problems.append(f"$.tables.focus: holds {len(tables['focus'])} running focus timers; a profile runs at most one, so keep one")
    return problems


def _active(row: dict[str, Any]) -> bool:
    return not row.get("cancelled")


def revision_problems(existing: list[dict[str, Any]], incoming: list[tuple[int, dict[str, Any]]], profile: str | None = None) -> list[str]:
    """Pauses that overlap and a plan moved off the calendar, once ``incoming`` (file index, row)
    joins the ``existing`` revisions of a profile (``--merge``; none for a new profile)."""
    problems: list[str] = []

    def span(r: dict) -> tuple[str, str]:
        return r["pause_from"], r["pause_to"]

    theirs = [r for r in existing if _active(r) and r.get("kind") == "pause" and r.get("pause_from") and r.get("pause_to")]
    mine = sorted(((i, r) for i, r in incoming if _active(r) and r.get("kind") == "pause" and r.get("pause_from") and r.get("pause_to")),
                  key=lambda p: span(p[1]))
    latest: tuple[int, dict] | None = None  # the file's pause reaching furthest so far (sorted by start)
    for i, r in mine:
        start, end = span(r)
        if latest is not None and start <= latest[1]["pause_to"]:
            j, other = latest
            problems.append(f"$.tables.plan_revisions[{i}]: the pause {start} → {end} overlaps the pause at $.tables.plan_revisions[{j}] "
                            f"({other['pause_from']} → {other['pause_to']}); pauses never overlap — remove or shorten one")
        if latest is None or end > latest[1]["pause_to"]:
            latest = (i, r)
        for other in theirs:
            if not (end < other["pause_from"] or start > other["pause_to"]):
                problems.append(f"$.tables.plan_revisions[{i}]: the pause {start} → {end} overlaps pause #{other['id']} of profile '{profile}' "
                                f"({other['pause_from']} → {other['pause_to']}); cancel one (`studyplan pause --cancel {other['id']}`) "
                                "or leave it out of the file")
    moved = sum(r["days"] for r in existing if _active(r)) + sum(r["days"] for _, r in incoming if _active(r))
    if moved > MAX_SHIFT_DAYS:
        problems.append(f"$.tables.plan_revisions: the active replans and pauses together move the plan {moved} days, "
                        f"more than the {MAX_SHIFT_DAYS} from {EARLIEST} to {LATEST}; cancel some of them")
    return problems
