"""The store: migrations, refusal of newer or damaged databases, and the journal."""

from __future__ import annotations

import sqlite3
from datetime import date

import pytest

from studyplan.errors import StoreError
from studyplan.store.db import open_database
from studyplan.store.migrations import MIGRATIONS, SCHEMA_VERSION
from studyplan.store.progress import Store


def test_blank_database_gets_every_migration(tmp_path):
    db = open_database(tmp_path / "s.db")
    assert db.conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION == len(MIGRATIONS)
    assert db.conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    db.close()


@pytest.mark.parametrize("version", range(1, SCHEMA_VERSION))
def test_older_schema_is_backed_up_then_migrated(tmp_path, version):
    path = tmp_path / "s.db"
    conn = sqlite3.connect(path)
    for step in MIGRATIONS[:version]:
        step(conn)
    conn.execute(f"PRAGMA user_version = {version}")
    conn.execute("INSERT INTO profiles (name, curriculum, start_date, months, created_at) VALUES ('default', 'ml-dl-gpt', '2026-01-01', 12, 'x')")
    conn.commit()
    conn.close()
    db = open_database(path)
    assert db.conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    assert db.conn.execute("SELECT name FROM profiles").fetchone()[0] == "default"
    db.close()
    backups = list(tmp_path.glob(f"s.v{version}.bak*.db"))
    assert len(backups) == 1
    assert sqlite3.connect(backups[0]).execute("PRAGMA user_version").fetchone()[0] == version


def test_newer_database_is_refused_and_untouched(tmp_path):
    path = tmp_path / "s.db"
    conn = sqlite3.connect(path)
    conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    conn.commit()
    conn.close()
    before = path.read_bytes()
    with pytest.raises(StoreError, match="newer studyplan"):
        open_database(path)
    assert path.read_bytes() == before


def test_garbage_file_is_refused_and_not_overwritten(tmp_path):
    path = tmp_path / "s.db"
    path.write_bytes(b"this is not sqlite" * 100)
    with pytest.raises(StoreError, match="studyplan doctor"):
        open_database(path)
    assert path.read_bytes() == b"this is not sqlite" * 100


def test_status_changes_are_journaled_and_undone_in_batches(tmp_path):
    store = Store(open_database(tmp_path / "s.db"))
    p = store.save_profile("default", "ml-dl-gpt", date(2026, 1, 1), 12, None, None, "t0")
    changes = store.set_statuses(p.id, ["a", "b"], "done", "t1", date(2026, 1, 2))
    assert [c.ref for c in changes] == ["a", "b"]
    assert store.set_statuses(p.id, ["a"], "done", "t2", date(2026, 1, 2)) == []
    store.set_statuses(p.id, ["a"], "skipped", "t3", date(2026, 1, 3))
    undone = store.undo(p.id, "t4", date(2026, 1, 3))
    assert [e.target for e in undone.entries] == ["a"]
    assert store.statuses(p.id) == {"a": "done", "b": "done"}
    store.undo(p.id, "t5", date(2026, 1, 3))
    assert store.statuses(p.id) == {}
    assert store.undo(p.id, "t6", date(2026, 1, 3)) is None
    assert store.activity_days(p.id) == [date(2026, 1, 2), date(2026, 1, 3)]
    store.close()
