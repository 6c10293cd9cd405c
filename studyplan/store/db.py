"""Open the progress database: connect, set pragmas, migrate, refuse what we cannot use.

Rules (see docs and ENGINEERING-NOTES): WAL, a busy timeout, ``BEGIN IMMEDIATE``
for every write so two terminals never see "database is locked", one transaction
per command, a newer schema refused untouched, an older one backed up next to the
file before it is migrated, and a damaged file never overwritten.

A new database is built complete (WAL on, every migration applied) in a temporary
file next to its final place and then hard-linked into place, so no process ever
sees a half-made database and two first runs at once cannot trip over each other.
Because of that, an existing file that is empty, cut short, or an SQLite file
without our schema is damage (or someone else's file), never "a new database".
"""

from __future__ import annotations

import errno
import os
import sqlite3
import time
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

from studyplan.errors import StoreError
from studyplan.fileio import FileRefused, fsync_dir, open_regular, temp_beside
from studyplan.locale import Msg, msg
from studyplan.store import guard
from studyplan.store.fallback import disk_full, read_only_connection
from studyplan.store.migrations import MIGRATIONS, SCHEMA_VERSION

BUSY_TIMEOUT_MS = 60_000
SQLITE_HEADER = b"SQLite format 3\x00"
HEADER_BYTES = 100


def _doctor_hint(path: Path) -> Msg:
    return msg("run `studyplan doctor` to check it (`studyplan doctor --repair` keeps a copy before it changes anything); "
               "your data stays in {file}", file=path.name)


def _not_writable(path: Path) -> list[Path]:
    """Which of the database, its -wal/-shm files and its folder cannot be written."""
    out = []
    for candidate in (path, Path(f"{path}-wal"), Path(f"{path}-shm")):
        if candidate.exists() and not os.access(candidate, os.W_OK):
            out.append(candidate)
    if not os.access(path.parent, os.W_OK | os.X_OK):
        out.append(path.parent)
    return out


def _readonly(path: Path) -> StoreError:
    blocked = _not_writable(path)
    if path.parent in blocked:
        return StoreError(
            msg("{path}: cannot write in the folder {folder} (read-only or permission denied); nothing was changed — make the folder writable (chmod u+w '{folder}') or set STUDYPLAN_HOME to a writable folder", path=path, folder=path.parent)
        )
    names = " and ".join(f"'{p}'" for p in blocked) or f"'{path}'"
    return StoreError(msg("{path}: the database is read-only; nothing was changed — make it writable (chmod u+w {names}) and try again", path=path, names=names))


