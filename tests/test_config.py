"""config get/set/unset/list/path, and the precedence flag > environment > file > default."""

from __future__ import annotations

import tomllib


def test_path_is_in_the_home_and_set_writes_toml(sp, isolated_home):
    path = isolated_home / "config.toml"
    assert sp("config", "path").stdout.strip() == str(path)
    assert not path.exists()
    sp("config", "set", "lang", "ja")
    sp("config", "set", "weekly-hours", "12.5")  # '-' and '_' both work
    sp("config", "set", "first_day_of_week", "Sunday")
    sp("config", "set", "new_cards_per_day", "15")
    sp("config", "set", "report_format", "markdown")
    sp("config", "set", "color", "never")
    sp("config", "set", "rest_days", "saturday, sunday")
    assert tomllib.loads(path.read_text(encoding="utf-8")) == {
        "lang": "ja", "weekly_hours": 12.5, "first_day_of_week": "sunday", "new_cards_per_day": 15,
        "report_format": "markdown", "color": "never", "rest_days": ["saturday", "sunday"],
    }
    assert sp("config", "get", "weekly_hours").stdout == "12.5\n"
    assert sp("config", "get", "rest_days").stdout == "saturday,sunday\n"
    assert sp("config", "get", "daily_cap").stdout == "\n"  # unset


def test_list_shows_every_setting_with_its_source(sp, monkeypatch):
    sp("config", "set", "new_cards_per_day", "20")
    monkeypatch.setenv("STUDYPLAN_REPORT_FORMAT", "json")
    data = sp.json("config", "list")
    entries = {e["name"]: e for e in data["entries"]}
    assert {"lang", "weekly_hours", "first_day_of_week", "new_cards_per_day", "report_format", "color"} <= entries.keys()
    assert (entries["new_cards_per_day"]["value"], entries["new_cards_per_day"]["source"]) == (20, "file")
    assert (entries["report_format"]["value"], entries["report_format"]["source"]) == ("json", "env")
    assert (entries["color"]["value"], entries["color"]["source"]) == ("auto", "default")
    text = sp("config", "list").stdout
    assert "STUDYPLAN_REPORT_FORMAT" in text and "new_cards_per_day" in text


def test_precedence_flag_then_environment_then_file_then_default(sp, monkeypatch):
    sp("init", "--start", "2026-03-02")
    assert sp.json("plan")["lang"] == "en"  # default (C locale)
    sp("config", "set", "lang", "ja")
    assert sp.json("plan")["lang"] == "ja"  # file
    assert sp.json("config", "get", "lang")["source"] == "file"
    monkeypatch.setenv("STUDYPLAN_LANG", "en")
    assert sp.json("plan")["lang"] == "en"  # environment beats the file
    got = sp.json("config", "get", "lang")
    assert (got["value"], got["source"], got["env"]) == ("en", "env", "STUDYPLAN_LANG")
    assert sp("config", "get", "lang").stdout == "en\n"
    assert sp.json("plan", "--lang", "ja")["lang"] == "ja"  # a flag beats both
    out = sp("config", "set", "lang", "ja").stdout
    assert "STUDYPLAN_LANG is set in the environment and wins" in out


def test_the_order_is_documented_in_help(sp):
    text = " ".join(sp("config", "--help").stdout.split())
    assert "highest first: a command-line flag" in text and "STUDYPLAN_<NAME>" in text and "config file" in text
    root = " ".join(sp("--help").stdout.split())
    assert "flags, then STUDYPLAN_* environment variables, then the config file" in root


def test_bad_values_and_names_are_refused_and_the_file_is_untouched(sp, isolated_home):
    sp("config", "set", "lang", "ja")
    path = isolated_home / "config.toml"
    before = path.read_bytes()
    for args, words in (
        (["set", "lang", "fr"], "must be en, ja or zh-Hant"),
        (["set", "weekly_hours", "500"], "between 1 and 100"),
        (["set", "new_cards_per_day", "lots"], "must be a number"),
        (["set", "first_day_of_week", "someday"], "must be a weekday"),
        (["set", "colour", "never"], "did you mean 'color'?"),
        (["get", "nope"], "unknown setting 'nope'"),
    ):
        result = sp("--lang", "en", "config", *args, ok=False)  # lang = ja would word them in Japanese
        assert result.exit_code == 2 and words in result.stderr, (args, result.stderr)
    assert path.read_bytes() == before


def test_a_broken_file_is_reported_not_overwritten(sp, isolated_home):
    path = isolated_home / "config.toml"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("lang = \n", encoding="utf-8")
    result = sp("config", "set", "lang", "ja", ok=False)
    assert result.exit_code == 2 and "not valid TOML" in result.stderr
    assert path.read_text(encoding="utf-8") == "lang = \n"


def test_unset_returns_to_the_default(sp, isolated_home):
    sp("config", "set", "lang", "ja")
    sp("config", "set", "new_cards_per_day", "3")
    data = sp.json("config", "unset", "new_cards_per_day")
    assert data["action"] == "unset" and data["effective"] == 10
    assert tomllib.loads((isolated_home / "config.toml").read_text(encoding="utf-8")) == {"lang": "ja"}
