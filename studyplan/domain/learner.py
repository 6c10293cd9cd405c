"""What the store keeps of a learner, as plain records: the profile, the journal of
changes, time logs, plan revisions (replans and pauses) and notes.

``store.progress`` reads and writes them; the domain and the use cases only read them.
"""

from __future__ import annotations

import re
from datetime import date

from studyplan.record import Record


class Profile(Record):
    id: int
    name: str
    curriculum: str
    start_date: date
    months: int
    weekly_hours: float | None
    lang: str | None
    created_at: str


class JournalEntry(Record):
    id: int
    batch: int
    at: str
    day: date
    action: str
    target: str
    before: str | None
    after: str | None
    undone: bool


class LogEntry(Record):
    id: int
    day: date
    minutes: int
    kind: str
    module: str | None
    note: str | None
    created_at: str


class Revision(Record):
    id: int
    at: str
    kind: str
    anchor: date
    days: int
    pause_from: date | None
    pause_to: date | None
    reason: str | None


class Note(Record):
    id: int
    ref: str
    text: str
    at: str
    day: date


class Change(Record):
    """What a status command did to one ref."""

    ref: str
    before: str
    after: str


class Undone(Record):
    batch: int
    entries: tuple[JournalEntry, ...]


class UndoneChange(Record):
    """One undone journal entry, in the learner's terms (what the view and --json say)."""

    action: str  # status | log-add | log-delete | note-add | note-delete | replan | pause | replan-cancel | pause-cancel | …
    target: str  # the item ref, or the id of the log entry, note or revision
    status_before: str | None = None  # status: the status it had again after the undo
    status_after: str | None = None  # status: the status that was undone
    minutes: int | None = None  # log-add / log-delete
    kind: str | None = None  # log-add / log-delete: theory | coding | updates
    days: int | None = None  # replan / pause: how far the plan had moved
    anchor: str | None = None  # replan / pause: from which day
    ref: str | None = None  # note-add: the item the note was on
    day: date | None = None  # log-add / log-delete: the day the time was logged for
    curriculum_before: str | None = None  # curriculum: the curriculum the profile has again
    curriculum_after: str | None = None  # curriculum: the curriculum the undone `init --curriculum` had switched to


def _curriculum(text: str | None) -> str | None:
    """The curriculum of a journaled plan (``{"curriculum": …, "months": …}``)."""
    import json  # only to show an undone switch of curriculum: the daily commands never load json

    try:
        value = json.loads(text or "")
    except ValueError:
        return None
    return str(value["curriculum"]) if isinstance(value, dict) and "curriculum" in value else None


_LOGGED = re.compile(r"^(\d+)m (\w+)$")
_SHIFT = re.compile(r"^(-?\d+)d from (\S+)$")


def undone_change(entry: JournalEntry, log_day: date | None = None) -> UndoneChange:
    """What ``entry`` recorded, read back from its before/after text (``120m theory``, ``23d from 2026-03-02``);
    ``log_day`` is the day a log entry's time was logged for (the entry itself only knows when it was made)."""
    text = entry.after or entry.before or ""
    if entry.action == "status":
        return UndoneChange(entry.action, entry.target, status_before=entry.before or "todo", status_after=entry.after or "todo")
    if entry.action in ("log-add", "log-delete") and (m := _LOGGED.match(text)):
        return UndoneChange(entry.action, entry.target, minutes=int(m.group(1)), kind=m.group(2), day=log_day)
    if entry.action == "curriculum":
        return UndoneChange(entry.action, entry.target, curriculum_before=_curriculum(entry.before),
                            curriculum_after=_curriculum(entry.after))
    if entry.action in ("replan", "pause") and (m := _SHIFT.match(text)):
        return UndoneChange(entry.action, entry.target, days=int(m.group(1)), anchor=m.group(2))
    if entry.action == "note-add":
        return UndoneChange(entry.action, entry.target, ref=text or None)
    return UndoneChange(entry.action, entry.target)
