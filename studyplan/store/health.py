"""What `studyplan doctor` needs from the database: look without touching, copy, salvage.

Looking (``inspect``) never writes: it reads the file's bytes, then opens SQLite
read-only. Repairs never start without a copy: ``save_copy`` keeps the bytes of a
damaged file (and its -wal) under a new name, ``backup_copy`` writes a consistent
copy of a healthy one; ``rebuild`` then builds a fresh database from every row that
can still be read and puts it in place with one rename.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
from dataclasses import dataclass, field
from pathlib import Path
from typing import BinaryIO

from studyplan.errors import StoreError
from studyplan.fileio import fsync_dir, temp_beside
from studyplan.locale import msg
from studyplan.store.db import (
    _describe,
    _migrate_locked,
    _remove,
    _uri,
    check_file,
)
from studyplan.store.migrations import DERIVED, SCHEMA_VERSION

MAX_INTEGRITY_MESSAGES = 20


@dataclass
class ProfileRefs:
    """The ids one profile's rows point at (to compare with its curriculum)."""

    id: int
    name: str
    curriculum: str
    statuses: dict[str, str] = field(default_factory=dict)  # ref -> status
    note_refs: set[str] = field(default_factory=set)
    log_modules: set[str] = field(default_factory=set)
    concepts: set[str] = field(default_factory=set)  # looked up or on review cards


@dataclass
class Inspection:
    path: Path
    exists: bool
    size: int = 0
    unreadable: str | None = None  # the file is not (or no longer) a usable database (why)
    blocked: str | None = None  # permissions keep us out: not damage, nothing to repair
    version: int | None = None
    journal_mode: str | None = None
    tables: int = 0
    integrity: list[str] = field(default_factory=list)  # ["ok"] when whole
    foreign_key_problems: int = 0
    profiles: list[ProfileRefs] = field(default_factory=list)
    leftovers: list[Path] = field(default_factory=list)  # our temp files from interrupted runs

    @property
    def whole(self) -> bool:
        return self.exists and self.unreadable is None and self.integrity == ["ok"]


def leftovers(path: Path) -> list[Path]:
    """Temp files studyplan writes next to the database (a new database, a backup) that a crash left,
    with the -wal/-shm/-journal SQLite made beside them (they belong to no live database)."""
    if not path.parent.is_dir():
        return []
    ends = tuple(f"{kind}{extra}" for kind in (".new", ".tmp") for extra in ("", "-wal", "-shm", "-journal"))
    return sorted(p for p in path.parent.glob(f".{path.stem}*") if p.name.endswith(ends))


def _tables(conn: sqlite3.Connection) -> set[str]:
    return {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}


def _references(conn: sqlite3.Connection) -> list[ProfileRefs]:
    tables = _tables(conn)
    if "profiles" not in tables:
        return []
    profiles = {r[0]: ProfileRefs(r[0], r[1], r[2]) for r in conn.execute("SELECT id, name, curriculum FROM profiles ORDER BY name")}
    queries = {
        "statuses": "SELECT profile_id, ref, status FROM statuses",
        "notes": "SELECT profile_id, ref FROM notes WHERE deleted = 0",
        "time_log": "SELECT profile_id, module FROM time_log WHERE deleted = 0 AND module IS NOT NULL",
        "lookups": "SELECT profile_id, concept FROM lookups",
        "review_cards": "SELECT profile_id, concept FROM review_cards",
    }
    for table, sql in queries.items():
        if table not in tables:
            continue
        for row in conn.execute(sql):
            p = profiles.get(row[0])
            if p is None:
                continue
            if table == "statuses":
                p.statuses[row[1]] = row[2]
            elif table == "notes":
                p.note_refs.add(row[1])
            elif table == "time_log":
                p.log_modules.add(row[1])
            else:
                p.concepts.add(row[1])
    return list(profiles.values())


