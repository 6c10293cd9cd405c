"""Every SQL statement of export and import.

Which tables and columns exist is read from the schema (``sqlite_master`` and
``PRAGMA table_info``), never listed by hand, so a table added by a migration is
exported like the others. ``MERGE_POLICY`` says how each table is merged; a test
fails when the schema has a table it does not name, so whoever adds a table
decides how it merges (an unnamed table still round-trips with the generic rules).

Import runs in ONE ``store.transaction()``: every row lands, or none does.

Modes
-----
replace
    The profile's rows in every table are deleted, its settings overwritten, and
    the file's rows inserted. A table's ids are kept when all are free; when
    another profile uses any of them, the file's rows of that table are numbered
    after the table's last id, in their order (journal entries that point at
    them follow).
merge
    The profile's own settings (curriculum, start, months, hours, language) are
    kept (they come from the file only when the profile is new). Rows are added:

    * ``statuses``: a ref not yet set is added; one already set takes the file's
      status only when the file's ``updated_at`` is later.
    * ``review_cards``: a concept without a card gets the file's; one with a card
      takes the file's only when the file holds a later review of that concept.
    * tables keyed by (profile, something), e.g. ``activity``: the union.
    * tables keyed by ``id`` (time_log, lookups, plan_revisions, reviews, notes):
      rows are appended with fresh ids after the table's last, in the file's
      order; a row identical to one already present
      (every column but its id and flags such as ``deleted``) is skipped, so
      merging the same file twice changes nothing.
    * ``journal``: the file's batches are numbered after the profile's newest
      batch so they never collide (``undo`` steps back through them first), and
      their targets are rewritten to the renumbered rows; entries already present
      are skipped.
"""

from __future__ import annotations

import sqlite3
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, Iterator

from studyplan.domain.backup import Column, TableSpec
from studyplan.errors import StoreError
from studyplan.store.progress import Store

PROFILE_TABLE = "profiles"

# How each profile table merges (see the module docstring). Every table of the
# schema must appear here: tests/test_backup.py fails otherwise.
MERGE_POLICY: dict[str, str] = {
    "statuses": "newer",  # natural key; later updated_at wins
    "journal": "journal",  # batches offset, targets remapped
    "activity": "union",
    "time_log": "append",
    "lookups": "append",
    "plan_revisions": "append",
    "review_cards": "latest-review",
    "reviews": "append",
    "notes": "append",
}

# Journal actions whose ``target`` is the id of a row in another table.
JOURNAL_TARGETS: dict[str, str] = {
    "log-add": "time_log",
    "log-delete": "time_log",
    "note-add": "notes",
    "note-delete": "notes",
    "replan": "plan_revisions",
    "pause": "plan_revisions",
    "replan-cancel": "plan_revisions",
    "pause-cancel": "plan_revisions",
}
UNDO_ACTION = "undo"  # its target is a batch number


@dataclass
class TableChange:
    table: str
    added: int = 0
    updated: int = 0
    skipped: int = 0
    deleted: int = 0


@dataclass
class ImportOutcome:
    profile_id: int
    profile_action: str  # created | replaced | kept
    changes: list[TableChange] = field(default_factory=list)


class _DryRun(Exception):
    def __init__(self, outcome: ImportOutcome) -> None:
        self.outcome = outcome


# ---------------------------------------------------------------------------
# The schema
# ---------------------------------------------------------------------------


