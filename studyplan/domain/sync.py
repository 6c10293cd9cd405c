"""The rules of `studyplan sync`: device files, the order of changes, and the replay that
turns a merged journal into statuses and flags.

Every row a device made carries a ``sync_id`` ``"<device>:<its id there>"`` (a ``~`` at the
end marks a row that existed before the device first synced). Rows are kept by that id, so
merging a file twice, or in another order, adds nothing twice. What rows can change —
statuses, the ``deleted`` flag of a log entry or a note, the ``cancelled`` flag of a pause or
a replan, the ``undone`` flag of the journal — is recomputed from the merged journal by
``replay``: every change in the order of ``order_key`` (its time, then the device id, then
its number on that device), so every device that holds the same journal holds the same
state, whatever order it learnt it in.

Pure: no SQL, no files, no clock.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import UTC, date, datetime

from studyplan.domain import review as rv
from studyplan.record import Record

DEVICE_ID = re.compile(r"[0-9a-f]{16}")
_FILE = re.compile(r"([0-9a-f]{16})\.([A-Za-z0-9][A-Za-z0-9_.-]{0,63})\.json")
_EARLIEST = datetime.min.replace(tzinfo=UTC)
LEGACY = "~"  # ends the sync_id of a row that was there before the device first synced

# Journal action -> (table, flag value it sets, the value its undo sets back; None: undo leaves it)
FLAG_EFFECTS: dict[str, tuple[str, int, int | None]] = {
    "log-add": ("time_log", 0, 1),
    "log-delete": ("time_log", 1, 0),
    "note-add": ("notes", 0, 1),
    "note-delete": ("notes", 1, 0),
    "replan": ("plan_revisions", 0, 1),
    "pause": ("plan_revisions", 0, 1),
    "pause-cancel": ("plan_revisions", 1, 0),
    "replan-cancel": ("plan_revisions", 1, None),  # as Store.undo: undoing a cancelled replan does not bring it back
}
FLAG_COLUMN = {"time_log": "deleted", "notes": "deleted", "plan_revisions": "cancelled"}


def file_name(device: str, profile: str) -> str:
    return f"{device}.{profile}.json"


def parse_file_name(name: str) -> tuple[str, str] | None:
    """(device, profile) of a device file's name; None for anything else (temp files, conflict copies)."""
    m = _FILE.fullmatch(name)
    return (m.group(1), m.group(2)) if m else None


def moment(text: str | None) -> datetime:
    """A stored timestamp as an aware UTC datetime (naive ones are UTC; unreadable ones sort first)."""
    try:
        value = datetime.fromisoformat(text or "")
    except (TypeError, ValueError):
        return _EARLIEST
    return (value if value.tzinfo else value.replace(tzinfo=UTC)).astimezone(UTC)


def origin(sync_id: str | None, here: str) -> tuple[str, int]:
    """(device, number on that device) of a row; an unclaimed row is this device's own."""
    if not sync_id:
        return here, 0
    device, _, number = sync_id.rstrip(LEGACY).partition(":")
    return device, int(number) if number.isdigit() else 0


def order_key(at: str | None, sync_id: str | None, here: str, local_id: int = 0) -> tuple:
    """The one order of changes from every device: time, device id, number on the device."""
    device, number = origin(sync_id, here)
    return (moment(at), device, number or local_id)


# -- the replay ---------------------------------------------------------------------------------
class Event(Record):
    """A journal entry as the replay reads it."""

    id: int
    batch: int
    at: str
    action: str
    target: str
    before: str | None
    after: str | None
    sync_id: str | None


class Replayed(Record):
    statuses: dict[str, tuple[str, str]]  # ref -> (status, time of the change that set it); "todo" removes the row
    flags: dict[tuple[str, int], int]  # (table, row id) -> the flag's value
    undone: frozenset[int]  # batches undone


