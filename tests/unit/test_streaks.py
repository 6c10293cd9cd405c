"""The streak rules, checked against a day-by-day reference implementation."""

from __future__ import annotations

from datetime import date, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from studyplan.domain.streaks import compute

BASE = date(2026, 1, 1)


def reference(active: set[date], today: date, rest: frozenset[int], pauses) -> tuple[int, int]:
    """Walk every calendar day: the rules as the README states them."""
    if not active:
        return 0, 0
    run = best = 0
    d = min(active)
    while d <= today:
        neutral = d.weekday() in rest or any(a <= d <= b for a, b in pauses)
        if neutral:
            pass
        elif d in active:
            run += 1
            best = max(best, run)
        elif d != today:
            run = 0
        d += timedelta(days=1)
    return run, best


@settings(max_examples=300, deadline=None)
@given(
    offsets=st.sets(st.integers(min_value=0, max_value=120), max_size=60),
    today=st.integers(min_value=0, max_value=130),
    rest=st.frozensets(st.integers(min_value=0, max_value=6), max_size=3),
    pause=st.one_of(st.none(), st.tuples(st.integers(0, 120), st.integers(0, 20))),
)
def test_compute_matches_the_day_by_day_rules(offsets, today, rest, pause):
    active = {BASE + timedelta(days=o) for o in offsets}
    now = BASE + timedelta(days=today)
    pauses = () if pause is None else ((BASE + timedelta(days=pause[0]), BASE + timedelta(days=pause[0] + pause[1])),)
    got = compute(active, now, rest, pauses)
    assert (got.current, got.best) == reference({d for d in active if d <= now}, now, rest, pauses)
    assert got.last_active == max((d for d in active if d <= now), default=None)


def test_examples():
    days = [date(2026, 3, 13), date(2026, 3, 14), date(2026, 3, 16)]  # Fri, Sat, Mon
    assert compute(days, date(2026, 3, 16), frozenset({6})).current == 3
    assert compute(days, date(2026, 3, 16)).current == 1
    assert compute(days, date(2026, 3, 18)).current == 0 and compute(days, date(2026, 3, 18)).best == 2
