"""Profiles: the hint to create one works as printed, `init` names the profile to use next,
names are checked, and a switch of curriculum on a profile with progress is confirmed first
and undone by `undo`."""

from __future__ import annotations

import sqlite3

import pytest

import studyplan.cli.init as init_command


def profiles(db_path) -> dict[str, tuple[str, int]]:
    rows = sqlite3.connect(db_path).execute("SELECT name, curriculum, months FROM profiles").fetchall()
    return {name: (curriculum, months) for name, curriculum, months in rows}


@pytest.fixture
def today(frozen):
    frozen("2026-12-03")


def test_the_hint_for_a_missing_profile_works_as_printed(sp, today):
    sp("init", "--start", "2026-11-01")
    result = sp("--profile", "dave", "today", ok=False)
    assert result.exit_code == 2
    assert result.stderr == "studyplan: no profile 'dave'; create it with `studyplan --profile dave init`\n"
    created = sp("--profile", "dave", "init")
    assert "Created profile dave" in created.stdout
    assert "Next: studyplan --profile dave today" in created.stdout
    assert sp("--profile", "dave", "today").exit_code == 0


def test_init_takes_profile_after_the_command_too(sp, today, db_path):
    result = sp("init", "--profile", "erin", "--start", "2026-11-02", "--months", "9")
    assert "Created profile erin: 9-month plan" in result.stdout
    assert "Next: studyplan --profile erin today" in result.stdout
    assert profiles(db_path)["erin"] == ("ml-dl-gpt", 9)
    assert sp.json("--profile", "erin", "init")["next_command"] == "studyplan --profile erin today"


def test_the_default_profile_needs_no_flag_next(sp, today):
    out = sp("init").stdout
    assert out.rstrip().endswith("Next: studyplan today")
    assert "Next: studyplan today" in sp("--profile", "default", "init").stdout


@pytest.mark.parametrize("name", ["a b", "x" * 65, ".hidden", "dave/../x", "línea", "two\nlines"])
def test_a_bad_profile_name_is_one_line_and_creates_nothing(sp, today, db_path, name):
    sp("init")
    for args in (["--profile", name, "init"], ["init", "--profile", name], ["--profile", name, "today"]):
        result = sp(*args, ok=False)
        assert result.exit_code == 2, args
        assert len(result.stderr.splitlines()) == 1, result.stderr
        assert "is not a profile name: use letters, digits" in result.stderr
    assert set(profiles(db_path)) == {"default"}


def test_a_good_long_name_is_accepted(sp, today, db_path):
    name = "Team.dave_2-" + "x" * 52  # 64 characters
    sp("--profile", name, "init")
    assert name in profiles(db_path)


def test_switching_curriculum_with_progress_is_refused_in_a_script(sp, today, db_path):
    sp("init", "--start", "2026-11-01")
    sp("done", "ml-basics/definition")
    result = sp("init", "--curriculum", "python-basics", ok=False)
    assert result.exit_code == 2
    assert result.stderr == ("studyplan: profile 'default' has progress in ml-dl-gpt (1 item marked): switching to "
                             "python-basics leaves it behind; add --force to switch (`studyplan undo` switches back)\n")
    assert profiles(db_path)["default"] == ("ml-dl-gpt", 12)
    # nothing was journaled either: undo still reverts the mark
    assert "Undone: ml-basics/definition done → todo again" in sp("undo").stdout


def test_force_switches_and_undo_switches_back(sp, today, db_path):
    sp("init", "--start", "2026-11-01", "--months", "10")
    sp("done", "ml-basics/definition")
    sp("log", "1h")
    result = sp("init", "--curriculum", "python-basics", "--force")
    assert "Switched from ml-dl-gpt: its progress stays there, and `studyplan undo` switches back." in result.stdout
    assert profiles(db_path)["default"] == ("python-basics", 6)
    undone = sp("undo").stdout
    assert undone == "Undone: switching from ml-dl-gpt to python-basics (the profile follows ml-dl-gpt again)\n"
    assert profiles(db_path)["default"] == ("ml-dl-gpt", 10)
    assert sp.json("show", "ml-basics")["topics"][0]["status"] == "done"  # the progress is there again
    # the next undo reverts the change before the switch, which the learner can see
    assert "Undone: 1h of theory logged for 3 Dec 2026" in sp("undo").stdout


def test_a_switch_without_progress_asks_nothing(sp, today, db_path):
    sp("init")
    result = sp("init", "--curriculum", "python-basics")
    assert "Switched from ml-dl-gpt" in result.stdout
    assert profiles(db_path)["default"][0] == "python-basics"


def test_on_a_terminal_the_switch_is_asked_first(sp, today, db_path, monkeypatch):
    monkeypatch.setattr(init_command, "can_ask", lambda: True)
    sp("init")
    sp("done", "ml-basics/definition", "ml-basics/types-of-ml")
    no = sp("init", "--curriculum", "python-basics", input="n\n", ok=False)
    assert no.exit_code == 1
    assert "Profile 'default' has progress in ml-dl-gpt (2 items marked). Switch to python-basics?" in no.stderr
    assert no.stderr.endswith("studyplan: nothing was changed\n")  # (a terminal ends the answer's line)
    assert profiles(db_path)["default"][0] == "ml-dl-gpt"
    yes = sp("init", "--curriculum", "python-basics", input="y\n")
    assert "Switched from ml-dl-gpt" in yes.stdout
    assert profiles(db_path)["default"][0] == "python-basics"


def test_the_question_and_the_undo_read_in_japanese(sp, today, db_path, monkeypatch):
    monkeypatch.setattr(init_command, "can_ask", lambda: True)
    sp("init", "--lang", "ja")
    sp("log", "30m")
    asked = sp("init", "--curriculum", "python-basics", input="y\n")
    assert "プロファイル 'default' には ml-dl-gpt での進捗があります (学習時間の記録 1 件)。python-basics に切り替えますか?" in asked.stderr
    assert "ml-dl-gpt から切り替えました" in asked.stdout
    undone = sp("undo").stdout
    assert undone == "取り消しました: ml-dl-gpt から python-basics への切り替え (再び ml-dl-gpt に沿って進みます)\n"
    assert "switching" not in undone
