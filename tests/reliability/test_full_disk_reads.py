"""Issue "nothing lost, nothing let in", point 8: a full disk says so, and reads work wherever SQLite can.

On a full disk the first connection cannot size its ``-shm`` file: SQLite answers
SQLITE_IOERR_SHMSIZE ("disk I/O error") even for a read, and a write may fail with
SQLITE_IOERR_WRITE instead of SQLITE_FULL. The user must read "the disk is full", and
the read-only commands must still work (a read-only connection, or ``immutable=1``
when no -wal holds commits). The same goes for a read-only folder, where -shm cannot be
created at all. The full disk is real where the machine allows it (a 1 MiB tmpfs in
a private mount namespace, as root), and injected at the call that fails otherwise.
"""

from __future__ import annotations

import errno
import json
import os
import shutil
import sqlite3
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from tests.reliability.conftest import (
    REPO,
    assert_clean_error,
    can_drop_root_override,
    child_env,
    run_cli,
    snapshot,
)


def _error(message: str, code: int, name: str) -> sqlite3.OperationalError:
    exc = sqlite3.OperationalError(message)
    exc.sqlite_errorcode, exc.sqlite_errorname = code, name
    return exc


class _NoSpace:
    f_bavail = f_bfree = 0
    f_frsize = f_bsize = 4096
    f_blocks = 256


def test_sqlite_full_and_enospc_say_the_disk_is_full(tmp_path, monkeypatch):
    from studyplan.store import db as dbmod

    path = tmp_path / "studyplan.db"
    for exc in (_error("database or disk is full", 13, "SQLITE_FULL"), OSError(errno.ENOSPC, "No space left on device")):
        assert "disk is full" in dbmod._describe(exc, path).message
    shm = _error("disk I/O error", 4874, "SQLITE_IOERR_SHMSIZE")
    write = _error("disk I/O error", 778, "SQLITE_IOERR_WRITE")
    assert "I/O error" in dbmod._describe(write, path).message  # with room on the disk: a real I/O error
    monkeypatch.setattr(dbmod.os, "statvfs", lambda p: _NoSpace())
    for exc in (shm, write):
        message = dbmod._describe(exc, path).message
        assert "disk is full" in message and "free some space" in message and "I/O error" not in message, message


@pytest.fixture
def store(sp, db_path):
    sp("init", "--start", "2026-01-05")
    sp("note", "ml-basics", "written before the disk filled up")
    return db_path


READS = (("plan",), ("notes",), ("show", "ml-basics"), ("today", "--date", "2026-01-06"), ("report", "--date", "2026-01-06"), ("export",))


def test_reads_work_when_the_shared_memory_file_cannot_be_sized(sp, store, monkeypatch):
    """Injected: the normal connection fails as on a full disk (SQLITE_IOERR_SHMSIZE)."""
    from studyplan.store import db as dbmod

    class NoShm:
        def __init__(self, conn: sqlite3.Connection) -> None:
            self._conn = conn

        def execute(self, *args):
            raise _error("disk I/O error", 4874, "SQLITE_IOERR_SHMSIZE")

        def __getattr__(self, name: str):
            return getattr(self._conn, name)

    before = snapshot(store)
    real = dbmod._connect
    monkeypatch.setattr(dbmod, "_connect", lambda path: NoShm(real(path)))
    monkeypatch.setattr(dbmod.os, "statvfs", lambda p: _NoSpace())
    for args in READS:
        result = sp(*args, ok=False)
        assert result.exit_code == 0, (args, result.stderr)
    assert "written before the disk filled up" in sp("notes").stdout
    for args in (("note", "ml-basics", "more"), ("done", "ml-basics/definition"), ("log", "20m")):
        line = assert_clean_error(sp(*args, ok=False), str(store), "disk is full", "nothing was changed", code=3)
        assert "I/O error" not in line
    monkeypatch.undo()
    assert snapshot(store) == before


def _drop(home: Path) -> None:
    for extra in (Path(f"{home / 'studyplan.db'}-wal"), Path(f"{home / 'studyplan.db'}-shm")):
        extra.unlink(missing_ok=True)


@pytest.fixture
def populated(home):
    if os.geteuid() == 0 and not can_drop_root_override():
        pytest.skip("running as root without CAP_SETPCAP: cannot make chmod bite")
    assert run_cli(home, "init", "--start", "2026-01-05").returncode == 0
    assert run_cli(home, "note", "ml-basics", "mine, in a read-only folder").returncode == 0
    return home / "studyplan.db"


