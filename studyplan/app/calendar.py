"""Use case of ``studyplan calendar``: the plan as an RFC 5545 (.ics) file, written with icalendar."""

from __future__ import annotations

from datetime import date, datetime, timezone
from typing import TypedDict

from studyplan import __version__
from studyplan.app.session import Session
from studyplan.app.today import pauses
from studyplan.config import WEEKDAYS
from studyplan.domain.calendar import (
    DEFAULT_AT,
    DEFAULT_DAYS,
    CalendarPlan,
    Sessions,
    block_days,
    build_calendar,
    check_block,
    default_session_minutes,
    parse_clock,
    parse_days,
    session_minutes,
)
from studyplan.domain.text import clean
from studyplan.fileio import atomic_write_bytes, output_path
from studyplan.record import Record
from studyplan.store.moves import plan_moves


class StudyBlocks(TypedDict):
    """The weekly study blocks of --sessions."""  # a plain dict, typed for --json

    days: list[str]  # mon … sun
    at: str  # HH:MM, local time (of a timed block)
    minutes: int
    all_day: bool  # study days as all-day events (--days without a time), not timed blocks


class CalendarResult(Record):
    profile: str
    curriculum: str
    output: str | None  # the .ics file written; null: no file (the text is in ics)
    start: str
    end: str
    phases: int
    modules: int
    sessions: StudyBlocks | None  # with --sessions
    events: int
    ics: str | None = None  # --json without --output: the iCalendar text itself


def sessions_option(session: Session, days: str | None, at: str | None, hours: float | None, timed: bool = True) -> Sessions:
    """``--days/--at/--hours``: the block days (the chosen ones that are not rest days); hours
    default to the week's hours spread over them.

    ``timed`` False (``--days`` with neither ``--sessions``, ``--at`` nor ``--hours``): study
    days as all-day events, since no time of day was asked for. A timed block ends by midnight."""
    weekdays = parse_days(days or DEFAULT_DAYS)
    clock = parse_clock(at or DEFAULT_AT)
    blocks = block_days(Sessions(weekdays, clock, 0), rest_days(session))
    if hours is not None:
        minutes = session_minutes(hours)
    else:
        weekly = session.weekly_hours() or sum(r.min_hours for r in session.curriculum.routine) or len(blocks)
        minutes = default_session_minutes(weekly, len(blocks))
    chosen = Sessions(blocks, clock, minutes, all_day=not timed and at is None and hours is None)
    check_block(chosen)
    return chosen


def rest_days(session: Session) -> tuple[int, ...]:
    return tuple(WEEKDAYS.index(d) for d in session.config.get("rest_days"))


def plan_calendar(session: Session, lang: str, sessions: Sessions | None, first_day: date | None = None) -> CalendarPlan:
    """The plan's events; study blocks from ``first_day`` (default: today), never on a rest day or a paused day."""
    paused = tuple((p.start, p.end) for p in pauses(session))
    return build_calendar(session.curriculum, session.timetable, session.profile.name, lang, sessions,
                          first_day=first_day or session.study_day(), rest_days=rest_days(session), paused=paused,
                          sequence=plan_moves(session.store, session.profile.id))


def to_ical(plan: CalendarPlan, stamp: datetime) -> bytes:
    """Serialise with icalendar; ``stamp`` becomes every event's DTSTAMP (in UTC)."""
    from icalendar import Calendar, Event  # ~30 ms, only for an .ics file

    cal = Calendar()
    cal.add("prodid", f"-//studyplan//studyplan {__version__}//EN")
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("name", clean(plan.name))  # RFC 7986; text from data goes through clean(), as in every view
    cal.add("x-wr-calname", clean(plan.name))
    stamp_utc = stamp.astimezone(timezone.utc) if stamp.tzinfo else stamp.replace(tzinfo=timezone.utc)
    for e in plan.events:
        ev = Event()
        ev.add("uid", e.uid)
        ev.add("dtstamp", stamp_utc)
        ev.add("summary", clean(e.summary))
        ev.add("description", clean(e.description))
        ev.add("sequence", e.sequence)
        ev.add("dtstart", e.start)
        ev.add("dtend", e.end)
        ev.add("categories", ["studyplan", e.kind])
        ev.add("transp", "TRANSPARENT" if e.all_day else "OPAQUE")
        if e.recurrence is not None:
            ev.add("rrule", {"freq": "weekly", "until": e.recurrence.until, "byday": list(e.recurrence.weekdays)})
        if e.exdates:
            ev.add("exdate", list(e.exdates))
        cal.add_component(ev)
    return cal.to_ical()


def calendar(session: Session, lang: str, output: str | None, sessions: Sessions | None,
             first_day: date | None = None) -> tuple[CalendarResult, bytes]:
    path = None if output in (None, "-") else output_path(output, "studyplan.ics")  # checked before the work
    plan = plan_calendar(session, lang, sessions, first_day)
    data = to_ical(plan, session.now)
    written = None
    if path is not None:
        atomic_write_bytes(path, data)
        written = str(path)
    s = plan.sessions
    summary = None
    if s is not None:
        summary = {"days": [("mon", "tue", "wed", "thu", "fri", "sat", "sun")[d] for d in s.weekdays], "at": s.at.strftime("%H:%M"),
                   "minutes": s.minutes, "all_day": s.all_day}
    result = CalendarResult(plan.profile, plan.curriculum, written, plan.start.isoformat(), plan.end.isoformat(),
                            plan.count("phase"), plan.count("module"), summary, len(plan.events))
    return result, data
