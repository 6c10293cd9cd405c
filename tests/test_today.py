"""`studyplan today` (and the bare `studyplan`) on a fresh home and on fixed dates."""

from __future__ import annotations

import sqlite3


def test_first_run_creates_a_profile_starting_today(sp, frozen, db_path):
    frozen("2026-03-02")
    result = sp()
    assert "Today · 2026-03-02" in result.stdout
    assert "month 1 of 12" in result.stdout
    assert db_path.exists()
    conn = sqlite3.connect(db_path)
    assert conn.execute("SELECT name, start_date, months FROM profiles").fetchall() == [("default", "2026-03-02", 12)]


def test_today_before_start_says_when_the_plan_begins(sp):
    sp("init", "--start", "2026-04-01")
    result = sp("today", "--date", "2026-03-30")
    assert "starts on 2026-04-01 (in 2 days)" in result.stdout
    data = sp.json("today", "--date", "2026-03-30")
    assert data["state"] == "before" and data["items"] == []


def test_day_one_shows_the_first_topic_and_the_routine(sp):
    sp("init", "--start", "2026-04-01")
    data = sp.json("today", "--date", "2026-04-01")
    assert data["state"] == "active"
    assert (data["month"], data["week"], data["day"]) == (1, 1, 1)
    assert data["phase_id"] == "ml-foundations"
    assert data["items"][0]["ref"] == "ml-basics/definition"
    assert data["resource"]["ref"].startswith("ml-basics/")
    kinds = {t["kind"]: (t["min_hours"], t["max_hours"]) for t in data["targets"]}
    assert kinds == {"theory": (10, 15), "coding": (5, 10), "updates": (2, 3)}
    assert data["standing"] == "on-track"


def test_mid_plan_behind_then_done_changes_today(sp):
    sp("init", "--start", "2026-01-01")
    before = sp.json("today", "--date", "2026-06-15")
    assert before["standing"] == "behind"
    assert before["items_delta"] < 0 and before["days_delta"] < 0
    assert before["suggest_replan"] is True
    assert "replan" in sp("today", "--date", "2026-06-15").stdout
    first = before["items"][0]["ref"]
    sp("done", first)
    after = sp.json("today", "--date", "2026-06-15")
    assert after["done_topics"] == before["done_topics"] + 1
    assert after["items"][0]["ref"] != first


def test_last_day_and_after_the_end(sp):
    sp("init", "--start", "2026-01-01")
    last = sp.json("today", "--date", "2026-12-31")
    assert last["state"] == "active" and last["month"] == 12
    after = sp.json("today", "--date", "2027-01-05")
    assert after["state"] == "finished"
    assert after["remaining_modules"][0] == "ml-basics"
    text = sp("today", "--date", "2027-01-05").stdout
    assert "Your plan ended on 2026-12-31" in text and "50 topics left" in text


def test_lang_ja_shows_japanese_content(sp):
    sp("init", "--start", "2026-01-01")
    text = sp("today", "--date", "2026-01-01", "--lang", "ja").stdout
    assert "今日の学習" in text and "定義" in text


def test_profile_lang_is_the_default(sp):
    sp("init", "--start", "2026-01-01", "--lang", "ja")
    assert "今日の学習" in sp("today", "--date", "2026-01-01").stdout


def test_bad_date_is_a_clean_error(sp):
    result = sp("today", "--date", "2026-13-01", ok=False)
    assert result.exit_code == 2
    assert "not a date" in result.stderr and "Traceback" not in result.stderr


def test_json_and_rich_views_agree(sp):
    sp("init", "--start", "2026-01-01")
    data = sp.json("today", "--date", "2026-02-20")
    text = sp("today", "--date", "2026-02-20").stdout
    for item in data["items"]:
        assert item["ref"] in text
    assert f"{data['done_topics']}/{data['total_topics']} topics done" in text
