"""Use cases of spaced-repetition review: the queue, a rating, a session's summary, statistics.

The CLI runs the interactive loop and calls these; they never print. ``now`` comes
from ``session.now`` and the study day from ``session.study_day()`` (or the caller's day).
``app.today`` calls ``count_due``; the report calls ``period_summary`` and
``at_risk``. fsrs is imported only where a card is scheduled (``domain.review``),
so ``today`` can count due cards without it.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta, timezone

from studyplan.app.refs import module_statuses, resolve_module
from studyplan.app.session import Session
from studyplan.domain import review as rv
from studyplan.errors import NotFound, UsageError
from studyplan.locale import msg
from studyplan.record import Record
from studyplan.store.reviews import CardRow, ReviewStore

STATS_DAYS = 30
AT_RISK_LIMIT = 5


def _reviews(session: Session) -> ReviewStore:
    return ReviewStore(session.store)


def _stored(rows: list[CardRow]) -> list[rv.StoredCard]:
    return [rv.StoredCard(r.concept, r.due, r.state, r.introduced_day) for r in rows]


def day_end(session: Session, day: date) -> datetime:
    """The instant study day ``day`` ends (the next ``day_starts_at``, local time), in UTC.

    A naive local time converted with ``astimezone`` follows the system's time-zone
    rules, so a day after a DST change gets that day's offset, not today's."""
    h, m = (int(x) for x in session.config.get("day_starts_at").split(":"))
    return datetime.combine(day + timedelta(days=1), time(h, m)).astimezone(timezone.utc)


def _local(session: Session, moment: datetime | None) -> datetime | None:
    """``moment`` in local time, with the offset in force at that moment (DST-aware)."""
    del session
    return moment.astimezone() if moment is not None else None


def _module(session: Session, module: str | None) -> str | None:
    if module is None:
        return None
    return resolve_module(session, module)


def _statuses(session: Session) -> dict[str, str]:
    return module_statuses(session)


def _build_queue(session: Session, day: date, lang: str, module: str | None, everything: bool, limit: int | None,
                 rows: list[CardRow] | None = None) -> rv.Queue:
    rows = _reviews(session).cards(session.profile.id, states=False) if rows is None else rows  # the queue reads no FSRS state
    return rv.build_queue(
        session.curriculum, _stored(rows), _statuses(session), day=day, due_before=day_end(session, day),
        new_per_day=session.config.get("new_cards_per_day"), lang=lang, module=module, everything=everything, limit=limit,
    )


# -- the queue -------------------------------------------------------------------------------
def queue(session: Session, lang: str, *, limit: int | None = None, module: str | None = None, everything: bool = False) -> rv.Queue:
    """Today's cards: due ones by due time, then new ones in curriculum order within the daily allowance."""
    if limit is not None and limit < 1:
        raise UsageError(msg("--limit {limit} must be at least 1", limit=limit))
    mid = _module(session, module)
    if not session.curriculum.concepts:
        raise NotFound(msg("the curriculum '{curriculum}' has no glossary, so there are no cards "
                           "to review", curriculum=session.curriculum.id))
    result = _build_queue(session, session.study_day(), lang, mid, everything, limit)
    return rv.Queue(result.day, result.lang, result.module, result.due, result.new, result.new_left, result.new_waiting,
                    _local(session, result.next_due),
                    tuple(rv.QueueCard(c.concept, c.term, _local(session, c.due), c.state, c.new) for c in result.cards))


def count_due(session: Session, day: date) -> int:
    """Cards ``studyplan review`` would show on ``day``: due ones plus the new ones allowed that day."""
    if not session.curriculum.concepts:
        return 0
    return len(_build_queue(session, day, "en", None, False, None).cards)


def direction(session: Session, flag: str | None = None) -> str:
    """What the cards ask: ``--direction``, else the review_direction setting."""
    if flag is None:
        return session.config.get("review_direction")
    value = flag.strip().lower()
    if value not in rv.DIRECTIONS:
        raise UsageError(msg("--direction '{value}' is not a card direction; use {choices}", value=flag, choices=", ".join(rv.DIRECTIONS)))
    return value


def desired_retention(session: Session) -> float:
    return session.config.get("desired_retention")


def face(session: Session, concept: str, lang: str, direction: str = rv.DEFAULT_DIRECTION) -> rv.Face:
    found = session.curriculum.concept(concept)
    if found is None:
        raise NotFound(msg("no concept '{concept}' in the curriculum '{curriculum}'", concept=concept, curriculum=session.curriculum.id))
    related = (session.curriculum.concept(r) for r in found.related)
    return rv.face(found, lang, direction, tuple(c.term.get(lang) for c in related if c is not None))


def reviewed_concepts(session: Session) -> set[str]:
    return _reviews(session).reviewed_concepts(session.profile.id)


# -- rating ------------------------------------------------------------------------------------
class Rated(Record):
    concept: str
    rating: str  # again | hard | good | easy
    state: str
    due: datetime  # local time
    interval_seconds: int  # from the review to the next due time