def _describe(exc: BaseException, path: Path) -> StoreError:
    """One line for the user: what went wrong with which file, and what to do."""
    text = str(exc).lower()
    if "readonly" in text or "read-only" in text:
        return _readonly(path)
    if "disk is full" in text or "no space" in text or disk_full(exc, path):  # SQLITE_FULL, ENOSPC, or I/O error on a full disk
        return StoreError(msg("{path}: could not write (the disk is full); nothing was changed — free some space and try again", path=path))
    if "disk i/o" in text:
        return StoreError(msg("{path}: could not read or write the disk (I/O error); nothing was changed — check the disk, then {hint}", path=path, hint=_doctor_hint(path)))
    if "locked" in text or "busy" in text:
        return StoreError(msg("{path}: the database is busy (another program kept it locked; studyplan waits up to {seconds} s); nothing was changed — try again", path=path, seconds=BUSY_TIMEOUT_MS // 1000))
    if "unable to open" in text or "permission" in text or "access permission" in text:
        if _not_writable(path):
            return _readonly(path)
        return StoreError(msg("{path}: cannot open the database (permission denied or missing folder); check the file and its folder, or set STUDYPLAN_HOME", path=path))
    if "malformed" in text or "not a database" in text or "corrupt" in text:
        return StoreError(msg("{path}: the database is damaged ({reason}); nothing was changed — {hint}", path=path, reason=exc, hint=_doctor_hint(path)))
    return StoreError(msg("{path}: database error: {reason}; {hint}", path=path, reason=exc, hint=_doctor_hint(path)))


def _wal_has_frames(path: Path) -> bool:
    """A -wal (or, for an old rollback-journal database, a hot -journal) that SQLite will replay."""
    for suffix in ("-wal", "-journal"):
        try:
            if Path(f"{path}{suffix}").stat().st_size > 0:
                return True
        except OSError:
            pass
    return False


def check_file(path: Path) -> bool:
    """Refuse a file that cannot be our database before sqlite3 touches it; True when it exists.

    Looks at the bytes only: a missing file is fine (it will be created), but an
    empty file, a file that is not SQLite, or one shorter than its own header says
    (cut short by a failed copy or a full disk) is damage, reported and left alone. A FIFO
    or a device is refused before it is opened (sqlite3 would block on a FIFO forever).
    """
    try:
        with open_regular(path, msg("the database")) as fh:
            header = fh.read(HEADER_BYTES)
            size = os.fstat(fh.fileno()).st_size
    except FileRefused as exc:
        if exc.kind == "a folder":
            raise StoreError(msg("{path}: is a folder, not a database; move it aside or set STUDYPLAN_HOME", path=path)) from None
        raise StoreError(
            msg("{path}: the database is {reason}; studyplan did not open it — move it aside or set STUDYPLAN_HOME to another folder", path=path, reason=exc.reason)
        ) from None
    except FileNotFoundError:
        wal = Path(f"{path}-wal")
        if wal.exists() and wal.stat().st_size > 0:
            raise StoreError(
                msg("{path}: the database file is missing but its write-ahead log {file}-wal is still there; restore {file} from a backup, or move {file}-wal aside to start afresh", path=path, file=path.name)
            ) from None
        return False
    except IsADirectoryError:
        raise StoreError(msg("{path}: is a folder, not a database; move it aside or set STUDYPLAN_HOME", path=path)) from None
    except PermissionError:
        raise StoreError(msg("{path}: cannot read the database (permission denied); make it readable (chmod u+rw '{path}')", path=path)) from None
    except OSError as exc:
        raise StoreError(msg("{path}: cannot read the database ({reason}); {hint}", path=path, reason=exc.strerror, hint=_doctor_hint(path))) from None
    if size == 0:
        raise StoreError(msg("{path}: the database file is empty (0 bytes: truncated, or emptied by another program); {hint}", path=path, hint=_doctor_hint(path)))
    if not header.startswith(SQLITE_HEADER):
        raise StoreError(msg("{path}: this is not a studyplan database (damaged or replaced); {hint}", path=path, hint=_doctor_hint(path)))
    if len(header) < HEADER_BYTES:
        raise StoreError(msg("{path}: the database is cut short ({size} bytes); {hint}", path=path, size=size, hint=_doctor_hint(path)))
    if not _wal_has_frames(path):  # with a log to replay, SQLite itself knows the true size
        page_size = int.from_bytes(header[16:18], "big")
        page_size = 65536 if page_size == 1 else page_size
        pages = int.from_bytes(header[28:32], "big")
        header_valid = header[24:28] == header[92:96] and pages > 0
        if page_size < 512 or page_size & (page_size - 1) or size % page_size or (header_valid and pages * page_size > size):
            raise StoreError(msg("{path}: the database is cut short or damaged ({size} bytes); {hint}", path=path, size=size, hint=_doctor_hint(path)))
    return True


class Database:
    """A connection plus the one way to write: ``with db.write(): ...``."""

    def __init__(self, conn: sqlite3.Connection, path: Path, read_only: StoreError | None = None, opened: guard.Identity | None = None) -> None:
        self.conn = conn
        self.path = path
        self.read_only = read_only  # why only reads work (store/fallback.py): every write raises it
        self.opened = opened  # the file (device, inode) the connection has open: see store/guard.py

    def close(self) -> None:
        self.conn.close()

    @contextmanager
    def write(self) -> Iterator[sqlite3.Connection]:
        if self.read_only is not None:
            raise self.read_only
        try:
            self.conn.execute("BEGIN IMMEDIATE")
        except sqlite3.Error as exc:
            raise _describe(exc, self.path) from None
        try:
            guard.check_same(self.path, self.opened)  # under the lock: a repair renamed a new file over ours?
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


def _refuse_newer(version: int, path: Path) -> None:
    if version > SCHEMA_VERSION:
        raise StoreError(
            msg("{path}: this database was written by a newer studyplan (schema {version}, this one knows {known}); upgrade studyplan (pip install -U studyplan) — the file was not changed", path=path, version=version, known=SCHEMA_VERSION)
        )


def _uri(path: Path, mode: str = "ro") -> str:
    return f"{path.resolve().as_uri()}?mode={mode}"


def backup_copy(path: Path, target: Path) -> None:
    """A consistent copy of ``path`` at ``target``, written whole or not at all.

    Reads through its own read-only connection (SQLite's backup API), so it can run
    while the caller holds the write lock: the copy is the last committed state.
    """
    tmp = temp_beside(target, ".tmp")
    try:
        src = sqlite3.connect(_uri(path), uri=True)
        try:
            dst = sqlite3.connect(str(tmp))
            try:
                src.backup(dst)
            finally:
                dst.close()
        finally:
            src.close()
        with open(tmp, "rb+") as fh:
            os.fsync(fh.fileno())
        os.replace(tmp, target)
        fsync_dir(target.parent)
    finally:
        _remove(tmp, Path(f"{tmp}-journal"))


def _migrate_locked(conn: sqlite3.Connection, path: Path | None) -> None:
    """Apply the missing migrations in one ``BEGIN IMMEDIATE`` transaction.

    The version is read under the lock (another process may have migrated while we
    waited), and an older database is copied next to itself first (``path`` None:
    a brand-new file, nothing to keep).
    """
    conn.execute("BEGIN IMMEDIATE")
    try:
        version = conn.execute("PRAGMA user_version").fetchone()[0]
        if path is not None:
            _refuse_newer(version, path)
        if version < SCHEMA_VERSION:
            if version > 0 and path is not None and guard.earlier_copy(conn, path, version) is None:  # one copy per state
                backup_copy(path, backup_path(path, version))
            for number, step in enumerate(MIGRATIONS[version:], start=version + 1):
                step(conn)
                conn.execute(f"PRAGMA user_version = {number}")
        conn.execute("COMMIT")
    except BaseException:
        conn.execute("ROLLBACK")
        raise


def migrate(conn: sqlite3.Connection, path: Path) -> None:
    """Bring the schema up to date; an older one is first copied next to the file."""
    version = conn.execute("PRAGMA user_version").fetchone()[0]
    _refuse_newer(version, path)
    if version < SCHEMA_VERSION:
        _migrate_locked(conn, path)


def schema_version(path: Path) -> int:
    conn = sqlite3.connect(_uri(path), uri=True)
    try:
        return conn.execute("PRAGMA user_version").fetchone()[0]
    finally:
        conn.close()


def _ensure_wal(conn: sqlite3.Connection) -> None:
    """Switch a rollback-journal database (an old one) to WAL.

    Changing the journal mode takes an exclusive lock and SQLite reports "database is
    locked" at once instead of calling the busy handler, so wait here ourselves.
    A database that cannot be switched (read-only) keeps working in its old mode.
    """
    deadline = time.monotonic() + BUSY_TIMEOUT_MS / 1000
    delay = 0.002
    while True:
        if conn.execute("PRAGMA journal_mode").fetchone()[0].lower() == "wal":
            return
        try:
            conn.execute("PRAGMA journal_mode = WAL").fetchone()
            return
        except sqlite3.OperationalError as exc:
            text = str(exc).lower()
            if ("locked" not in text and "busy" not in text) or time.monotonic() > deadline:
                raise
        time.sleep(delay)
        delay = min(delay * 2, 0.05)


def _remove(*paths: Path) -> None:
    for p in paths:
        try:
            p.unlink()
        except OSError:
            pass


def _create(path: Path) -> None:
    """Build a complete new database beside ``path`` and link it into place (never over a file)."""
    try:
        tmp = temp_beside(path, ".new")
    except OSError as exc:
        raise _os_error(exc, path) from None
    try:
        conn = sqlite3.connect(str(tmp), isolation_level=None)
        try:
            conn.execute("PRAGMA journal_mode = WAL")
            # No one sees this file until it is linked into place, after the one fsync below:
            # SQLite's own syncs (the commit, the checkpoint at close) would only repeat it.
            conn.execute("PRAGMA synchronous = OFF")
            _migrate_locked(conn, None)
        finally:
            conn.close()  # checkpoints the WAL into the file and removes it
        with open(tmp, "rb+") as fh:
            os.fsync(fh.fileno())
        try:
            os.link(tmp, path)
        except FileExistsError:
            pass  # another studyplan created it a moment ago: use theirs
        except OSError:
            if not path.exists():  # no hard links on this filesystem
                os.replace(tmp, path)
        fsync_dir(path.parent)
    except sqlite3.Error as exc:
        raise _describe(exc, path) from None
    except OSError as exc:
        raise _os_error(exc, path) from None
    finally:
        _remove(tmp, Path(f"{tmp}-wal"), Path(f"{tmp}-shm"), Path(f"{tmp}-journal"))


def _os_error(exc: OSError, path: Path) -> StoreError:
    if exc.errno == errno.ENOSPC:
        return _describe(exc, path)
    if exc.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        return _readonly(path)
    return StoreError(msg("{path}: cannot write ({reason}); nothing was changed — check the folder {folder}", path=path, reason=exc.strerror or exc, folder=path.parent))


def open_database(path: Path) -> Database:
    """Open (creating if needed) and migrate the database at ``path``."""
    exists = check_file(path)
    if not exists:
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise StoreError(msg("{folder}: cannot create the data folder ({reason}); set STUDYPLAN_HOME to a writable folder", folder=path.parent, reason=exc.strerror)) from None
        _create(path)
    conn = None
    opened = guard.identity(path)
    try:
        conn = _connect(path)
        version = conn.execute("PRAGMA user_version").fetchone()[0]
        _refuse_newer(version, path)
        if version == 0 and conn.execute("SELECT COUNT(*) FROM sqlite_master").fetchone()[0]:
            raise StoreError(
                msg("{path}: this is an SQLite database but not a studyplan one (it has tables but no studyplan schema); it was left untouched — move it aside or set STUDYPLAN_HOME to another folder", path=path)
            )
        _ensure_wal(conn)
        conn.execute("PRAGMA synchronous = NORMAL")
        conn.execute("PRAGMA foreign_keys = ON")
        if version < SCHEMA_VERSION:
            _migrate_locked(conn, path)  # an older schema is copied next to the file first
    except StoreError:
        if conn is not None:
            conn.close()
        raise
    except sqlite3.Error as exc:
        if conn is not None:
            conn.close()
        reader = read_only_connection(path, exc, _wal_has_frames(path), SCHEMA_VERSION, BUSY_TIMEOUT_MS / 1000)
        if reader is None:  # not an -shm problem, a migration is due, or a -wal that cannot be read
            raise _describe(exc, path) from None
        return Database(reader, path, read_only=_describe(exc, path))  # no -shm (full disk, read-only folder): reads work
    except OSError as exc:  # writing the pre-migration copy
        if conn is not None:
            conn.close()
        raise _os_error(exc, path) from None
    except BaseException:
        if conn is not None:
            conn.close()
        raise
    if opened is None or guard.identity(path) != opened:  # replaced (repaired) while we opened it: open the new file
        conn.close()
        return open_database(path)
    return Database(conn, path, opened=opened)

