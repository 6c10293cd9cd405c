"""Use cases that change statuses, and ``undo``."""

from __future__ import annotations

from studyplan.app.refs import resolve_refs
from studyplan.app.session import Session
from studyplan.app.sync_files import device_id
from studyplan.domain.curriculum import Curriculum
from studyplan.domain.learner import Change, JournalEntry, UndoneChange, undone_change
from studyplan.domain.progress import item_status, module_progress, spelled_out
from studyplan.record import Record


class MarkResult(Record):
    status: str
    changes: tuple[Change, ...]
    unchanged: tuple[str, ...]


def mark(session: Session, refs: list[str], status: str) -> MarkResult:
    """Set ``refs`` to ``status`` in one batch (one `undo`). Inside a module marked done or
    skipped, the module's status is spelled out on its other items first (``spelled_out``),
    so starting an item of a done module makes the module in progress."""
    resolved = resolve_refs(session, refs)
    curriculum, profile_id = session.curriculum, session.profile.id
    before = session.store.statuses(profile_id)
    wanted = {ref: status for ref in resolved}
    stored = session.store.apply_statuses(profile_id, spelled_out(curriculum, before, wanted), session.timestamp(), session.study_day())
    after = dict(before)
    for c in stored:
        after.pop(c.ref, None) if c.after == "todo" else after.__setitem__(c.ref, c.after)
    shown = []  # what the learner asked for, and a module whose status changed with it, as each reads
    for c in stored:
        if c.ref in wanted and "/" not in c.ref:
            shown.append(c)
        elif c.ref in wanted or "/" not in c.ref:
            was, now = _reads(curriculum, before, c.ref), _reads(curriculum, after, c.ref)
            if was != now or c.ref in wanted:
                shown.append(Change(c.ref, was, now))
    changed = {c.ref for c in shown}
    return MarkResult(status, tuple(shown), tuple(r for r in resolved if r not in changed))


def _reads(curriculum: Curriculum, statuses: dict[str, str], ref: str) -> str:
    """The status ``ref`` shows (an item's module may decide it; a module's items may)."""
    item = curriculum.item(ref)
    if item is not None:
        return item_status(statuses, item)
    module = curriculum.module(ref)
    return module_progress(curriculum, statuses, module).status if module is not None else statuses.get(ref, "todo")


class UndoResult(Record):
    undone: bool
    batch: int | None
    entries: tuple[JournalEntry, ...]
    changes: tuple[UndoneChange, ...] = ()  # the entries in the learner's terms


def undo(session: Session, any_device: bool = False) -> UndoResult:
    """Revert this device's newest change; one synced from another device only with ``any_device``
    (the undo is a change like any other: the next sync carries it to the other devices)."""
    device = None if any_device else device_id(create=False)  # None: never synced, every change is this device's
    before = session.store.statuses(session.profile.id)
    result = session.store.undo(session.profile.id, session.timestamp(), session.study_day(), device)
    if result is None:
        return UndoResult(False, None, ())
    return UndoResult(True, result.batch, result.entries, learner_terms(session, result.entries, before))


def learner_terms(session: Session, entries: tuple[JournalEntry, ...], before: dict[str, str]) -> tuple[UndoneChange, ...]:
    """The undone entries as the learner saw them: statuses as they read (an item's module may decide
    it; one that reads the same as before is left out), log entries with the day they are for."""
    after = session.store.statuses(session.profile.id)
    logs = [int(e.target) for e in entries if e.action in ("log-add", "log-delete") and e.target.isdigit()]
    days = session.store.log_days(session.profile.id, logs) if logs else {}
    curriculum = session.curriculum
    out: list[UndoneChange] = []
    for e in sorted(entries, key=lambda e: e.id):  # in the order they were made
        if e.action != "status":
            out.append(undone_change(e, days.get(int(e.target)) if e.target.isdigit() else None))
            continue
        was, now = _reads(curriculum, before, e.target), _reads(curriculum, after, e.target)
        if was != now:
            out.append(undone_change(e)._replace(status_before=now, status_after=was))
    return tuple(out)
