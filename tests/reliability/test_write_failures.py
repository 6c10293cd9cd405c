"""Case 10: a full disk or a denied write leaves the store (and every file) as it was, and says why.

The disk fills for real where SQLite allows it: ``PRAGMA max_page_count`` makes
SQLite itself answer SQLITE_FULL ("database or disk is full") once the file would
have to grow. Where it does not, the failure is injected at the exact call that
would fail on a full disk (``COMMIT``, ``fsync``). Permission denied is real chmod,
felt by a child that dropped root's override capabilities (see conftest).
"""

from __future__ import annotations

import errno
import os
import sqlite3
from pathlib import Path

import pytest

from tests.reliability.conftest import (
    assert_clean_error,
    can_drop_root_override,
    file_digest,
    run_cli,
    snapshot,
)


def _no_space(fd: int) -> None:
    """``os.fsync`` on a full disk."""
    raise OSError(errno.ENOSPC, "No space left on device")


@pytest.fixture
def store(sp, db_path):
    sp("init", "--start", "2026-01-05")
    sp("done", "ml-basics/definition")
    sp("note", "ml-basics", "before the disk filled up")
    return db_path


@pytest.fixture
def full_disk(monkeypatch):
    """Every connection studyplan opens may not grow the database file by a single page."""
    from studyplan.store import db as dbmod

    real = dbmod._connect

    def connect(path: Path) -> sqlite3.Connection:
        conn = real(path)
        pages = conn.execute("PRAGMA page_count").fetchone()[0]
        conn.execute(f"PRAGMA max_page_count = {max(pages, 1)}")
        return conn

    monkeypatch.setattr(dbmod, "_connect", connect)


BIG = "長い" * 9_000  # 18,000 characters, ~54 KB: needs new pages


def _all_refs() -> list[str]:
    from studyplan.app import catalog

    curriculum = catalog.load(catalog.resolve("ml-dl-gpt"))
    return [i.ref for m in curriculum.modules for i in m.items]


@pytest.mark.parametrize("what", ["long note", "every item at once"])
def test_disk_full_while_writing_changes_nothing_and_says_why(sp, store, full_disk, what):
    args = ("note", "ml-basics", BIG) if what == "long note" else ("done", *_all_refs())
    before = snapshot(store)
    result = sp(*args, ok=False)
    line = assert_clean_error(result, str(store), "disk is full", "nothing was changed", code=3)
    assert "free some space" in line
    assert snapshot(store) == before


def test_disk_full_at_commit_changes_nothing(sp, store, monkeypatch):
    """The WAL append at COMMIT is where a full disk usually shows up."""
    from studyplan.store import db as dbmod

    real = dbmod._connect

    class FullAtCommit:
        def __init__(self, conn: sqlite3.Connection) -> None:
            self._conn = conn

        def execute(self, sql: str, *params):
            if sql.strip().upper() == "COMMIT":
                raise sqlite3.OperationalError("database or disk is full")
            return self._conn.execute(sql, *params)

        def __getattr__(self, name: str):
            return getattr(self._conn, name)

    monkeypatch.setattr(dbmod, "_connect", lambda path: FullAtCommit(real(path)))
    before = snapshot(store)
    for args in (("done", "dl-intro"), ("log", "20m"), ("note", "ml-basics", "x"), ("undo",)):
        result = sp(*args, ok=False)
        assert_clean_error(result, str(store), "disk is full", "nothing was changed", code=3)
    assert snapshot(store) == before


def test_disk_full_while_creating_the_database_leaves_no_file(sp, db_path, monkeypatch):
    from studyplan.store import db as dbmod

    monkeypatch.setattr(dbmod.os, "fsync", _no_space)
    result = sp("done", "ml-basics", ok=False)
    assert_clean_error(result, str(db_path), "disk is full", code=3)
    monkeypatch.undo()
    assert not db_path.exists()
    assert not [p.name for p in db_path.parent.iterdir() if p.name.startswith(".studyplan")]
    sp("done", "ml-basics")  # and once there is space, all is well


def test_disk_full_while_writing_the_pre_migration_copy_leaves_the_old_database(sp, db_path, monkeypatch):
    from studyplan.store import db as dbmod
    from studyplan.store.migrations import SCHEMA_VERSION
    from tests.reliability.test_schema_versions import _old_database

    _old_database(db_path, SCHEMA_VERSION - 1)
    before = snapshot(db_path)

    monkeypatch.setattr(dbmod.os, "fsync", _no_space)
    result = sp("done", "ml-basics", ok=False)
    assert_clean_error(result, str(db_path), "disk is full", code=3)
    monkeypatch.undo()
    assert snapshot(db_path) == before
    assert not list(db_path.parent.glob("studyplan.v*.bak*")) and not list(db_path.parent.glob(".studyplan*"))


def test_disk_full_while_writing_a_file_keeps_the_old_one(sp, store, tmp_path, monkeypatch):
    target = tmp_path / "report.md"
    target.write_text("last week's report\n", encoding="utf-8")
    from studyplan import fileio

    monkeypatch.setattr(fileio.os, "fsync", _no_space)
    for args in (("report", "--format", "markdown", "--output", str(target)), ("export", "--output", str(target), "--force")):
        result = sp(*args, ok=False)
        line = assert_clean_error(result, str(target))
        assert "No space left on device" in line and "nothing was changed" in line
        assert target.read_text(encoding="utf-8") == "last week's report\n"
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(".report")) == []


# -- permission denied (real chmod; root drops its override in the child) --------------------------
@pytest.fixture
def populated(home):
    if os.geteuid() == 0:
        assert can_drop_root_override(), "running as root without CAP_SETPCAP: cannot make chmod bite"
    assert run_cli(home, "init", "--start", "2026-01-05").returncode == 0
    assert run_cli(home, "note", "ml-basics", "mine").returncode == 0
    return home / "studyplan.db"


def test_permission_denied_on_the_database_changes_nothing_and_says_why(populated):
    home = populated.parent
    before = snapshot(populated)
    for extra in (Path(f"{populated}-wal"), Path(f"{populated}-shm")):
        extra.unlink(missing_ok=True)
    populated.chmod(0o400)
    try:
        for args in (("note", "ml-basics", "x"), ("log", "10m"), ("done", "dl-intro")):
            result = run_cli(home, *args, honour_modes=True)
            assert_clean_error(result, str(populated), "read-only", "chmod", "nothing was changed", code=3)
    finally:
        populated.chmod(0o600)
        for extra in (Path(f"{populated}-wal"), Path(f"{populated}-shm")):
            if extra.exists():
                extra.chmod(0o600)
    assert snapshot(populated) == before


def test_permission_denied_on_an_output_file_keeps_it(populated, tmp_path):
    home = populated.parent
    out_dir = tmp_path / "reports"
    out_dir.mkdir()
    target = out_dir / "week.md"
    target.write_text("keep me\n", encoding="utf-8")
    out_dir.chmod(0o555)
    try:
        digest = file_digest(target)
        for args in (("report", "--format", "markdown", "--output", str(target)), ("export", "--output", str(target), "--force")):
            result = run_cli(home, *args, honour_modes=True)
            line = assert_clean_error(result, str(target))
            assert "ermission denied" in line and "nothing was changed" in line
            assert file_digest(target) == digest
    finally:
        out_dir.chmod(0o755)
