"""Every SQL statement of `studyplan sync`: claiming rows, merging another device's file, the replay.

All of it runs inside the caller's one ``Store.transaction()`` (app/sync.py): the claims,
every file merged, the replay and the export written back land together or not at all.
The rules are in ``domain.sync`` and the README ("Two machines"):

* rows of id-keyed tables are kept by ``sync_id``; one not here yet is added with a fresh
  local id (journal entries follow it: targets and batches are renumbered to this database);
* ``statuses`` and the flags (``deleted``, ``cancelled``, ``undone``) are what the replay of
  the merged journal gives; a status no journal entry names is kept by its ``updated_at``;
* ``review_cards`` are folded again from the merged review log (``recompute_cards``);
* other tables keyed by something else (``activity``) are a union; a table whose
  MERGE_POLICY is ``keep`` (the running focus timer) stays on its device;
* the profile's settings: the latest `init` wins (``domain.sync.settings_key``).
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable
from datetime import date
from typing import Any

from studyplan.domain import sync as rules
from studyplan.domain.backup import ExportDocument, TableSpec
from studyplan.domain.import_rules import JOURNAL_TARGETS, UNDO_ACTION
from studyplan.store.backup import MERGE_POLICY
from studyplan.store.merge import Importer, quoted

SYNC_ID = "sync_id"
_TARGET_TABLES = frozenset(JOURNAL_TARGETS.values())


def synced_tables(specs: dict[str, TableSpec]) -> list[str]:
    """Tables whose rows carry a sync_id, the journal last (its entries point at the others)."""
    tables = [t for t, s in specs.items() if s.id_keyed and SYNC_ID in s.names]
    return sorted(tables, key=lambda t: t == "journal")


def claim(conn: sqlite3.Connection, pid: int, device: str, specs: dict[str, TableSpec]) -> int:
    """Give every row made here since the last sync its sync_id; the rows of a device's first
    sync (made before it synced, maybe imported from another device) are marked ``~``."""
    tables = synced_tables(specs)
    first = not any(conn.execute(f"SELECT 1 FROM {quoted(t)} WHERE profile_id = ? AND sync_id IS NOT NULL LIMIT 1", (pid,)).fetchone()
                    for t in tables)
    suffix = rules.LEGACY if first else ""
    claimed = 0
    for t in tables:
        claimed += conn.execute(f"UPDATE {quoted(t)} SET sync_id = ? || id || ? WHERE profile_id = ? AND sync_id IS NULL",
                                (device + ":", suffix, pid)).rowcount
    return claimed


def unclaimed(conn: sqlite3.Connection, pid: int, specs: dict[str, TableSpec]) -> dict[str, int]:
    """Rows made here since the last sync, per table (what `sync --status` calls pending)."""
    out = {}
    for t in synced_tables(specs):
        n = conn.execute(f"SELECT COUNT(*) FROM {quoted(t)} WHERE profile_id = ? AND sync_id IS NULL", (pid,)).fetchone()[0]
        if n:
            out[t] = n
    return out


class Merger:
    """Merges device files into profile ``pid``, one after another, inside the caller's transaction."""

    def __init__(self, conn: sqlite3.Connection, pid: int, specs: dict[str, TableSpec]) -> None:
        self.conn, self.pid, self.specs = conn, pid, specs
        self.importer = Importer(conn, pid, specs, {}, merge=True)  # its insert(): a row into the profile
        self.reviewed: set[str] = set()  # concepts that got reviews from a file: their cards are folded again

    def merge(self, device: str, doc: ExportDocument) -> int:
        """Add what ``doc`` (device ``device``'s file) has that this profile lacks; the rows added."""
        self._profile(doc.profile)
        added = 0
        id_maps: dict[str, dict[int, int]] = {}
        for table in synced_tables(self.specs):
            rows = doc.tables.get(table, [])
            if table == "journal":
                added += self._journal(device, rows, id_maps)
            else:
                added += self._rows(table, device, rows, id_maps.setdefault(table, {}))
        for table, spec in self.specs.items():
            if table in id_maps or spec.id_keyed or MERGE_POLICY.get(table) == "keep":
                continue  # keep: the table is the device's own (the focus timer); id-keyed without sync_id: not synced
            added += self._natural(table, spec, doc.tables.get(table, []))
        return added

    # -- the profile -------------------------------------------------------------------------
    def _profile(self, theirs: dict[str, Any]) -> None:
        row = self.conn.execute("SELECT * FROM profiles WHERE id = ?", (self.pid,)).fetchone()
        ours = {k: row[k] for k in row.keys() if k not in ("id", "name")}  # noqa: SIM118 - a sqlite3.Row iterates its values
        theirs = {k: v for k, v in theirs.items() if k in ours}
        if rules.settings_key({**ours, **theirs}) > rules.settings_key(ours):
            merged = {**ours, **theirs}
            self.conn.execute(f"UPDATE profiles SET {', '.join(f'{quoted(c)} = ?' for c in merged)} WHERE id = ?",
                              (*merged.values(), self.pid))

    # -- rows kept by sync_id -----------------------------------------------------------------
    def _index(self, table: str) -> dict[str, int]:
        """sync_id -> local id of the profile's rows of ``table``."""
        return dict(self.conn.execute(f"SELECT sync_id, id FROM {quoted(table)} WHERE profile_id = ? AND sync_id IS NOT NULL", (self.pid,)).fetchall())

    def _next_id(self, table: str) -> int:
        return self.conn.execute(f"SELECT COALESCE(MAX(id), 0) + 1 FROM {quoted(table)}").fetchone()[0]

    def _insert(self, table: str, row: dict[str, Any]) -> None:
        self.importer.insert(table, row)

    def _rows(self, table: str, device: str, rows: Iterable[dict[str, Any]], id_map: dict[int, int]) -> int:
        index = self._index(table)
        next_id = self._next_id(table)
        content = self.specs[table].content
        twins = _Twins(self.conn, self.pid, table, device, lambda r: tuple(r[c] for c in content))
        added = 0
        for row in rows:
            gid = row.get(SYNC_ID) or f"{device}:{row['id']}"
            local = index.get(gid)
            if local is None and gid.endswith(rules.LEGACY):
                local = twins.match(gid, tuple(row.get(c) for c in content), index)
            if local is None:
                local, next_id = next_id, next_id + 1
                self._insert(table, {**row, "id": local, SYNC_ID: gid})
                index[gid] = local
                added += 1
                if table == "reviews":
                    self.reviewed.add(row["concept"])
            if table in _TARGET_TABLES:
                id_map[row["id"]] = local
        return added

    def _journal(self, device: str, rows: list[dict[str, Any]], id_maps: dict[str, dict[int, int]]) -> int:
        index = self._index("journal")
        batch_of = dict(self.conn.execute("SELECT id, batch FROM journal WHERE profile_id = ?", (self.pid,)).fetchall())
        next_id = self._next_id("journal")
        next_batch = self.conn.execute("SELECT COALESCE(MAX(batch), 0) + 1 FROM journal WHERE profile_id = ?", (self.pid,)).fetchone()[0]
        twins = _Twins(self.conn, self.pid, "journal", device, lambda r: tuple(r[c] for c in _JOURNAL_KEY))
        batches: dict[int, list[dict[str, Any]]] = {}
        for row in sorted(rows, key=lambda r: (r["batch"], r["id"])):
            batches.setdefault(row["batch"], []).append(row)
        batch_map: dict[int, int] = {}
        added = 0
        for batch, entries in batches.items():  # ascending: an undo always follows the batch it names
            mapped = [(e.get(SYNC_ID) or f"{device}:{e['id']}", {**e, "target": self._target(e, batch_map, id_maps)}) for e in entries]
            local_ids = [index.get(g) or (twins.match(g, tuple(m.get(c) for c in _JOURNAL_KEY), index) if g.endswith(rules.LEGACY) else None)
                         for g, m in mapped]
            known = next((batch_of[i] for i in local_ids if i is not None), None)
            if known is None:
                known, next_batch = next_batch, next_batch + 1
            batch_map[batch] = known
            for (gid, entry), local in zip(mapped, local_ids):
                if local is not None:
                    continue
                self._insert("journal", {**entry, "id": next_id, "batch": known, SYNC_ID: gid})
                index[gid], batch_of[next_id] = next_id, known
                next_id += 1
                added += 1
        return added

    @staticmethod
    def _target(entry: dict[str, Any], batch_map: dict[int, int], id_maps: dict[str, dict[int, int]]) -> str:
        """The entry's target in this database: the renumbered row, or the renumbered batch of an undo."""
        target = entry["target"]
        if entry["action"] == UNDO_ACTION and target.isdigit():
            return str(batch_map.get(int(target), target))
        if entry["action"] in JOURNAL_TARGETS and target.isdigit():
            return str(id_maps.get(JOURNAL_TARGETS[entry["action"]], {}).get(int(target), target))
        return target

    # -- tables with a natural key ----------------------------------------------------------------
    def _natural(self, table: str, spec: TableSpec, rows: Iterable[dict[str, Any]]) -> int:
        added = 0
        where = "".join(f" AND {quoted(k)} = ?" for k in spec.key)
        for row in rows:
            current = self.conn.execute(f"SELECT * FROM {quoted(table)} WHERE profile_id = ?{where}",
                                        (self.pid, *(row[k] for k in spec.key))).fetchone()
            if current is None:
                self._insert(table, row)
                added += 1
            elif table == "statuses" and rules.moment(row["updated_at"]) > rules.moment(current["updated_at"]):
                self.conn.execute("UPDATE statuses SET status = ?, updated_at = ? WHERE profile_id = ? AND ref = ?",
                                  (row["status"], row["updated_at"], self.pid, row["ref"]))
        return added


