"""Issue "nothing lost, nothing let in", point 12 (part): `note --edit` fails with one clear line.

An `$EDITOR` that `shlex` cannot split (an unbalanced quote) and an editor that saves
bytes that are not UTF-8 were internal errors (exit 70, "rerun with STUDYPLAN_DEBUG=1").
Both are the user's to fix, so both are a usage error that says what and how; nothing is saved.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from tests.reliability.conftest import assert_clean_error


def _editor(tmp_path: Path, body: str) -> str:
    script = tmp_path / "editor.sh"
    script.write_text("#!/bin/sh\n" + body + "\n", encoding="utf-8")
    script.chmod(0o755)
    return str(script)


def _notes(db_path: Path) -> list[str]:
    if not db_path.exists():
        return []
    conn = sqlite3.connect(db_path)
    try:
        return [t for (t,) in conn.execute("SELECT text FROM notes")]
    finally:
        conn.close()


@pytest.fixture
def profile(sp, monkeypatch):
    monkeypatch.delenv("VISUAL", raising=False)
    sp("init", "--start", "2026-01-05")


@pytest.mark.parametrize("editor", ['vim "unbalanced', "emacs -nw 'my note", "vi \\"])
def test_an_editor_command_with_an_unbalanced_quote_is_a_clear_error(sp, db_path, profile, monkeypatch, editor):
    monkeypatch.setenv("EDITOR", editor)
    result = sp("note", "ml-basics", "--edit", ok=False)
    err = assert_clean_error(result, "EDITOR", code=2)
    assert "internal error" not in err and "quot" in err, err
    assert _notes(db_path) == []


def test_visual_is_named_when_it_is_the_one_that_cannot_be_split(sp, db_path, profile, monkeypatch):
    monkeypatch.setenv("VISUAL", 'code --wait "')
    monkeypatch.setenv("EDITOR", "vi")
    err = assert_clean_error(sp("note", "ml-basics", "--edit", ok=False), "VISUAL", code=2)
    assert "internal error" not in err


def test_an_empty_editor_command_is_a_clear_error_not_the_temp_file_run_as_a_program(sp, db_path, profile, monkeypatch):
    monkeypatch.setenv("EDITOR", "   ")
    err = assert_clean_error(sp("note", "ml-basics", "--edit", ok=False), "EDITOR", code=2)
    assert "internal error" not in err
    assert _notes(db_path) == []


@pytest.mark.parametrize("payload", [b"caf\\351", b"\\377\\376n\\000o\\000t\\000e\\000", b"ok then \\200"])
def test_an_editor_that_saves_bytes_that_are_not_utf8_is_a_clear_error(sp, db_path, profile, tmp_path, monkeypatch, payload):
    monkeypatch.setenv("EDITOR", _editor(tmp_path, f"printf '{payload.decode()}' > \"$1\""))
    result = sp("note", "ml-basics", "--edit", ok=False)
    err = assert_clean_error(result, "UTF-8", code=2)
    assert "internal error" not in err and "not saved" in err, err
    assert _notes(db_path) == []


def test_an_editor_that_saves_a_huge_file_is_refused_without_reading_it_all(sp, db_path, profile, tmp_path, monkeypatch):
    monkeypatch.setenv("EDITOR", _editor(tmp_path, 'head -c 50000000 /dev/zero | tr "\\000" "x" > "$1"'))
    err = assert_clean_error(sp("note", "ml-basics", "--edit", ok=False), code=2)
    assert "internal error" not in err and "characters" in err, err
    assert _notes(db_path) == []


def test_a_good_editor_still_saves_the_note(sp, db_path, profile, tmp_path, monkeypatch):
    monkeypatch.setenv("EDITOR", _editor(tmp_path, "printf 'PCA, finally — 主成分分析\\n' > \"$1\""))
    sp("note", "ml-basics", "--edit")
    assert _notes(db_path) == ["PCA, finally — 主成分分析"]
