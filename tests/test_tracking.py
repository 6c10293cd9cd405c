"""log / report / timeline / replan with frozen dates."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest

GOLDEN = Path(__file__).resolve().parent / "data" / "report-week.md"


@pytest.fixture
def month_of_work(sp, frozen):
    """A scripted March 2026: a plan starting 2026-03-02 (a Monday), logs and completions."""
    frozen("2026-03-31")
    sp("init", "--start", "2026-03-02", "--hours", "17")
    script = [
        ("2026-03-02", "2h", "theory", "ml-basics"), ("2026-03-03", "1h30m", "coding", None),
        ("2026-03-04", "90", "theory", None), ("2026-03-05", "45m", "updates", None),
        ("2026-03-07", "3h", "theory", None), ("2026-03-08", "1h", "coding", None),  # Sat, Sun
        ("2026-03-09", "2.5h", "theory", None), ("2026-03-10", "30m", "updates", None),
    ]
    for day, duration, kind, module in script:
        args = ["log", duration, "--kind", kind, "--date", day]
        if module:
            args += ["--module", module]
        sp(*args)
    return sp


def test_log_refuses_bad_input_and_writes_nothing(sp, frozen, db_path):
    frozen("2026-03-10")
    sp("log", "30m")
    for args, words in [
        (["log", "3x"], "not a duration"), (["log", "0m"], "no time"), (["log", "25h"], "more than 24 hours"),
        (["log", "1h", "--date", "2026-03-11"], "in the future"), (["log", "1h", "--module", "ml-basic"], "did you mean 'ml-basics'"),
        (["log", "1h", "--kind", "reading"], "theory, coding or updates"), (["log"], "give a DURATION"),
    ]:
        result = sp(*args, ok=False)
        assert result.exit_code == 2, args
        assert words in result.stderr and "Traceback" not in result.stderr
    assert sqlite3.connect(db_path).execute("SELECT COUNT(*) FROM time_log").fetchone()[0] == 1


def test_durations_and_default_kind(sp, frozen):
    frozen("2026-03-10")
    for text, minutes in [("45m", 45), ("1.5h", 90), ("1h30m", 90), ("90", 90), ("1:15", 75)]:
        assert sp.json("log", text)["entry"]["minutes"] == minutes
    assert sp.json("log", "1h", "--module", "staying-current")["entry"]["kind"] == "updates"
    assert sp.json("log", "1h", "--module", "applications-trends")["entry"]["kind"] == "coding"


def test_an_empty_log_list_says_how_to_log(sp, frozen):
    frozen("2026-03-10")
    assert "No study time logged from 2026-03-09 to 2026-03-15. Log some: studyplan log" in sp("log", "--list", "--week").stdout
    assert sp.json("log", "--list")["entries"] == []


def test_log_list_delete_and_undo(sp, frozen):
    frozen("2026-03-10")
    a = sp.json("log", "1h")["entry"]["id"]
    sp("log", "2h", "--date", "2026-02-20")
    assert [e["id"] for e in sp.json("log", "--list", "--week")["entries"]] == [a]
    assert len(sp.json("log", "--list")["entries"]) == 2
    sp("log", "--delete", str(a))
    assert len(sp.json("log", "--list")["entries"]) == 1
    sp("undo")
    assert len(sp.json("log", "--list")["entries"]) == 2
    assert sp("log", "--delete", "999", ok=False).exit_code == 2  # an unknown id is a usage error (README "Exit codes")


def test_weekly_report_numbers(month_of_work):
    sp = month_of_work
    sp("done", "ml-basics/definition")  # on 2026-03-31 (frozen today)
    week1 = sp.json("report", "--week", "--date", "2026-03-04")
    assert (week1["start"], week1["end"], week1["label"]) == ("2026-03-02", "2026-03-08", "2026-W10")
    hours = {h["kind"]: (h["hours"], h["min_hours"], h["max_hours"], h["verdict"]) for h in week1["hours"]}
    # 17 h a week is the routine's minimum: targets are not scaled.
    assert hours == {"theory": (6.5, 10, 15, "under"), "coding": (2.5, 5, 10, "under"), "updates": (0.75, 2, 3, "under")}
    assert week1["total_hours"] == 9.75
    assert week1["active_days"] == 6
    assert (week1["streak_current"], week1["streak_best"]) == (2, 4)  # as of Sunday 8th: Sat+Sun; Mon–Thu before
    assert [c["minutes"] for c in week1["heatmap"]] == [120, 90, 90, 45, 0, 180, 60]
    # Sunday -> Monday: the next week holds only its own logs.
    week2 = sp.json("report", "--week", "--date", "2026-03-09")
    assert week2["start"] == "2026-03-09" and week2["total_hours"] == 3.0
    # Streaks are as of the period's last day: nothing from the 11th to the 15th.
    assert week2["streak_current"] == 0 and week2["streak_best"] == 4


def test_report_streak_plan_and_items(month_of_work):
    sp = month_of_work
    sp("done", "ml-basics/definition", "ml-basics/types-of-ml")
    sp("start", "ml-basics/key-algorithms")
    month = sp.json("report", "--month", "--date", "2026-03-15")
    assert (month["start"], month["end"], month["label"]) == ("2026-03-01", "2026-03-31", "2026-03")
    assert month["completed"] == 2 and month["started"] == 1
    assert month["modules"][0]["module"] == "ml-basics"
    plan = month["plan"]
    assert plan["done_topics"] == 2 and plan["total_topics"] == 50
    # ml-foundations: ml-basics' 4 topics over the 61 days Mar 2–May 1, due on days ceil(k·61/4): Mar 17, Apr 1 …
    assert plan["expected_topics"] == 1
    # March is not over on the 31st: judged as of today, as `today` judges it
    assert plan["standing"] == "ahead" and plan["items_delta"] == 1 and plan["days_delta"] == 1
    today = sp.json("today")
    assert (today["standing"], today["items_delta"], today["days_delta"]) == ("ahead", 1, 1)
    assert month["streak_best"] == 4
    assert len(month["heatmap"]) % 7 == 0 and month["heatmap"][0]["date"] == "2026-02-23"
    hours = {h["kind"]: (h["min_hours"], h["max_hours"]) for h in month["hours"]}
    assert hours["theory"] == (round(10 * 31 / 7, 1), round(15 * 31 / 7, 1))


def test_targets_scale_with_fewer_weekly_hours(sp, frozen):
    frozen("2026-03-10")
    sp("init", "--start", "2026-03-02", "--hours", "8.5")
    week = sp.json("report", "--date", "2026-03-10")
    assert {h["kind"]: (h["min_hours"], h["max_hours"]) for h in week["hours"]} == {"theory": (5, 7.5), "coding": (2.5, 5), "updates": (1, 1.5)}


def test_year_boundary_and_leap_day(sp, frozen):
    frozen("2026-01-02")
    sp("init", "--start", "2025-12-01")
    sp("log", "1h", "--date", "2025-12-31")
    sp("log", "2h", "--date", "2026-01-01")
    week = sp.json("report", "--week", "--date", "2026-01-01")
    assert (week["label"], week["start"], week["end"]) == ("2026-W01", "2025-12-29", "2026-01-04")
    assert week["total_hours"] == 3.0
    dec = sp.json("report", "--month", "--date", "2025-12-15")
    assert dec["total_hours"] == 1.0


def test_leap_day_week(sp, frozen):
    frozen("2024-03-01")
    sp("init", "--start", "2024-02-01")
    sp("log", "1h", "--date", "2024-02-29")
    week = sp.json("report", "--date", "2024-02-29")
    assert week["label"] == "2024-W09" and week["total_hours"] == 1.0
    feb = sp.json("report", "--month", "--date", "2024-02-29")
    assert feb["end"] == "2024-02-29"


def test_markdown_report_matches_golden_file(month_of_work, tmp_path):
    sp = month_of_work
    sp("done", "ml-basics/definition")
    out = tmp_path / "week.md"
    sp("report", "--week", "--date", "2026-03-04", "--format", "markdown", "--output", str(out))
    assert out.read_text(encoding="utf-8") == GOLDEN.read_text(encoding="utf-8")


def test_markdown_report_of_an_empty_week_has_no_double_blank_lines(sp, frozen, tmp_path):
    frozen("2026-03-10")
    sp("init", "--start", "2026-03-02")
    out = tmp_path / "week.md"
    sp("report", "--week", "--format", "markdown", "--output", str(out))
    text = out.read_text(encoding="utf-8")
    assert "0 completed" in text and "## Plan" in text
    assert "\n\n\n" not in text


def test_report_output_json_and_format_errors(sp, frozen, tmp_path):
    frozen("2026-03-10")
    out = tmp_path / "r.json"
    sp("report", "--format", "json", "--output", str(out))
    assert json.loads(out.read_text())["kind"] == "week"
    assert sp("report", "--format", "html", ok=False).exit_code == 2
    assert "Hours against the routine" in sp("report").stdout


def test_replan_shifts_today_and_timeline(sp, frozen):
    frozen("2026-05-01")
    sp("init", "--start", "2026-03-02")
    before = sp.json("today")
    assert before["standing"] == "behind" and before["suggest_replan"]
    result = sp.json("replan")
    assert result["changed"] and result["days"] > 0
    after = sp.json("today")
    assert after["standing"] == "on-track"
    assert after["plan_end"] > before["plan_end"]
    assert after["items"][0]["ref"] == "ml-basics/definition"
    tl = sp.json("timeline")
    assert tl["shifted_days"] == result["days"] and len(tl["revisions"]) == 1
    assert "Shifted" in sp("timeline").stdout
    again = sp.json("replan")
    assert again["changed"] is False
    sp("undo")
    assert sp.json("timeline")["shifted_days"] == 0


def test_timeline_marks_done_work_and_you_are_here(sp):
    sp("init", "--start", "2026-03-02")
    sp("done", "ml-basics")
    tl = sp.json("timeline", "--date", "2026-04-10")
    assert tl["here_column"] == 1
    bar = next(b for b in tl["bars"] if b["id"] == "ml-basics")
    assert bar["status"] == "done" and bar["columns"] == [0, 1]  # months 1–2 are ml-basics alone
    assert "▼" in sp("timeline", "--date", "2026-04-10").stdout


def test_extreme_inputs_are_refused_by_the_domain_not_the_boundary(sp, frozen):
    frozen("2026-03-10")
    r = sp("report", "--date", "9999-12-31", ok=False)
    assert r.exit_code == 2 and "out of range" in r.stderr and "internal" not in r.stderr
    r = sp("log", "9" * 400, ok=False)
    assert r.exit_code == 2 and "more than 24 hours" in r.stderr
    r = sp("log", "--delete", "99999999999999999999999", ok=False)
    assert r.exit_code == 2 and "no log entry" in r.stderr
