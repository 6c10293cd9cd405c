"""What the store keeps of a learner, as plain records: the profile, the journal of
changes, time logs, plan revisions (replans and pauses) and notes.

``store.progress`` reads and writes them; the domain and the use cases only read them.
"""

from __future__ import annotations

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
