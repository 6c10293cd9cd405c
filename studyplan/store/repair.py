"""What ``doctor --repair`` needs to change the live database safely next to other studyplans.

- ``exclusive(path)``: the write lock on the live file, held for a whole rebuild and
  rename, so writers wait instead of writing into a file about to be replaced (and
  a writer that still has the old file open is refused afterwards, see
  ``store/guard.py``). The bytes of the live file are read through the handle it
  gives: this process must not open and close the file again while SQLite holds
  locks on it, because closing any descriptor of a file drops all of a process's
  POSIX locks on that file.
- ``fold_in(path)``: a checkpoint, so a write-ahead log left by an interrupted run
  is moved into the database by SQLite itself and its -wal/-shm files are removed;
  never by deleting a -wal, which may hold committed changes.
- ``trial_migration(path)``: the missing migrations applied to a copy in memory, to
  tell whether migrating would fail, without touching the file.
"""

from __future__ import annotations

import os
import sqlite3
import stat
from contextlib import contextmanager
from pathlib import Path
from typing import BinaryIO, Iterator

from studyplan.errors import StoreError
from studyplan.locale import msg
from studyplan.store import db, guard

TRIAL_LIMIT = 512 * 2**20  # a larger database is not copied into memory to try its migration


@contextmanager
def exclusive(path: Path) -> Iterator[BinaryIO]:
    """Hold the write lock on ``path`` (``BEGIN IMMEDIATE``) until the block ends; yield the open file.

    Writers wait (busy timeout) meanwhile. If another program keeps the lock longer
    than that, the repair stops before changing anything. A file SQLite cannot take
    a lock on (not readable as a database at all) cannot be written by any studyplan
    either, so it is repaired without the lock. The rename over ``path`` must happen
    inside the block; the connection is closed only after it, and SQLite, seeing
    its file moved, neither checkpoints into nor deletes the new file's -wal.
    """
    try:  # held until the SQLite connection is closed (see the module docstring); O_NONBLOCK: a FIFO cannot hang us
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0))
    except OSError as exc:
        raise StoreError(msg("{path}: cannot open the database to repair it ({reason}); nothing "
                             "was changed", path=path, reason=exc.strerror or exc)) from None
    if not stat.S_ISREG(os.fstat(fd).st_mode):
        os.close(fd)
        raise StoreError(msg("{path}: is not a regular file, so it cannot be repaired; nothing was "
                             "changed — move it aside or set STUDYPLAN_HOME", path=path))
    fh = os.fdopen(fd, "rb")
    conn = None
    try:
        try:
            conn = db._connect(path)
            conn.execute("BEGIN IMMEDIATE")
        except sqlite3.Error as exc:
            if conn is not None:
                conn.close()
                conn = None
            text = str(exc).lower()
            if "locked" in text or "busy" in text:
                raise StoreError(
                    msg("{path}: another program kept the database locked for {seconds} s; nothing "
                        "was repaired — close the other studyplan and run `studyplan doctor "
                        "--repair` again", path=path, seconds=db.BUSY_TIMEOUT_MS // 1000)
                ) from None
        st = os.fstat(fh.fileno())
        if guard.identity(path) != (st.st_dev, st.st_ino):
            raise StoreError(msg("{path}: the database was replaced by another program while "
                                 "doctor started; nothing was repaired — run `studyplan doctor` "
                                 "again", path=path))
        yield fh
    finally:
        if conn is not None:
            try:
                conn.execute("ROLLBACK")
            except sqlite3.Error:
                pass
            conn.close()
        fh.close()


def fold_in(path: Path) -> bool:
    """Checkpoint the live database's -wal into it; True when its -wal/-shm/-journal are gone after.

    SQLite removes them when the last connection closes; while another studyplan has
    the database open they stay (they are its files) and nothing else is done.
    """
    extras = [Path(f"{path}{s}") for s in ("-wal", "-shm", "-journal")]
    if not any(p.exists() for p in extras):
        return False
    try:
        conn = db._connect(path)
        try:
            conn.execute("PRAGMA user_version").fetchone()  # replays a hot -journal, opens the -wal
            conn.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()
        finally:
            conn.close()
    except sqlite3.Error:
        return False  # busy or not writable: the files stay, as they are safe to
    return not any(p.exists() for p in extras)


def trial_migration(path: Path) -> str | None:
    """Why applying the missing migrations to ``path`` fails, or None (also when it cannot be tried).

    The database is copied into memory (SQLite's backup API, read-only) and migrated
    there; the file is not changed and nothing is written next to it.
    """
    if path.stat().st_size > TRIAL_LIMIT:
        return None
    try:
        src = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    except sqlite3.Error:
        return None
    try:
        mem = sqlite3.connect(":memory:", isolation_level=None)
        try:
            src.backup(mem)
            db._migrate_locked(mem, None)
        except sqlite3.Error as exc:
            return str(exc) or type(exc).__name__
        except Exception as exc:  # noqa: BLE001 - a migration's own bug is what doctor must report
            return f"{type(exc).__name__}: {exc}"
        finally:
            mem.close()
    finally:
        src.close()
    return None
