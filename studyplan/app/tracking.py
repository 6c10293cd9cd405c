"""Use cases for the study-time log, reports, the timeline and re-planning."""

from __future__ import annotations

from datetime import date, timedelta

from studyplan.app import today as today_use_cases
from studyplan.app.refs import resolve_module
from studyplan.app.review import at_risk, period_summary
from studyplan.app.session import Session
from studyplan.config import WEEKDAYS
from studyplan.domain import dates
from studyplan.domain import streaks as streak_rules
from studyplan.domain.content import LOG_KINDS
from studyplan.domain.durations import parse_duration
from studyplan.domain.pace import weekly_trend
from studyplan.domain.progress import topic_sets
from studyplan.domain.reports import build_report, period_bounds, statuses_at
from studyplan.domain.schedule import build_timetable, position
from studyplan.domain.text import stored_text
from studyplan.domain.timeline import RevisionRow, build_timeline
from studyplan.errors import UsageError
from studyplan.locale import msg
from studyplan.record import Record
from studyplan.store.progress import MAX_ROW_ID, LogEntry, Revision


def rest_weekdays(session: Session) -> frozenset[int]:
    return frozenset(WEEKDAYS.index(d) for d in session.config.get("rest_days"))


def pauses(session: Session) -> tuple[tuple[date, date], ...]:
    """The pauses' days, for the streak rules (the pauses themselves: ``app.today.pauses``)."""
    return tuple((p.start, p.end) for p in today_use_cases.pauses(session))


# -- log ---------------------------------------------------------------------------------
class LogResult(Record):
    entry: LogEntry


def log_kind_and_module(session: Session, kind: str | None, module: str | None) -> tuple[str, str | None]:
    """``--kind`` and ``--module`` as a log entry stores them: the module's id, and the kind
    given or else the module's track's (theory without a module). Also used by ``focus``."""
    mid = resolve_module(session, module) if module else None
    if kind is not None and kind not in LOG_KINDS:
        raise UsageError(msg("--kind '{kind}' is not a kind; use theory, coding or updates", kind=kind))
    if kind is None:
        kind = "theory"
        if mid:
            track = session.curriculum.track(session.curriculum.module(mid).track)
            kind = track.log_kind if track else "theory"
    return kind, mid


def add_log(session: Session, duration: str, kind: str | None, module: str | None, note: str | None, day: str | None) -> LogResult:
    minutes = parse_duration(duration)
    today = session.study_day()
    when = dates.parse_date(day, today) if day else today
    if when > today:
        raise UsageError(msg("--date {when} is in the future (today is {today}); log time after "
                             "you have studied", when=when, today=today))
    kind, mid = log_kind_and_module(session, kind, module)
    note = None if note is None else stored_text(note)
    if note is not None and len(note) > 2000:
        raise UsageError(msg("--note is longer than 2000 characters; keep log notes short (use "
                             "`studyplan note` for more)"))
    entry = session.store.add_log(session.profile.id, when, minutes, kind, mid, note, session.timestamp(), today)
    return LogResult(entry)


class LogList(Record):
    start: date | None
    end: date | None
    entries: tuple[LogEntry, ...]
    total_minutes: int


def list_logs(session: Session, period: str | None, day: date, since: date | None = None,
              until: date | None = None, limit: int | None = None) -> LogList:
    """The entries of a period (``week``/``month`` around ``day``) or of ``since``..``until``
    (either may be open), all of them or the latest ``limit``; oldest first."""
    start, end = since, until
    if period:
        start, end = period_bounds(day, period, session.first_weekday())
    if limit is not None and limit < 1:
        raise UsageError(msg("--limit must be 1 or more, not {n}; e.g. `studyplan log --list --limit 20`", n=limit))
    if start is not None and end is not None and start > end:
        raise UsageError(msg("--since {since} is after --until {until}; give the earlier date first",
                             since=start.isoformat(), until=end.isoformat()))
    entries = tuple(session.store.logs(session.profile.id, start, end, limit))
    return LogList(start, end, entries, sum(e.minutes for e in entries))


def delete_log(session: Session, log_id: int) -> LogResult:
    if not 1 <= log_id <= MAX_ROW_ID:
        raise UsageError(msg("no log entry {id}; `studyplan log --list` shows the ids", id=log_id))
    return LogResult(session.store.delete_log(session.profile.id, log_id, session.timestamp(), session.study_day()))


