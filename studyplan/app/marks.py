"""Use cases that change statuses, and ``undo``."""

from __future__ import annotations

from studyplan.app.refs import resolve_refs
from studyplan.app.session import Session
from studyplan.domain.learner import Change, JournalEntry, UndoneChange, undone_change
from studyplan.record import Record


class MarkResult(Record):
    status: str
    changes: tuple[Change, ...]
    unchanged: tuple[str, ...]


def mark(session: Session, refs: list[str], status: str) -> MarkResult:
    resolved = resolve_refs(session, refs)
    changes = session.store.set_statuses(session.profile.id, resolved, status, session.timestamp(), session.study_day())
    changed = {c.ref for c in changes}
    return MarkResult(status, tuple(changes), tuple(r for r in resolved if r not in changed))


class UndoResult(Record):
    undone: bool
    batch: int | None
    entries: tuple[JournalEntry, ...]
    changes: tuple[UndoneChange, ...] = ()  # the entries in the learner's terms


def undo(session: Session) -> UndoResult:
    result = session.store.undo(session.profile.id, session.timestamp(), session.study_day())
    if result is None:
        return UndoResult(False, None, ())
    return UndoResult(True, result.batch, result.entries, tuple(undone_change(e) for e in result.entries))