def replay(events: Iterable[Event], here: str) -> Replayed:
    """Statuses, flags and undone batches that the journal's changes give, applied in ``order_key`` order.

    An undo reverts the entries of the batch it names: a flag takes the value the undo sets;
    a status goes back to what it was before only while it still holds what the undone
    change set (a later change from another device is not undone with it).
    """
    events = list(events)
    batches: dict[int, list[Event]] = {}
    for e in events:
        if e.action != "undo":
            batches.setdefault(e.batch, []).append(e)

    def key(e: Event) -> tuple:
        own = order_key(e.at, e.sync_id, here, e.id)
        if e.action == "undo" and e.target.isdigit():  # never before what it undoes, whatever the clocks said
            return max([own, *(order_key(x.at, x.sync_id, here, x.id) for x in batches.get(int(e.target), ()))])
        return own

    statuses: dict[str, tuple[str, str]] = {}
    flags: dict[tuple[str, int], int] = {}
    undone: set[int] = set()
    for e in sorted(events, key=key):
        if e.action != "undo":
            _apply(e, statuses, flags, e.at)
            continue
        if not e.target.isdigit() or int(e.target) in undone or int(e.target) not in batches:
            continue
        undone.add(int(e.target))
        for x in batches[int(e.target)]:
            if x.action == "status":
                current = statuses.get(x.target, ("todo", ""))[0]
                if current == (x.after or "todo"):
                    statuses[x.target] = (x.before or "todo", e.at)
            elif x.action in FLAG_EFFECTS and x.target.isdigit() and FLAG_EFFECTS[x.action][2] is not None:
                table, _, back = FLAG_EFFECTS[x.action]
                flags[(table, int(x.target))] = back  # type: ignore[assignment]
    return Replayed(statuses, flags, frozenset(undone))


def _apply(e: Event, statuses: dict[str, tuple[str, str]], flags: dict[tuple[str, int], int], at: str) -> None:
    if e.action == "status":
        statuses[e.target] = (e.after or "todo", at)
    elif e.action in FLAG_EFFECTS and e.target.isdigit():
        table, value, _ = FLAG_EFFECTS[e.action]
        flags[(table, int(e.target))] = value


# -- pauses of two devices ------------------------------------------------------------------------
class PauseSpan(Record):
    id: int
    key: tuple
    start: str
    end: str


def overlapping(pauses: Iterable[PauseSpan]) -> set[int]:
    """Active pauses that overlap one made before them (by ``order_key``): those are set aside."""
    kept: list[PauseSpan] = []
    out: set[int] = set()
    for p in sorted(pauses, key=lambda p: p.key):
        if any(not (p.end < k.start or p.start > k.end) for k in kept):
            out.add(p.id)
        else:
            kept.append(p)
    return out


# -- review cards from the merged review log ----------------------------------------------------------
class Rating(Record):
    rating: int
    at: str
    day: date


class Refolded(Record):
    card: dict
    due: datetime
    state: str
    introduced_day: date


def fold(concept: str, ratings: list[Rating], desired_retention: float = rv.DESIRED_RETENTION) -> Refolded:
    """The card that ``ratings`` (in order) give, as if every one had been made on one device."""
    state: dict | None = None
    scheduled = None
    for r in ratings:
        scheduled = rv.schedule(state, concept, r.rating, moment(r.at), desired_retention)
        state = scheduled.card
    assert scheduled is not None, "fold() needs at least one rating"
    return Refolded(scheduled.card, scheduled.due, scheduled.state, ratings[0].day)


def card_is_current(card: dict, last: Rating) -> bool:
    """Was ``card`` computed with ``last`` as its newest review (so folding again would give it)?"""
    return moment(card.get("last_review")) == moment(last.at)


# -- profile settings -----------------------------------------------------------------------------
def settings_key(profile: dict) -> tuple:
    """Which profile settings win: the latest `init` (settings_at), then the profile made first, then the values."""
    import json  # small: only sync compares settings

    stamp = profile.get("settings_at")
    created = moment(profile.get("created_at"))
    return (stamp is not None, moment(stamp), -created.timestamp(), json.dumps(profile, sort_keys=True, default=str))