# -- report ------------------------------------------------------------------------------
def report(session: Session, kind: str, day: date, lang: str):  # noqa: ANN201
    profile = session.profile
    store = session.store
    start, end = period_bounds(day, kind, session.first_weekday())
    today = session.study_day()
    current = store.statuses(profile.id)
    # statuses as they were at the period's end: revert the status changes made since
    later = store.journal(profile.id, since=end + timedelta(days=1), action="status") if end < today else []
    statuses_end = statuses_at(current, later)
    rest = rest_weekdays(session)
    paused = pauses(session)
    as_of = min(end, max(day, start)) if end >= today else end
    judged_on = min(end + timedelta(days=1), today)  # a period not over is judged as of today
    streaks = streak_rules.from_runs(store.activity_runs(profile.id, until=as_of), as_of, rest, paused)
    near = set(store.activity_days(profile.id, since=start - timedelta(days=7), until=as_of))  # the period's days, and a week before
    result = build_report(
        session.curriculum, session.timetable, profile.name, lang, kind, start, end, as_of, judged_on, session.weekly_hours(),
        store.logs(profile.id, start, end), store.journal(profile.id, since=start, until=end), statuses_end,
        streaks, near, rest,
        store.lookups(profile.id, start, end),
    )
    return result._replace(
        reviews=period_summary(session, start, end),
        at_risk=at_risk(session, as_of),
        pace=weekly_trend(session.curriculum, store.completions(profile.id, as_of - timedelta(days=55), as_of), as_of),
    )


# -- timeline and replan -------------------------------------------------------------------
def revision_rows(session: Session):  # noqa: ANN201
    return tuple(RevisionRow(r.id, r.kind, r.at, r.anchor, r.days, r.reason) for r in session.store.revisions(session.profile.id))


def timeline(session: Session, day: date, lang: str):  # noqa: ANN201
    return build_timeline(session.curriculum, session.timetable, session.store.statuses(session.profile.id), day, lang, revision_rows(session))


class ReplanResult(Record):
    changed: bool
    from_day: date
    days: int
    anchor: date | None
    old_end: date
    new_end: date
    outcome: str  # moved | not-behind | all-done
    revision: Revision | None


def replan(session: Session, from_day: date) -> ReplanResult:
    """Shift the rest of the plan by how far it is behind on ``from_day``.

    How far behind is decided from stored state (statuses and earlier revisions), so
    it is read, decided and written in one ``BEGIN IMMEDIATE`` transaction: two
    replans at once cannot both see the plan behind and stack their shifts; the
    second sees the first's revision and finds nothing to replan.
    """
    session.curriculum  # noqa: B018 - loaded (and cached) before the lock, not while writers wait
    with session.store.transaction():
        return _replan_locked(session, from_day)


def _replan_locked(session: Session, from_day: date) -> ReplanResult:
    profile = session.store.profile(session.profile.name) or session.profile  # as stored now, under the lock
    timetable = build_timetable(session.curriculum, session.plan(profile))
    done, skipped = topic_sets(session.curriculum, session.store.statuses(profile.id))
    pos = position(timetable, done, skipped, from_day)
    if pos.state != "active":
        if pos.state == "before":
            raise UsageError(msg("the plan has not started yet on {from_day}; pick a --from date between {start} and {end}",
                                 from_day=from_day, start=timetable.start, end=timetable.end))
        raise UsageError(msg("the plan has already ended on {from_day}; pick a --from date between {start} and {end}",
                             from_day=from_day, start=timetable.start, end=timetable.end))
    counted = [t for t in timetable.topics if t.item.ref not in skipped]
    if pos.done_topics >= len(counted):
        return ReplanResult(False, from_day, 0, None, timetable.end, timetable.end, "all-done", None)
    if pos.standing != "behind":  # the plan position `today` shows: one definition of behind
        return ReplanResult(False, from_day, 0, None, timetable.end, timetable.end, "not-behind", None)
    days = -pos.days_delta  # after the shift, the next topic falls due on from_day
    nxt = counted[pos.done_topics]
    previous = counted[pos.done_topics - 1] if pos.done_topics else None
    phase = timetable.phases[nxt.phase_index]
    slot_start = previous.due + timedelta(days=1) if previous and previous.phase_index == nxt.phase_index else phase.start
    revision = session.store.add_revision(profile.id, "replan", slot_start, days, session.timestamp(), session.study_day(), reason=None)
    new_end = build_timetable(session.curriculum, session.plan(profile)).end
    return ReplanResult(True, from_day, days, slot_start, timetable.end, new_end, "moved", revision)
