"""The schedule as a pure function of plan, curriculum, progress and date."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from studyplan.domain.curriculum import Curriculum
from studyplan.domain.loader import validate_directory
from studyplan.domain.schedule import (
    Plan,
    Shift,
    add_months,
    build_timetable,
    expected_by,
    month_point,
    position,
)

BUNDLED = Path(__file__).resolve().parents[2] / "curricula" / "ml-dl-gpt"


@pytest.fixture(scope="module")
def curriculum() -> Curriculum:
    return Curriculum.from_data(validate_directory(BUNDLED))


def test_add_months_clamps_the_day():
    assert add_months(date(2024, 1, 31), 1) == date(2024, 2, 29)
    assert add_months(date(2023, 1, 31), 1) == date(2023, 2, 28)
    assert add_months(date(2024, 11, 15), 2) == date(2025, 1, 15)
    assert month_point(date(2026, 1, 1), 1.5) == date(2026, 2, 15)


def test_twelve_month_phases_follow_the_map(curriculum):
    t = build_timetable(curriculum, Plan(date(2026, 1, 1), 12))
    spans = [(w.start, w.end) for w in t.phases]
    assert spans == [
        (date(2026, 1, 1), date(2026, 2, 28)),
        (date(2026, 3, 1), date(2026, 4, 30)),
        (date(2026, 5, 1), date(2026, 6, 30)),
        (date(2026, 7, 1), date(2026, 9, 30)),
        (date(2026, 10, 1), date(2026, 12, 31)),
    ]
    assert t.end == date(2026, 12, 31)
    assert t.topics[-1].due == date(2026, 12, 31)


def test_six_and_nine_month_plans_scale_in_proportion(curriculum):
    six = build_timetable(curriculum, Plan(date(2026, 1, 1), 6))
    assert [(w.start, w.end) for w in six.phases][0] == (date(2026, 1, 1), date(2026, 1, 31))
    assert six.phases[3].start == date(2026, 4, 1) and six.phases[3].end == date(2026, 5, 16)
    assert six.end == date(2026, 6, 30)
    nine = build_timetable(curriculum, Plan(date(2026, 1, 1), 9))
    assert nine.phases[0].end == date(2026, 2, 14)
    assert nine.end == date(2026, 9, 30)


def test_leap_year_start(curriculum):
    t = build_timetable(curriculum, Plan(date(2024, 2, 29), 12))
    assert t.end == date(2025, 2, 27)
    assert t.phases[1].start == date(2024, 4, 29)


def test_position_before_during_after(curriculum):
    t = build_timetable(curriculum, Plan(date(2026, 1, 1), 12))
    before = position(t, set(), set(), date(2025, 12, 30))
    assert before.state == "before" and before.days_until_start == 2
    first = t.topics[0]
    p = position(t, set(), set(), first.due + timedelta(days=3))
    assert p.standing == "behind" and p.items_delta == -1 and p.days_delta == -3
    p = position(t, {first.item.ref, t.topics[1].item.ref}, set(), date(2026, 1, 2))
    assert p.standing == "ahead" and p.days_delta == (t.topics[1].due - date(2026, 1, 2)).days
    after = position(t, set(), set(), date(2027, 1, 1))
    assert after.state == "finished" and after.month == 12


def test_skipped_topics_leave_the_count(curriculum):
    t = build_timetable(curriculum, Plan(date(2026, 1, 1), 12))
    skipped = {t.topics[0].item.ref}
    assert expected_by(t, t.topics[0].due, skipped) == 0
    assert position(t, set(), skipped, date(2026, 1, 2)).total_topics == len(t.topics) - 1


def test_a_shift_moves_everything_after_its_anchor(curriculum):
    base = build_timetable(curriculum, Plan(date(2026, 1, 1), 12))
    shifted = build_timetable(curriculum, Plan(date(2026, 1, 1), 12, (Shift(date(2026, 3, 1), 14),)))
    assert shifted.phases[0].end == base.phases[0].end
    assert shifted.phases[1].start == base.phases[1].start + timedelta(days=14)
    assert shifted.end == base.end + timedelta(days=14)
    plan = shifted.plan
    assert plan.planned(date(2026, 3, 5)) == date(2026, 2, 28)  # inside the gap: held at the anchor
    assert plan.planned(date(2026, 4, 1)) == date(2026, 3, 18)


@settings(max_examples=60, deadline=None)
@given(
    start=st.dates(min_value=date(2000, 1, 1), max_value=date(2090, 12, 31)),
    months=st.integers(min_value=6, max_value=12),
)
def test_timetable_invariants(curriculum, start, months):
    t = build_timetable(curriculum, Plan(start, months))
    assert t.phases[0].start == start
    for a, b in zip(t.phases, t.phases[1:]):
        assert b.start == a.end + timedelta(days=1)
    assert t.phases[-1].end == t.end
    dues = [x.due for x in t.topics]
    assert dues == sorted(dues)
    assert all(t.phases[x.phase_index].start <= x.due <= t.phases[x.phase_index].end for x in t.topics)
    assert expected_by(t, t.end) == len(t.topics)
