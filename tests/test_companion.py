"""Notes, pace and finish date, catch-up, fair streaks, pauses (issue: companion features)."""

from __future__ import annotations

import math
from datetime import date, timedelta
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from studyplan.domain.curriculum import Curriculum
from studyplan.domain.loader import validate_directory
from studyplan.domain.schedule import Plan, build_timetable
from studyplan.domain.streaks import compute
from studyplan.domain.today import build_today

BUNDLED = Path(__file__).resolve().parents[1] / "curricula" / "ml-dl-gpt"
CURRICULUM = Curriculum.from_data(validate_directory(BUNDLED))


# -- notes ----------------------------------------------------------------------------------
def test_notes_add_list_search_show_and_undo(sp, frozen):
    frozen("2026-03-10")
    sp("note", "ml-basics", "PCA finally clicked")
    sp("note", "ml-basics/key-algorithms", "SVM margins")
    sp("note", "dl-intro", "ReLU vs sigmoid")
    assert [n["ref"] for n in sp.json("notes", "ml-basics")["notes"]] == ["ml-basics", "ml-basics/key-algorithms"]
    assert [n["text"] for n in sp.json("notes", "--search", "relu")["notes"]] == ["ReLU vs sigmoid"]
    assert "PCA finally clicked" in sp("show", "ml-basics").stdout
    sp("undo")
    assert [n["text"] for n in sp.json("notes")["notes"]] == ["PCA finally clicked", "SVM margins"]
    assert sp("note", "ml-basic", "x", ok=False).exit_code == 2


def test_note_edit_uses_the_editor_and_empty_cancels(sp, frozen, tmp_path, monkeypatch):
    frozen("2026-03-10")
    script = tmp_path / "ed.sh"
    script.write_text("#!/bin/sh\nprintf 'written in the editor' > \"$1\"\n")
    script.chmod(0o755)
    monkeypatch.setenv("EDITOR", str(script))
    monkeypatch.delenv("VISUAL", raising=False)
    sp("note", "dl-intro", "--edit")
    assert sp.json("notes")["notes"][0]["text"] == "written in the editor"
    monkeypatch.setenv("EDITOR", "true")
    out = sp("note", "dl-intro", "--edit").stdout
    assert "Nothing saved" in out and len(sp.json("notes")["notes"]) == 1


# -- pace -------------------------------------------------------------------------------------
def test_projection_matches_a_hand_computed_date(sp, frozen):
    # Plan from 2026-01-05; over the four weeks before 2026-02-01 the learner finishes 6 topics.
    frozen("2026-01-05")
    sp("init", "--start", "2026-01-05")
    topics = [t.ref for t in CURRICULUM.scheduled_topics()]
    schedule = {"2026-01-05": topics[0:2], "2026-01-13": topics[2:3], "2026-01-20": topics[3:5], "2026-01-28": topics[5:6]}
    for day, refs in schedule.items():
        frozen(day)
        sp("done", *refs)
    frozen("2026-02-01")
    pace = sp.json("today")["pace"]
    # Blocks ending 2026-02-01: Jan 26–Feb 1 (1 topic), Jan 19–25 (2), Jan 12–18 (1), Jan 5–11 (2): 6 topics / 4 weeks.
    assert pace["enough_data"] is True and pace["topics_per_week"] == 1.5
    remaining = 50 - 6
    expected = date(2026, 2, 1) + timedelta(days=math.ceil(remaining / 1.5 * 7))
    assert pace["projected_end"] == expected.isoformat()
    assert pace["planned_end"] == "2027-01-04"
    assert pace["weeks_late"] == round((expected - date(2027, 1, 4)).days / 7)
    assert f"at your pace: {expected.isoformat()}".lower() in sp("today").stdout.lower()


def test_projection_declines_with_under_two_weeks(sp, frozen):
    frozen("2026-01-05")
    sp("init", "--start", "2026-01-05")
    sp("done", "ml-basics/definition")
    frozen("2026-01-09")
    pace = sp.json("today")["pace"]
    assert pace["enough_data"] is False and pace["reason"] == "too-little-history" and pace["weeks_needed"] == 2
    assert "too little history" in sp("today").stdout


