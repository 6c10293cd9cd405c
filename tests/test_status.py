"""`studyplan status`: the fields, the template, --json, the empty cases and the exit codes.

In process, through the typer command (the same ``answer`` the fast path prints);
tests/test_status_fast_path.py runs ``python -m studyplan status`` itself.
"""

from __future__ import annotations

import json

import pytest

from studyplan.app import prompt
from studyplan.domain import status as text


def status(sp, *args: str, ok: bool = True):
    return sp("status", *args, ok=ok)


@pytest.fixture
def active(sp, frozen):
    """A plan started 2026-01-05, asked on 2026-03-02 (behind: nothing done yet)."""
    frozen("2026-03-02")
    sp("init", "--start", "2026-01-05")
    return sp


def test_the_default_line_names_topics_cards_streak_and_position(active):
    line = status(active).stdout.strip()
    facts = json.loads(status(active, "--json").stdout)
    assert line == f"{facts['topics']} · {facts['cards']} · {facts['streak']} · {facts['position']}"
    assert facts["position"].endswith("days behind") and facts["days_delta"] < 0


def test_the_facts_are_the_full_commands_facts(active):
    active("start", "ml-basics")  # some cards become eligible for review
    active("log", "30m")
    today = active.json("today")
    report = active.json("report", "--week")
    facts = json.loads(status(active, "--json").stdout)
    assert facts["topics_n"] == len(today["items"])
    assert facts["cards_n"] == today["cards_due"] > 0
    assert (facts["days_delta"], facts["standing"]) == (today["days_delta"], today["standing"])
    assert facts["streak_n"] == report["streak_current"] == 1
    assert facts["date"] == "2026-03-02" and facts["profile"] == "default" and facts["state"] == "active"


def test_a_template_fills_every_field_and_keeps_doubled_braces(active):
    template = " ".join(f"{{{name}}}" for name in text.FIELDS) + " {{literal}}"
    out = status(active, "--format", template).stdout.strip()
    facts = json.loads(status(active, "--json").stdout)
    assert out == " ".join(str(facts[name]) for name in text.FIELDS) + " {literal}"
    assert status(active, "-f", "{topics_n}/{cards_n}").stdout.strip() == f"{facts['topics_n']}/{facts['cards_n']}"


def test_json_holds_every_field_with_numbers_as_numbers(active):
    facts = json.loads(status(active, "--json").stdout)
    assert set(facts) == {"json_version", *text.FIELDS}
    assert all(isinstance(facts[k], int) for k in ("topics_n", "cards_n", "streak_n", "days_delta"))


@pytest.mark.parametrize("template", ["{nope}", "{topics", "topics}", "{}", "{topics_n:>3}"])
def test_an_unknown_field_or_a_lone_brace_is_a_usage_error(active, template):
    result = status(active, "--format", template, ok=False)
    assert result.exit_code == 2 and result.stdout == ""
    assert len(result.stderr.strip().splitlines()) == 1 and "studyplan status:" in result.stderr


def test_no_database_says_nothing_and_creates_nothing(sp, isolated_home):
    result = status(sp)
    assert (result.exit_code, result.stdout) == (0, "")
    assert not (isolated_home / "studyplan.db").exists()
    assert status(sp, "--json").stdout == ""


def test_no_such_profile_says_nothing_and_creates_nothing(active, db_path):
    import sqlite3

    assert status(active, "--profile", "nobody").stdout == ""
    assert status(active, "-p", "nobody", "--json").stdout == ""
    assert sqlite3.connect(db_path).execute("SELECT name FROM profiles").fetchall() == [("default",)]


def test_before_the_plan_starts_there_is_nothing_to_say(sp, frozen):
    frozen("2026-03-02")
    sp("init", "--start", "2026-04-01")
    assert status(sp).stdout == ""
    assert status(sp, "--date", "2026-04-01").stdout.strip() != ""


def test_after_the_plan_ends_status_still_speaks(sp, frozen):
    frozen("2027-02-01")
    sp("init", "--start", "2026-01-05")
    facts = json.loads(status(sp, "--json").stdout)
    assert facts["state"] == "finished" and facts["topics_n"] == 0


