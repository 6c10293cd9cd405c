"""Streaks walked by runs of consecutive days give what walking every day gives.

``reference`` is the day-by-day walk the rules were first written as (domain/streaks.py
before it grouped days into runs); hypothesis draws active days, rest weekdays and pauses.
"""

from __future__ import annotations

from datetime import date, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from studyplan.domain.streaks import Streaks, compute

START = date(2026, 1, 5)


def reference(active, today, rest_weekdays=frozenset(), pauses=()):  # noqa: ANN001, ANN201
    end = today.toordinal()
    days = sorted(o for o in {d.toordinal() for d in active} if o <= end)
    if not days:
        return Streaks(0, 0, None)
    rest = frozenset(rest_weekdays)
    paused = tuple((a.toordinal(), b.toordinal()) for a, b in pauses)

    def neutral(o):  # noqa: ANN001, ANN202
        return (o - 1) % 7 in rest or any(a <= o <= b for a, b in paused)

    def gap_is_neutral(after, before):  # noqa: ANN001, ANN202
        return all(neutral(o) for o in range(after + 1, before))

    run = best = 0
    last = None
    for o in days:
        if (rest or paused) and neutral(o):
            continue
        run = run + 1 if last is not None and (o == last + 1 or gap_is_neutral(last, o)) else 1
        best = max(best, run)
        last = o
    current = run if last is not None and (last == end or gap_is_neutral(last, end)) else 0
    return Streaks(current, best, date.fromordinal(days[-1]))


offsets = st.integers(min_value=0, max_value=90)
pause = st.tuples(offsets, st.integers(min_value=0, max_value=20)).map(
    lambda p: (START + timedelta(days=p[0]), START + timedelta(days=p[0] + p[1])))


@settings(max_examples=400, deadline=None)
@given(active=st.sets(offsets, max_size=80), today=offsets,
       rest=st.frozensets(st.integers(min_value=0, max_value=6), max_size=3),
       pauses=st.lists(pause, max_size=3))
def test_runs_and_days_agree(active, today, rest, pauses):
    days = [START + timedelta(days=o) for o in active]
    when = START + timedelta(days=today)
    assert compute(days, when, rest, tuple(pauses)) == reference(days, when, rest, tuple(pauses))


def test_a_century_of_daily_study_is_one_streak():
    days = [START - timedelta(days=n) for n in range(36_500)]
    assert compute(days, START) == Streaks(36_500, 36_500, START)
    sundays_off = compute(days, START, frozenset({6}))
    assert sundays_off.best == sundays_off.current == 36_500 - sum(1 for d in days if d.weekday() == 6)
