"""Streaks of active days, with the rules stated once.

* A day is active when the learner marked an item, logged time, looked up a
  concept, reviewed a card or wrote a note that (study) day.
* A study day starts at ``day_starts_at`` (default 04:00): work at 1 a.m. counts
  for the day before. The CLI turns timestamps into study days; this module
  only sees dates.
* Rest days (weekdays from the config) and paused days neither break nor extend
  a streak, even when the learner was active on them.
* Today does not break a streak until it is over.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Iterable

from studyplan.record import Record


class Streaks(Record):
    current: int
    best: int
    last_active: date | None


def neutral_day(d: date, rest_weekdays: frozenset[int], pauses: Iterable[tuple[date, date]]) -> bool:
    return d.weekday() in rest_weekdays or any(a <= d <= b for a, b in pauses)


def _gap_is_neutral(after: date, before: date, rest_weekdays: frozenset[int], pauses: tuple[tuple[date, date], ...]) -> bool:
    """True when every day strictly between ``after`` and ``before`` is a rest or paused day."""
    d = after + timedelta(days=1)
    while d < before:
        if not neutral_day(d, rest_weekdays, pauses):
            return False  # stops at the first ordinary day: cost is bounded by rest and pause days
        d += timedelta(days=1)
    return True


def compute(active: Iterable[date], today: date, rest_weekdays: frozenset[int] = frozenset(),
            pauses: tuple[tuple[date, date], ...] = ()) -> Streaks:
    """Current and best streak as of ``today``; work grows with active days, not calendar days."""
    days = sorted(d for d in set(active) if d <= today)
    if not days:
        return Streaks(0, 0, None)
    run = best = 0
    last: date | None = None  # the last active day that counted
    for d in days:
        if neutral_day(d, rest_weekdays, pauses):
            continue  # activity on a rest or paused day neither extends nor breaks
        run = run + 1 if last is not None and _gap_is_neutral(last, d, rest_weekdays, pauses) else 1
        best = max(best, run)
        last = d
    # Today is not over: only the days between the last counted day and today can break the streak.
    current = run if last is not None and (last == today or _gap_is_neutral(last, today, rest_weekdays, pauses)) else 0
    return Streaks(current, best, days[-1])
