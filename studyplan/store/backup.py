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
    * ``focus`` (the running timer, at most one per profile): the profile's own is
      kept; the file's is added only when the profile has none.
"""

from __future__ import annotations

import sqlite3
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any, Iterator

from studyplan.domain.backup import Column, ExportInvalid, TableSpec
from studyplan.domain.import_rules import revision_problems
from studyplan.errors import StoreError, UsageError
from studyplan.locale import Msg, msg
from studyplan.store.merge import Importer, TableChange, quoted
from studyplan.store.migrations import DERIVED, MIGRATIONS
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
    # The running focus timer (one row per profile, keyed by the profile alone): exported, so
    # a restored profile can still stop it; --merge keeps the profile's own timer and takes
    # the file's only when the profile has none (two would break "one timer at a time").
    "focus": "keep",
}



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




def schema_tables(conn: sqlite3.Connection) -> list[str]:
    """Every table that holds data of its own (not ``DERIVED``), in the order the migrations created them."""
    rows = conn.execute("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY rowid").fetchall()
    return [r[0] for r in rows if r[0] not in DERIVED]


def _columns(conn: sqlite3.Connection, table: str) -> list[Column]:
    out = []
    for r in conn.execute(f"PRAGMA table_info({quoted(table)})").fetchall():
        out.append(Column(r[1], (r[2] or "").upper(), bool(r[3]), r[4] is not None, bool(r[5])))
    return out


def table_specs(store: Store) -> tuple[TableSpec, dict[str, TableSpec]]:
    """The profiles table and every profile table (``profile_id`` left out), from the schema."""
    return _specs(store.db.conn)


def current_table_specs() -> tuple[TableSpec, dict[str, TableSpec]]:
    """``table_specs`` of this studyplan's schema, read from a new database in memory (every
    migration applied): what an export written now holds, without opening the learner's file."""
    conn = sqlite3.connect(":memory:")
    try:
        for number, step in enumerate(MIGRATIONS, start=1):
            step(conn)
            conn.execute(f"PRAGMA user_version = {number}")
        return _specs(conn)
    finally:
        conn.close()


def _specs(conn: sqlite3.Connection) -> tuple[TableSpec, dict[str, TableSpec]]:
    profile_spec: TableSpec | None = None
    specs: dict[str, TableSpec] = {}
    for table in schema_tables(conn):
        cols = _columns(conn, table)
        if table == PROFILE_TABLE:
            profile_spec = TableSpec(table, tuple(cols))
            continue
        if not any(c.name == "profile_id" for c in cols):
            raise StoreError(msg("table '{table}' has no profile_id, so export cannot tell whose "
                                 "rows they are; this is a studyplan bug — please report it", table=table))
        specs[table] = TableSpec(table, tuple(c for c in cols if c.name != "profile_id"))
    if profile_spec is None:
        raise StoreError(msg("the database has no profiles table; run `studyplan doctor`"))
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
            raise StoreError(msg("no profile '{name}' to export; `studyplan init` creates it", name=name))
        profile = {c.name: row[c.name] for c in profile_spec.columns if c.name != "id"}
        tables: dict[str, list[dict[str, Any]]] = {}
        for table, spec in specs.items():
            cols = ", ".join(quoted(c) for c in spec.names)
            order = ", ".join(quoted(c) for c in spec.key) or "rowid"
            rows = conn.execute(f"SELECT {cols} FROM {quoted(table)} WHERE profile_id = ? ORDER BY {order}", (row["id"],)).fetchall()
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
    return {t: store.db.read(f"SELECT COUNT(*) FROM {quoted(t)} WHERE profile_id = ?", (pid,))[0][0] for t in specs}


def _check_merged_revisions(conn: sqlite3.Connection, pid: int, name: str, spec: TableSpec, rows: list[dict[str, Any]]) -> None:
    """--merge: the file's new revisions (those not already in the profile) with the profile's
    own still obey the rules of `pause` and `replan` (no overlap, a plan on the calendar)."""
    existing = [dict(r) for r in conn.execute("SELECT * FROM plan_revisions WHERE profile_id = ?", (pid,))]
    have = {tuple(r.get(c) for c in spec.content) for r in existing}
    positions = getattr(rows, "positions", None) or range(len(rows))
    incoming = [(i, r) for i, r in zip(positions, rows) if tuple(r.get(c) for c in spec.content) not in have]
    problems = revision_problems(existing, incoming, name)
    if problems:
        raise ExportInvalid(problems)


def apply_import(store: Store, name: str, profile: dict[str, Any], tables: dict[str, list[dict[str, Any]]],
                 mode: str, dry_run: bool = False, refuse_if_not_empty: str | Msg | None = None) -> ImportOutcome:
    """Write a validated export into profile ``name`` in one transaction.

    ``mode`` is ``replace`` or ``merge``. With ``refuse_if_not_empty`` set (an
    error message), the import stops (and nothing is written) when the profile
    already has rows. ``dry_run`` does everything, then rolls back.
    """
    profile_spec, specs = table_specs(store)
    settings = [c.name for c in profile_spec.columns if c.name not in ("id", "name") and c.name in profile]
    # Tables whose ids the journal points at go first, the journal last.
    order = [t for t in specs if t != "journal"] + (["journal"] if "journal" in specs else [])
    try:
        with store.transaction() as conn:
            row = conn.execute("SELECT id FROM profiles WHERE name = ?", (name,)).fetchone()
            changes = {t: TableChange(t) for t in order}
            if row is not None and refuse_if_not_empty is not None:
                if any(conn.execute(f"SELECT 1 FROM {quoted(t)} WHERE profile_id = ? LIMIT 1", (row[0],)).fetchone() for t in specs):
                    raise UsageError(refuse_if_not_empty)
            if row is None:
                cols = ["name", *settings]
                cur = conn.execute(
                    f"INSERT INTO profiles ({', '.join(quoted(c) for c in cols)}) VALUES ({', '.join('?' * len(cols))})",
                    (name, *(profile[c] for c in settings)),
                )
                pid, action = cur.lastrowid, "created"
            elif mode == "replace":
                pid, action = row[0], "replaced"
                for t in reversed(order):
                    changes[t].deleted = conn.execute(f"DELETE FROM {quoted(t)} WHERE profile_id = ?", (pid,)).rowcount
                if settings:
                    conn.execute(f"UPDATE profiles SET {', '.join(f'{quoted(c)} = ?' for c in settings)} WHERE id = ?", (*(profile[c] for c in settings), pid))
            else:
                pid, action = row[0], "kept"
                if "plan_revisions" in specs:
                    _check_merged_revisions(conn, pid, name, specs["plan_revisions"], tables.get("plan_revisions", []))
            importer = Importer(conn, pid, specs, tables, merge=(mode == "merge" and action == "kept"))
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
