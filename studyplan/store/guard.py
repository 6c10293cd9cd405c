"""Which file a connection writes into, and whether anyone is using a file.

``doctor --repair`` rebuilds a damaged database and renames the new file over the
live one. A rename replaces the *name*, not an open file: a process that opened the
database before still holds the old file (its inode), and in WAL mode SQLite goes on
writing into that orphan without a word, so its writes would be acknowledged and then
lost. Two rules close that door (see also ``store/repair.py``):

1. The repair holds SQLite's write lock on the live file (``BEGIN IMMEDIATE`` on a
   connection of its own) from before it copies the file until the rebuilt one is in
   place. Every writer starts with ``BEGIN IMMEDIATE`` too, so writers wait (the busy
   timeout) for the whole repair instead of writing into a file about to be replaced.
2. Every write transaction, once it holds the lock, compares the file now at the path
   (``os.stat``: device and inode, a symlink followed) with the file it opened
   (``identity`` taken when the database was opened, checked before and after the
   connection was made so a rename in between is noticed). If they differ, it rolls
   back and refuses with one line (``replaced``): nothing is written, and the command
   can simply be run again. Checked *after* the lock is held: the repair renames while
   it holds the lock, so whoever gets the lock next sees the new file.

Why SQLite's own lock and an inode, not a lock file every writer takes: the lock is
the one every write already waits for (no second lock to forget, none left behind by
a crash), and the inode check costs one ``stat`` per write transaction.

``in_use`` asks the kernel, without taking anything, whether another process holds a
lock on a file (SQLite keeps one on a database, and on its -shm, while a connection is
open): what may be removed as a leftover and what belongs to a running studyplan.
"""

from __future__ import annotations

import os
import sqlite3
import struct
import sys
from pathlib import Path

from studyplan.errors import StoreError
from studyplan.locale import msg

Identity = tuple[int, int]  # (st_dev, st_ino)


def identity(path: Path) -> Identity | None:
    """The file at ``path`` now (a symlink followed); None when there is none."""
    try:
        st = os.stat(path)
    except OSError:
        return None
    return st.st_dev, st.st_ino


def replaced(path: Path) -> StoreError:
    return StoreError(
        msg("{path}: the database was replaced (repaired by `studyplan doctor --repair`, or moved) "
            "by another program while this command had it open; nothing was written — run the "
            "command again", path=path)
    )


def check_same(path: Path, opened: Identity | None) -> None:
    """Refuse (``replaced``) when the file at ``path`` is no longer the one opened."""
    if opened is not None and identity(path) != opened:
        raise replaced(path)


def size(path: Path) -> int:
    """Bytes in ``path``; 0 when there is no such file."""
    try:
        return os.stat(path).st_size
    except OSError:
        return 0


def real_file(path: Path) -> Path:
    """The file a repair must replace: the target of a symlink (so the link is kept), else ``path``."""
    return Path(os.path.realpath(path)) if path.is_symlink() else path


# -- who is using a file ---------------------------------------------------------------------
def _flock_format() -> str | None:
    if sys.platform.startswith("linux"):
        return "hhqqi"  # l_type, l_whence, l_start, l_len, l_pid
    if sys.platform == "darwin" or "bsd" in sys.platform:
        return "qqihh"  # l_start, l_len, l_pid, l_type, l_whence
    return None


def in_use(path: Path) -> bool | None:
    """Does another process hold a lock on ``path``? None when it cannot be told (no fcntl, no file).

    ``F_GETLK`` only asks: nothing is locked, so a running studyplan is never disturbed.
    Call it while this process has no SQLite connection to the file (closing any
    descriptor of a file drops this process's POSIX locks on it).
    """
    fmt = _flock_format()
    try:
        import fcntl  # POSIX only
    except ImportError:
        return None
    if fmt is None:
        return None
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0))
    except OSError:
        return None
    try:
        values = (fcntl.F_WRLCK, 0, 0, 0, 0) if fmt == "hhqqi" else (0, 0, 0, fcntl.F_WRLCK, 0)
        answer = struct.unpack(fmt, fcntl.fcntl(fd, fcntl.F_GETLK, struct.pack(fmt, *values)))
    except OSError:
        return None
    finally:
        os.close(fd)
    kind = answer[0] if fmt == "hhqqi" else answer[3]
    return kind != fcntl.F_UNLCK


def database_in_use(path: Path) -> bool | None:
    """Is a connection open on the database ``path`` (a lock on the file or on its -shm)?"""
    answers = [in_use(p) for p in (path, Path(f"{path}-shm")) if p.exists()]
    if any(answers):
        return True
    return None if None in answers or not answers else False


# -- one copy per state -----------------------------------------------------------------------
def content_digest(conn: sqlite3.Connection) -> str:
    """A digest of what the database holds: schema, version and every row of every table."""
    import hashlib  # only before a migration: hashlib loads OpenSSL (~3 MiB) that no other command needs

    h = hashlib.sha256(str(conn.execute("PRAGMA user_version").fetchone()[0]).encode())
    for name, sql in conn.execute("SELECT name, sql FROM sqlite_master ORDER BY type, name").fetchall():
        h.update(repr((name, sql)).encode())
    for (table,) in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").fetchall():
        quoted = '"' + table.replace('"', '""') + '"'
        for row in conn.execute(f"SELECT * FROM {quoted}"):
            h.update(repr(tuple(row)).encode())
    return h.hexdigest()


def same_copy(conn: sqlite3.Connection, candidates: list[Path]) -> Path | None:
    """The first of ``candidates`` (SQLite copies) holding exactly what ``conn`` sees now, if any."""
    mine: str | None = None
    for candidate in candidates:
        try:
            other = sqlite3.connect(f"{candidate.resolve().as_uri()}?mode=ro", uri=True)
        except sqlite3.Error:
            continue
        try:
            if mine is None:
                mine = content_digest(conn)
            if content_digest(other) == mine:
                return candidate
        except sqlite3.Error:
            continue
        finally:
            other.close()
    return None


def earlier_copy(conn: sqlite3.Connection, path: Path, version: int) -> Path | None:
    """A pre-migration copy (``studyplan.vN.bak*.db``) that already holds what ``conn`` sees, if any.

    A migration that fails leaves the database as it was, so without this every run
    would write another full copy of the same data; with it there is one copy per
    state (a database restored from an older copy, say, still gets its own copy).
    """
    def newest_first(p: Path) -> float:
        try:
            return -p.stat().st_mtime
        except OSError:
            return 0.0

    candidates = sorted(path.parent.glob(f"{path.stem}.v{version}.bak*{path.suffix}"), key=newest_first)
    return same_copy(conn, candidates) if candidates else None