def inspect(path: Path) -> Inspection:
    """Everything doctor reports about the file, read without changing a byte of it."""
    found = Inspection(path=path, exists=path.exists(), leftovers=leftovers(path))
    if not found.exists:
        try:
            check_file(path)  # a -wal without its database
        except StoreError as exc:
            found.unreadable = exc.message
        return found
    found.size = path.stat().st_size
    if not os.access(path, os.R_OK):
        found.blocked = f"{path}: cannot read the database (permission denied); make it readable (chmod u+rw '{path}')"
        return found
    try:
        check_file(path)
    except StoreError as exc:
        found.unreadable = exc.message
        return found
    conn = None
    try:
        conn = sqlite3.connect(_uri(path), uri=True)
        found.version = conn.execute("PRAGMA user_version").fetchone()[0]
    except sqlite3.Error as exc:
        if conn is not None:
            conn.close()
        text = str(exc).lower()
        if "readonly" in text or "unable to open" in text or "permission" in text:
            found.blocked = _describe(exc, path).message  # e.g. a read-only folder and no -shm yet
        else:
            found.unreadable = f"{path}: SQLite cannot read it ({exc})"
        return found
    try:
        found.journal_mode = conn.execute("PRAGMA journal_mode").fetchone()[0]
        found.tables = conn.execute("SELECT COUNT(*) FROM sqlite_master WHERE type = 'table'").fetchone()[0]
        found.integrity = [line for r in conn.execute(f"PRAGMA integrity_check({MAX_INTEGRITY_MESSAGES})") for line in str(r[0]).splitlines()]
        if found.version and found.version <= SCHEMA_VERSION:
            try:
                found.foreign_key_problems = len(conn.execute("PRAGMA foreign_key_check").fetchall())
                found.profiles = _references(conn)
            except sqlite3.Error as exc:
                if found.integrity == ["ok"]:
                    found.integrity = [f"cannot read the tables: {exc}"]
    except sqlite3.Error as exc:
        found.integrity = [str(exc)]
    finally:
        conn.close()
    return found


# -- copies ----------------------------------------------------------------------------------
def _copy_file(src: Path | BinaryIO, dst: Path) -> None:
    """Copy ``src`` (a path, or a file already open: see ``save_copy``) to ``dst``, whole or not at all."""
    tmp = temp_beside(dst, ".tmp")
    try:
        if isinstance(src, Path):
            shutil.copyfile(src, tmp)
        else:
            src.seek(0)
            with open(tmp, "wb") as out:
                shutil.copyfileobj(src, out)
        with open(tmp, "rb+") as fh:
            os.fsync(fh.fileno())
        os.replace(tmp, dst)
    finally:
        _remove(tmp)


def _free_name(path: Path, label: str) -> Path:
    candidate = path.with_name(f"{path.stem}.{label}{path.suffix}")
    n = 1
    while candidate.exists() or Path(f"{candidate}-wal").exists():
        candidate = path.with_name(f"{path.stem}.{label}-{n}{path.suffix}")
        n += 1
    return candidate


def save_copy(path: Path, label: str, source: BinaryIO | None = None) -> Path:
    """Keep the file's bytes exactly (and its -wal, which may hold the newest changes).

    ``source``: the file already open (``repair.exclusive``), read instead of opening
    ``path`` again, which would drop the write lock this process holds on it.
    """
    target = _free_name(path, label)
    try:
        _copy_file(path if source is None else source, target)
        wal = Path(f"{path}-wal")
        if wal.exists() and wal.stat().st_size:
            _copy_file(wal, Path(f"{target}-wal"))
        fsync_dir(path.parent)
    except OSError as exc:
        _remove(target, Path(f"{target}-wal"))
        raise StoreError(msg("{target}: cannot write the copy ({reason}); nothing was changed — "
                             "free some space or check the folder", target=target, reason=exc.strerror or exc)) from None
    return target


