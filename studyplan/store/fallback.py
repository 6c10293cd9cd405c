"""When SQLite cannot make its ``-shm`` file: say "the disk is full" when it is, and still read.

A WAL database needs a ``-shm`` file beside it, even to read. On a full disk SQLite
cannot size it (SQLITE_IOERR_SHMSIZE, "disk I/O error"), and in a read-only folder it
cannot create it (SQLITE_READONLY_DIRECTORY, SQLITE_CANTOPEN). ``read_only_connection``
then opens the database for reading only:

* ``mode=ro`` first: it reads the -wal through an -shm that already exists;
* ``mode=ro&immutable=1`` next, only when no -wal holds commits: SQLite then reads the
  main file alone, with no -shm and no locks. With commits in a -wal that cannot be
  read, there is no fallback: an answer without them would be wrong.

The database must be at this studyplan's schema (a migration is a write). Writes
through such a connection are refused by ``store.db`` with the reason it could not
open normally.
"""

from __future__ import annotations

import errno
import os
import sqlite3
from pathlib import Path

NEAR_FULL_BYTES = 1024 * 1024  # an I/O error with less room than this is the disk being full
_NO_SHM = (sqlite3.SQLITE_READONLY, sqlite3.SQLITE_IOERR, sqlite3.SQLITE_FULL, sqlite3.SQLITE_CANTOPEN)  # primary result codes


def no_room(folder: Path) -> bool:
    try:
        st = os.statvfs(folder)
    except (OSError, AttributeError):  # no statvfs (Windows) or no folder: cannot tell
        return False
    free = st.f_bfree if os.geteuid() == 0 else st.f_bavail  # root may use the reserved blocks
    return free * st.f_frsize < NEAR_FULL_BYTES


def disk_full(exc: BaseException, path: Path) -> bool:
    """SQLITE_FULL, ENOSPC, or an SQLite I/O error on a disk with (almost) no room left."""
    if isinstance(exc, OSError) and exc.errno == errno.ENOSPC:
        return True
    code = getattr(exc, "sqlite_errorcode", None)
    if code == sqlite3.SQLITE_FULL:
        return True
    io_error = (code is not None and code & 0xFF == sqlite3.SQLITE_IOERR) or "disk i/o" in str(exc).lower()
    return io_error and no_room(path.parent)


def read_only_connection(path: Path, exc: sqlite3.Error, wal_has_commits: bool, schema_version: int,
                         timeout_s: float) -> sqlite3.Connection | None:
    """A read-only connection after ``exc`` stopped the normal one; None when reading is not safe."""
    code = getattr(exc, "sqlite_errorcode", None)
    if code is None or code & 0xFF not in _NO_SHM:
        return None
    uri = f"{path.resolve().as_uri()}?mode=ro"
    for candidate in (uri,) if wal_has_commits else (uri, uri + "&immutable=1"):
        conn = reader(candidate, schema_version, timeout_s)
        if conn is not None:
            return conn
    return None


def reader(uri: str, schema_version: int, timeout_s: float) -> sqlite3.Connection | None:
    """A connection to ``uri`` (a read-only SQLite URI) when the database there is at
    ``schema_version``; None when it cannot be opened or read (store/readonly.py uses it too)."""
    conn = None
    try:
        conn = sqlite3.connect(uri, uri=True, timeout=timeout_s, isolation_level=None)
        conn.row_factory = sqlite3.Row
        if conn.execute("PRAGMA user_version").fetchone()[0] == schema_version:
            conn.execute("PRAGMA foreign_keys = ON")
            return conn
    except sqlite3.Error:
        pass
    if conn is not None:
        conn.close()
    return None
