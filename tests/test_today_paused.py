"""`today` inside a pause says so, and shows no targets, no ahead or behind; weekly_hours from the config applies."""

from __future__ import annotations


def test_today_inside_a_pause_says_you_are_paused(sp, frozen):
    frozen("2026-03-20")
    sp("init", "--start", "2026-03-02")
    sp("pause", "--from", "2026-03-18", "--to", "2026-03-25", "--reason", "exams")
    data = sp.json("today")
    assert data["state"] == "paused" and data["standing"] == "paused"
    assert data["pause"]["start"] == "2026-03-18" and data["pause"]["end"] == "2026-03-25" and data["pause"]["reason"] == "exams"
    assert data["items"] == [] and data["targets"] == [] and data["days_delta"] == 0 and not data["suggest_replan"]
    out = sp("today").stdout
    assert "Paused from 2026-03-18 to 2026-03-25" in out and "(exams)" in out and "2026-03-26" in out
    assert "Ahead" not in out and "Behind" not in out and "On track" not in out and "routine" not in out
    ja = sp("today", "--lang", "ja").stdout
    assert "一時停止" in ja and "Paused" not in ja


def test_the_day_after_a_pause_is_a_study_day_again(sp, frozen):
    frozen("2026-03-26")
    sp("init", "--start", "2026-03-02")
    sp("pause", "--from", "2026-03-18", "--to", "2026-03-25")
    data = sp.json("today")
    assert data["state"] == "active" and data["pause"] is None and data["targets"]


def test_weekly_hours_from_the_config_shrinks_the_targets(sp, frozen):
    frozen("2026-03-10")
    sp("init", "--start", "2026-03-02")
    full = {t["kind"]: t["min_hours"] for t in sp.json("today")["targets"]}
    sp("config", "set", "weekly_hours", "8.5")
    half = {t["kind"]: t["min_hours"] for t in sp.json("today")["targets"]}
    assert half == {k: round(v / 2, 1) for k, v in full.items()}
    week = sp.json("report", "--date", "2026-03-10")
    assert {h["kind"]: h["min_hours"] for h in week["hours"]}["theory"] == 5


def test_status_agrees_with_today_inside_a_pause_and_with_the_configured_hours(sp, frozen):
    frozen("2026-03-20")
    sp("init", "--start", "2026-03-02")
    sp("pause", "--from", "2026-03-18", "--to", "2026-03-25")
    status = sp.json("status", "--no-cache")
    assert status["standing"] == "paused" and status["topics_n"] == 0
    assert "paused" in sp("status", "--no-cache").stdout