_JOURNAL_KEY = ("at", "day", "action", "target", "before", "after")  # what makes two journal entries one (as import --merge)


class _Twins:
    """Rows of two devices' first syncs that are one row: a learner who moved data between them with
    export and `import --merge` before syncing has it on both, claimed by each (``~``). A file's
    ``~`` row with the same content as one of this profile's own ``~`` rows (of another device,
    not matched yet) is that row; both keep the smaller sync_id, so every device ends up with one."""

    def __init__(self, conn: sqlite3.Connection, pid: int, table: str, device: str, key) -> None:
        self.conn, self.pid, self.table, self.device, self.key = conn, pid, table, device, key
        self.by_content: dict[tuple, list[tuple[str, int]]] | None = None

    def match(self, gid: str, content: tuple, index: dict[str, int]) -> int | None:
        if self.by_content is None:
            self.by_content = {}
            for r in self.conn.execute(f"SELECT * FROM {quoted(self.table)} WHERE profile_id = ? AND sync_id LIKE ? ORDER BY id",
                                       (self.pid, "%" + rules.LEGACY)):
                if not r["sync_id"].startswith(self.device + ":"):
                    self.by_content.setdefault(self.key(r), []).append((r["sync_id"], r["id"]))
        for n, (old, local) in enumerate(self.by_content.get(content, ())):
            if index.get(old) == local:  # still this row's name (not taken by an earlier match)
                del self.by_content[content][n]
                if gid < old:
                    self.conn.execute(f"UPDATE {quoted(self.table)} SET sync_id = ? WHERE id = ?", (gid, local))
                    del index[old]
                index[gid] = local
                return local
        return None


