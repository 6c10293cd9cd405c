"""One sitting of ``studyplan review``: today's queue, then the cards a rating brought back.

Pure code: the caller passes ``now`` at every step. As in Anki, a card left in a short
learning step (rated *again*, or a new card between its first steps) comes back in the
same sitting: as soon as its step is due it goes before the rest of the queue, and once
the queue is done it is shown early when its step is due within the learn-ahead limit
(Anki's default, 20 minutes). A card whose next step is further away ends the sitting;
the summary says when it is due.
"""

from __future__ import annotations

from collections import deque
from datetime import datetime, timedelta
from typing import Iterable

from studyplan.domain.review import QueueCard

LEARN_AHEAD = timedelta(minutes=20)
SHORT_STEPS = ("learning", "relearning")


class SessionQueue:
    """The cards still to show in this sitting, in the order they should come."""

    def __init__(self, cards: Iterable[QueueCard], learn_ahead: timedelta = LEARN_AHEAD) -> None:
        self.pending: deque[QueueCard] = deque(cards)
        self.returning: list[QueueCard] = []  # rated into a short step today, by due time
        self.learn_ahead = learn_ahead
        self.shown = 0

    def __len__(self) -> int:
        return len(self.pending) + len(self.returning)

    def next(self, now: datetime) -> QueueCard | None:
        """The card to show at ``now``, or None when the sitting is over."""
        card = None
        if self.returning and self.returning[0].due <= now:
            card = self.returning.pop(0)  # its step is due: before the rest of the queue
        elif self.pending:
            card = self.pending.popleft()
        elif self.returning and self.returning[0].due <= now + self.learn_ahead:
            card = self.returning.pop(0)  # nothing else left: shown early, as Anki does
        if card is not None:
            self.shown += 1
        return card

    def rated(self, card: QueueCard, state: str, due: datetime, day_end: datetime) -> bool:
        """Note a rating; True when the card may come back in this sitting (a short step due today).

        It comes back when its step is due while the sitting lasts (``next``)."""
        if state not in SHORT_STEPS or due >= day_end:
            return False
        self.returning.append(QueueCard(card.concept, card.term, due, state, False))
        self.returning.sort(key=lambda c: c.due)  # stable: of two due together, the one rated first comes first
        return True

    def planned(self) -> int:
        """Cards shown so far plus those still to come: the "of N" of the card on screen."""
        return self.shown + len(self)