def backup(path: Path, label: str) -> Path:
    """A consistent copy of a healthy database next to it (SQLite's backup API)."""
    from studyplan.store.db import (
        backup_copy,  # looked up when called: the tests replace it to fill the disk
    )

    target = _free_name(path, label)
    try:
        backup_copy(path, target)
    except (OSError, sqlite3.Error) as exc:
        _remove(target)
        raise StoreError(msg("{target}: cannot write the backup ({reason}); nothing was changed — "
                             "free some space or check the folder", target=target, reason=exc)) from None
    return target


# -- salvage ---------------------------------------------------------------------------------
def _salvage_table(src: sqlite3.Connection, dst: sqlite3.Connection, table: str) -> tuple[int, bool]:
    """Copy every readable row of ``table``; True when reading stopped at damage."""
    dst_cols = [r[1] for r in dst.execute(f'PRAGMA table_info("{table}")')]
    try:
        src_cols = [r[1] for r in src.execute(f'PRAGMA table_info("{table}")')]
    except sqlite3.Error:
        return 0, True
    cols = [c for c in dst_cols if c in src_cols]
    if not cols:
        return 0, False
    names = ", ".join(f'"{c}"' for c in cols)
    insert = f'INSERT OR IGNORE INTO "{table}" ({names}) VALUES ({", ".join("?" for _ in cols)})'
    copied = 0
    try:
        for row in src.execute(f'SELECT {names} FROM "{table}"'):
            try:
                copied += dst.execute(insert, tuple(row)).rowcount
            except sqlite3.Error:
                continue  # a damaged row that breaks a constraint is left behind
    except sqlite3.Error:
        return copied, True
    return copied, False