# -- the replay ------------------------------------------------------------------------------------
def replay(conn: sqlite3.Connection, pid: int, here: str) -> int:
    """Statuses and flags as the merged journal gives them (``domain.sync.replay``); the rows changed."""
    events = [rules.Event(r[0], r[1], r[2], r[3], r[4], r[5], r[6], r[7]) for r in conn.execute(
        "SELECT id, batch, at, action, target, before, after, sync_id FROM journal WHERE profile_id = ?", (pid,))]
    result = rules.replay(events, here)
    changed = 0
    for ref, (status, at) in result.statuses.items():
        if status == "todo":
            changed += conn.execute("DELETE FROM statuses WHERE profile_id = ? AND ref = ?", (pid, ref)).rowcount
        else:
            changed += conn.execute(
                "INSERT INTO statuses (profile_id, ref, status, updated_at) VALUES (?, ?, ?, ?) ON CONFLICT (profile_id, ref) "
                "DO UPDATE SET status = excluded.status, updated_at = excluded.updated_at "
                "WHERE status != excluded.status OR updated_at != excluded.updated_at", (pid, ref, status, at)).rowcount
    flags = dict(result.flags)
    pauses = conn.execute("SELECT id, at, sync_id, pause_from, pause_to, cancelled FROM plan_revisions "
                          "WHERE profile_id = ? AND kind = 'pause' AND pause_from IS NOT NULL AND pause_to IS NOT NULL", (pid,)).fetchall()
    active = [rules.PauseSpan(p[0], rules.order_key(p[1], p[2], here, p[0]), p[3], p[4])
              for p in pauses if not flags.get(("plan_revisions", p[0]), p[5])]
    for rid in rules.overlapping(active):  # two devices paused over the same days: the later pause is set aside
        flags[("plan_revisions", rid)] = 1
    for (table, rid), value in flags.items():
        column = quoted(rules.FLAG_COLUMN[table])
        changed += conn.execute(f"UPDATE {quoted(table)} SET {column} = ? WHERE profile_id = ? AND id = ? AND {column} != ?",
                                (value, pid, rid, value)).rowcount
    for rid, batch, undone in conn.execute("SELECT id, batch, undone FROM journal WHERE profile_id = ? AND action != 'undo'", (pid,)).fetchall():
        if bool(undone) != (batch in result.undone):
            changed += conn.execute("UPDATE journal SET undone = ? WHERE id = ?", (int(batch in result.undone), rid)).rowcount
    return changed


