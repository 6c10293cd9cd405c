"""Issue "nothing lost, nothing let in", point 7: a config file with a wrong TOML type or an unknown key.

TOML has types a setting may not expect (a time ``05:00:00``, a boolean, a list of
numbers, a table, a date). A wrong one is one line naming the file, the key and what
is expected, never an internal error; ``config`` and ``doctor`` still run, show the
value as invalid, and ``config set``/``unset`` replace it. A key studyplan does not
know (a misspelling, a setting from a newer version) is a warning on stderr, once a
run, and otherwise ignored.
"""

from __future__ import annotations

import tomllib

import pytest

from studyplan.config import SETTINGS

GOOD = {"lang": "ja", "weekly_hours": "12", "first_day_of_week": "sunday", "new_cards_per_day": "7", "report_format": "markdown",
        "color": "never", "day_starts_at": "05:00", "rest_days": "sunday", "daily_cap": "5", "profile": "default",
        "review_direction": "ja-en", "desired_retention": "0.85", "sync_dir": "sync-folder", "sync_auto": "off", "pager": "less -R"}
NUMBERS = {"weekly_hours", "new_cards_per_day", "daily_cap", "desired_retention"}
WRONG_FOR_ALL = {"time": "05:00:00", "bool": "true", "numbers": "[1, 2]", "table": "{ a = 1 }", "date": "2026-01-05",
                 "datetime": "2026-01-05T05:00:00"}


def _cases():
    for name in SETTINGS:
        wrong = dict(WRONG_FOR_ALL)
        if name in NUMBERS:
            wrong["text"] = '"lots"'
            if name not in ("weekly_hours", "desired_retention"):  # these take fractions
                wrong["fraction"] = "2.5"
        else:
            wrong["int"] = "42" if name != "profile" else "-42"
            if name == "rest_days":
                wrong["mixed-list"] = '["sunday", 7]'
        for kind, toml in wrong.items():
            yield pytest.param(name, toml, id=f"{name}-{kind}")


def test_every_setting_has_a_case():
    assert {c.values[0] for c in _cases()} == set(SETTINGS) == set(GOOD)


@pytest.fixture
def config(isolated_home):
    isolated_home.mkdir(parents=True, exist_ok=True)
    return isolated_home / "config.toml"


def _one_line_error(result, *needles):
    err = result.stderr.strip()
    assert result.exit_code == 2, (result.exit_code, err)
    assert "internal error" not in err and "Traceback" not in err, err
    assert len(err.splitlines()) == 1 and err.startswith("studyplan: "), err
    for needle in needles:
        assert needle in err, (needle, err)
    return err


@pytest.mark.parametrize(("name", "toml"), list(_cases()))
def test_a_wrong_type_is_one_line_and_config_and_doctor_still_run(sp, config, name, toml):
    other, other_value = ("first_day_of_week", "monday") if name != "first_day_of_week" else ("color", "never")
    config.write_text(f'{other} = "{other_value}"\n{name} = {toml}\n', encoding="utf-8")
    err = _one_line_error(sp("plan", ok=False), str(config), f"'{name}'", "must be")
    assert "studyplan config set" in err  # how to fix it

    entries = {e["name"]: e for e in sp.json("config", "list")["entries"]}
    assert entries[name]["valid"] is False and entries[name]["problem"], entries[name]
    assert entries[other]["valid"] is True and entries[other]["value"] == other_value
    assert sp("config", "list").exit_code == 0
    got = sp("config", "get", name)
    assert got.exit_code == 0 and "must be" in got.stderr
    assert sp("config", "path").exit_code == 0

    doctor = sp("doctor", "--json", ok=False)
    assert doctor.exit_code in (0, 1) and "internal error" not in doctor.stderr, doctor.stderr
    import json

    findings = [f for f in json.loads(doctor.stdout)["findings"] if f["check"] == "config"]
    assert findings and findings[0]["status"] == "problem" and name in findings[0]["message"], findings

    sp("config", "set", name, GOOD[name])  # replaces the broken value, keeps the rest
    on_disk = tomllib.loads(config.read_text(encoding="utf-8"))
    assert set(on_disk) == {other, name} and on_disk[other] == other_value
    assert sp.json("config", "get", name)["valid"] is True
    sp("plan")

    config.write_text(f"{name} = {toml}\n", encoding="utf-8")
    sp("config", "unset", name)
    assert tomllib.loads(config.read_text(encoding="utf-8")) == {}
    sp("plan")


def test_a_boolean_is_not_taken_for_a_number(sp, config):
    config.write_text("new_cards_per_day = true\n", encoding="utf-8")
    _one_line_error(sp("plan", ok=False), "'new_cards_per_day'", "not a boolean")


def test_environment_still_wins_over_a_broken_file_value_in_config_list(sp, config, monkeypatch):
    config.write_text("lang = 05:00:00\n", encoding="utf-8")
    monkeypatch.setenv("STUDYPLAN_LANG", "ja")
    entry = sp.json("config", "get", "lang")
    assert (entry["value"], entry["source"]) == ("ja", "env")


def test_unknown_keys_are_one_warning_then_ignored(sp, config):
    config.write_text('colour = "never"\nfrom_a_newer_version = 3\nlang = "ja"\n', encoding="utf-8")
    sp("init", "--start", "2026-01-05")
    result = sp("plan", "--json")
    assert result.exit_code == 0
    warnings = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(warnings) == 1, warnings
    # lang = "ja" in the file: the warning about it is in Japanese (tests/test_errors_ja.py)
    assert "colour" in warnings[0] and "from_a_newer_version" in warnings[0] and warnings[0].startswith("studyplan: 警告: ")
    assert "'colour' → 'color' のことですか?" in warnings[0]
    import json

    assert json.loads(result.stdout)["lang"] == "ja"  # the known keys still apply
    sp("config", "set", "weekly_hours", "10")  # a rewrite keeps what it does not know
    assert tomllib.loads(config.read_text(encoding="utf-8")) == {"colour": "never", "from_a_newer_version": 3, "lang": "ja", "weekly_hours": 10.0}
    sp("doctor")


def test_a_rewrite_keeps_other_broken_values_for_the_user_to_fix(sp, config):
    config.write_text("day_starts_at = 05:00:00\nrest_days = [1, 2]\n", encoding="utf-8")
    sp("config", "set", "day_starts_at", "05:00")
    assert tomllib.loads(config.read_text(encoding="utf-8")) == {"day_starts_at": "05:00", "rest_days": [1, 2]}
    _one_line_error(sp("plan", ok=False), "'rest_days'")
