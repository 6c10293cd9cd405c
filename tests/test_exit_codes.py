"""Exit codes are the same everywhere (README "Exit codes"): an unknown name or id is a usage
error (2), a search that finds nothing is 1; every error, Click's usage errors included, is one
line; a value that starts with '-' reaches its own check."""

from __future__ import annotations

import pytest


@pytest.fixture
def learner(sp, frozen):
    frozen("2026-12-03")
    sp("init", "--start", "2026-11-01")
    return sp


def one_line(result) -> str:
    lines = result.stderr.splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("studyplan: ")
    assert "Usage:" not in result.stderr and "Try " not in result.stderr and "Error:" not in result.stderr
    return lines[0]


@pytest.mark.parametrize("args", [
    ["show", "no-such-module"],
    ["done", "ml-basics/no-such-item"],
    ["read", "no-such-reading"],
    ["log", "--delete", "999"],
    ["pause", "--cancel", "999"],
    ["--profile", "nobody", "today"],
    ["config", "get", "no_such_setting"],
], ids=lambda a: " ".join(a))
def test_an_unknown_name_or_id_is_a_usage_error(learner, args):
    result = learner(*args, ok=False)
    assert result.exit_code == 2
    one_line(result)


def test_a_concept_search_with_no_match_is_nothing_found(learner):
    result = learner("concept", "zzqqxxyy-nothing", ok=False)
    assert result.exit_code == 1
    assert "no concept matches 'zzqqxxyy-nothing'" in one_line(result)


def test_an_unknown_log_or_pause_id_changes_nothing(learner):
    learner("log", "45m")
    before = learner.json("log", "--list")["entries"]
    assert learner("log", "--delete", "7", ok=False).exit_code == 2
    assert learner("pause", "--cancel", "7", ok=False).exit_code == 2
    assert learner.json("log", "--list")["entries"] == before
    assert "Undone: 45m of theory" in learner("undo").stdout  # the last change is still the log entry


@pytest.mark.parametrize(("args", "line"), [
    (["today", "--foo"], "studyplan: no such option: --foo (see studyplan today --help)"),
    (["--foo"], "studyplan: no such option: --foo (see studyplan --help)"),
    (["todya"], "studyplan: no such command 'todya' (did you mean 'today'?) (see studyplan --help)"),
    (["log", "--date"], "studyplan: option --date needs a value (see studyplan log --help)"),
    (["init", "--months", "abc"], "studyplan: invalid value for --months: 'abc' is not a whole number (see studyplan init --help)"),
    (["done"], "studyplan: missing argument ITEM... (see studyplan done --help)"),
    (["config", "sett", "lang", "ja"], "studyplan: no such command 'sett' (did you mean 'set', 'unset'?) (see studyplan config --help)"),
    (["config", "set", "lang", "ja", "extra"], "studyplan: unexpected extra argument(s): extra (see studyplan config set --help)"),
], ids=lambda a: " ".join(a) if isinstance(a, list) else "")
def test_click_usage_errors_are_one_line_exit_2(learner, args, line):
    result = learner(*args, ok=False)
    assert result.exit_code == 2
    assert one_line(result) == line
    assert not result.stdout


def test_a_negative_cap_reaches_the_check_and_is_refused(learner, isolated_home):
    result = learner("config", "set", "daily_cap", "-3", ok=False)
    assert result.exit_code == 2
    assert one_line(result) == "studyplan: setting 'daily_cap' cannot be negative: a cap is a number of topics, 1 to 50"
    assert not (isolated_home / "config.toml").exists()  # nothing written
    assert learner("config", "set", "daily_cap", "0", ok=False).exit_code == 2
    learner("config", "set", "daily_cap", "5")
    assert learner("config", "get", "daily_cap").stdout == "5\n"


def test_a_value_that_looks_like_an_option_is_still_checked(learner):
    result = learner("config", "set", "weekly_hours", "-10", ok=False)
    assert result.exit_code == 2
    assert "setting 'weekly_hours' must be between 1 and 100 hours" in one_line(result)
    # options of `config set` are still options
    assert learner.json("config", "set", "weekly_hours", "10")["value"] == 10


def test_help_still_works_and_exits_0(learner):
    result = learner("today", "--help")
    assert result.exit_code == 0 and "Usage:" in result.stdout