# -- catch-up ---------------------------------------------------------------------------------
@settings(max_examples=25, deadline=None)
@given(idle=st.integers(min_value=0, max_value=45), cap=st.integers(min_value=1, max_value=3))
def test_catch_up_respects_the_cap_and_clears_the_backlog(idle, cap):
    start = date(2026, 1, 1)
    timetable = build_timetable(CURRICULUM, Plan(start, 12))
    phase = timetable.phases[0]
    statuses: dict[str, str] = {}
    day = start + timedelta(days=idle)
    while day <= phase.end:
        r = build_today(CURRICULUM, timetable, statuses, "p", None, day, "en", daily_cap=cap)
        assert len(r.items) <= cap
        for item in r.items:
            statuses[item.ref] = "done"
        day += timedelta(days=1)
    phase_topics = [t.ref for m in phase.phase.modules for t in CURRICULUM.module(m).topics]
    feasible = len(phase_topics) <= cap * ((phase.end - (start + timedelta(days=idle))).days + 1)
    if feasible:
        assert all(statuses.get(ref) == "done" for ref in phase_topics)


def test_today_says_how_many_catch_up_days_remain(sp):
    sp("init", "--start", "2026-01-01")
    data = sp.json("today", "--date", "2026-02-10")
    assert data["standing"] == "behind" and data["catch_up_days"] > 0
    assert len(data["items"]) <= data["daily_cap"]
    assert "days of catch-up left" in sp("today", "--date", "2026-02-10").stdout


# -- streaks ---------------------------------------------------------------------------------------
def test_a_1am_log_counts_for_the_previous_day(sp, frozen, db_path):
    frozen("2026-03-11", hour=1)
    entry = sp.json("log", "30m")["entry"]
    assert entry["day"] == "2026-03-10"
    frozen("2026-03-11", hour=5)
    assert sp.json("log", "30m")["entry"]["day"] == "2026-03-11"


def test_day_starts_at_is_configurable(sp, frozen, monkeypatch):
    monkeypatch.setenv("STUDYPLAN_DAY_STARTS_AT", "00:00")
    frozen("2026-03-11", hour=1)
    assert sp.json("log", "30m")["entry"]["day"] == "2026-03-11"


def test_rest_day_neither_breaks_nor_extends(sp, frozen, monkeypatch):
    monkeypatch.setenv("STUDYPLAN_REST_DAYS", "sunday")
    frozen("2026-03-16")  # a Monday
    sp("init", "--start", "2026-03-02")
    for day in ("2026-03-13", "2026-03-14", "2026-03-16"):  # Fri, Sat, (Sun rest), Mon
        sp("log", "1h", "--date", day)
    week = sp.json("report", "--date", "2026-03-16")
    assert week["streak_current"] == 3
    monkeypatch.delenv("STUDYPLAN_REST_DAYS")
    assert sp.json("report", "--date", "2026-03-16")["streak_current"] == 1


def test_rules_in_unit_form():
    days = [date(2026, 3, 13), date(2026, 3, 14), date(2026, 3, 15), date(2026, 3, 16)]
    sunday = frozenset({6})
    assert compute(days, date(2026, 3, 16), sunday).current == 3  # activity on the rest day does not extend
    # Fri + Sat active, Sunday a rest day, Monday is today and not over yet: still 2.
    assert compute(days[:2], date(2026, 3, 16), sunday).current == 2
    # A Tuesday with nothing on Monday: broken.
    assert compute(days[:2], date(2026, 3, 17), sunday).current == 0
    assert compute(days[:2], date(2026, 3, 17), sunday).best == 2


def test_pause_shifts_today_and_keeps_the_streak(sp, frozen):
    frozen("2026-03-20")
    sp("init", "--start", "2026-03-02")
    for day in ("2026-03-08", "2026-03-09"):
        sp("log", "1h", "--date", day)
    before = sp.json("today")
    sp("pause", "--from", "2026-03-10", "--to", "2026-03-19", "--reason", "exams")
    after = sp.json("today")
    assert after["plan_end"] == (date.fromisoformat(before["plan_end"]) + timedelta(days=10)).isoformat()
    assert after["expected_topics"] <= before["expected_topics"]
    sp("log", "1h")  # the 20th, the day after the pause
    assert sp.json("report")["streak_current"] == 3
    listed = sp.json("pause", "--list")["pauses"]
    assert len(listed) == 1 and listed[0]["days"] == 10
    bad = sp("pause", "--from", "2026-03-15", "--to", "2026-03-25", ok=False)
    assert bad.exit_code == 2 and "overlaps" in bad.stderr
    sp("pause", "--cancel", str(listed[0]["id"]))
    assert sp.json("today")["plan_end"] == before["plan_end"]


def test_prerequisites_are_advice(sp):
    data = sp.json("show", "dl-architectures")
    assert data["missing_prerequisites"] == ["dl-intro"]
    sp("done", "dl-intro")
    assert sp.json("show", "dl-architectures")["missing_prerequisites"] == []
    sp("start", "llm-advanced")  # not locked
    assert "Prerequisites not done yet" in sp("plan").stdout
