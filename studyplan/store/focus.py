"""The running focus timer (table ``focus`` of migration m005): at most one per profile.

Starting and taking a timer each happen inside the caller's ``store.transaction()``
(``BEGIN IMMEDIATE``), so two terminals cannot both start one, nor both stop the same
one and log it twice. Nothing here reads the clock: the start time and study day come in.
"""

from __future__ import annotations

from datetime import date, datetime

from studyplan.domain.focus import Timer
from studyplan.store.progress import Store


def _timer(r) -> Timer:  # noqa: ANN001 - sqlite3.Row
    return Timer(datetime.fromisoformat(r["at"]), date.fromisoformat(r["day"]), r["minutes"], r["kind"], r["module"])


class FocusStore:
    def __init__(self, store: Store) -> None:
        self.store = store

    def running(self, profile_id: int) -> Timer | None:
        rows = self.store.db.read("SELECT * FROM focus WHERE profile_id = ?", (profile_id,))
        return _timer(rows[0]) if rows else None

    def start(self, profile_id: int, at: str, day: date, minutes: int, kind: str, module: str | None) -> Timer:
        """Store a new timer (the caller checked, in the same transaction, that none runs)."""
        with self.store.transaction() as conn:
            conn.execute("INSERT INTO focus (profile_id, at, day, minutes, kind, module) VALUES (?, ?, ?, ?, ?, ?)",
                         (profile_id, at, day.isoformat(), minutes, kind, module))
        return Timer(datetime.fromisoformat(at), day, minutes, kind, module)

    def take(self, profile_id: int, started_at: datetime | None = None) -> Timer | None:
        """Remove the running timer and return it (None: none runs, or not the one that
        started at ``started_at``, when given)."""
        with self.store.transaction() as conn:
            row = conn.execute("SELECT * FROM focus WHERE profile_id = ?", (profile_id,)).fetchone()
            if row is None:
                return None
            timer = _timer(row)
            if started_at is not None and timer.started_at != started_at:
                return None
            conn.execute("DELETE FROM focus WHERE profile_id = ?", (profile_id,))
        return timer