def test_a_problem_prints_one_line_on_stderr_and_exits_0(active, db_path):
    db_path.write_bytes(b"this is not a database" * 10)
    result = status(active)
    assert (result.exit_code, result.stdout) == (0, "")
    assert len(result.stderr.strip().splitlines()) == 1 and result.stderr.startswith("studyplan status: ")


def test_a_broken_setting_is_a_problem_too(active, isolated_home, monkeypatch):
    monkeypatch.setenv("STUDYPLAN_DAY_STARTS_AT", "25:99")
    result = prompt.answer(prompt.Options())
    assert (result.code, result.out) == (0, "") and result.err.startswith("studyplan status: ")


def test_position_words_in_english_and_japanese():
    from studyplan.app.status import words

    assert words("en", 1, 1, 0, -1, "behind")["position"] == "1 day behind"
    assert words("en", 1, 1, 0, -3, "behind")["position"] == "3 days behind"
    assert words("en", 1, 1, 0, 0, "on-track")["position"] == "on track"
    assert words("en", 1, 1, 0, 2, "ahead")["position"] == "2 days ahead"
    en = words("en", 1, 2, 12, 0, "paused")
    assert (en["topics"], en["cards"], en["streak"], en["position"]) == ("1 topic", "2 cards", "12-day streak", "paused")
    assert words("en", 3, 0, 0, 0, "on-track")["streak"] == "no streak"
    ja = words("ja", 3, 5, 12, -2, "behind")
    assert (ja["topics"], ja["cards"], ja["streak"], ja["position"]) == ("3トピック", "カード5枚", "12日連続", "2日の遅れ")
    facts = {**dict.fromkeys(text.FACTS, ""), "topics_n": 1, "cards_n": 1, "streak_n": 0, "days_delta": 0,
             "standing": "on-track", "focus_started": 100, "focus_minutes": 25, "words": ja}
    assert text.fields(facts, now=100 + 60)["focus"] == "集中 残り24分"
    assert text.fields(facts, now=100 + 25 * 60)["focus"] == "集中 25分 終了"


def test_the_line_follows_the_learner_s_language(active):
    line = status(active, "--lang", "ja").stdout.strip()
    assert "トピック" in line and "topic" not in line
    assert "topic" in status(active, "--lang", "en").stdout
    assert json.loads(status(active, "--json", "--lang", "ja").stdout)["lang"] == "ja"


def test_the_fast_path_and_typer_read_the_same_options():
    opts = prompt.parse(["--format", "{cards}", "--json", "--no-cache", "-p", "me", "--date=2026-03-02"])
    assert (opts.template, opts.json, opts.cache, opts.profile, opts.date) == ("{cards}", True, False, "me", "2026-03-02")
    assert prompt.parse(["-f=x"]) is None  # short options take no '=': typer words the error
    for argv in (["--help"], ["-h"], ["--format"], ["--bogus"], ["extra"]):
        assert prompt.parse(argv) is None, argv


def test_help_lists_status_and_its_fields(sp):
    assert "status" in sp("--help").stdout
    helptext = sp("status", "--help").stdout
    assert all(f"{{{name}}}" in helptext for name in text.FIELDS)


def test_every_template_in_the_prompt_docs_is_valid():
    import re
    from pathlib import Path

    repo = Path(__file__).resolve().parents[1]
    doc = (repo / "docs" / "status.md").read_text(encoding="utf-8") + (repo / "README.md").read_text(encoding="utf-8")
    templates = re.findall(r"--format (?:'([^']*)'|\"([^\"]*)\")", doc)
    assert len(templates) >= 7
    for single, double in templates:
        text.parse(single or double)
    assert text.fill("%F{{cyan}}{topics_n}", {**dict.fromkeys(text.FACTS, ""), "topics_n": 3, "cards_n": 0, "streak_n": 0,
                                               "days_delta": 0, "standing": "on-track",
                                               "words": dict.fromkeys(text.WORDS, "")}) == "%F{cyan}3"