def test_reads_work_in_a_read_only_folder_and_writes_say_which_folder(populated):
    home = populated.parent
    before = snapshot(populated)  # reading leaves -wal/-shm behind: remove them after, so the folder matters
    _drop(home)
    home.chmod(0o555)
    try:
        for args in READS:
            result = run_cli(home, *args, honour_modes=True)
            assert result.returncode == 0, (args, result.stderr)
        assert "mine, in a read-only folder" in run_cli(home, "notes", honour_modes=True).stdout
        result = run_cli(home, "note", "ml-basics", "x", honour_modes=True)
        assert_clean_error(result, str(populated), f"chmod u+w '{home}'", "nothing was changed", code=3)
    finally:
        home.chmod(0o755)
    assert snapshot(populated) == before


def test_a_log_with_commits_is_never_read_past(populated, tmp_path):
    """Without -shm, immutable=1 would skip what the -wal holds: refuse instead of showing stale data."""
    home = populated.parent
    _drop(home)
    writer = sqlite3.connect(str(populated), isolation_level=None)  # keep the -wal: the last connection would fold it in
    try:
        writer.execute("PRAGMA journal_mode = WAL")
        writer.execute("PRAGMA wal_autocheckpoint = 0")
        writer.execute("UPDATE notes SET text = 'only in the log'")
        copy = tmp_path / "copy"
        copy.mkdir()
        shutil.copyfile(populated, copy / "studyplan.db")
        shutil.copyfile(f"{populated}-wal", copy / "studyplan.db-wal")
    finally:
        writer.close()
    assert (copy / "studyplan.db-wal").stat().st_size > 0
    copy.chmod(0o555)
    try:
        result = run_cli(copy, "notes", honour_modes=True)
        if result.returncode == 0:
            assert "only in the log" in result.stdout  # read through the log, or not at all
        else:
            assert_clean_error(result, str(copy), code=3)
    finally:
        copy.chmod(0o755)


# -- a real full disk -------------------------------------------------------------------------------
DRIVER = textwrap.dedent("""
    import json, os, subprocess, sys
    home, source = sys.argv[1], sys.argv[2]
    subprocess.run(["mount", "-t", "tmpfs", "-o", "size=1m", "tmpfs", home], check=True)
    with open(source, "rb") as src, open(os.path.join(home, "studyplan.db"), "wb") as dst:
        dst.write(src.read())
    with open(os.path.join(home, "filler"), "wb", buffering=0) as fill:  # every block of the disk
        try:
            while True:
                fill.write(b"\\0" * 4096)
        except OSError:
            pass
    out = {}
    for name, args in json.loads(sys.argv[3]).items():
        r = subprocess.run([sys.executable, "-m", "studyplan", *args], capture_output=True, text=True)
        out[name] = [r.returncode, r.stdout, r.stderr]
    print(json.dumps(out))
""")


def _can_mount() -> bool:
    if os.geteuid() != 0 or not shutil.which("unshare"):
        return False
    r = subprocess.run(["unshare", "-m", "sh", "-c", "mount -t tmpfs -o size=64k tmpfs /mnt"], capture_output=True, check=False)
    return r.returncode == 0


@pytest.mark.skipif(not _can_mount(), reason="needs root and a private mount namespace for a real full disk")
def test_on_a_really_full_disk_reads_work_and_writes_say_the_disk_is_full(tmp_path):
    source_home = tmp_path / "source"
    source_home.mkdir()
    assert run_cli(source_home, "init", "--start", "2026-01-05").returncode == 0
    assert run_cli(source_home, "note", "ml-basics", "written before the disk filled up").returncode == 0
    home = tmp_path / "full"
    home.mkdir()
    commands = {"plan": ["plan"], "notes": ["notes"], "export": ["export"], "note": ["note", "ml-basics", "more"],
                "done": ["done", "ml-basics/definition"]}
    result = subprocess.run(
        ["unshare", "-m", sys.executable, "-c", DRIVER, str(home), str(source_home / "studyplan.db"), json.dumps(commands)],
        env=child_env(home), cwd=str(REPO), capture_output=True, text=True, timeout=300, check=False,
    )
    assert result.returncode == 0, result.stderr
    out = json.loads(result.stdout)
    for name in ("plan", "notes", "export"):
        code, _, stderr = out[name]
        assert code == 0, (name, stderr)
    assert "written before the disk filled up" in out["notes"][1]
    for name in ("note", "done"):
        code, _, stderr = out[name]
        line = stderr.strip()
        assert code == 3 and len(line.splitlines()) == 1, (name, stderr)
        assert "disk is full" in line and "free some space" in line and "I/O error" not in line, line