def recompute_cards(conn: sqlite3.Connection, pid: int, here: str, reviewed: set[str], retention: float) -> int:
    """Fold a card again from the merged review log (in ``order_key`` order) where a file brought
    reviews of it, or where its stored state was not made by its newest review; the cards changed."""
    by_concept: dict[str, list[tuple[tuple, rules.Rating]]] = {}
    for rid, concept, rating, at, day, sync_id in conn.execute(
            "SELECT id, concept, rating, at, day, sync_id FROM reviews WHERE profile_id = ?", (pid,)):
        by_concept.setdefault(concept, []).append((rules.order_key(at, sync_id, here, rid), rules.Rating(rating, at, date.fromisoformat(day))))
    cards = {r[0]: r[1] for r in conn.execute("SELECT concept, card FROM review_cards WHERE profile_id = ?", (pid,))}
    changed = 0
    for concept, found in by_concept.items():
        ratings = [r for _, r in sorted(found, key=lambda p: p[0])]
        stored = _card(cards.get(concept))
        if concept not in reviewed and stored is not None and rules.card_is_current(stored, ratings[-1]):
            continue
        card = rules.fold(concept, ratings, retention)
        due = card.due.isoformat(timespec="seconds")
        text = json.dumps(card.card, sort_keys=True)
        changed += conn.execute(
            "INSERT INTO review_cards (profile_id, concept, card, due, state, introduced_day) VALUES (?, ?, ?, ?, ?, ?) "
            "ON CONFLICT (profile_id, concept) DO UPDATE SET card = excluded.card, due = excluded.due, state = excluded.state, "
            "introduced_day = excluded.introduced_day WHERE card != excluded.card OR due != excluded.due OR state != excluded.state "
            "OR introduced_day != excluded.introduced_day",
            (pid, concept, text, due, card.state, card.introduced_day.isoformat())).rowcount
    return changed


def _card(text: str | None) -> dict | None:
    try:
        value = json.loads(text) if text else None
    except ValueError:
        return None
    return value if isinstance(value, dict) else None
