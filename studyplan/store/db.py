"""Open the progress database: connect, set pragmas, migrate, refuse what we cannot use.

Rules (see docs and ENGINEERING-NOTES): WAL, a busy timeout, ``BEGIN IMMEDIATE``
for every write so two terminals never see "database is locked", one transaction
per command, a newer schema refused untouched, an older one backed up next to the
file before it is migrated, and a damaged file never overwritten.
"""

from __future__ import annotations

import sqlite3
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

from studyplan.errors import StoreError
from studyplan.store.migrations import MIGRATIONS, SCHEMA_VERSION

BUSY_TIMEOUT_MS = 60_000
SQLITE_HEADER = b"SQLite format 3\x00"


def _doctor_hint(path: Path) -> str:
    return f"run `studyplan doctor` to check it, or move it aside to start afresh (your data stays in {path.name})"


def _describe(exc: sqlite3.Error, path: Path) -> StoreError:
    text = str(exc).lower()
    if "readonly" in text or "read-only" in text:
        return StoreError(f"{path}: the database is read-only; make it writable (chmod u+w) and try again")
    if "disk is full" in text or "disk i/o" in text or "full" in text:
        return StoreError(f"{path}: could not write (disk full or I/O error); nothing was changed — free some space and try again")
    if "locked" in text or "busy" in text:
        return StoreError(f"{path}: the database stayed busy for {BUSY_TIMEOUT_MS // 1000} s (another studyplan is writing); try again")
    if "unable to open" in text or "permission" in text:
        return StoreError(f"{path}: cannot open the database (permission denied?); check the file and its folder")
    if "malformed" in text or "not a database" in text or "corrupt" in text:
        return StoreError(f"{path}: the database is damaged ({exc}); {_doctor_hint(path)}")
    return StoreError(f"{path}: database error: {exc}; {_doctor_hint(path)}")


def check_file(path: Path) -> None:
    """Refuse a file that is not an SQLite database before sqlite3 touches it."""
    try:
        with path.open("rb") as fh:
            header = fh.read(len(SQLITE_HEADER))
    except FileNotFoundError:
        return
    except PermissionError:
        raise StoreError(f"{path}: cannot read the database (permission denied); check the file's permissions") from None
    except OSError as exc:
        raise StoreError(f"{path}: cannot read the database ({exc.strerror}); {_doctor_hint(path)}") from None
    if header == b"":
        if path.stat().st_size == 0:
            return  # an empty file is what sqlite3 leaves after an interrupted first open
    if header != SQLITE_HEADER:
        raise StoreError(f"{path}: this is not a studyplan database (damaged or replaced); {_doctor_hint(path)}")


class Database:
    """A connection plus the one way to write: ``with db.write(): ...``."""

    def __init__(self, conn: sqlite3.Connection, path: Path) -> None:
        self.conn = conn
        self.path = path

    def close(self) -> None:
        self.conn.close()

    @contextmanager
    def write(self) -> Iterator[sqlite3.Connection]:
        try:
            self.conn.execute("BEGIN IMMEDIATE")
        except sqlite3.Error as exc:
            raise _describe(exc, self.path) from None
        try:
            yield self.conn
            self.conn.execute("COMMIT")
        except BaseException as exc:
            try:
                self.conn.execute("ROLLBACK")
            except sqlite3.Error:
                pass
            if isinstance(exc, sqlite3.Error):
                raise _describe(exc, self.path) from None
            raise

    def read(self, sql: str, params: tuple | dict = ()) -> list[sqlite3.Row]:
        try:
            return self.conn.execute(sql, params).fetchall()
        except sqlite3.Error as exc:
            raise _describe(exc, self.path) from None


def _connect(path: Path) -> sqlite3.Connection:
    conn = sqlite3.connect(str(path), timeout=BUSY_TIMEOUT_MS / 1000, isolation_level=None)
    conn.row_factory = sqlite3.Row
    conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    return conn


def backup_path(path: Path, version: int) -> Path:
    candidate = path.with_name(f"{path.stem}.v{version}.bak{path.suffix}")
    n = 1
    while candidate.exists():
        candidate = path.with_name(f"{path.stem}.v{version}.bak{n}{path.suffix}")
        n += 1
    return candidate


def migrate(conn: sqlite3.Connection, path: Path) -> None:
    version = conn.execute("PRAGMA user_version").fetchone()[0]
    if version > SCHEMA_VERSION:
        raise StoreError(
            f"{path}: this database was written by a newer studyplan (schema {version}, this one knows {SCHEMA_VERSION}); "
            "upgrade studyplan (pip install -U studyplan) — the file was not changed"
        )
    if version == SCHEMA_VERSION:
        return
    if version > 0:
        target = backup_path(path, version)
        conn.execute("VACUUM INTO ?", (str(target),))
    conn.execute("BEGIN IMMEDIATE")
    try:
        # Another process may have migrated while we waited for the lock.
        version = conn.execute("PRAGMA user_version").fetchone()[0]
        for number, step in enumerate(MIGRATIONS[version:], start=version + 1):
            step(conn)
            conn.execute(f"PRAGMA user_version = {number}")
        conn.execute("COMMIT")
    except BaseException:
        conn.execute("ROLLBACK")
        raise


def schema_version(path: Path) -> int:
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        return conn.execute("PRAGMA user_version").fetchone()[0]
    finally:
        conn.close()


def open_database(path: Path) -> Database:
    """Open (creating if needed) and migrate the database at ``path``."""
    check_file(path)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise StoreError(f"{path.parent}: cannot create the data folder ({exc.strerror}); set STUDYPLAN_HOME to a writable folder") from None
    conn = None
    try:
        conn = _connect(path)
        version = conn.execute("PRAGMA user_version").fetchone()[0]
        if version > SCHEMA_VERSION:
            raise StoreError(
                f"{path}: this database was written by a newer studyplan (schema {version}, this one knows {SCHEMA_VERSION}); "
                "upgrade studyplan (pip install -U studyplan) — the file was not changed"
            )
        mode = conn.execute("PRAGMA journal_mode").fetchone()[0]
        if mode.lower() != "wal":
            conn.execute("PRAGMA journal_mode = WAL")
        conn.execute("PRAGMA synchronous = NORMAL")
        conn.execute("PRAGMA foreign_keys = ON")
        migrate(conn, path)
    except StoreError:
        if conn is not None:
            conn.close()
        raise
    except sqlite3.Error as exc:
        if conn is not None:
            conn.close()
        raise _describe(exc, path) from None
    return Database(conn, path)
