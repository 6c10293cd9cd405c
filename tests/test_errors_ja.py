"""Every error in the learner's language: a Japanese learner gets each one in Japanese, on one
line, with the documented exit code, and never the English text it was made from."""

from __future__ import annotations

import pytest

# (command line, a piece of the Japanese message, the English message id it comes from, exit code)
CASES = [
    (["show", "nope"], "項目 'nope' はありません", "no item '{raw}'; `studyplan plan` lists modules", 2),
    (["show", "ml-basicz"], "'ml-basics' のことですか", "no item '{raw}' — did you mean '{close}'?", 2),
    (["done", "ml-basics/nope"], "項目 'ml-basics/nope' はありません", "no item '{raw}'", 2),
    (["read", "nope"], "読み物 'nope' はありません", "no reading '{reading_id}' (readings: {known})", 2),
    (["concept", "zzqqxxyy-nothing"], "に合う概念はありません", "no concept matches '{query}'", 1),
    (["log", "--delete", "99"], "記録 99 はありません", "no log entry {id}; `studyplan log --list` shows the ids", 2),
    (["pause", "--cancel", "42"], "有効な休止 42 はありません", "no active pause {id}", 2),
    (["log", "45m", "--date", "2026-13-01"], "は日付ではありません", "is not a date; use {forms}", 2),
    (["log", "5x"], "'5x' は時間の長さではありません", "is not a duration; use e.g. 45m", 2),
    (["log", "25h"], "24時間を超えています", "is more than 24 hours", 2),
    (["config", "set", "daily_cap", "-3"], "負の値にはできません", "cannot be negative", 2),
    (["config", "set", "daily_cap", "abc"], "数値にしてください", "must be a number", 2),
    (["config", "set", "dailycap", "3"], "'daily_cap' のことですか", "unknown setting '{raw}'", 2),
    (["today", "--lang", "fr"], "--lang 'fr' は言語として使えません", "is not a language; use {choices}", 2),
    (["report", "--output", "/nonexistent-folder/r.md"], "フォルダ /nonexistent-folder がありません", "the folder {parent} does not exist", 2),
    (["init", "--months", "3"], "--months 3 は範囲外です", "is out of range; a plan lasts", 2),
    (["--profile", "a b", "today"], "'a b' はプロファイル名に使えません", "is not a profile name", 2),
    (["--profile", "dave", "today"], "`studyplan --profile dave init` で作成してください", "no profile '{name}'", 2),
    # Click's own usage errors, worded by the boundary
    (["today", "--foo"], "そのようなオプションはありません: --foo (studyplan today --help を参照)", "no such option", 2),
    (["todya"], "コマンド 'todya' はありません", "no such command", 2),
    (["init", "--months", "abc"], "'abc' は整数ではありません", "is not a whole number", 2),
    (["log", "--date"], "オプション --date には値が必要です", "needs a value", 2),
    (["done"], "引数 ITEM... がありません", "missing argument", 2),
]


def english(msgid: str) -> str:
    """The English text of a message id up to its first placeholder: what must not show."""
    return msgid.split("{", 1)[0].strip() or msgid


@pytest.mark.parametrize(("args", "japanese", "msgid", "code"), CASES, ids=[" ".join(c[0]) for c in CASES])
def test_an_error_reads_in_japanese_on_one_line(sp, frozen, args, japanese, msgid, code):
    frozen("2026-12-03")
    sp("init", "--start", "2026-11-01")
    result = sp("--lang", "ja", *args, ok=False)
    assert result.exit_code == code, result.stderr
    lines = result.stderr.splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("studyplan: ")
    assert japanese in lines[0]
    assert english(msgid) not in lines[0], lines[0]
    assert not result.stdout


def test_the_profile_language_applies_when_no_lang_is_given(sp, frozen):
    frozen("2026-12-03")
    sp("init", "--start", "2026-11-01", "--lang", "ja")
    result = sp("show", "nope", ok=False)
    assert result.exit_code == 2
    assert "項目 'nope' はありません" in result.stderr
    # a refused --lang is reported in the language the learner set up, not in English
    refused = sp("today", "--lang", "JA", ok=False)
    assert refused.exit_code == 2
    assert "--lang 'JA' は言語として使えません" in refused.stderr


def test_a_damaged_database_is_reported_in_japanese(sp, frozen, db_path):
    frozen("2026-12-03")
    sp("init", "--start", "2026-11-01")
    db_path.write_bytes(b"garbage, not a database" * 10)
    for extra in ("-wal", "-shm"):
        db_path.with_name(db_path.name + extra).unlink(missing_ok=True)
    result = sp("--lang", "ja", "today", ok=False)
    assert result.exit_code == 3
    assert len(result.stderr.splitlines()) == 1
    assert "studyplan のデータベースではありません" in result.stderr
    assert "`studyplan doctor` で確認してください" in result.stderr  # the hint inside it too
    assert "run `studyplan doctor`" not in result.stderr


def test_an_unknown_setting_in_the_config_file_warns_in_japanese(sp, frozen, isolated_home):
    frozen("2026-12-03")
    sp("init", "--start", "2026-11-01")
    sp("config", "set", "lang", "ja")
    config = isolated_home / "config.toml"
    config.write_text(config.read_text() + 'daily_cpa = 3\n')
    result = sp("today")
    warning = [line for line in result.stderr.splitlines() if "daily_cpa" in line]
    assert len(warning) == 1
    assert warning[0].startswith("studyplan: 警告: ")
    assert "知らない設定 'daily_cpa' を無視します" in warning[0] and "'daily_cap'" in warning[0]


def test_a_bad_value_in_the_config_file_is_one_japanese_line(sp, frozen, isolated_home):
    frozen("2026-12-03")
    sp("init", "--start", "2026-11-01", "--lang", "ja")
    (isolated_home / "config.toml").write_text('daily_cap = 500\n')
    result = sp("today", ok=False)
    assert result.exit_code == 2
    assert len(result.stderr.splitlines()) == 1
    assert "設定 'daily_cap': 1〜50にしてください" in result.stderr
    assert "studyplan config unset daily_cap" in result.stderr



def test_usage_errors_follow_the_profile_language_even_before_the_command(sp, frozen):
    frozen("2026-12-03")
    sp("init", "--lang", "ja")
    for args, words in ((["--foo"], "そのようなオプションはありません: --foo (studyplan --help を参照)"),
                        (["today", "--foo"], "(studyplan today --help を参照)"),
                        (["log", "--date"], "オプション --date には値が必要です (studyplan log --help を参照)")):
        result = sp(*args, ok=False)
        assert result.exit_code == 2
        assert len(result.stderr.splitlines()) == 1 and words in result.stderr, result.stderr
