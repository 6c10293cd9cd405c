"""Spaced-repetition review of the glossary: which concepts are cards, in what order, and FSRS.

Pure code: no printing, no SQL, no clock. The caller passes ``now`` (an aware
datetime), the study ``day`` and the instant the study day ends (``due_before``):
a card is due today when its FSRS due time falls before the end of the study day,
so ``today``'s count and the review queue agree all day long.

The queue: cards already introduced and due, ordered by due time then concept id;
then new cards in curriculum order (the modules' study order, then glossary order),
no more than the day's remaining allowance (``new_cards_per_day`` minus the cards
introduced today). A stored card whose concept is no longer in the curriculum is
left out, never an error.

FSRS (the ``fsrs`` package) is imported inside the functions that need it, so
``studyplan today`` never pays for it. Card state is kept as fsrs's own
``Card.to_dict()``; fsrs works in UTC.
"""

from __future__ import annotations

from datetime import date, datetime, timezone
from typing import Iterable, TypedDict

from studyplan.config import REVIEW_DIRECTIONS
from studyplan.domain.content import Concept
from studyplan.domain.curriculum import Curriculum
from studyplan.record import Record

RATINGS = ("again", "hard", "good", "easy")  # fsrs Rating 1..4
CARD_STATES = ("learning", "review", "relearning")  # fsrs State 1..3
ACTIVE_MODULE = ("in-progress", "done")


def rating_name(rating: int) -> str:
    return RATINGS[rating - 1]


def parse_rating(text: str) -> int | None:
    """``1``-``4`` or ``again/hard/good/easy`` (any case) -> 1..4; anything else -> None."""
    word = text.strip().lower()
    if word in ("1", "2", "3", "4"):
        return int(word)
    if word in RATINGS:
        return RATINGS.index(word) + 1
    return None


# -- the deck ------------------------------------------------------------------------------
class StoredCard(Record):
    """A card as the store keeps it (the domain's view of a ``review_cards`` row)."""

    concept: str
    due: datetime  # aware
    state: str  # learning | review | relearning
    introduced_day: date


class QueueCard(Record):
    concept: str
    term: str
    due: datetime | None  # None for a new card
    state: str  # new | learning | review | relearning
    new: bool


class Queue(Record):
    day: date
    lang: str
    module: str | None
    due: int  # introduced cards due today (before any --limit)
    new: int  # new cards in today's queue (before any --limit)
    new_left: int  # the day's remaining allowance of new cards
    new_waiting: int  # eligible concepts never reviewed
    next_due: datetime | None  # earliest due time after today, when nothing else is due
    cards: tuple[QueueCard, ...]


# What a card asks (setting ``review_direction``, option ``--direction``): the term for its
# definition, or the term in one language for the term in the other.
DIRECTIONS = REVIEW_DIRECTIONS
DEFAULT_DIRECTION = DIRECTIONS[0]
MASKS = {"ja": "＿＿", "en": "___"}


class Face(Record):
    """What a card shows: the front, a hint in the learner's language, the answer and the definition.

    ``answer`` is the term asked for (the other language's term) when the card asks
    for a term, empty when it asks for the definition."""

    concept: str
    term: str  # the front
    hint: str  # in the learner's language; empty when there is nothing to give
    answer: str
    definition: str  # in the learner's language
    direction: str = DEFAULT_DIRECTION


def other_lang(lang: str) -> str:
    return "en" if lang == "ja" else "ja"


def _masked(text: str, words: Iterable[str], mask: str) -> str:
    """``text`` with every spelling of the answer blanked out, so the hint does not give it away."""
    import re  # only when a card is shown

    for word in sorted({w for w in words if w}, key=len, reverse=True):
        pattern = re.escape(word)
        if word.isascii():  # a whole word: "ML" is not blanked inside "HTML"
            pattern = rf"(?<![A-Za-z0-9]){pattern}(?![A-Za-z0-9])"
        text = re.sub(pattern, mask, text, flags=re.IGNORECASE)
    return text


def face(concept: Concept, lang: str, direction: str = DEFAULT_DIRECTION, related: Iterable[str] = ()) -> Face:
    """The card of ``concept`` for a learner reading ``lang``.

    term-definition: the term in ``lang``; the hint names related concepts (``related``, their
    terms in ``lang``). ja-en / en-ja: the term in the first language asks for the term in the
    second; the hint is the definition in ``lang`` with the answer blanked out."""
    definition = concept.definition.get(lang)
    if direction not in ("ja-en", "en-ja"):
        return Face(concept.id, concept.term.get(lang), ("、" if lang == "ja" else ", ").join(related), "", definition, DEFAULT_DIRECTION)
    front, back = direction.split("-")
    answer = concept.term.get(back)
    hint = _masked(definition, (answer, concept.term.get(front), *concept.aliases), MASKS.get(lang, MASKS["en"]))
    return Face(concept.id, concept.term.get(front), hint, answer, definition, direction)


