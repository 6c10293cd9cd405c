"""Case 4: a newer database is refused untouched; an older one is copied, then migrated in place."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from studyplan.store.migrations import MIGRATIONS, SCHEMA_VERSION
from tests.reliability.conftest import assert_clean_error, file_digest, snapshot
from tests.reliability.test_concurrency import _race


def _checkpoint(db: Path) -> None:
    conn = sqlite3.connect(db)
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.close()
    for extra in (Path(f"{db}-wal"), Path(f"{db}-shm")):
        extra.unlink(missing_ok=True)


def test_newer_database_is_refused_by_every_command_and_left_untouched(sp, db_path):
    sp("init", "--start", "2026-01-05")
    sp("done", "ml-basics")
    conn = sqlite3.connect(db_path)
    conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    conn.execute("CREATE TABLE from_the_future (x)")
    conn.commit()
    conn.close()
    _checkpoint(db_path)
    digest = file_digest(db_path)
    names = sorted(p.name for p in db_path.parent.iterdir())
    for args in (("today",), ("done", "ml-basics/definition"), ("log", "20m"), ("undo",)):
        result = sp(*args, ok=False)
        assert_clean_error(result, str(db_path), "newer studyplan", "upgrade", code=3)
        assert file_digest(db_path) == digest
    assert sorted(p.name for p in db_path.parent.iterdir() if not p.name.endswith(("-wal", "-shm"))) == [
        n for n in names if not n.endswith(("-wal", "-shm"))
    ]  # no backup, no new file


def _old_database(db: Path, version: int) -> None:
    db.parent.mkdir(parents=True, exist_ok=True)
    conn = sqlite3.connect(db)
    for step in MIGRATIONS[:version]:
        step(conn)
    conn.execute(f"PRAGMA user_version = {version}")
    conn.execute("INSERT INTO profiles (name, curriculum, start_date, months, created_at) VALUES ('default', 'ml-dl-gpt', '2026-01-05', 12, '2026-01-05T09:00:00+00:00')")
    conn.execute("INSERT INTO statuses (profile_id, ref, status, updated_at) VALUES (1, 'ml-basics/definition', 'done', '2026-01-06T09:00:00+00:00')")
    conn.execute("INSERT INTO journal (profile_id, batch, at, day, action, target, before, after) VALUES (1, 1, '2026-01-06T09:00:00+00:00', '2026-01-06', 'status', 'ml-basics/definition', 'todo', 'done')")
    conn.commit()
    conn.close()


@pytest.mark.parametrize("version", range(1, SCHEMA_VERSION))
def test_older_database_is_copied_next_to_itself_then_migrated_in_place(sp, db_path, version):
    _old_database(db_path, version)
    before = snapshot(db_path)
    sp("done", "ml-basics/types-of-ml")
    backups = sorted(db_path.parent.glob(f"studyplan.v{version}.bak*.db"))
    assert [b.name for b in backups] == [f"studyplan.v{version}.bak.db"]
    assert snapshot(backups[0]) == before  # the copy is the database as it was, whole
    after = snapshot(db_path)
    assert after["__user_version"] == [(SCHEMA_VERSION,)]
    assert ("ml-basics/definition" in {r[1] for r in after["statuses"]}) and len(after["journal"]) == 2
    assert not list(db_path.parent.glob(".*.tmp")) and not list(db_path.parent.glob(".*.new"))


def test_two_processes_upgrading_the_same_old_database_write_one_copy(home):
    db = home / "studyplan.db"
    _old_database(db, 1)
    before = snapshot(db)
    scripts = [{"cycle": [["done", item]], "count": 1} for item in ("ml-basics/types-of-ml", "dl-intro", "gpt-context")]
    for lines, err in _race(home, scripts):
        assert lines == ["ACK 0"], (lines, err[-1500:])
    backups = sorted(home.glob("studyplan.v1.bak*.db"))
    assert len(backups) == 1, [b.name for b in backups]
    assert snapshot(backups[0]) == before
    conn = sqlite3.connect(db)
    assert conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    assert conn.execute("SELECT COUNT(*) FROM journal").fetchone()[0] == 4
    conn.close()


def test_a_failed_migration_leaves_the_old_database_as_it_was(sp, db_path, monkeypatch):
    _old_database(db_path, SCHEMA_VERSION - 1)
    _checkpoint(db_path)
    before = snapshot(db_path)
    from studyplan.store import db as dbmod

    def broken(conn):
        conn.execute("CREATE TABLE half_done (x)")
        raise sqlite3.OperationalError("database or disk is full")

    monkeypatch.setattr(dbmod, "MIGRATIONS", [*MIGRATIONS[:-1], broken])
    result = sp("done", "ml-basics", ok=False)
    assert_clean_error(result, str(db_path), "full", "nothing was changed", code=3)
    monkeypatch.undo()
    assert snapshot(db_path) == before
