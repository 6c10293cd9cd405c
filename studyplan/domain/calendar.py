"""The plan as calendar events: phases, module windows and (optionally) weekly study sessions.

Pure: the timetable comes in, a list of events goes out; ``app.calendar``
turns them into an RFC 5545 file with icalendar.

* Phases and module windows are all-day events (the end date is exclusive, as
  RFC 5545 wants: a window 1-14 March ends on 15 March), marked transparent so
  they do not show as busy time.
* Study sessions are one recurring event: ``FREQ=WEEKLY;BYDAY=MO,WE,FR`` from the
  first block day on or after today (``--from``; never before the plan starts) until
  the plan's last day, at a floating local time (the same clock time wherever the
  learner is) and ending by midnight; or, for study days without a time (``--days``
  alone), all-day. Rest days (setting ``rest_days``) are never block days, and each
  block day inside a pause is left out with an EXDATE.
* UIDs are stable, ``<profile>-<curriculum>-phase-<id>@studyplan``,
  ``...-module-<id>@studyplan`` and ``...-sessions@studyplan``, so importing a
  newer file into a calendar updates the events instead of adding copies; every
  event carries SEQUENCE, the number of times the plan's dates have moved (replans,
  pauses and their cancellations and undos), so a calendar that only takes a
  change with a higher SEQUENCE takes the moved dates.
"""

from __future__ import annotations

import math
import re
from datetime import date, datetime, time, timedelta

from studyplan.domain.curriculum import Curriculum
from studyplan.domain.schedule import Timetable
from studyplan.errors import UsageError
from studyplan.locale import msg, t
from studyplan.record import Record

RFC_DAYS = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")
DAY_NAMES = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
DEFAULT_DAYS = "mon,tue,wed,thu,fri"
DEFAULT_AT = "19:00"
MIN_SESSION_MINUTES, MAX_SESSION_MINUTES = 15, 12 * 60


class Sessions(Record):
    """The weekly routine as study blocks: on these weekdays (0 = Monday), at this time, this long.

    ``all_day``: study days rather than timed blocks (``--days`` without a time), all-day events."""

    weekdays: tuple[int, ...]
    at: time
    minutes: int
    all_day: bool = False


class Recurrence(Record):
    weekdays: tuple[str, ...]  # RFC 5545 day codes, e.g. ("MO", "WE")
    until: date | datetime  # the value type of the event's start (RFC 5545): a date, or floating local time


class CalendarEvent(Record):
    uid: str
    kind: str  # phase | module | sessions
    summary: str
    description: str
    start: date | datetime
    end: date | datetime  # exclusive for all-day events
    all_day: bool
    recurrence: Recurrence | None = None
    sequence: int = 0  # RFC 5545 SEQUENCE: how often the plan's dates have moved
    exdates: tuple[date | datetime, ...] = ()  # occurrences left out (paused days)


class CalendarPlan(Record):
    profile: str
    curriculum: str
    name: str
    lang: str
    start: date
    end: date
    events: tuple[CalendarEvent, ...]
    sessions: Sessions | None = None

    def count(self, kind: str) -> int:
        return sum(1 for e in self.events if e.kind == kind)


# -- options --------------------------------------------------------------------------------
def parse_days(value: str) -> tuple[int, ...]:
    """``mon,wed,fri``, ``mo we fr``, ``monday``, ``mon-fri``, ``weekdays``, ``daily`` -> weekday numbers."""
    text = value.strip().lower()
    if text in ("daily", "every-day", "everyday", "all"):
        return tuple(range(7))
    if text == "weekdays":
        return tuple(range(5))
    if text == "weekends":
        return (5, 6)
    out: set[int] = set()
    for part in (p for p in re.split(r"[,\s]+", text) if p):
        if "-" in part:
            a, _, b = part.partition("-")
            first, last = _day(a, value), _day(b, value)
            span = range(first, last + 1) if first <= last else [*range(first, 7), *range(0, last + 1)]
            out.update(span)
        else:
            out.add(_day(part, value))
    if not out:
        raise UsageError(msg("--days '{value}' names no weekday; use e.g. mon,wed,fri or mon-fri", value=value))
    return tuple(sorted(out))