def study_order(curriculum: Curriculum) -> dict[str, int]:
    """Module id -> its place in the study order: phase by phase, then any module outside a phase."""
    order: dict[str, int] = {}
    for phase in curriculum.phases:
        for mid in phase.modules:
            order.setdefault(mid, len(order))
    for m in curriculum.modules:
        order.setdefault(m.id, len(order))
    return order


def in_curriculum_order(curriculum: Curriculum, concepts: Iterable[Concept]) -> list[Concept]:
    order = study_order(curriculum)
    index = {c.id: n for n, c in enumerate(curriculum.concepts)}
    last = len(order)
    return sorted(concepts, key=lambda c: (min((order.get(m, last) for m in c.modules), default=last), index.get(c.id, 0), c.id))


def eligible(curriculum: Curriculum, module_status: dict[str, str], module: str | None = None, everything: bool = False) -> list[Concept]:
    """Concepts that may become cards, in curriculum order.

    A concept is eligible when one of its modules is started or done (``everything``
    takes every concept); ``module`` narrows to the concepts that module teaches.
    """
    out = []
    for c in curriculum.concepts:
        if module is not None and module not in c.modules:
            continue
        if not everything and not any(module_status.get(m) in ACTIVE_MODULE for m in c.modules):
            continue
        out.append(c)
    return in_curriculum_order(curriculum, out)


def introduced_on(cards: Iterable[StoredCard], day: date) -> int:
    return sum(1 for c in cards if c.introduced_day == day)


def build_queue(
    curriculum: Curriculum,
    cards: Iterable[StoredCard],
    module_status: dict[str, str],
    *,
    day: date,
    due_before: datetime,
    new_per_day: int,
    lang: str,
    module: str | None = None,
    everything: bool = False,
    limit: int | None = None,
) -> Queue:
    cards = list(cards)
    stored = {c.concept: c for c in cards}
    known = [c for c in cards if curriculum.concept(c.concept) is not None]
    if module is not None:
        known = [c for c in known if module in curriculum.concept(c.concept).modules]
    due = sorted((c for c in known if c.due < due_before), key=lambda c: (c.due, c.concept))
    later = [c.due for c in known if c.due >= due_before]
    new_left = max(0, new_per_day - introduced_on(cards, day))
    waiting = [c for c in eligible(curriculum, module_status, module, everything) if c.id not in stored]
    new = waiting[:new_left]
    queue = [QueueCard(c.concept, curriculum.concept(c.concept).term.get(lang), c.due, c.state, False) for c in due]
    queue += [QueueCard(c.id, c.term.get(lang), None, "new", True) for c in new]
    if limit is not None:
        queue = queue[:limit]
    return Queue(day, lang, module, len(due), len(new), new_left, len(waiting), min(later, default=None), tuple(queue))


# -- statistics ----------------------------------------------------------------------------
class ReviewEvent(Record):
    concept: str
    rating: int
    day: date


class DayCount(Record):
    day: date
    reviews: int
    again: int


class AtRisk(Record):
    concept: str
    term: str
    retrievability: float  # FSRS's predicted recall at the end of the day, 0..1
    due: datetime


class Ratings(TypedDict):
    """Reviews by rating."""  # a plain dict in RATINGS order, typed for --json

    again: int
    hard: int
    good: int
    easy: int


class CardCounts(TypedDict):
    """Cards by state."""  # a plain dict, typed for --json

    new: int  # eligible, never reviewed
    learning: int
    review: int
    relearning: int


class ReviewPeriod(Record):
    """Reviews made in a period, for reports: counts, ratings and retention (share not rated again)."""

    since: date
    until: date
    reviews: int
    cards: int  # distinct concepts reviewed
    days: int  # days with at least one review
    ratings: Ratings
    retention: float | None  # share of reviews rated hard, good or easy; None without reviews
    again_share: float | None


def summarize(events: Iterable[ReviewEvent], since: date, until: date) -> ReviewPeriod:
    events = [e for e in events if since <= e.day <= until]
    ratings = {name: 0 for name in RATINGS}
    for e in events:
        ratings[rating_name(e.rating)] += 1
    n = len(events)
    again = ratings["again"] / n if n else None
    return ReviewPeriod(since, until, n, len({e.concept for e in events}), len({e.day for e in events}), ratings,
                        None if again is None else round(1 - again, 4), None if again is None else round(again, 4))