def _q(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def schema_tables(conn: sqlite3.Connection) -> list[str]:
    """Every table, in the order the migrations created them."""
    rows = conn.execute("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY rowid").fetchall()
    return [r[0] for r in rows]


def _columns(conn: sqlite3.Connection, table: str) -> list[Column]:
    out = []
    for r in conn.execute(f"PRAGMA table_info({_q(table)})").fetchall():
        out.append(Column(r[1], (r[2] or "").upper(), bool(r[3]), r[4] is not None, bool(r[5])))
    return out


def table_specs(store: Store) -> tuple[TableSpec, dict[str, TableSpec]]:
    """The profiles table and every profile table (``profile_id`` left out), from the schema."""
    conn = store.db.conn
    profile_spec: TableSpec | None = None
    specs: dict[str, TableSpec] = {}
    for table in schema_tables(conn):
        cols = _columns(conn, table)
        if table == PROFILE_TABLE:
            profile_spec = TableSpec(table, tuple(cols))
            continue
        if not any(c.name == "profile_id" for c in cols):
            raise StoreError(f"table '{table}' has no profile_id, so export cannot tell whose rows they are; this is a studyplan bug — please report it")
        specs[table] = TableSpec(table, tuple(c for c in cols if c.name != "profile_id"))
    if profile_spec is None:
        raise StoreError("the database has no profiles table; run `studyplan doctor`")
    return profile_spec, specs


@contextmanager
def _snapshot(store: Store) -> Iterator[sqlite3.Connection]:
    """One read transaction, so the export is consistent even if another studyplan writes."""
    conn = store.db.conn
    if conn.in_transaction:
        yield conn
        return
    conn.execute("BEGIN")
    try:
        yield conn
    finally:
        conn.execute("COMMIT")


# ---------------------------------------------------------------------------
# Export
# ---------------------------------------------------------------------------


def export_profile(store: Store, name: str) -> tuple[dict[str, Any], dict[str, list[dict[str, Any]]]]:
    """The profile's settings and every table's rows, as plain dicts in a stable order."""
    profile_spec, specs = table_specs(store)
    with _snapshot(store) as conn:
        row = conn.execute("SELECT * FROM profiles WHERE name = ?", (name,)).fetchone()
        if row is None:
            raise StoreError(f"no profile '{name}' to export; `studyplan init` creates it")
        profile = {c.name: row[c.name] for c in profile_spec.columns if c.name != "id"}
        tables: dict[str, list[dict[str, Any]]] = {}
        for table, spec in specs.items():
            cols = ", ".join(_q(c) for c in spec.names)
            order = ", ".join(_q(c) for c in spec.key) or "rowid"
            rows = conn.execute(f"SELECT {cols} FROM {_q(table)} WHERE profile_id = ? ORDER BY {order}", (row["id"],)).fetchall()
            tables[table] = [dict(zip(spec.names, r)) for r in rows]
    return profile, tables


# ---------------------------------------------------------------------------
# Import
# ---------------------------------------------------------------------------


def profile_row_counts(store: Store, name: str) -> dict[str, int] | None:
    """Rows the profile has in each table (None when there is no such profile)."""
    _, specs = table_specs(store)
    rows = store.db.read("SELECT id FROM profiles WHERE name = ?", (name,))
    if not rows:
        return None
    pid = rows[0][0]
    return {t: store.db.read(f"SELECT COUNT(*) FROM {_q(t)} WHERE profile_id = ?", (pid,))[0][0] for t in specs}


def _later(a: str | None, b: str | None) -> bool:
    """Is timestamp ``a`` strictly later than ``b``? (ISO 8601; mixed forms fall back to text order.)"""
    if a is None:
        return False
    if b is None:
        return True
    try:
        return datetime.fromisoformat(a) > datetime.fromisoformat(b)
    except (TypeError, ValueError):
        return a > b


class _Importer:
    def __init__(self, conn: sqlite3.Connection, pid: int, specs: dict[str, TableSpec], tables: dict[str, list[dict[str, Any]]], merge: bool) -> None:
        self.conn = conn
        self.pid = pid
        self.specs = specs
        self.tables = tables
        self.merge = merge
        self.id_maps: dict[str, dict[int, int]] = {}

    def insert(self, table: str, row: dict[str, Any]) -> None:
        cols = ["profile_id", *row]
        self.conn.execute(
            f"INSERT INTO {_q(table)} ({', '.join(_q(c) for c in cols)}) VALUES ({', '.join('?' * len(cols))})",
            (self.pid, *row.values()),
        )

    def update(self, table: str, spec: TableSpec, row: dict[str, Any]) -> None:
        sets = [c for c in row if c not in spec.key]
        if not sets:
            return
        where = " AND ".join(f"{_q(k)} = ?" for k in spec.key)
        self.conn.execute(
            f"UPDATE {_q(table)} SET {', '.join(f'{_q(c)} = ?' for c in sets)} WHERE profile_id = ? AND {where}",
            (*(row[c] for c in sets), self.pid, *(row[k] for k in spec.key)),
        )

    def existing(self, table: str, spec: TableSpec, row: dict[str, Any]) -> sqlite3.Row | None:
        where = " AND ".join(f"{_q(k)} = ?" for k in spec.key)
        return self.conn.execute(
            f"SELECT * FROM {_q(table)} WHERE profile_id = ? AND {where}", (self.pid, *(row[k] for k in spec.key))
        ).fetchone()

    # -- id-keyed tables: ids kept when all are free, else all renumbered in order ----------
    def allocator(self, table: str, rows: list[dict[str, Any]]):  # noqa: ANN201
        taken = {r[0] for r in self.conn.execute(f"SELECT id FROM {_q(table)}").fetchall()}
        keep = not self.merge and not any(r["id"] in taken for r in rows)
        next_id = max(taken, default=0) + 1

        def allocate(wanted: int) -> int:
            nonlocal next_id
            if keep:
                return wanted
            new = next_id
            next_id += 1
            return new

        return allocate

    def content_index(self, table: str, spec: TableSpec) -> dict[tuple, int]:
        cols = spec.content
        if not self.merge or not cols:
            return {}
        rows = self.conn.execute(
            f"SELECT id, {', '.join(_q(c) for c in cols)} FROM {_q(table)} WHERE profile_id = ? ORDER BY id", (self.pid,)
        ).fetchall()
        index: dict[tuple, int] = {}
        for r in rows:
            index.setdefault(tuple(r[1:]), r[0])
        return index

    def append(self, table: str, spec: TableSpec, change: TableChange) -> None:
        rows = self.tables.get(table, [])
        index = self.content_index(table, spec)
        allocate = self.allocator(table, rows)
        id_map = self.id_maps.setdefault(table, {})
        for row in rows:
            key = tuple(row.get(c) for c in spec.content)
            if key in index:
                id_map[row["id"]] = index[key]
                change.skipped += 1
                continue
            new_id = allocate(row["id"])
            id_map[row["id"]] = new_id
            self.insert(table, {**row, "id": new_id})
            change.added += 1

    # -- the journal -----------------------------------------------------------------
    def journal(self, spec: TableSpec, change: TableChange) -> None:
        table = spec.name
        rows = sorted(self.tables.get(table, []), key=lambda r: (r["batch"], r["id"]))
        offset = 0
        index: dict[tuple, int] = {}
        key_cols = ("at", "day", "action", "target", "before", "after")
        if self.merge:
            offset = self.conn.execute("SELECT COALESCE(MAX(batch), 0) FROM journal WHERE profile_id = ?", (self.pid,)).fetchone()[0]
            for r in self.conn.execute(f"SELECT batch, {', '.join(_q(c) for c in key_cols)} FROM journal WHERE profile_id = ?", (self.pid,)):
                index.setdefault(tuple(r[1:]), r[0])
        allocate = self.allocator(table, rows)
        batch_map: dict[int, int] = {}
        batches: dict[int, list[dict[str, Any]]] = {}
        for row in rows:
            batches.setdefault(row["batch"], []).append(row)
        for batch, entries in batches.items():  # ascending: an undo always follows the batch it names
            mapped = [{**e, "target": self.target(e, batch_map, offset)} for e in entries]
            keys = [tuple(m.get(c) for c in key_cols) for m in mapped]
            if index and all(k in index for k in keys):
                batch_map[batch] = index[keys[0]]
                change.skipped += len(entries)
                continue
            batch_map[batch] = batch + offset
            for m, k in zip(mapped, keys):
                if k in index:
                    change.skipped += 1
                    continue
                self.insert(table, {**m, "id": allocate(m["id"]), "batch": batch + offset})
                change.added += 1

    def target(self, entry: dict[str, Any], batch_map: dict[int, int], offset: int) -> Any:
        """The entry's target in this database: a renumbered row id, or a renumbered batch for undo."""
        target = entry.get("target")
        if not isinstance(target, str) or not target.isdigit():
            return target
        if entry.get("action") == UNDO_ACTION:  # batches are imported in order, so the undone one is mapped already
            return str(batch_map.get(int(target), int(target) + offset))
        table = JOURNAL_TARGETS.get(entry.get("action"))
        if table is None:
            return target
        return str(self.id_maps.get(table, {}).get(int(target), int(target)))

    # -- tables with a natural key ------------------------------------------------------
    def natural(self, table: str, spec: TableSpec, policy: str, change: TableChange) -> None:
        latest_file: dict[str, str] = {}
        if policy == "latest-review":
            for r in self.tables.get("reviews", []):
                c = r.get("concept")
                if c is not None and _later(r.get("at"), latest_file.get(c)):
                    latest_file[c] = r["at"]
        for row in self.tables.get(table, []):
            current = self.existing(table, spec, row) if self.merge else None
            if current is None:
                self.insert(table, row)
                change.added += 1
                continue
            if policy == "newer" and _later(row.get("updated_at"), current["updated_at"]):
                self.update(table, spec, row)
                change.updated += 1
            elif policy == "latest-review" and _later(latest_file.get(row["concept"]), self.latest_review(row["concept"])):
                self.update(table, spec, row)
                change.updated += 1
            else:
                change.skipped += 1

    def latest_review(self, concept: str) -> str | None:
        r = self.conn.execute("SELECT MAX(at) FROM reviews WHERE profile_id = ? AND concept = ?", (self.pid, concept)).fetchone()
        return r[0] if r else None


def apply_import(store: Store, name: str, profile: dict[str, Any], tables: dict[str, list[dict[str, Any]]],
                 mode: str, dry_run: bool = False, refuse_if_not_empty: str | None = None) -> ImportOutcome:
    """Write a validated export into profile ``name`` in one transaction.

    ``mode`` is ``replace`` or ``merge``. With ``refuse_if_not_empty`` set (an
    error message), the import stops (and nothing is written) when the profile
    already has rows. ``dry_run`` does everything, then rolls back.
    """
    from studyplan.errors import UsageError

    profile_spec, specs = table_specs(store)
    settings = [c.name for c in profile_spec.columns if c.name not in ("id", "name") and c.name in profile]
    # Tables whose ids the journal points at go first, the journal last.
    order = [t for t in specs if t != "journal"] + (["journal"] if "journal" in specs else [])
    try:
        with store.transaction() as conn:
            row = conn.execute("SELECT id FROM profiles WHERE name = ?", (name,)).fetchone()
            changes = {t: TableChange(t) for t in order}
            if row is not None and refuse_if_not_empty is not None:
                if any(conn.execute(f"SELECT 1 FROM {_q(t)} WHERE profile_id = ? LIMIT 1", (row[0],)).fetchone() for t in specs):
                    raise UsageError(refuse_if_not_empty)
            if row is None:
                cols = ["name", *settings]
                cur = conn.execute(
                    f"INSERT INTO profiles ({', '.join(_q(c) for c in cols)}) VALUES ({', '.join('?' * len(cols))})",
                    (name, *(profile[c] for c in settings)),
                )
                pid, action = cur.lastrowid, "created"
            elif mode == "replace":
                pid, action = row[0], "replaced"
                for t in reversed(order):
                    changes[t].deleted = conn.execute(f"DELETE FROM {_q(t)} WHERE profile_id = ?", (pid,)).rowcount
                if settings:
                    conn.execute(f"UPDATE profiles SET {', '.join(f'{_q(c)} = ?' for c in settings)} WHERE id = ?", (*(profile[c] for c in settings), pid))
            else:
                pid, action = row[0], "kept"
            importer = _Importer(conn, pid, specs, tables, merge=(mode == "merge" and action == "kept"))
            for t in order:
                spec = specs[t]
                policy = MERGE_POLICY.get(t, "append" if spec.id_keyed else "union")
                if t == "journal" and spec.id_keyed:
                    importer.journal(spec, changes[t])
                elif spec.id_keyed:
                    importer.append(t, spec, changes[t])
                else:
                    importer.natural(t, spec, policy, changes[t])
            outcome = ImportOutcome(pid, action, [changes[t] for t in specs])
            if dry_run:
                raise _DryRun(outcome)
    except _DryRun as done:
        return done.outcome
    return outcome
