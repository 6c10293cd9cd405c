"""A digest of exactly the rows ``studyplan status`` is computed from, and the read snapshot it is taken in.

The prompt's cache (``app/prompt.py``) keeps the status facts with this digest. When
the database files' stats say something may have changed, comparing digests tells
for certain, in about a millisecond and without the curriculum or the domain code:
the same digest means the same rows, so the same facts. The digest covers every
row and column of the tables ``app/status.py`` reads for the profile
(tests/test_status_cache.py traces its SQL to keep ``TABLES`` complete), the schema
version, and whether the profile exists at all.

Nothing here writes. ``digest_at`` opens its own connection without creating a
missing database; ``snapshot`` holds one read transaction (WAL: a fixed view that
never blocks a writer) so facts and digest come from the same state.
"""

from __future__ import annotations

import sqlite3
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Iterator

if TYPE_CHECKING:  # the prompt compares digests without loading the store's records
    from studyplan.store.progress import Store

try:  # 128-bit BLAKE2 from its C module: hashlib would load OpenSSL (~2 ms)
    from _blake2 import blake2b
except ImportError:  # another Python implementation
    from hashlib import blake2b

# The tables the status reads, with the order that makes their rows comparable.
TABLES = {
    "statuses": "ref",
    "plan_revisions": "id",
    "activity_runs": "first",  # the streak reads the runs of active days (migration 7), not the days
    "review_cards": "concept",
    "focus": "profile_id",
}
NO_DATABASE = b"no database"


def _canonical(value: object) -> bytes:
    """The same bytes for equal rows: ``repr`` of ints, floats, text, bytes and None is
    canonical (marshal is not: it shares objects that happen to be the same)."""
    return repr(value).encode("utf-8", "surrogatepass") + b"\n"


def digest(conn: sqlite3.Connection, profile: str) -> bytes:
    """The digest of ``profile``'s rows as ``conn`` sees them (call it inside one snapshot)."""
    h = blake2b(digest_size=16)
    version = conn.execute("PRAGMA user_version").fetchone()
    row = conn.execute("SELECT * FROM profiles WHERE name = ?", (profile,)).fetchone()
    h.update(_canonical((tuple(version), tuple(row) if row is not None else None)))
    if row is not None:
        pid = row[0]
        for table, order in TABLES.items():
            rows = conn.execute(f"SELECT * FROM {table} WHERE profile_id = ? ORDER BY {order}", (pid,)).fetchall()  # noqa: S608 - names from TABLES
            h.update(_canonical([tuple(r) for r in rows]))
    return h.digest()


def digest_at(path: Path, profile: str, timeout: float = 5.0) -> bytes:
    """The digest of the database at ``path`` (``NO_DATABASE`` when there is none); raises sqlite3.Error."""
    if not path.exists():
        return NO_DATABASE
    conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=rw", uri=True, timeout=timeout, isolation_level=None)
    try:
        conn.execute("BEGIN")
        try:
            return digest(conn, profile)
        finally:
            conn.execute("COMMIT")
    finally:
        conn.close()


@contextmanager
def snapshot(store: Store) -> Iterator[sqlite3.Connection]:
    """One read transaction on the store's connection: every read inside sees one state."""
    conn = store.db.conn
    conn.execute("BEGIN")
    try:
        yield conn
    finally:
        conn.execute("COMMIT")


def wrote(store: Store) -> bool:
    """This connection changed rows (so the status may have changed)."""
    return store.db.conn.total_changes > 0