class ReviewStats(Record):
    day: date
    lang: str
    module: str | None
    cards: CardCounts  # new (eligible, never reviewed) | learning | review | relearning
    due_today: int
    new_today: int  # new cards still allowed today (today's queue): what is left, not what was done
    introduced_today: int  # cards seen for the first time today
    ignored: int  # stored cards whose concept is no longer in the curriculum
    last_30_days: ReviewPeriod
    per_day: tuple[DayCount, ...]  # the days of the last 30 with reviews


def build_stats(
    curriculum: Curriculum,
    cards: Iterable[StoredCard],
    events: Iterable[ReviewEvent],
    queue: Queue,
    module_status: dict[str, str],
    *,
    day: date,
    since: date,
    lang: str,
    module: str | None = None,
) -> ReviewStats:
    cards = list(cards)
    present = [c for c in cards if curriculum.concept(c.concept) is not None]
    ignored = len(cards) - len(present)
    if module is not None:
        present = [c for c in present if module in curriculum.concept(c.concept).modules]
    counts = {"new": queue.new_waiting, **{s: 0 for s in CARD_STATES}}
    for c in present:
        counts[c.state] = counts.get(c.state, 0) + 1
    keep = {c.concept for c in present}
    events = [e for e in events if e.concept in keep]
    per: dict[date, list[int]] = {}
    for e in events:
        if since <= e.day <= day:
            slot = per.setdefault(e.day, [0, 0])
            slot[0] += 1
            slot[1] += e.rating == 1
    per_day = tuple(DayCount(d, n, a) for d, (n, a) in sorted(per.items()))
    return ReviewStats(day, lang, module, counts, queue.due, queue.new, introduced_on(present, day), ignored,
                       summarize(events, since, day), per_day)


# -- FSRS ----------------------------------------------------------------------------------
class Scheduled(Record):
    card: dict  # fsrs Card.to_dict()
    due: datetime  # UTC
    state: str


DESIRED_RETENTION = 0.9  # fsrs's default: the chance of recall a card is scheduled for


def _scheduler(desired_retention: float = DESIRED_RETENTION):  # noqa: ANN202 - fsrs is imported lazily
    from fsrs import Scheduler

    # No fuzzing: the same ratings at the same times give the same due dates (tests, support).
    return Scheduler(desired_retention=desired_retention, enable_fuzzing=False)


def _utc(moment: datetime) -> datetime:
    if moment.tzinfo is None:
        raise ValueError("review times must be timezone-aware")
    return moment.astimezone(timezone.utc)


def card_id(concept: str) -> int:
    """A stable fsrs card id for a concept (fsrs would otherwise use the clock)."""
    import hashlib  # only when a card is created or rated

    return int(hashlib.sha256(concept.encode()).hexdigest()[:12], 16)


def _card(state: dict | None, concept: str, now: datetime):  # noqa: ANN202
    from fsrs import Card

    if state:
        try:
            return Card.from_dict(state)
        except (KeyError, TypeError, ValueError):
            pass  # unreadable state: the card starts afresh rather than blocking the review
    return Card(card_id=card_id(concept), due=now)


def state_name(state: int) -> str:
    return CARD_STATES[int(state) - 1]


def schedule(state: dict | None, concept: str, rating: int, now: datetime, desired_retention: float = DESIRED_RETENTION) -> Scheduled:
    """Rate a card (``state`` None for a new one) at ``now``; FSRS gives the next due time,
    spaced so that the chance of recall when it is due is ``desired_retention``."""
    from fsrs import Rating

    if rating not in (1, 2, 3, 4):
        raise ValueError(f"rating must be 1-4, not {rating!r}")
    moment = _utc(now)
    card, _log = _scheduler(desired_retention).review_card(_card(state, concept, moment), Rating(rating), moment)
    return Scheduled(card.to_dict(), _utc(card.due), state_name(card.state))


# FSRS-6's forgetting curve with fsrs's default parameters (the scheduler above uses them):
# R = (1 + FACTOR * days / stability) ** -DECAY, DECAY = parameters[20]. tests/test_review.py
# checks both against fsrs itself, so a change of fsrs's defaults fails there, not here.
FSRS_DECAY = 0.1542
_FACTOR = 0.9 ** (1 / -FSRS_DECAY) - 1


def retrievability(state: dict, at: datetime) -> float:
    """FSRS's predicted chance of recalling the card at ``at`` (0 for a card never reviewed):
    fsrs's ``get_card_retrievability``, computed here so a report does not import fsrs (~5 ms)."""
    try:
        stability = float(state["stability"]) if state["stability"] else None
        last = datetime.fromisoformat(state["last_review"]) if state["last_review"] else None
    except (KeyError, TypeError, ValueError):
        return 0.0
    if last is None or stability is None:
        return 0.0
    days = max(0, (_utc(at) - last).days)
    return float((1 + _FACTOR * days / stability) ** -FSRS_DECAY)
