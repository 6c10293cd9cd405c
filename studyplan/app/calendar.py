"""Use case of ``studyplan calendar``: the plan as an RFC 5545 (.ics) file, written with icalendar."""

from __future__ import annotations

from datetime import datetime, timezone

from studyplan import __version__
from studyplan.app.session import Session
from studyplan.domain.calendar import (
    DEFAULT_AT,
    DEFAULT_DAYS,
    CalendarPlan,
    Sessions,
    build_calendar,
    default_session_minutes,
    parse_clock,
    parse_days,
    session_minutes,
)
from studyplan.domain.text import clean
from studyplan.fileio import atomic_write_bytes, output_path
from studyplan.record import Record


class CalendarResult(Record):
    profile: str
    curriculum: str
    output: str | None  # None: written to standard output
    start: str
    end: str
    phases: int
    modules: int
    sessions: dict | None  # {"days": [...], "at": "19:00", "minutes": 120} when --sessions
    events: int


def sessions_option(session: Session, days: str | None, at: str | None, hours: float | None) -> Sessions:
    """``--days/--at/--hours``; hours default to the week's hours spread over the chosen days."""
    weekdays = parse_days(days or DEFAULT_DAYS)
    clock = parse_clock(at or DEFAULT_AT)
    if hours is not None:
        minutes = session_minutes(hours)
    else:
        weekly = session.weekly_hours() or sum(r.min_hours for r in session.curriculum.routine) or len(weekdays)
        minutes = default_session_minutes(weekly, len(weekdays))
    return Sessions(weekdays, clock, minutes)


def plan_calendar(session: Session, lang: str, sessions: Sessions | None) -> CalendarPlan:
    return build_calendar(session.curriculum, session.timetable, session.profile.name, lang, sessions)


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
        ev.add("dtstart", e.start)
        ev.add("dtend", e.end)
        ev.add("categories", ["studyplan", e.kind])
        ev.add("transp", "TRANSPARENT" if e.all_day else "OPAQUE")
        if e.recurrence is not None:
            ev.add("rrule", {"freq": "weekly", "until": e.recurrence.until, "byday": list(e.recurrence.weekdays)})
        cal.add_component(ev)
    return cal.to_ical()


def calendar(session: Session, lang: str, output: str | None, sessions: Sessions | None) -> tuple[CalendarResult, bytes]:
    path = None if output in (None, "-") else output_path(output, "studyplan.ics")  # checked before the work
    plan = plan_calendar(session, lang, sessions)
    data = to_ical(plan, session.now)
    written = None
    if path is not None:
        atomic_write_bytes(path, data)
        written = str(path)
    s = plan.sessions
    summary = None
    if s is not None:
        summary = {"days": [("mon", "tue", "wed", "thu", "fri", "sat", "sun")[d] for d in s.weekdays], "at": s.at.strftime("%H:%M"), "minutes": s.minutes}
    result = CalendarResult(plan.profile, plan.curriculum, written, plan.start.isoformat(), plan.end.isoformat(),
                            plan.count("phase"), plan.count("module"), summary, len(plan.events))
    return result, data
