"""Case 12 (part): what interrupted runs and failing migrations leave behind, and symlinks.

- the -wal/-shm/-journal files next to temp databases of an interrupted run are listed
  and removed by `doctor --repair` (never one a running studyplan has open);
- a -wal an interrupted run left next to the live database is folded in with a
  checkpoint (its committed changes kept), never deleted;
- a migration that keeps failing writes one copy of the database, not one per run,
  and `doctor` reports it as a problem;
- `doctor --repair` of a symlinked database repairs the file the link points at and
  keeps the link.
"""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from studyplan.store.migrations import MIGRATIONS, SCHEMA_VERSION
from tests.reliability.conftest import (
    assert_clean_error,
    child_env,
    integrity,
    run_cli,
    snapshot,
)
from tests.reliability.test_doctor import _by_check, _corrupt_an_index, _doctor
from tests.reliability.test_schema_versions import _checkpoint, _old_database


def _age(*files: Path, seconds: int = 3600) -> None:
    old = time.time() - seconds
    for f in files:
        os.utime(f, (old, old))


def test_wal_shm_and_journal_of_interrupted_temp_files_are_listed_then_removed(sp, db_path):
    sp("done", "ml-basics")
    folder = db_path.parent
    stale = [folder / n for n in (".studyplan.db.k3j4h5.new", ".studyplan.db.k3j4h5.new-wal", ".studyplan.db.k3j4h5.new-shm",
                                  ".studyplan.v2.bak.db.a1b2c3.tmp-journal", ".studyplan.db.zz9.new-wal")]  # the last: its database is gone
    for f in stale:
        f.write_bytes(b"left by a killed studyplan")
    _age(*stale)
    fresh = [folder / ".studyplan.db.running.new", folder / ".studyplan.db.running.new-wal"]  # a studyplan at work now
    for f in fresh:
        f.write_bytes(b"")
    details = set(_by_check(_doctor(sp))["leftovers"][0]["details"])
    assert {f.name for f in stale} <= details and not {f.name for f in fresh} & details
    _doctor(sp, "--repair")
    assert [f.name for f in stale if f.exists()] == []
    assert all(f.exists() for f in fresh)
    assert integrity(db_path) == "ok"


def test_a_temp_database_a_running_process_has_open_is_not_removed_however_old(home):
    """Age alone is not enough: a file another process holds an SQLite lock on is in use."""
    assert run_cli(home, "done", "ml-basics").returncode == 0
    tmp = home / ".studyplan.db.busy1.new"
    holder = subprocess.Popen(
        [sys.executable, "-c", (
         "import sqlite3, sys, time\n"
         f"c = sqlite3.connect({str(tmp)!r}); c.execute('PRAGMA journal_mode = WAL'); c.execute('CREATE TABLE t (x)'); c.commit()\n"
         "c.execute('SELECT * FROM t').fetchall(); print('open', flush=True); time.sleep(60)")],
        stdout=subprocess.PIPE, text=True,
    )
    try:
        assert holder.stdout.readline().strip() == "open"
        group = [f for f in (tmp, Path(f"{tmp}-wal"), Path(f"{tmp}-shm")) if f.exists()]
        assert len(group) == 3
        _age(*group)
        result = run_cli(home, "doctor", "--repair", "--json")
        assert result.returncode == 0, result.stdout + result.stderr
        assert [f.name for f in group if not f.exists()] == []
    finally:
        holder.kill()
        holder.wait()
    assert run_cli(home, "doctor", "--repair", "--json").returncode == 0  # its owner is gone now: removed
    assert not tmp.exists() and not Path(f"{tmp}-shm").exists(), sorted(p.name for p in home.iterdir())


def test_a_wal_left_by_a_killed_writer_is_folded_in_never_deleted(home):
    """A writer killed after its commit leaves the change only in studyplan.db-wal: repair checkpoints it."""
    assert run_cli(home, "init", "--start", "2026-01-05").returncode == 0
    db = home / "studyplan.db"
    killed = subprocess.Popen(
        [sys.executable, "-c", (
         "import sqlite3, time\n"
         f"c = sqlite3.connect({str(db)!r}, isolation_level=None); c.execute('PRAGMA wal_autocheckpoint = 0')\n"
         "c.execute(\"INSERT INTO time_log (profile_id, day, minutes, kind, note, created_at) VALUES (1, '2026-01-06', 30, 'theory', 'only-in-the-wal', 't')\")\n"
         "print('committed', flush=True); time.sleep(60)")],
        stdout=subprocess.PIPE, text=True, env=child_env(home),
    )
    assert killed.stdout.readline().strip() == "committed"
    killed.send_signal(signal.SIGKILL)
    killed.wait()
    wal = Path(f"{db}-wal")
    assert wal.exists() and wal.stat().st_size > 0
    report = json.loads(run_cli(home, "doctor", "--json").stdout)
    assert any(f["check"] == "leftovers" and "studyplan.db-wal" in f["message"] for f in report["findings"]), report
    result = run_cli(home, "doctor", "--repair", "--json")
    assert result.returncode == 0, result.stdout + result.stderr
    assert not wal.exists() and not Path(f"{db}-shm").exists(), sorted(p.name for p in home.iterdir())
    conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True)  # the change is in the main file now
    assert conn.execute("SELECT note FROM time_log").fetchall() == [("only-in-the-wal",)]
    conn.close()


