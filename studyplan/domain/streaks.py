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
    """Current and best streak as of ``today``. The days are grouped into runs of consecutive
    days first (one comparison a day); the rules then walk the runs, not the days, so rest
    days and pauses are looked at once a run instead of once a day."""
    end = today.toordinal()
    return _from_runs(_runs(sorted(o for o in {d.toordinal() for d in active} if o <= end)), end, rest_weekdays, pauses)


def from_runs(runs: Iterable[tuple[date, date]], today: date, rest_weekdays: frozenset[int] = frozenset(),
              pauses: tuple[tuple[date, date], ...] = ()) -> Streaks:
    """``compute`` from the runs of consecutive active days (first, last), as the store keeps
    them: the same answer as from the days themselves, in a step per run."""
    end = today.toordinal()
    spans = ((a.toordinal(), min(b.toordinal(), end)) for a, b in runs if a.toordinal() <= end)
    return _from_runs(list(_merged(spans)), end, rest_weekdays, pauses)  # runs from the store never touch: joined anyway


def _runs(days: list[int]) -> list[tuple[int, int]]:
    """Sorted distinct ordinals as runs of consecutive days."""
    out: list[tuple[int, int]] = []
    for o in days:
        if out and o == out[-1][1] + 1:
            out[-1] = (out[-1][0], o)
        else:
            out.append((o, o))
    return out


def _from_runs(runs: list[tuple[int, int]], end: int, rest_weekdays: frozenset[int],
               pauses: tuple[tuple[date, date], ...]) -> Streaks:
    """The rules of the module docstring over runs of active days (ordinals, day 1 a Monday).

    Inside a run every day is active, so its counted (not rest, not paused) days follow one
    another with only neutral days between: they extend one streak by their number. Across
    runs, the streak goes on when every day between the last counted day and the next is
    neutral."""
    if not runs:
        return Streaks(0, 0, None)
    rest = frozenset(rest_weekdays)
    paused = _merged((a.toordinal(), b.toordinal()) for a, b in pauses)

    def neutral(o: int) -> bool:
        return (o - 1) % 7 in rest or any(a <= o <= b for a, b in paused)

    def gap_is_neutral(after: int, before: int) -> bool:
        """Every day strictly between is a rest or paused day (stops at the first ordinary one)."""
        return all(neutral(o) for o in range(after + 1, before))

    def counted(a: int, b: int) -> int:
        """Days of ``a``..``b`` that are neither rest nor paused."""
        n = b - a + 1 - _rest_days(a, b, rest)
        for p, q in paused:
            lo, hi = max(a, p), min(b, q)
            if lo <= hi:
                n -= hi - lo + 1 - _rest_days(lo, hi, rest)
        return n

    neutral_days = bool(rest or paused)
    run = best = 0
    last = None  # the last active day that counted
    for a, b in runs:
        if neutral_days:
            n = counted(a, b)
            if n == 0:
                continue  # activity on rest or paused days only neither extends nor breaks
            first = next(o for o in range(a, b + 1) if not neutral(o))
            final = next(o for o in range(b, a - 1, -1) if not neutral(o))
        else:
            n, first, final = b - a + 1, a, b
        run = run + n if last is not None and (first == last + 1 or gap_is_neutral(last, first)) else n
        best = max(best, run)
        last = final
    # Today is not over: only the days between the last counted day and today can break the streak.
    current = run if last is not None and (last == end or gap_is_neutral(last, end)) else 0
    return Streaks(current, best, date.fromordinal(runs[-1][1]))


def _merged(spans: Iterable[tuple[int, int]]) -> tuple[tuple[int, int], ...]:
    """Day ranges with overlaps joined, so no day is counted twice."""
    out: list[tuple[int, int]] = []
    for a, b in sorted(spans):
        if out and a <= out[-1][1] + 1:
            out[-1] = (out[-1][0], max(out[-1][1], b))
        else:
            out.append((a, b))
    return tuple(out)


def _rest_days(a: int, b: int, rest: frozenset[int]) -> int:
    """How many days of ``a``..``b`` (ordinals) fall on a rest weekday."""
    if not rest:
        return 0
    weeks, extra = divmod(b - a + 1, 7)
    return weeks * len(rest) + sum(1 for o in range(a, a + extra) if (o - 1) % 7 in rest)