def session_start(session: Session) -> int:
    """A marker for ``summary``: the newest review id before the session."""
    return _reviews(session).last_review_id(session.profile.id)


def rate(session: Session, concept: str, rating: int) -> Rated:
    """Store one rating: the FSRS card update, the review and the day's activity, in one transaction."""
    if rating not in (1, 2, 3, 4):
        raise UsageError(msg("rating {rating} is not 1-4 (again, hard, good, easy)", rating=rating))
    now = session.now
    retention = desired_retention(session)

    def schedule(state: dict | None) -> tuple[dict, datetime, str]:
        nxt = rv.schedule(state, concept, rating, now, retention)
        return nxt.card, nxt.due, nxt.state

    row, _ = _reviews(session).record(session.profile.id, concept, rating, session.timestamp(), session.study_day(), schedule)
    return Rated(concept, rv.rating_name(rating), row.state, _local(session, row.due), max(0, int((row.due - now).total_seconds())))


# -- the end of a session ------------------------------------------------------------------------
class SessionSummary(Record):
    day: date
    lang: str
    reviewed: int  # ratings made (a card that came back counts each time)
    cards: int  # distinct cards rated
    ratings: rv.Ratings
    concepts: tuple[str, ...]  # in the order reviewed
    interrupted: bool
    left: int  # cards of the session's queue never rated
    due_now: int  # cards due at this moment (a later `studyplan review` takes them)
    due_later_today: int  # due after now but before the study day ends (learning steps)
    due_tomorrow: int  # cards due by the end of tomorrow
    new_waiting: int
    next_due: datetime | None  # the earliest due time after now (local); None when nothing is scheduled
    now: datetime  # local: what "due now" and "next" are measured from


def summary(session: Session, since_id: int, planned: tuple[str, ...], interrupted: bool, lang: str) -> SessionSummary:
    """What the session saved (read back from the store) and what comes due next.

    ``planned`` is the concepts of the session's queue; those never rated are ``left``."""
    store = _reviews(session)
    made = store.reviews(session.profile.id, after_id=since_id)
    ratings = {name: 0 for name in rv.RATINGS}
    for r in made:
        ratings[rv.rating_name(r.rating)] += 1
    day, now = session.study_day(), session.now
    rows = store.cards(session.profile.id)
    present = [r for r in rows if session.curriculum.concept(r.concept) is not None]
    today_end, tomorrow_end = day_end(session, day), day_end(session, day + timedelta(days=1))
    q = _build_queue(session, day, lang, None, False, None, rows)
    rated = {r.concept for r in made}
    return SessionSummary(
        day, lang, len(made), len(rated), ratings, tuple(r.concept for r in made), interrupted, len(set(planned) - rated),
        sum(1 for r in present if r.due <= now), sum(1 for r in present if now < r.due < today_end),
        sum(1 for r in present if r.due < tomorrow_end), q.new_waiting,
        _local(session, min((r.due for r in present if r.due > now), default=None)), _local(session, now),
    )


# -- statistics and reports -------------------------------------------------------------------------
def stats(session: Session, lang: str, module: str | None = None) -> rv.ReviewStats:
    """Cards by state, reviews per day and retention over the last 30 days."""
    mid = _module(session, module)
    day = session.study_day()
    store = _reviews(session)
    rows = store.cards(session.profile.id)
    since = day - timedelta(days=STATS_DAYS - 1)
    events = [rv.ReviewEvent(r.concept, r.rating, r.day) for r in store.reviews(session.profile.id, since=since, until=day)]
    q = _build_queue(session, day, lang, mid, False, None, rows)
    return rv.build_stats(session.curriculum, _stored(rows), events, q, _statuses(session), day=day, since=since, lang=lang, module=mid)


def period_summary(session: Session, since: date, until: date) -> rv.ReviewPeriod:
    """Reviews done from ``since`` to ``until`` (study days, inclusive), ratings and retention.

    Always a result (``reviews`` 0 and ``retention`` None for a period without reviews);
    whether to show an empty period is the report's choice. Reviews of concepts no
    longer in the curriculum still count: they were made.
    """
    events = [rv.ReviewEvent(r.concept, r.rating, r.day) for r in _reviews(session).reviews(session.profile.id, since=since, until=until)]
    return rv.summarize(events, since, until)


def at_risk(session: Session, as_of: date, limit: int = AT_RISK_LIMIT) -> tuple[rv.AtRisk, ...]:
    """Reviewed cards most likely forgotten by the end of ``as_of`` (below the desired retention, 90% unless set), lowest first."""
    rows = [r for r in _reviews(session).cards(session.profile.id) if session.curriculum.concept(r.concept) is not None and r.card]
    if not rows:
        return ()
    at = day_end(session, as_of)
    target = desired_retention(session)
    found = []
    for r in rows:
        if r.due >= at:
            continue
        chance = rv.retrievability(r.card, at)
        if chance < target:
            found.append(rv.AtRisk(r.concept, session.curriculum.concept(r.concept).term.get(session.lang()), round(chance, 4), _local(session, r.due)))
    return tuple(sorted(found, key=lambda x: (x.retrievability, x.concept))[:limit])