def _working_copy(saved: Path) -> Path | None:
    """A scratch copy of an SQLite file to read from, padded back to the size its header gives.

    SQLite refuses a file shorter than its header says ("malformed") before reading
    a single row; padded with zeros, every page that survived can be read again.
    None when the bytes are not SQLite at all.
    """
    with open(saved, "rb") as fh:
        header = fh.read(100)
    if not header.startswith(b"SQLite format 3\x00") or len(header) < 100:
        return None
    work = temp_beside(saved, ".tmp")
    shutil.copyfile(saved, work)
    wal = Path(f"{saved}-wal")
    if wal.exists():
        shutil.copyfile(wal, Path(f"{work}-wal"))
    page_size = int.from_bytes(header[16:18], "big")
    page_size = 65536 if page_size == 1 else page_size
    pages = int.from_bytes(header[28:32], "big")
    if page_size >= 512 and not page_size & (page_size - 1):
        size = work.stat().st_size
        want = max(pages * page_size, -(-size // page_size) * page_size)
        if want > size:
            with open(work, "r+b") as fh:
                fh.truncate(want)
            _restore_schema_pages(work, page_size)
    return work


def _child_pages(page: bytes, offset: int) -> list[int]:
    """Child page numbers of an interior table b-tree page (header at ``offset``)."""
    if page[offset] != 0x05:
        return []
    cells = int.from_bytes(page[offset + 3:offset + 5], "big")
    out = [int.from_bytes(page[offset + 8:offset + 12], "big")]
    for i in range(cells):
        at = int.from_bytes(page[offset + 12 + 2 * i:offset + 14 + 2 * i], "big")
        out.append(int.from_bytes(page[at:at + 4], "big"))
    return out


def _restore_schema_pages(work: Path, page_size: int) -> None:
    """Put back lost pages of the table of contents (sqlite_master) from a fresh database.

    A database studyplan created has its table of contents on the same pages as a
    fresh one built by the same migrations. When page 1 matches a fresh database's
    byte for byte (same layout), the schema pages that the damage zeroed are copied
    from the fresh one, so the data pages that survived can be found again. Any
    other layout is left alone.
    """
    template = temp_beside(work, ".tmp")
    try:
        conn = sqlite3.connect(str(template), isolation_level=None)
        try:
            conn.execute(f"PRAGMA page_size = {page_size}")
            conn.execute("PRAGMA journal_mode = WAL")
            _migrate_locked(conn, None)
        finally:
            conn.close()
        fresh = template.read_bytes()
        with open(work, "r+b") as fh:
            first = fh.read(page_size)
            if len(fresh) < page_size or first[100:] != fresh[100:page_size]:
                return
            for number in _child_pages(fresh[:page_size], 100):
                if number < 2 or number * page_size > len(fresh):
                    return
                fh.seek((number - 1) * page_size)
                current = fh.read(page_size)
                if current.count(0) == len(current):  # lost: zeros from the padding
                    fh.seek((number - 1) * page_size)
                    fh.write(fresh[(number - 1) * page_size:number * page_size])
    except (OSError, sqlite3.Error):
        return
    finally:
        _remove(template, Path(f"{template}-wal"), Path(f"{template}-shm"))


def _salvage(work: Path, dst: sqlite3.Connection) -> dict[str, tuple[int, bool]]:
    result: dict[str, tuple[int, bool]] = {}
    try:
        src = sqlite3.connect(_uri(work), uri=True)
    except sqlite3.Error:
        return result
    try:
        version = src.execute("PRAGMA user_version").fetchone()[0]
        if not 0 < version <= SCHEMA_VERSION:
            return result
        src.execute("SELECT name FROM sqlite_master").fetchall()  # the table of contents survived?
        dst.execute("BEGIN IMMEDIATE")
        try:
            # A derived table is rebuilt by its triggers as the rows it comes from are copied.
            for table in sorted(_tables(dst) - {"sqlite_sequence"} - DERIVED, key=lambda t: (t != "profiles", t)):
                result[table] = _salvage_table(src, dst, table)
        finally:
            dst.execute("COMMIT")
    except sqlite3.Error:
        pass  # not even the schema can be read: nothing to salvage
    finally:
        src.close()
    return result


def rebuild(path: Path, saved: Path) -> dict[str, tuple[int, bool]]:
    """Replace ``path`` by a fresh database holding every row readable from ``saved``.

    ``saved`` is the byte copy ``save_copy`` made; it is only read. The caller holds
    the write lock for the copy and this call (``repair.exclusive``). Returns, per
    table, the rows recovered and whether damage stopped the reading early.
    """
    tmp = temp_beside(path, ".new")
    result: dict[str, tuple[int, bool]] = {}
    try:
        dst = sqlite3.connect(str(tmp), isolation_level=None)
        try:
            dst.execute("PRAGMA journal_mode = WAL")
            _migrate_locked(dst, None)
            work = _working_copy(saved)
            try:
                if work is not None:
                    result = _salvage(work, dst)
            finally:
                if work is not None:
                    _remove(work, Path(f"{work}-wal"), Path(f"{work}-shm"))
            check = dst.execute("PRAGMA integrity_check").fetchone()[0]
            if check != "ok":
                raise StoreError(msg("{path}: the rebuilt database failed its own check ({check}); "
                                     "nothing was changed", path=path, check=check))
        finally:
            dst.close()
        with open(tmp, "rb+") as fh:
            os.fsync(fh.fileno())
        # the old -wal belongs to the damaged file: SQLite would replay it into the new one
        _remove(Path(f"{path}-wal"), Path(f"{path}-shm"))
        os.replace(tmp, path)
        fsync_dir(path.parent)
    except OSError as exc:
        raise StoreError(msg("{path}: cannot write the rebuilt database ({reason}); the damaged "
                             "file is unchanged and kept as {name}", path=path, reason=exc.strerror or exc, name=saved.name)) from None
    finally:
        _remove(tmp, Path(f"{tmp}-wal"), Path(f"{tmp}-shm"))
    return result


def remove_leftovers(files: list[Path]) -> list[Path]:
    removed = []
    for f in files:
        try:
            f.unlink()
            removed.append(f)
        except OSError:
            pass
    return removed