def _day(part: str, whole: str) -> int:
    for i, name in enumerate(DAY_NAMES):
        if len(part) >= 2 and name.startswith(part):
            return i
    raise UsageError(msg("--days '{whole}': '{part}' is not a weekday; use mon, tue, wed, thu, "
                         "fri, sat, sun (e.g. mon,wed,fri)", whole=whole, part=part))


def parse_clock(value: str) -> time:
    m = re.fullmatch(r"\s*([01]?\d|2[0-3])(?::([0-5]\d))?\s*", value)
    if not m:
        raise UsageError(msg("--at '{value}' is not a time of day; use HH:MM in 24-hour time, e.g. "
                             "19:00", value=value))
    return time(int(m.group(1)), int(m.group(2) or 0))


def session_minutes(hours: float) -> int:
    if not math.isfinite(hours) or not MIN_SESSION_MINUTES <= round(hours * 60) <= MAX_SESSION_MINUTES:
        raise UsageError(msg("--hours {hours:g} is out of range; a study block lasts 0.25 to "
                             "{max_hours} hours", hours=hours, max_hours=MAX_SESSION_MINUTES // 60))
    return round(hours * 60)


def default_session_minutes(weekly_hours: float, days: int) -> int:
    """The week's hours spread over the chosen days, rounded to a quarter hour (15 min to 12 h)."""
    per_day = weekly_hours * 60 / max(days, 1)
    quarter = round(per_day / 15) * 15
    return min(MAX_SESSION_MINUTES, max(MIN_SESSION_MINUTES, quarter))


# -- events --------------------------------------------------------------------------------------
def _slug(value: str) -> str:
    return re.sub(r"[^A-Za-z0-9._-]+", "-", value).strip("-") or "profile"


def uid(profile: str, curriculum: str, kind: str, ident: str | None = None) -> str:
    tail = f"{kind}-{ident}" if ident else kind
    return f"{_slug(profile)}-{curriculum}-{tail}@studyplan"


def _hours(lang: str, lo: float, hi: float) -> str:
    return t(lang, "{low}–{high} h", low=f"{lo:g}", high=f"{hi:g}")


def _length(lang: str, minutes: int) -> str:
    h, m = divmod(minutes, 60)
    if h and m:
        return t(lang, "{h} h {mm} min", h=h, mm=f"{m:02d}")
    return t(lang, "{n} h", n=h) if h else t(lang, "{n} min", n=m)


def block_days(sessions: Sessions, rest_days: tuple[int, ...]) -> tuple[int, ...]:
    """The weekdays of the study blocks: the chosen ones that are not rest days."""
    days = tuple(d for d in sessions.weekdays if d not in rest_days)
    if not days:
        names = ", ".join(DAY_NAMES[d] for d in sessions.weekdays)
        raise UsageError(msg("every day of --days ({days}) is a rest day (setting rest_days); choose other days "
                             "or change rest_days with `studyplan config set rest_days …`", days=names))
    return days


def check_block(sessions: Sessions) -> None:
    """A timed block ends by midnight: a block that ran on overnight would be one nobody studies."""
    if sessions.all_day:
        return
    start = sessions.at.hour * 60 + sessions.at.minute
    if start + sessions.minutes > 24 * 60:
        raise UsageError(msg("a {hours} h block from {at} runs past midnight; start earlier (--at), make it shorter "
                             "(--hours) or spread the week over more days (--days)",
                             hours=f"{sessions.minutes / 60:g}", at=sessions.at.strftime("%H:%M")))


def _paused(day: date, paused: tuple[tuple[date, date], ...]) -> bool:
    return any(first <= day <= last for first, last in paused)


def _blocks(curriculum: Curriculum, timetable: Timetable, profile: str, lang: str, sessions: Sessions, first_day: date,
            rest_days: tuple[int, ...], paused: tuple[tuple[date, date], ...], sequence: int) -> CalendarEvent | None:
    """The study blocks as one weekly event from ``first_day`` (never before the plan starts) to the
    plan's end, on the chosen days that are not rest days, each paused day left out (EXDATE)."""
    days = block_days(sessions, rest_days)
    day = max(first_day, timetable.start)
    while day <= timetable.end and (day.weekday() not in days or _paused(day, paused)):
        day += timedelta(days=1)
    if day > timetable.end:
        return None
    skipped = []
    for first, last in paused:
        d = max(first, day)
        while d <= min(last, timetable.end):
            if d.weekday() in days:
                skipped.append(d)
            d += timedelta(days=1)
    lines = [t(lang, "Weekly routine:")]
    lines += [f"- {r.label.get(lang) or r.kind}: {_hours(lang, r.min_hours, r.max_hours)}" for r in curriculum.routine]
    lines += ["", t(lang, "What to study: studyplan today")]
    if sessions.all_day:  # a study day: no clock time given, so no invented one
        lines.insert(0, t(lang, "About {length} of study on this day.", length=_length(lang, sessions.minutes)))
        start: date | datetime = day
        end: date | datetime = day + timedelta(days=1)
        until: date | datetime = timetable.end
        exdates: tuple[date | datetime, ...] = tuple(sorted(skipped))
    else:
        start = datetime.combine(day, sessions.at)
        end = start + timedelta(minutes=sessions.minutes)
        until = datetime.combine(timetable.end, time(23, 59, 59))
        exdates = tuple(datetime.combine(d, sessions.at) for d in sorted(skipped))
    return CalendarEvent(
        uid(profile, curriculum.id, "sessions"), "sessions", t(lang, "Study: {title}", title=curriculum.title.get(lang)),
        "\n".join(lines), start, end, sessions.all_day, Recurrence(tuple(RFC_DAYS[d] for d in days), until), sequence, exdates,
    )


def build_calendar(curriculum: Curriculum, timetable: Timetable, profile: str, lang: str,
                   sessions: Sessions | None = None, *, first_day: date | None = None, rest_days: tuple[int, ...] = (),
                   paused: tuple[tuple[date, date], ...] = (), sequence: int = 0) -> CalendarPlan:
    """Every phase and module window of the timetable (shifts applied), plus the study blocks.

    ``sequence`` (how often the plan's dates have moved) goes on every event, so a calendar
    that trusts SEQUENCE takes the moved dates of a newer file."""
    events: list[CalendarEvent] = []
    cid = curriculum.id
    for window in timetable.phases:
        if window.end < window.start:
            continue
        phase = window.phase
        lines = [t(lang, "Modules:")]
        for mid in phase.modules:
            module = curriculum.module(mid)
            lines.append(f"- {mid}: {module.title.get(lang) if module else mid}")
        if phase.why:
            lines += ["", phase.why.get(lang)]
        events.append(CalendarEvent(
            uid(profile, cid, "phase", phase.id), "phase",
            t(lang, "Phase {n}: {focus}", n=window.index + 1, focus=phase.focus.get(lang)),
            "\n".join(lines), window.start, window.end + timedelta(days=1), True, None, sequence,
        ))
    for window in timetable.phases:
        for mid in window.phase.modules:
            module = curriculum.module(mid)
            span = timetable.module_window(mid)
            if module is None or span is None:
                continue
            first, last = span
            lines = []
            if module.goal:
                lines += [t(lang, "Goal: {goal}", goal=module.goal.get(lang)), ""]
            lines.append(t(lang, "Topics:"))
            lines += [f"- {topic.title.get(lang)}" for topic in module.topics]
            lines += ["", t(lang, "Details: studyplan show {id}", id=mid)]
            events.append(CalendarEvent(
                uid(profile, cid, "module", mid), "module", f"{module.title.get(lang)} ({mid})",
                "\n".join(lines), first, max(first, last) + timedelta(days=1), True, None, sequence,
            ))
    if sessions is not None and sessions.weekdays:
        block = _blocks(curriculum, timetable, profile, lang, sessions, first_day or timetable.start, rest_days, paused, sequence)
        if block is not None:
            events.append(block)
    return CalendarPlan(profile, cid, f"studyplan: {curriculum.title.get(lang)}", lang, timetable.start, timetable.end, tuple(events), sessions)
