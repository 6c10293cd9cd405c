"""Issue "nothing lost, nothing let in", point 6: whatever `export` writes, `import` reads back.

A note with a NUL byte (saved through `note --edit`) used to export fine and then be
refused by `import` ("must not contain NUL characters"): a backup that could not be
restored. Two halves of one rule:

* input: every command that stores free text (`note`, `note --edit`, `log --note`,
  `pause --reason`, `concept QUERY`) passes it through ``domain.text.stored_text``:
  NUL is removed and CRLF/CR become LF; everything else is kept as typed (and
  neutralised on output by ``clean``);
* backup: text already stored, by an older studyplan or another tool, holds anything
  Python can store; export → import gives every character back (a Hypothesis property).
"""

from __future__ import annotations

import itertools
import json
import os
import sqlite3
from datetime import date
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from studyplan.store.db import open_database
from studyplan.store.progress import Store

AT = "2026-01-10T20:00:00+09:00"
DAY = date(2026, 1, 10)
CONTROLS = "".join(chr(c) for c in [*range(0x00, 0x20), 0x7F, *range(0x80, 0xA0)])


def _rows(db_path: Path, sql: str) -> list:
    conn = sqlite3.connect(db_path)
    try:
        return [r[0] for r in conn.execute(sql)]
    finally:
        conn.close()


def _editor(tmp_path: Path, printf: str) -> str:
    script = tmp_path / "editor.sh"
    script.write_text(f"#!/bin/sh\nprintf '{printf}' > \"$1\"\n", encoding="utf-8")
    script.chmod(0o755)
    return str(script)


def _tables(doc: dict) -> dict:
    return doc["tables"]


# -- the report: a note saved through the editor with a NUL byte ------------------------------
def test_a_note_with_a_nul_byte_from_the_editor_can_be_exported_and_restored(sp, db_path, tmp_path, monkeypatch):
    monkeypatch.delenv("VISUAL", raising=False)
    monkeypatch.setenv("EDITOR", _editor(tmp_path, "before\\000after\\r\\nsecond line"))
    sp("init", "--start", "2026-01-05")
    sp("note", "ml-basics", "--edit")
    assert _rows(db_path, "SELECT text FROM notes") == ["beforeafter\nsecond line"]  # cleaned at input
    backup = tmp_path / "backup.json"
    sp("export", "--output", str(backup))
    sp("--profile", "restored", "import", str(backup))
    assert [n["text"] for n in sp.json("--profile", "restored", "notes")["notes"]] == ["beforeafter\nsecond line"]


# -- one input rule for every command that stores free text -----------------------------------
def test_every_command_that_stores_free_text_applies_the_same_input_rule(sp, db_path, frozen):
    frozen("2026-03-10")
    typed = "a\x00b\r\nc\rd\te \x1b[31mred\x1b[0m \x7f\x9b"
    kept = "ab\nc\nd\te \x1b[31mred\x1b[0m \x7f\x9b"  # NUL gone, line breaks LF; the rest as typed
    sp("init", "--start", "2026-01-05")
    sp("note", "ml-basics", typed)
    sp("log", "30m", "--note", typed)
    sp("pause", "--from", "2026-04-01", "--to", "2026-04-03", "--reason", typed)
    sp("concept", "overfitting\x00")
    assert _rows(db_path, "SELECT text FROM notes") == [kept]
    assert _rows(db_path, "SELECT note FROM time_log") == [kept]
    assert _rows(db_path, "SELECT reason FROM plan_revisions") == [kept]
    assert _rows(db_path, "SELECT query FROM lookups") == ["overfitting"]


def test_a_note_that_is_only_nul_and_blank_lines_is_empty(sp, db_path):
    sp("init", "--start", "2026-01-05")
    out = sp("note", "ml-basics", "\x00\r\n\x00").stdout
    assert "Nothing saved" in out or "nothing saved" in out
    assert _rows(db_path, "SELECT COUNT(*) FROM notes") == [0]


# -- text already stored (an older studyplan, another tool) ----------------------------------
def _store_everywhere(db_path: Path, text: str) -> None:
    store = Store(open_database(db_path))
    try:
        pid = store.profile("default").id
        store.add_note(pid, "ml-basics", text, AT, DAY)
        store.add_log(pid, DAY, 30, "theory", None, text, AT, DAY)
        store.add_revision(pid, "pause", date(2026, 2, 2), 7, AT, DAY, date(2026, 2, 2), date(2026, 2, 8), text)
        store.record_lookup(pid, "overfitting", text, AT, DAY)
    finally:
        store.close()


def test_every_control_character_already_stored_survives_export_and_import(sp, db_path, tmp_path, monkeypatch):
    sp("init", "--start", "2026-01-05")
    stored = "older studyplan: " + CONTROLS + " \u2028\u202e\u200b\ufeff 日本語 \U0001f600"
    _store_everywhere(db_path, stored)
    backup = tmp_path / "old.json"
    sp("export", "--output", str(backup))
    first = json.loads(backup.read_text(encoding="utf-8"))
    monkeypatch.setenv("STUDYPLAN_HOME", str(tmp_path / "fresh"))
    result = sp.json("import", str(backup))
    assert all(t["added"] == t["in_file"] for t in result["tables"]), result
    again = json.loads(sp("export").stdout)
    assert _tables(again) == _tables(first)
    fresh = tmp_path / "fresh" / "studyplan.db"
    assert _rows(fresh, "SELECT text FROM notes") == [stored]
    assert _rows(fresh, "SELECT note FROM time_log") == [stored]
    assert _rows(fresh, "SELECT reason FROM plan_revisions") == [stored]
    assert _rows(fresh, "SELECT query FROM lookups") == [stored]


_homes = itertools.count()


@settings(max_examples=int(os.environ.get("RELIABILITY_EXAMPLES", "25")), deadline=None, derandomize=True, database=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(text=st.text(st.characters(codec="utf-8"), min_size=1, max_size=60))
def test_any_stored_text_round_trips_through_export_and_import(sp, tmp_path, monkeypatch, text):
    n = next(_homes)
    home, fresh = tmp_path / f"home-{n}", tmp_path / f"fresh-{n}"
    monkeypatch.setenv("STUDYPLAN_HOME", str(home))
    sp("init", "--start", "2026-01-05")
    _store_everywhere(home / "studyplan.db", text)
    backup = home / "backup.json"
    sp("export", "--output", str(backup))
    first = json.loads(backup.read_text(encoding="utf-8"))
    monkeypatch.setenv("STUDYPLAN_HOME", str(fresh))
    sp("import", str(backup))
    again = json.loads(sp("export").stdout)
    assert _tables(again) == _tables(first)
    assert _rows(fresh / "studyplan.db", "SELECT text FROM notes") == [text]


@pytest.mark.parametrize("line_ending", ["\r\n", "\r"])
def test_an_editor_that_saves_windows_line_endings_stores_plain_ones(sp, db_path, tmp_path, monkeypatch, line_ending):
    monkeypatch.delenv("VISUAL", raising=False)
    monkeypatch.setenv("EDITOR", _editor(tmp_path, "one" + line_ending.replace("\r", "\\r").replace("\n", "\\n") + "two"))
    sp("init", "--start", "2026-01-05")
    sp("note", "ml-basics", "--edit")
    assert _rows(db_path, "SELECT text FROM notes") == ["one\ntwo"]
