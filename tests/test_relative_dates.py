"""Relative dates on the command line (today, -3d, +1w, mon …), counted from the study day."""

from __future__ import annotations

import pytest

ACCEPTED = "use YYYY-MM-DD, today, yesterday, tomorrow, -3d, +2w or a weekday"


@pytest.fixture
def wednesday(sp, frozen):
    """Noon on Wednesday 2026-03-04; the plan started on Monday 2026-02-02."""
    frozen("2026-03-04")
    sp("init", "--start", "2026-02-02")
    return sp


@pytest.mark.parametrize(("given", "expected"), [
    ("today", "2026-03-04"), ("yesterday", "2026-03-03"), ("tomorrow", "2026-03-05"),
    ("-3d", "2026-03-01"), ("+10d", "2026-03-14"), ("+1w", "2026-03-11"), ("-2w", "2026-02-18"),
    ("mon", "2026-03-02"), ("Wed", "2026-03-04"), ("thursday", "2026-02-26"), ("SUN", "2026-03-01"),
    ("2026-03-20", "2026-03-20"),
])
def test_today_and_timeline_take_every_form(wednesday, given, expected):
    sp = wednesday
    assert sp.json("today", "--date", given)["date"] == expected
    assert sp.json("timeline", "--date", given)["date"] == expected


def test_a_relative_date_can_follow_the_option_as_its_own_word_or_after_equals(wednesday):
    sp = wednesday
    assert sp.json("today", "--date", "-3d")["date"] == "2026-03-01"
    assert sp.json("today", "--date=-1w")["date"] == "2026-02-25"


def test_log_and_report_count_from_today(wednesday):
    sp = wednesday
    assert sp.json("log", "30m", "--date", "yesterday")["entry"]["day"] == "2026-03-03"
    assert sp.json("log", "20m", "--date", "mon")["entry"]["day"] == "2026-03-02"
    assert sp.json("log", "10m", "--date", "-1w")["entry"]["day"] == "2026-02-25"
    assert sp.json("log", "--list", "--week", "--date", "-1w")["start"] == "2026-02-23"
    result = sp("log", "1h", "--date", "tomorrow", ok=False)
    assert result.exit_code == 2 and "--date 2026-03-05 is in the future" in result.stderr
    report = sp.json("report", "--date", "-1w")
    assert (report["start"], report["end"]) == ("2026-02-23", "2026-03-01")
    month = sp.json("report", "--month", "--date", "-4w")
    assert (month["start"], month["end"]) == ("2026-02-01", "2026-02-28")


def test_init_start_pause_and_replan_take_relative_dates(sp, frozen):
    frozen("2026-03-04")
    assert sp.json("init", "--start", "mon")["start"] == "2026-03-02"
    assert sp.json("init", "--start", "-2w")["start"] == "2026-02-18"
    pause = sp.json("pause", "--from", "tomorrow", "--to", "+1w")["pause"]
    assert (pause["pause_from"], pause["pause_to"]) == ("2026-03-05", "2026-03-11")
    assert sp.json("replan", "--from", "today")["from_day"] == "2026-03-04"


def test_relative_dates_follow_the_study_day_not_the_calendar(sp, frozen):
    """At 02:00 (before day_starts_at 04:00) the study day is still Tuesday 2026-03-03."""
    frozen("2026-03-04", hour=2)
    sp("init", "--start", "2026-02-02")
    assert sp.json("today", "--date", "today")["date"] == "2026-03-03"
    assert sp.json("today", "--date", "yesterday")["date"] == "2026-03-02"
    assert sp.json("today", "--date", "wed")["date"] == "2026-02-25"  # Wednesday has not begun
    assert sp.json("log", "15m", "--date", "-1d")["entry"]["day"] == "2026-03-02"
    sp("config", "set", "day_starts_at", "00:00")
    assert sp.json("today", "--date", "today")["date"] == "2026-03-04"
    assert sp.json("today", "--date", "wed")["date"] == "2026-03-04"


@pytest.mark.parametrize(("args", "option"), [
    (["today", "--date", "someday"], "--date"),
    (["timeline", "--date", "3d"], "--date"),
    (["report", "--date", "+1x"], "--date"),
    (["log", "30m", "--date", "mond"], "--date"),
    (["init", "--start", "next week"], "--start"),
    (["replan", "--from", "soon"], "--from"),
    (["pause", "--from", "today", "--to", "later"], "--to"),
    (["pause", "--from", "xmas", "--to", "+1w"], "--from"),
])
def test_a_bad_date_gets_one_line_naming_the_option_and_the_forms(wednesday, args, option):
    result = wednesday(*args, ok=False)
    assert result.exit_code == 2 and result.stdout == ""
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith(f"studyplan: {option} '") and "is not a date" in lines[0] and ACCEPTED in lines[0]


def test_a_far_offset_is_out_of_range_not_a_crash(wednesday):
    for far in ("+99999999999d", "-9999999w"):
        result = wednesday("today", "--date", far, ok=False)
        assert result.exit_code == 2 and "is out of range; give a date between 1900-01-01 and 2999-12-31" in result.stderr


def test_the_help_of_every_date_option_lists_the_forms(sp):
    for args in (["today"], ["timeline"], ["report"], ["log"], ["init"], ["replan"], ["pause"]):
        text = " ".join(sp(*args, "--help").stdout.split())
        assert "YYYY-MM-DD, today, yesterday, tomorrow, -3d, +2w" in text, args
        assert "the most recent one, today included" in text and "study day" in text, args
