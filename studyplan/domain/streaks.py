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
from typing import Iterable, NamedTuple


class Streaks(NamedTuple):
    current: int
    best: int
    last_active: date | None


def neutral_day(d: date, rest_weekdays: frozenset[int], pauses: Iterable[tuple[date, date]]) -> bool:
    return d.weekday() in rest_weekdays or any(a <= d <= b for a, b in pauses)


def compute(active: Iterable[date], today: date, rest_weekdays: frozenset[int] = frozenset(),
            pauses: tuple[tuple[date, date], ...] = ()) -> Streaks:
    days = sorted(d for d in set(active) if d <= today)
    if not days:
        return Streaks(0, 0, None)
    active_set = set(days)
    run = best = 0
    d = days[0]
    while d <= today:
        if neutral_day(d, rest_weekdays, pauses):
            pass
        elif d in active_set:
            run += 1
            best = max(best, run)
        elif d != today:
            run = 0
        d += timedelta(days=1)
    return Streaks(run, best, days[-1])
