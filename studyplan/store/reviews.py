"""Every query about review cards and reviews (tables of migration m003).

A rating is one ``BEGIN IMMEDIATE`` transaction (``Store.transaction()``): the card's
current state is read, the caller's ``schedule`` function computes the next one,
and the card, the review and the day's activity (for streaks) are written
together, so an interruption keeps a rating whole or not at all. Nothing here
reads the clock or knows FSRS: card state is opaque JSON, and ``schedule`` returns
``(card state, next due time, state name)``.
"""

from __future__ import annotations

from datetime import date, datetime, timezone
from typing import Callable

from studyplan.record import Record
from studyplan.store.progress import Store
from studyplan.store.sql import day_range

_EPOCH = datetime(1970, 1, 1, tzinfo=timezone.utc)


class CardRow(Record):
    concept: str
    card: dict  # fsrs Card.to_dict(); {} when the stored JSON is unreadable
    due: datetime
    state: str
    introduced_day: date


class ReviewRow(Record):
    id: int
    concept: str
    rating: int
    at: str
    day: date
    due_after: str


def _iso(moment: datetime) -> str:
    """UTC, one format: the ``due`` column compares correctly as text."""
    return moment.astimezone(timezone.utc).isoformat(timespec="seconds")


def _when(text: str) -> datetime:
    try:
        value = datetime.fromisoformat(text)
    except (TypeError, ValueError):
        return _EPOCH  # an unreadable due time makes the card due, not the command fail
    return value if value.tzinfo else value.replace(tzinfo=timezone.utc)


def _json(text: str) -> dict:
    import json  # here, not at the top: `today` counts due cards without reading them

    try:
        value = json.loads(text)
    except (TypeError, ValueError):
        return {}
    return value if isinstance(value, dict) else {}


def _card(r, state: bool = True) -> CardRow:  # noqa: ANN001 - sqlite3.Row
    return CardRow(r["concept"], _json(r["card"]) if state else {}, _when(r["due"]), r["state"], date.fromisoformat(r["introduced_day"]))


class ReviewStore:
    def __init__(self, store: Store) -> None:
        self.store = store
        self.db = store.db

    # -- cards ------------------------------------------------------------------------------
    def cards(self, profile_id: int, states: bool = True) -> list[CardRow]:
        """The profile's cards by due time; ``states=False`` leaves each FSRS state unread
        (``card`` is ``{}``): what the queue needs is in the columns, and `today` counts
        due cards on every start without parsing a hundred JSON documents."""
        rows = self.db.read("SELECT * FROM review_cards WHERE profile_id = ? ORDER BY due, concept", (profile_id,))
        return [_card(r, states) for r in rows]

    def card(self, profile_id: int, concept: str) -> CardRow | None:
        rows = self.db.read("SELECT * FROM review_cards WHERE profile_id = ? AND concept = ?", (profile_id, concept))
        return _card(rows[0]) if rows else None

    def record(self, profile_id: int, concept: str, rating: int, at: str, day: date,
               schedule: Callable[[dict | None], tuple[dict, datetime, str]]) -> tuple[CardRow, int]:
        """Rate ``concept``: card, review and activity in one transaction; (the card, the review id)."""
        import json  # as in cards(): only when a card is rated

        with self.store.transaction() as conn:
            row = conn.execute("SELECT * FROM review_cards WHERE profile_id = ? AND concept = ?", (profile_id, concept)).fetchone()
            before = _card(row) if row else None
            card, next_due, state = schedule(before.card if before and before.card else None)
            introduced = before.introduced_day if before else day
            due = _iso(next_due)
            conn.execute(
                """INSERT INTO review_cards (profile_id, concept, card, due, state, introduced_day) VALUES (?, ?, ?, ?, ?, ?)
                   ON CONFLICT (profile_id, concept) DO UPDATE SET card = excluded.card, due = excluded.due, state = excluded.state""",
                (profile_id, concept, json.dumps(card, sort_keys=True), due, state, introduced.isoformat()),
            )
            cur = conn.execute(
                "INSERT INTO reviews (profile_id, concept, rating, at, day, due_after) VALUES (?, ?, ?, ?, ?, ?)",
                (profile_id, concept, rating, at, day.isoformat(), due),
            )
            conn.execute("INSERT OR IGNORE INTO activity (profile_id, day) VALUES (?, ?)", (profile_id, day.isoformat()))
        return CardRow(concept, card, _when(due), state, introduced), cur.lastrowid

    # -- reviews -----------------------------------------------------------------------------
    def reviews(self, profile_id: int, since: date | None = None, until: date | None = None, after_id: int | None = None) -> list[ReviewRow]:
        sql = "SELECT * FROM reviews WHERE profile_id = ?"
        params: list = [profile_id]
        clause, extra = day_range(since, until)
        sql += clause
        params += extra
        if after_id is not None:
            sql += " AND id > ?"
            params.append(after_id)
        rows = self.db.read(sql + " ORDER BY id", tuple(params))
        return [ReviewRow(r["id"], r["concept"], r["rating"], r["at"], date.fromisoformat(r["day"]), r["due_after"]) for r in rows]

    def last_review_id(self, profile_id: int) -> int:
        return self.db.read("SELECT COALESCE(MAX(id), 0) FROM reviews WHERE profile_id = ?", (profile_id,))[0][0]

    def reviewed_concepts(self, profile_id: int) -> set[str]:
        # A card exists from its first rating on: one row per concept, however long the history.
        return {r[0] for r in self.db.read("SELECT concept FROM review_cards WHERE profile_id = ?", (profile_id,))}
