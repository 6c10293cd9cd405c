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

from datetime import date
from typing import Iterable

from studyplan.record import Record


class Streaks(Record):
    current: int
    best: int
    last_active: date | None


def compute(active: Iterable[date], today: date, rest_weekdays: frozenset[int] = frozenset(),
            pauses: tuple[tuple[date, date], ...] = ()) -> Streaks:
    """Current and best streak as of ``today``; work grows with active days, not calendar days.

    Days are handled as ordinals (``date.toordinal()``, day 1 a Monday): ten years of
    activity is 3,650 integers, walked once.
    """
    end = today.toordinal()
    days = sorted(o for o in {d.toordinal() for d in active} if o <= end)
    if not days:
        return Streaks(0, 0, None)
    rest = frozenset(rest_weekdays)
    paused = tuple((a.toordinal(), b.toordinal()) for a, b in pauses)

    def neutral(o: int) -> bool:
        return (o - 1) % 7 in rest or any(a <= o <= b for a, b in paused)

    def gap_is_neutral(after: int, before: int) -> bool:
        """Every day strictly between is a rest or paused day (stops at the first ordinary one)."""
        return all(neutral(o) for o in range(after + 1, before))

    run = best = 0
    last = None  # the last active day that counted
    for o in days:
        if (rest or paused) and neutral(o):
            continue  # activity on a rest or paused day neither extends nor breaks
        run = run + 1 if last is not None and (o == last + 1 or gap_is_neutral(last, o)) else 1
        best = max(best, run)
        last = o
    # Today is not over: only the days between the last counted day and today can break the streak.
    current = run if last is not None and (last == end or gap_is_neutral(last, end)) else 0
    return Streaks(current, best, date.fromordinal(days[-1]))
