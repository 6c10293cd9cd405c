"""domain/dates.py: the date forms every date option accepts, relative to a given day."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from studyplan.domain.dates import EARLIEST, LATEST, parse_date
from studyplan.errors import UsageError

WEDNESDAY = date(2026, 3, 4)
days_around = st.dates(min_value=date(1950, 1, 1), max_value=date(2900, 12, 31))
offsets = st.integers(min_value=0, max_value=3000)


def test_iso_dates_are_as_before():
    assert parse_date("2026-03-01", WEDNESDAY) == date(2026, 3, 1)
    assert parse_date("  2026-03-01 ", WEDNESDAY) == date(2026, 3, 1)


@pytest.mark.parametrize(("word", "expected"), [
    ("today", WEDNESDAY), ("yesterday", date(2026, 3, 3)), ("tomorrow", date(2026, 3, 5)),
    ("TODAY", WEDNESDAY), (" Yesterday ", date(2026, 3, 3)),
    ("-3d", date(2026, 3, 1)), ("+10d", date(2026, 3, 14)), ("+1w", date(2026, 3, 11)), ("-2w", date(2026, 2, 18)),
    ("+0d", WEDNESDAY), ("-0w", WEDNESDAY), ("-3D", date(2026, 3, 1)),
])
def test_named_and_relative_days(word, expected):
    assert parse_date(word, WEDNESDAY) == expected


@pytest.mark.parametrize(("word", "expected"), [
    ("mon", date(2026, 3, 2)), ("tue", date(2026, 3, 3)), ("wed", WEDNESDAY),  # today is Wednesday: today
    ("thu", date(2026, 2, 26)), ("fri", date(2026, 2, 27)), ("sat", date(2026, 2, 28)), ("sun", date(2026, 3, 1)),
    ("Monday", date(2026, 3, 2)), ("WEDNESDAY", WEDNESDAY), ("thursday", date(2026, 2, 26)), ("Sunday", date(2026, 3, 1)),
])
def test_weekdays_are_the_most_recent_one_today_included(word, expected):
    assert parse_date(word, WEDNESDAY) == expected


@given(today=days_around, n=offsets)
def test_plus_and_minus_n_days_move_by_n_days(today, n):
    assert parse_date(f"+{n}d", today) == today + timedelta(days=n)
    assert parse_date(f"-{n}d", today) == today - timedelta(days=n)
    assert parse_date(f"+{n}d", today) - parse_date(f"-{n}d", today) == timedelta(days=2 * n)


@given(today=days_around, n=st.integers(min_value=0, max_value=400))
def test_weeks_are_seven_days(today, n):
    assert parse_date(f"+{n}w", today) == parse_date(f"+{7 * n}d", today)
    assert parse_date(f"-{n}w", today) == parse_date(f"-{7 * n}d", today)


@given(today=days_around, index=st.integers(min_value=0, max_value=6))
def test_a_weekday_is_within_the_last_seven_days_and_falls_on_that_day(today, index):
    name = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")[index]
    got = parse_date(name, today)
    assert got.weekday() == index and timedelta(0) <= today - got < timedelta(days=7)


@pytest.mark.parametrize("bad", ["", "  ", "soon", "3d", "+3", "+d", "+-3d", "+3m", "+3y", "mo", "mond", "2026-13-01",
                                 "2026/03/01", "+٣d", "today+1", "next monday"])
def test_anything_else_is_refused_with_the_accepted_forms(bad):
    with pytest.raises(UsageError) as err:
        parse_date(bad, WEDNESDAY, "--from")
    message = err.value.message
    assert message.startswith(f"--from '{bad}' is not a date; use YYYY-MM-DD, today, yesterday, tomorrow, -3d")
    assert "weekday" in message and "\n" not in message


@pytest.mark.parametrize("far", ["+999999999999d", "-99999999w", "+" + "9" * 5000 + "d"])
def test_offsets_past_the_calendar_are_out_of_range_not_a_crash(far):
    with pytest.raises(UsageError) as err:
        parse_date(far, WEDNESDAY)
    assert "is out of range; give a date between 1900-01-01 and 2999-12-31" in err.value.message


def test_the_range_applies_to_relative_dates_too():
    with pytest.raises(UsageError, match=r"--date '\+400000d' \(3121-.*\) is out of range"):
        parse_date("+400000d", WEDNESDAY)
    with pytest.raises(UsageError, match="--date 3000-01-01 is out of range"):
        parse_date("3000-01-01", WEDNESDAY)
    assert parse_date("today", EARLIEST) == EARLIEST and parse_date("today", LATEST) == LATEST
    with pytest.raises(UsageError):
        parse_date("tomorrow", LATEST)
