"""How an export's rows land in a profile: inserted, appended with fresh ids, or merged
with the rows already there (the rules are in ``store.backup``'s docstring)."""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from studyplan.domain.backup import TableSpec
from studyplan.domain.import_rules import (  # validate() checked every target exists in the file
    JOURNAL_TARGETS,
    UNDO_ACTION,
)

_TARGET_TABLES = frozenset(JOURNAL_TARGETS.values())  # the only tables whose renumbering the journal needs


@dataclass
class TableChange:
    table: str
    added: int = 0
    updated: int = 0
    skipped: int = 0
    deleted: int = 0



def quoted(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


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


class Importer:
    """Writes one export's rows into a profile inside the caller's transaction, table by table."""

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
            f"INSERT INTO {quoted(table)} ({', '.join(quoted(c) for c in cols)}) VALUES ({', '.join('?' * len(cols))})",
            (self.pid, *row.values()),
        )

    def update(self, table: str, spec: TableSpec, row: dict[str, Any]) -> None:
        sets = [c for c in row if c not in spec.key]
        if not sets:
            return
        where = " AND ".join(f"{quoted(k)} = ?" for k in spec.key)
        self.conn.execute(
            f"UPDATE {quoted(table)} SET {', '.join(f'{quoted(c)} = ?' for c in sets)} WHERE profile_id = ? AND {where}",
            (*(row[c] for c in sets), self.pid, *(row[k] for k in spec.key)),
        )

    def existing(self, table: str, spec: TableSpec, row: dict[str, Any]) -> sqlite3.Row | None:
        """The profile's row with ``row``'s key (a table keyed by the profile alone, like
        ``focus``: the profile's one row)."""
        where = "".join(f" AND {quoted(k)} = ?" for k in spec.key)
        return self.conn.execute(
            f"SELECT * FROM {quoted(table)} WHERE profile_id = ?{where}", (self.pid, *(row[k] for k in spec.key))
        ).fetchone()

    # -- id-keyed tables: ids kept when all are free, else all renumbered in order ----------
    def allocator(self, table: str, rows: list[dict[str, Any]]):  # noqa: ANN201
        taken = {r[0] for r in self.conn.execute(f"SELECT id FROM {quoted(table)}").fetchall()}
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
            f"SELECT id, {', '.join(quoted(c) for c in cols)} FROM {quoted(table)} WHERE profile_id = ? ORDER BY id", (self.pid,)
        ).fetchall()
        index: dict[tuple, int] = {}
        for r in rows:
            index.setdefault(tuple(r[1:]), r[0])
        return index

    def append(self, table: str, spec: TableSpec, change: TableChange) -> None:
        rows = self.tables.get(table, [])
        index = self.content_index(table, spec)
        allocate = self.allocator(table, rows)
        # old id -> new id, kept only where the journal may point (a million reviews need none)
        id_map = self.id_maps.setdefault(table, {}) if table in _TARGET_TABLES else None
        for row in rows:
            key = tuple(row.get(c) for c in spec.content) if index else None
            if key in index:
                if id_map is not None:
                    id_map[row["id"]] = index[key]
                change.skipped += 1
                continue
            new_id = allocate(row["id"])
            if id_map is not None:
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
            for r in self.conn.execute(f"SELECT batch, {', '.join(quoted(c) for c in key_cols)} FROM journal WHERE profile_id = ?", (self.pid,)):
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
