"""Case 3: a database replaced by garbage, cut short, or made read-only.

Every command gives one line naming the file and what to do, exits != 0 without a
traceback, and the damaged file is left exactly as it was.
"""

from __future__ import annotations

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

COMMANDS = (("today",), ("done", "ml-basics/definition"), ("log", "30m"), ("report", "--date", "2026-03-02"))


def _good_database(sp, db: Path) -> bytes:
    sp("init", "--start", "2026-01-05")
    sp("done", "ml-basics")
    sp("log", "45m", "--note", "first")
    conn = sqlite3.connect(db)
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.close()
    for extra in (Path(f"{db}-wal"), Path(f"{db}-shm")):
        if extra.exists():
            extra.unlink()
    return db.read_bytes()


def _damage(kind: str, good: bytes) -> bytes:
    if kind == "garbage":
        return bytes((i * 7919 + 13) % 256 for i in range(len(good)))
    if kind == "text":
        return b"this was my shopping list\n" * 40
    if kind == "header-then-garbage":
        return good[:100] + b"\xde\xad\xbe\xef" * ((len(good) - 100) // 4)
    if kind == "empty":
        return b""
    if kind == "cut-in-header":
        return good[:60]
    if kind == "cut-mid-page":
        return good[: len(good) // 2 + 123]
    if kind == "cut-at-page":
        page = int.from_bytes(good[16:18], "big")
        return good[: page * 2]
    raise AssertionError(kind)


DAMAGE = ("garbage", "text", "header-then-garbage", "empty", "cut-in-header", "cut-mid-page", "cut-at-page")


@pytest.mark.parametrize("kind", DAMAGE)
def test_damaged_database_is_refused_by_every_command_and_never_overwritten(sp, db_path, kind):
    good = _good_database(sp, db_path)
    damaged = _damage(kind, good)
    db_path.write_bytes(damaged)
    before = sorted(p.name for p in db_path.parent.iterdir())
    for args in COMMANDS:
        result = sp(*args, ok=False)
        line = assert_clean_error(result, str(db_path), "studyplan doctor", code=3)
        assert "internal error" not in line
        assert db_path.read_bytes() == damaged, f"{args} changed the damaged file"
    assert sorted(p.name for p in db_path.parent.iterdir()) == before  # no stray files, nothing moved


def test_damaged_database_in_a_real_process(home):
    """The same through `python -m studyplan`: one line on stderr, exit 3, file unchanged."""
    db = home / "studyplan.db"
    db.write_bytes(b"\x00garbage" * 512)
    for args in (("today",), ("done", "ml-basics")):
        result = run_cli(home, *args)
        assert_clean_error(result, str(db), "studyplan doctor", code=3)
    assert db.read_bytes() == b"\x00garbage" * 512


def test_someone_elses_sqlite_database_is_left_alone(sp, db_path):
    db_path.parent.mkdir(parents=True, exist_ok=True)
    conn = sqlite3.connect(db_path)
    conn.execute("CREATE TABLE recipes (name TEXT)")
    conn.execute("INSERT INTO recipes VALUES ('soup')")
    conn.commit()
    conn.close()
    digest = file_digest(db_path)
    result = sp("done", "ml-basics", ok=False)
    assert_clean_error(result, str(db_path), "not a studyplan", code=3)
    assert file_digest(db_path) == digest
    conn = sqlite3.connect(db_path)
    assert [r[0] for r in conn.execute("SELECT name FROM sqlite_master")] == ["recipes"]
    conn.close()


def test_a_leftover_write_ahead_log_without_its_database_is_not_replayed_into_a_new_one(sp, db_path):
    sp("done", "ml-basics")
    conn = sqlite3.connect(db_path)
    conn.execute("PRAGMA wal_autocheckpoint = 0")
    conn.execute("INSERT INTO activity (profile_id, day) VALUES (1, '2026-01-01')")  # stays in the -wal
    wal = Path(f"{db_path}-wal").read_bytes()
    conn.close()
    db_path.unlink()
    Path(f"{db_path}-wal").write_bytes(wal or b"\x37\x7f\x06\x82" + b"\0" * 28)
    Path(f"{db_path}-shm").unlink(missing_ok=True)
    result = sp("today", ok=False)
    assert_clean_error(result, str(db_path), "-wal", code=3)
    assert not db_path.exists()


# -- read-only -----------------------------------------------------------------------------------
# Root ignores file modes, so the children drop root's override capabilities first
# (see conftest.run_cli); the sandbox and CI run these as root.

@pytest.fixture
def populated(home):
    assert run_cli(home, "init", "--start", "2026-01-05").returncode == 0
    assert run_cli(home, "done", "ml-basics").returncode == 0
    return home / "studyplan.db"


def _restore(*paths: Path) -> None:
    for p in paths:
        if p.exists():
            p.chmod(0o755 if p.is_dir() else 0o644)


def test_read_only_database_reads_work_and_writes_say_why(populated):
    if os.geteuid() == 0:
        assert can_drop_root_override(), "running as root without CAP_SETPCAP: cannot make chmod bite"
    home = populated.parent
    populated.chmod(0o444)
    try:
        state = snapshot(populated)
        digest = file_digest(populated)
        shown = run_cli(home, "today", "--date", "2026-01-06", "--json", honour_modes=True)
        assert shown.returncode == 0, shown.stderr  # reading a read-only store is fine
        for args in (("done", "ml-basics/definition"), ("log", "30m"), ("undo",)):
            result = run_cli(home, *args, honour_modes=True)
            line = assert_clean_error(result, str(populated), "read-only", "chmod", code=3)
            assert "nothing was changed" in line
        assert snapshot(populated) == state
        assert file_digest(populated) == digest
    finally:
        _restore(populated, Path(f"{populated}-wal"), Path(f"{populated}-shm"))


def test_stale_read_only_wal_files_are_named(populated):
    """The database was made writable again, but its -wal/-shm files were left read-only."""
    home = populated.parent
    populated.chmod(0o444)
    run_cli(home, "today", "--date", "2026-01-06", honour_modes=True)  # SQLite creates read-only -wal/-shm
    populated.chmod(0o644)
    shm = Path(f"{populated}-shm")
    try:
        if not shm.exists():
            shm.write_bytes(b"")
            shm.chmod(0o444)
        result = run_cli(home, "done", "ml-basics/definition", honour_modes=True)
        assert_clean_error(result, "read-only", f"{populated}-shm", code=3)
    finally:
        _restore(populated, Path(f"{populated}-wal"), shm)


def test_read_only_folder_says_which_folder(populated):
    home = populated.parent
    state = snapshot(populated)  # (reading leaves -wal/-shm files behind; remove them so the folder matters)
    for extra in (Path(f"{populated}-wal"), Path(f"{populated}-shm")):
        extra.unlink(missing_ok=True)
    home.chmod(0o555)
    try:
        result = run_cli(home, "done", "ml-basics/definition", honour_modes=True)
        assert_clean_error(result, str(populated), f"chmod u+w '{home}'", code=3)
        assert snapshot(populated) == state
    finally:
        _restore(home)


def test_new_database_in_a_read_only_folder(home):
    home.chmod(0o555)
    try:
        result = run_cli(home, "done", "ml-basics", honour_modes=True)
        assert_clean_error(result, str(home / "studyplan.db"), "writable", code=3)
        assert not (home / "studyplan.db").exists()
        assert not list(home.glob(".studyplan.db.*"))
    finally:
        _restore(home)


def test_read_only_database_through_a_read_only_connection(sp, db_path, monkeypatch):
    """The same promise checked in-process: SQLite opened read-only (as on a read-only mount)."""
    sp("done", "ml-basics")
    state = snapshot(db_path)
    import sqlite3 as real

    from studyplan.store import db as dbmod

    def read_only_connect(path: Path) -> real.Connection:
        conn = real.connect(f"{Path(path).resolve().as_uri()}?mode=ro", uri=True, isolation_level=None, timeout=5)
        conn.row_factory = real.Row
        return conn

    monkeypatch.setattr(dbmod, "_connect", read_only_connect)
    assert sp("today", "--date", "2026-01-06", ok=False).exit_code == 0
    result = sp("done", "ml-basics/definition", ok=False)
    assert_clean_error(result, str(db_path), "read-only", code=3)
    monkeypatch.undo()
    assert snapshot(db_path) == state
