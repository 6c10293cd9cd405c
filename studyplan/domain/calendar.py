"""The plan as calendar events: phases, module windows and (optionally) weekly study sessions.

Pure: the timetable comes in, a list of events goes out; ``app.calendar``
turns them into an RFC 5545 file with icalendar.

* Phases and module windows are all-day events (the end date is exclusive, as
  RFC 5545 wants: a window 1-14 March ends on 15 March), marked transparent so
  they do not show as busy time.
* Study sessions are one recurring event: ``FREQ=WEEKLY;BYDAY=MO,WE,FR`` from the
  first chosen weekday on or after the plan's start until the plan's last day,
  at a floating local time (the same clock time wherever the learner is).
* UIDs are stable, ``<profile>-<curriculum>-phase-<id>@studyplan``,
  ``...-module-<id>@studyplan`` and ``...-sessions@studyplan``, so importing a
  newer file into a calendar updates the events instead of adding copies.
"""

from __future__ import annotations

import math
import re
from datetime import date, datetime, time, timedelta

from studyplan.domain.curriculum import Curriculum
from studyplan.domain.schedule import Timetable
from studyplan.errors import UsageError
from studyplan.record import Record

RFC_DAYS = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")
DAY_NAMES = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
DEFAULT_DAYS = "mon,tue,wed,thu,fri"
DEFAULT_AT = "19:00"
MIN_SESSION_MINUTES, MAX_SESSION_MINUTES = 15, 12 * 60


class Sessions(Record):
    """The weekly routine as study blocks: on these weekdays (0 = Monday), at this time, this long."""

    weekdays: tuple[int, ...]
    at: time
    minutes: int


class Recurrence(Record):
    weekdays: tuple[str, ...]  # RFC 5545 day codes, e.g. ("MO", "WE")
    until: datetime  # floating local time, like the event's start


class CalendarEvent(Record):
    uid: str
    kind: str  # phase | module | sessions
    summary: str
    description: str
    start: date | datetime
    end: date | datetime  # exclusive for all-day events
    all_day: bool
    recurrence: Recurrence | None = None


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
        raise UsageError(f"--days '{value}' names no weekday; use e.g. mon,wed,fri or mon-fri")
    return tuple(sorted(out))


def _day(part: str, whole: str) -> int:
    for i, name in enumerate(DAY_NAMES):
        if len(part) >= 2 and name.startswith(part):
            return i
    raise UsageError(f"--days '{whole}': '{part}' is not a weekday; use mon, tue, wed, thu, fri, sat, sun (e.g. mon,wed,fri)")


def parse_clock(value: str) -> time:
    m = re.fullmatch(r"\s*([01]?\d|2[0-3])(?::([0-5]\d))?\s*", value)
    if not m:
        raise UsageError(f"--at '{value}' is not a time of day; use HH:MM in 24-hour time, e.g. 19:00")
    return time(int(m.group(1)), int(m.group(2) or 0))


def session_minutes(hours: float) -> int:
    if not math.isfinite(hours) or not MIN_SESSION_MINUTES <= round(hours * 60) <= MAX_SESSION_MINUTES:
        raise UsageError(f"--hours {hours:g} is out of range; a study block lasts 0.25 to {MAX_SESSION_MINUTES // 60} hours")
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


_WORDS = {
    "phase": ("Phase {n}: {focus}", "フェーズ{n}: {focus}"),
    "modules": ("Modules:", "モジュール:"),
    "topics": ("Topics:", "トピック:"),
    "goal": ("Goal: {goal}", "目標: {goal}"),
    "show": ("Details: studyplan show {id}", "詳細: studyplan show {id}"),
    "session": ("Study: {title}", "学習: {title}"),
    "routine": ("Weekly routine:", "週間ルーティン:"),
    "today": ("What to study: studyplan today", "今日の学習: studyplan today"),
    "hours": ("{lo:g}–{hi:g} h", "{lo:g}–{hi:g} 時間"),
}


def _w(key: str, lang: str, **kw: object) -> str:
    en, ja = _WORDS[key]
    return (ja if lang == "ja" else en).format(**kw)


def build_calendar(curriculum: Curriculum, timetable: Timetable, profile: str, lang: str,
                   sessions: Sessions | None = None) -> CalendarPlan:
    """Every phase and module window of the timetable (shifts applied), plus the sessions."""
    events: list[CalendarEvent] = []
    cid = curriculum.id
    for window in timetable.phases:
        if window.end < window.start:
            continue
        phase = window.phase
        lines = [_w("modules", lang)]
        for mid in phase.modules:
            module = curriculum.module(mid)
            lines.append(f"- {mid}: {module.title.get(lang) if module else mid}")
        if phase.why:
            lines += ["", phase.why.get(lang)]
        events.append(CalendarEvent(
            uid(profile, cid, "phase", phase.id), "phase",
            _w("phase", lang, n=window.index + 1, focus=phase.focus.get(lang)),
            "\n".join(lines), window.start, window.end + timedelta(days=1), True,
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
                lines += [_w("goal", lang, goal=module.goal.get(lang)), ""]
            lines.append(_w("topics", lang))
            lines += [f"- {t.title.get(lang)}" for t in module.topics]
            lines += ["", _w("show", lang, id=mid)]
            events.append(CalendarEvent(
                uid(profile, cid, "module", mid), "module", f"{module.title.get(lang)} ({mid})",
                "\n".join(lines), first, max(first, last) + timedelta(days=1), True,
            ))
    if sessions is not None and sessions.weekdays:
        first_day = timetable.start
        while first_day.weekday() not in sessions.weekdays:
            first_day += timedelta(days=1)
        if first_day <= timetable.end:
            start = datetime.combine(first_day, sessions.at)
            lines = [_w("routine", lang)]
            lines += [f"- {r.label.get(lang) or r.kind}: {_w('hours', lang, lo=r.min_hours, hi=r.max_hours)}" for r in curriculum.routine]
            lines += ["", _w("today", lang)]
            events.append(CalendarEvent(
                uid(profile, cid, "sessions"), "sessions", _w("session", lang, title=curriculum.title.get(lang)),
                "\n".join(lines), start, start + timedelta(minutes=sessions.minutes), False,
                Recurrence(tuple(RFC_DAYS[d] for d in sessions.weekdays), datetime.combine(timetable.end, time(23, 59, 59))),
            ))
    return CalendarPlan(profile, cid, f"studyplan: {curriculum.title.get(lang)}", lang, timetable.start, timetable.end, tuple(events), sessions)
