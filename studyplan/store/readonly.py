"""The database opened for reading only, creating nothing: for faces that must never write.

Shell completion runs on every TAB: it reads the profiles and their curricula, and a
TAB in a fresh home must not create the database, nor a -wal or -shm beside one.
"""

from __future__ import annotations

from pathlib import Path

from studyplan.errors import StoreError
from studyplan.locale import msg
from studyplan.store.db import Database, _uri
from studyplan.store.fallback import reader
from studyplan.store.migrations import SCHEMA_VERSION


def open_read_only(path: Path) -> Database | None:
    """The database at ``path`` for reading only, creating nothing; None when there is none
    (or it cannot be read that way). For callers that must never write, such as shell
    completion: a missing database stays missing, and no -wal or -shm file is made.

    With no -wal beside it the main file holds every commit, and ``immutable=1`` reads it
    alone (no -shm, no locks); with a -wal, ``mode=ro`` reads through the -shm a writer keeps.
    A schema other than this studyplan's is not read (a migration would be a write)."""
    if not path.is_file():
        return None
    uri = _uri(path) + ("" if Path(f"{path}-wal").exists() else "&immutable=1")
    conn = reader(uri, SCHEMA_VERSION, timeout_s=1.0)
    if conn is None:
        return None
    return Database(conn, path, read_only=StoreError(msg("{path}: opened for reading only; nothing was changed", path=path)))