def _broken_migrations(mp: pytest.MonkeyPatch) -> None:
    from studyplan.store import db as dbmod

    def broken(conn):
        conn.execute("CREATE TABLE half_done (x)")
        raise sqlite3.OperationalError("no such column: profile_ref")

    mp.setattr(dbmod, "MIGRATIONS", [*MIGRATIONS[:-1], broken])


def test_a_failing_migration_keeps_one_copy_and_doctor_reports_it(sp, db_path):
    _old_database(db_path, SCHEMA_VERSION - 1)
    _checkpoint(db_path)
    before = snapshot(db_path)
    with pytest.MonkeyPatch.context() as mp:  # its own: undoing it leaves STUDYPLAN_HOME alone
        _broken_migrations(mp)
        for _ in range(3):
            assert_clean_error(sp("done", "ml-basics", ok=False), code=3)
        copies = sorted(p.name for p in db_path.parent.glob(f"studyplan.v{SCHEMA_VERSION - 1}.bak*.db"))
        assert copies == [f"studyplan.v{SCHEMA_VERSION - 1}.bak.db"], f"one full copy per failed run: {copies}"
        for args in ((), ("--repair",)):
            report = _doctor(sp, *args, code=1)
            schema = _by_check(report)["schema"][0]
            assert schema["status"] == "problem" and "fails" in schema["message"] and "profile_ref" in schema["message"], schema
            assert not report["ok"]
        assert snapshot(db_path) == before
        assert len(list(db_path.parent.glob(f"studyplan.v{SCHEMA_VERSION - 1}.bak*.db"))) == 1
    sp("done", "ml-basics")  # fixed (here: the real migrations): it migrates, still one copy
    assert snapshot(db_path)["__user_version"] == [(SCHEMA_VERSION,)]
    assert snapshot(db_path.parent / f"studyplan.v{SCHEMA_VERSION - 1}.bak.db") == before
    assert len(list(db_path.parent.glob(f"studyplan.v{SCHEMA_VERSION - 1}.bak*.db"))) == 1


def test_a_database_restored_from_an_old_copy_still_gets_its_own_copy(sp, db_path):
    """One copy per *state*: a different database at the same old version is copied too."""
    _old_database(db_path, SCHEMA_VERSION - 1)
    sp("done", "ml-basics")
    db_path.unlink()
    _old_database(db_path, SCHEMA_VERSION - 1)
    conn = sqlite3.connect(db_path)
    conn.execute("INSERT INTO statuses VALUES (1, 'dl-intro', 'done', '2026-01-07T09:00:00+00:00')")
    conn.commit()
    conn.close()
    sp("done", "ml-basics")
    assert len(list(db_path.parent.glob(f"studyplan.v{SCHEMA_VERSION - 1}.bak*.db"))) == 2


def test_repair_of_a_symlinked_database_repairs_its_target_and_keeps_the_link(sp, db_path):
    sp("init", "--start", "2026-01-05")
    sp("log", "30m", "--note", "keep-me", "--date", "2026-01-06")
    elsewhere = db_path.parent / "synced" / "progress.db"
    elsewhere.parent.mkdir()
    _checkpoint(db_path)
    db_path.rename(elsewhere)
    db_path.symlink_to(elsewhere)
    _corrupt_an_index(db_path)
    assert integrity(elsewhere) != "ok"
    report = _doctor(sp, "--repair")
    assert any(f["check"] == "repair" and f["status"] == "fixed" for f in report["findings"])
    assert db_path.is_symlink() and os.readlink(db_path) == str(elsewhere)
    assert integrity(elsewhere) == "ok"
    assert {r[6] for r in snapshot(elsewhere)["time_log"]} == {"keep-me"}
    assert Path(report["backup"]).exists()
    sp("done", "ml-basics")  # and it is usable through the link
    assert {r[1] for r in snapshot(elsewhere)["statuses"]} == {"ml-basics"}
