"""Every query studyplan makes. The only module that speaks SQL (besides migrations).

Methods that change data take the ``at`` timestamp and the study ``day`` from the
caller, so nothing here reads the clock. Writes go through ``Database.write()``
(``BEGIN IMMEDIATE``); a command that changes several things calls the write
methods inside one ``with store.transaction():`` so they land together or not at all.
"""

from __future__ import annotations

import sqlite3
from contextlib import contextmanager
from datetime import date
from typing import Iterable, Iterator

from studyplan.domain.import_rules import CURRICULUM_ACTION
from studyplan.domain.learner import (
    Change,
    JournalEntry,
    LogEntry,
    Note,
    Profile,
    Revision,
    Undone,
)
from studyplan.errors import UsageError
from studyplan.locale import msg
from studyplan.store.db import Database
from studyplan.store.sql import day_range, notes_where

STATUSES = ("todo", "in-progress", "done", "skipped")
MAX_ROW_ID = 2**63 - 1  # SQLite's largest integer: a larger id cannot name a row


def _d(value: str | None) -> date | None:
    return date.fromisoformat(value) if value else None


class Store:
    def __init__(self, db: Database) -> None:
        self.db = db
        self._tx_depth = 0

    def close(self) -> None:
        self.db.close()

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """One write transaction; nested uses join the outer one."""
        if self._tx_depth:
            self._tx_depth += 1
            try:
                yield self.db.conn
            finally:
                self._tx_depth -= 1
            return
        with self.db.write() as conn:
            self._tx_depth = 1
            try:
                yield conn
            finally:
                self._tx_depth = 0

    # -- profiles -------------------------------------------------------------
    def profile(self, name: str) -> Profile | None:
        rows = self.db.read("SELECT * FROM profiles WHERE name = ?", (name,))
        return self._profile(rows[0]) if rows else None

    def profiles(self) -> list[Profile]:
        return [self._profile(r) for r in self.db.read("SELECT * FROM profiles ORDER BY name")]

    @staticmethod
    def _profile(r: sqlite3.Row) -> Profile:
        return Profile(r["id"], r["name"], r["curriculum"], date.fromisoformat(r["start_date"]), r["months"], r["weekly_hours"], r["lang"], r["created_at"])

    def save_profile(self, name: str, curriculum: str, start: date, months: int, weekly_hours: float | None, lang: str | None, at: str) -> Profile:
        with self.transaction() as conn:
            conn.execute(
                """INSERT INTO profiles (name, curriculum, start_date, months, weekly_hours, lang, created_at, settings_at)
                   VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                   ON CONFLICT (name) DO UPDATE SET curriculum = excluded.curriculum, start_date = excluded.start_date,
                   months = excluded.months, weekly_hours = excluded.weekly_hours, lang = excluded.lang,
                   settings_at = excluded.settings_at""",  # settings_at (m006): the latest settings win a sync
                (name, curriculum, start.isoformat(), months, weekly_hours, lang, at, at),
            )
        profile = self.profile(name)
        assert profile is not None
        return profile

    def ensure_profile(self, name: str, curriculum: str, start: date, months: int, at: str) -> tuple[Profile, bool]:
        """The profile, creating it (race-free) when absent; True when it was created."""
        existing = self.profile(name)
        if existing is not None:
            return existing, False
        with self.transaction() as conn:
            cur = conn.execute(
                "INSERT OR IGNORE INTO profiles (name, curriculum, start_date, months, created_at) VALUES (?, ?, ?, ?, ?)",
                (name, curriculum, start.isoformat(), months, at),
            )
            created = cur.rowcount == 1
        profile = self.profile(name)
        assert profile is not None
        return profile, created

    # -- statuses and the journal ------------------------------------------------
    def statuses(self, profile_id: int) -> dict[str, str]:
        return {r["ref"]: r["status"] for r in self.db.read("SELECT ref, status FROM statuses WHERE profile_id = ?", (profile_id,))}

    def _next_batch(self, conn: sqlite3.Connection, profile_id: int) -> int:
        return conn.execute("SELECT COALESCE(MAX(batch), 0) + 1 FROM journal WHERE profile_id = ?", (profile_id,)).fetchone()[0]

    def _journal(self, conn: sqlite3.Connection, profile_id: int, batch: int, at: str, day: date, action: str, target: str, before: str | None, after: str | None) -> None:
        conn.execute(
            "INSERT INTO journal (profile_id, batch, at, day, action, target, before, after) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            (profile_id, batch, at, day.isoformat(), action, target, before, after),
        )

    def _activity(self, conn: sqlite3.Connection, profile_id: int, day: date) -> None:
        conn.execute("INSERT OR IGNORE INTO activity (profile_id, day) VALUES (?, ?)", (profile_id, day.isoformat()))

    def set_statuses(self, profile_id: int, refs: Iterable[str], status: str, at: str, day: date) -> list[Change]:
        """Set every ref to ``status`` (``todo`` clears it) in one batch; unchanged refs are skipped."""
        return self.apply_statuses(profile_id, [(ref, status) for ref in refs], at, day)

    def apply_statuses(self, profile_id: int, wanted: Iterable[tuple[str, str]], at: str, day: date) -> list[Change]:
        """Set each ref to its status (``todo`` clears it) in one batch, so one `undo` reverts them all."""
        changes: list[Change] = []
        with self.transaction() as conn:
            batch = self._next_batch(conn, profile_id)
            for ref, status in wanted:
                row = conn.execute("SELECT status FROM statuses WHERE profile_id = ? AND ref = ?", (profile_id, ref)).fetchone()
                before = row["status"] if row else "todo"
                if before == status:
                    continue
                self._apply_status(conn, profile_id, ref, status, at)
                self._journal(conn, profile_id, batch, at, day, "status", ref, before, status)
                changes.append(Change(ref, before, status))
            if changes:
                self._activity(conn, profile_id, day)
        return changes

    @staticmethod
    def _apply_status(conn: sqlite3.Connection, profile_id: int, ref: str, status: str, at: str) -> None:
        if status == "todo":
            conn.execute("DELETE FROM statuses WHERE profile_id = ? AND ref = ?", (profile_id, ref))
        else:
            conn.execute(
                "INSERT INTO statuses (profile_id, ref, status, updated_at) VALUES (?, ?, ?, ?) "
                "ON CONFLICT (profile_id, ref) DO UPDATE SET status = excluded.status, updated_at = excluded.updated_at",
                (profile_id, ref, status, at),
            )

    def journal(self, profile_id: int, since: date | None = None, until: date | None = None, limit: int | None = None,
                action: str | None = None) -> list[JournalEntry]:
        sql = "SELECT * FROM journal WHERE profile_id = ?"
        params: list = [profile_id]
        if action is not None:
            sql += " AND action = ?"
            params.append(action)
        clause, extra = day_range(since, until)
        sql += clause
        params += extra
        sql += " ORDER BY id DESC" + (f" LIMIT {int(limit)}" if limit else "")
        return [self._entry(r) for r in self.db.read(sql, tuple(params))][::-1]

    def journal_count(self, profile_id: int) -> int:
        return self.db.read("SELECT COUNT(*) FROM journal WHERE profile_id = ?", (profile_id,))[0][0]

    @staticmethod
    def _entry(r: sqlite3.Row) -> JournalEntry:
        return JournalEntry(r["id"], r["batch"], r["at"], date.fromisoformat(r["day"]), r["action"], r["target"], r["before"], r["after"], bool(r["undone"]))

    def undo(self, profile_id: int, at: str, day: date, device: str | None = None) -> Undone | None:
        """Revert the newest batch that is not undone; the undo itself is journaled.

        With ``device`` (`studyplan sync` gave this database one), only a batch this device
        made: its rows have no sync_id yet or one of this device's (domain/sync.py). A status
        goes back only while it still holds what the batch set (a later change synced from
        another device stays)."""
        with self.transaction() as conn:
            # The newest undoable batch, from the partial index journal_undoable (m005): one seek.
            own = "" if device is None else " AND (sync_id IS NULL OR substr(sync_id, 1, ?) = ?)"
            row = conn.execute(
                f"SELECT batch FROM journal WHERE profile_id = ? AND undone = 0 AND action != 'undo'{own} ORDER BY batch DESC LIMIT 1",
                (profile_id,) if device is None else (profile_id, len(device) + 1, device + ":"),
            ).fetchone()
            batch = row[0] if row else None
            if batch is None:
                return None
            rows = conn.execute("SELECT * FROM journal WHERE profile_id = ? AND batch = ? ORDER BY id DESC", (profile_id, batch)).fetchall()
            entries = tuple(self._entry(r) for r in rows)
            kept: set[int] = set()
            for e in entries:
                if e.action == CURRICULUM_ACTION:  # `init --curriculum`: the curriculum and plan length it had
                    self._restore_plan(conn, profile_id, e.before, at)
                    continue
                if e.action != "status" and not (e.target or "").isdigit():
                    continue  # not a row id (an import before the import rules could write one): nothing to revert
                if e.action == "status":
                    now = conn.execute("SELECT status FROM statuses WHERE profile_id = ? AND ref = ?", (profile_id, e.target)).fetchone()
                    if (now[0] if now else "todo") != (e.after or "todo"):
                        kept.add(e.id)  # changed since on another device (synced): that change stays
                        continue
                    self._apply_status(conn, profile_id, e.target, e.before or "todo", at)
                elif e.action == "log-add":
                    conn.execute("UPDATE time_log SET deleted = 1 WHERE profile_id = ? AND id = ?", (profile_id, int(e.target)))
                elif e.action == "log-delete":
                    conn.execute("UPDATE time_log SET deleted = 0 WHERE profile_id = ? AND id = ?", (profile_id, int(e.target)))
                elif e.action == "note-add":
                    conn.execute("UPDATE notes SET deleted = 1 WHERE profile_id = ? AND id = ?", (profile_id, int(e.target)))
                elif e.action == "note-delete":
                    conn.execute("UPDATE notes SET deleted = 0 WHERE profile_id = ? AND id = ?", (profile_id, int(e.target)))
                elif e.action in ("replan", "pause"):
                    conn.execute("UPDATE plan_revisions SET cancelled = 1 WHERE profile_id = ? AND id = ?", (profile_id, int(e.target)))
                elif e.action == "pause-cancel":
                    conn.execute("UPDATE plan_revisions SET cancelled = 0 WHERE profile_id = ? AND id = ?", (profile_id, int(e.target)))
            conn.execute("UPDATE journal SET undone = 1 WHERE profile_id = ? AND batch = ?", (profile_id, batch))
            new_batch = self._next_batch(conn, profile_id)
            self._journal(conn, profile_id, new_batch, at, day, "undo", str(batch), None, None)
        return Undone(batch, tuple(e for e in entries if e.id not in kept))

    def record_curriculum_switch(self, profile_id: int, before: dict, after: dict, at: str, day: date) -> None:
        """Journal a switch of curriculum (``before``/``after``: its ``curriculum`` and ``months``), so `undo` switches back."""
        import json  # only a switch of curriculum and its undo: the daily commands never load json (tests/test_startup.py)

        with self.transaction() as conn:
            self._journal(conn, profile_id, self._next_batch(conn, profile_id), at, day, CURRICULUM_ACTION, "profile",
                          json.dumps(before, sort_keys=True), json.dumps(after, sort_keys=True))

    @staticmethod
    def _restore_plan(conn: sqlite3.Connection, profile_id: int, before: str | None, at: str) -> None:
        import json  # see record_curriculum_switch

        try:
            plan = json.loads(before or "")
            curriculum, months = str(plan["curriculum"]), int(plan["months"])
        except (ValueError, TypeError, KeyError):
            return  # not written by record_curriculum_switch (a hand-edited import): nothing to restore
        # settings_at: the restored settings are the latest, so they win the next sync as `init`'s would
        conn.execute("UPDATE profiles SET curriculum = ?, months = ?, settings_at = ? WHERE id = ?",
                     (curriculum, months, at, profile_id))

    # -- activity (streaks) ---------------------------------------------------------
    def activity_days(self, profile_id: int, since: date | None = None, until: date | None = None) -> list[date]:
        sql = "SELECT day FROM activity WHERE profile_id = ?"
        params: list = [profile_id]
        clause, extra = day_range(since, until)
        sql += clause
        params += extra
        return [date.fromisoformat(r[0]) for r in self.db.read(sql + " ORDER BY day", tuple(params))]

    def activity_runs(self, profile_id: int, until: date) -> list[tuple[date, date]]:
        """The runs of consecutive active days up to ``until`` (the last one cut there), oldest
        first: kept by triggers (migration 7), so a streak reads a few rows, not every day."""
        rows = self.db.read("SELECT first, last FROM activity_runs WHERE profile_id = ? AND first <= ? ORDER BY first", (profile_id, until.isoformat()))
        return [(date.fromisoformat(a), min(date.fromisoformat(b), until)) for a, b in rows]

    def mark_active(self, profile_id: int, day: date) -> None:
        with self.transaction() as conn:
            self._activity(conn, profile_id, day)

    # -- time log ---------------------------------------------------------------------
    def add_log(self, profile_id: int, day: date, minutes: int, kind: str, module: str | None, note: str | None, at: str, today: date) -> LogEntry:
        with self.transaction() as conn:
            cur = conn.execute(
                "INSERT INTO time_log (profile_id, day, minutes, kind, module, note, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
                (profile_id, day.isoformat(), minutes, kind, module, note, at),
            )
            log_id = cur.lastrowid
            self._journal(conn, profile_id, self._next_batch(conn, profile_id), at, today, "log-add", str(log_id), None, f"{minutes}m {kind}")
            self._activity(conn, profile_id, day)
        return LogEntry(log_id, day, minutes, kind, module, note, at)

    def logs(self, profile_id: int, since: date | None = None, until: date | None = None, limit: int | None = None) -> list[LogEntry]:
        """The entries in the range, oldest first; with ``limit``, only the latest ``limit`` of
        them (chosen by SQLite through the (profile_id, day) index: as fast at ten years as at one week)."""
        sql = "SELECT * FROM time_log WHERE profile_id = ? AND deleted = 0"
        params: list = [profile_id]
        clause, extra = day_range(since, until)
        sql += clause
        params += extra
        if limit is None:
            rows = self.db.read(sql + " ORDER BY day, id", tuple(params))
        else:
            rows = self.db.read(sql + " ORDER BY day DESC, id DESC LIMIT ?", (*params, limit))[::-1]
        return [LogEntry(r["id"], date.fromisoformat(r["day"]), r["minutes"], r["kind"], r["module"], r["note"], r["created_at"]) for r in rows]

    def log_days(self, profile_id: int, log_ids: Iterable[int]) -> dict[int, date]:
        """The day each log entry is for, deleted ones too (what `undo` names)."""
        ids = list(log_ids)
        marks = ",".join("?" * len(ids))
        rows = self.db.read(f"SELECT id, day FROM time_log WHERE profile_id = ? AND id IN ({marks})", (profile_id, *ids)) if ids else []
        return {r["id"]: date.fromisoformat(r["day"]) for r in rows}

    def delete_log(self, profile_id: int, log_id: int, at: str, day: date) -> LogEntry:
        with self.transaction() as conn:
            r = conn.execute("SELECT * FROM time_log WHERE profile_id = ? AND id = ? AND deleted = 0", (profile_id, log_id)).fetchone()
            if r is None:
                raise UsageError(msg("no log entry {id}; `studyplan log --list` shows the ids", id=log_id))
            conn.execute("UPDATE time_log SET deleted = 1 WHERE id = ?", (log_id,))
            self._journal(conn, profile_id, self._next_batch(conn, profile_id), at, day, "log-delete", str(log_id), f"{r['minutes']}m {r['kind']}", None)
        return LogEntry(r["id"], date.fromisoformat(r["day"]), r["minutes"], r["kind"], r["module"], r["note"], r["created_at"])

    # -- lookups ------------------------------------------------------------------------
    def record_lookup(self, profile_id: int, concept: str, query: str, at: str, day: date) -> None:
        with self.transaction() as conn:
            conn.execute("INSERT INTO lookups (profile_id, concept, query, at, day) VALUES (?, ?, ?, ?, ?)", (profile_id, concept, query, at, day.isoformat()))
            self._activity(conn, profile_id, day)

    def looked_up(self, profile_id: int, among: Iterable[str] | None = None) -> set[str]:
        """Concepts ever looked up; with ``among``, only those of them (index lookups, not a scan)."""
        if among is None:
            return {r[0] for r in self.db.read("SELECT DISTINCT concept FROM lookups WHERE profile_id = ?", (profile_id,))}
        # One statement per 500 concepts (not one per concept): each is an index seek in
        # lookups_profile_concept that stops at the first row, however often it was looked up.
        wanted = list(dict.fromkeys(among))
        found: set[str] = set()
        for i in range(0, len(wanted), 500):
            chunk = wanted[i:i + 500]
            values = ", ".join("(?)" for _ in chunk)
            rows = self.db.read(
                f"SELECT column1 FROM (VALUES {values}) WHERE EXISTS "  # noqa: S608 - placeholders only
                "(SELECT 1 FROM lookups WHERE profile_id = ? AND concept = column1)", (*chunk, profile_id))
            found.update(r[0] for r in rows)
        return found

    def completions(self, profile_id: int, since: date, until: date) -> list[tuple[str, date]]:
        """(ref, day) of every change to done in the period that was not undone."""
        rows = self.db.read(
            "SELECT target, day FROM journal WHERE profile_id = ? AND day BETWEEN ? AND ? "
            "AND action = 'status' AND after = 'done' AND undone = 0 ORDER BY id",
            (profile_id, since.isoformat(), until.isoformat()),
        )
        return [(r[0], date.fromisoformat(r[1])) for r in rows]

    def lookups(self, profile_id: int, since: date, until: date) -> list[tuple[str, date]]:
        rows = self.db.read(
            "SELECT concept, day FROM lookups WHERE profile_id = ? AND day BETWEEN ? AND ? ORDER BY id", (profile_id, since.isoformat(), until.isoformat())
        )
        return [(r[0], date.fromisoformat(r[1])) for r in rows]

    # -- plan revisions ----------------------------------------------------------------
    def add_revision(self, profile_id: int, kind: str, anchor: date, days: int, at: str, day: date,
                     pause_from: date | None = None, pause_to: date | None = None, reason: str | None = None) -> Revision:
        with self.transaction() as conn:
            cur = conn.execute(
                "INSERT INTO plan_revisions (profile_id, at, kind, anchor, days, pause_from, pause_to, reason) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                (profile_id, at, kind, anchor.isoformat(), days, pause_from and pause_from.isoformat(), pause_to and pause_to.isoformat(), reason),
            )
            rid = cur.lastrowid
            self._journal(conn, profile_id, self._next_batch(conn, profile_id), at, day, kind, str(rid), None, f"{days}d from {anchor}")
        return Revision(rid, at, kind, anchor, days, pause_from, pause_to, reason)

    def revisions(self, profile_id: int) -> list[Revision]:
        rows = self.db.read("SELECT * FROM plan_revisions WHERE profile_id = ? AND cancelled = 0 ORDER BY id", (profile_id,))
        return [Revision(r["id"], r["at"], r["kind"], date.fromisoformat(r["anchor"]), r["days"], _d(r["pause_from"]), _d(r["pause_to"]), r["reason"]) for r in rows]

    def cancel_revision(self, profile_id: int, revision_id: int, kind: str, at: str, day: date) -> Revision:
        with self.transaction() as conn:
            r = conn.execute("SELECT * FROM plan_revisions WHERE profile_id = ? AND id = ? AND kind = ? AND cancelled = 0", (profile_id, revision_id, kind)).fetchone()
            if r is None:
                if kind == "pause":
                    raise UsageError(msg("no active pause {id}; `studyplan pause --list` shows the ids", id=revision_id))
                raise UsageError(msg("no active replan {id}; `studyplan timeline` shows the replans", id=revision_id))
            conn.execute("UPDATE plan_revisions SET cancelled = 1 WHERE id = ?", (revision_id,))
            self._journal(conn, profile_id, self._next_batch(conn, profile_id), at, day, f"{kind}-cancel", str(revision_id), None, None)
        return Revision(r["id"], r["at"], r["kind"], date.fromisoformat(r["anchor"]), r["days"], _d(r["pause_from"]), _d(r["pause_to"]), r["reason"])

    # -- notes ------------------------------------------------------------------------------
    def add_note(self, profile_id: int, ref: str, text: str, at: str, day: date) -> Note:
        with self.transaction() as conn:
            cur = conn.execute("INSERT INTO notes (profile_id, ref, text, at, day) VALUES (?, ?, ?, ?, ?)", (profile_id, ref, text, at, day.isoformat()))
            nid = cur.lastrowid
            self._journal(conn, profile_id, self._next_batch(conn, profile_id), at, day, "note-add", str(nid), None, ref)
            self._activity(conn, profile_id, day)
        return Note(nid, ref, text, at, day)

    def notes(self, profile_id: int, ref_prefix: str | None = None, search: str | None = None, latest: int | None = None) -> list[Note]:
        """The notes, oldest first; with ``latest``, only the newest ``latest`` of them."""
        sql, params = notes_where(profile_id, ref_prefix, search)
        rows = (self.db.read("SELECT *" + sql + " ORDER BY id", tuple(params)) if latest is None
                else self.db.read("SELECT *" + sql + " ORDER BY id DESC LIMIT ?", (*params, latest))[::-1])
        return [Note(r["id"], r["ref"], r["text"], r["at"], date.fromisoformat(r["day"])) for r in rows]

    def count_notes(self, profile_id: int, ref_prefix: str | None = None) -> int:
        sql, params = notes_where(profile_id, ref_prefix, None)
        return self.db.read("SELECT COUNT(*)" + sql, tuple(params))[0][0]

