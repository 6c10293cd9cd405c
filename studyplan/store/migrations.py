"""Numbered schema migrations, applied in order; the version lives in PRAGMA user_version.

Add a migration by appending a function decorated with ``@migration``; never edit
one that has shipped. Each runs inside the same transaction as the version bump,
so a failed migration leaves the database as it was.
"""

from __future__ import annotations

import sqlite3
from typing import Callable

Migration = Callable[[sqlite3.Connection], None]
MIGRATIONS: list[Migration] = []


def migration(fn: Migration) -> Migration:
    MIGRATIONS.append(fn)
    return fn


@migration
def m001_initial(db: sqlite3.Connection) -> None:
    """Profiles, item statuses, the change journal and the days a learner was active."""
    for sql in (
        """CREATE TABLE profiles (
            id INTEGER PRIMARY KEY,
            name TEXT NOT NULL UNIQUE,
            curriculum TEXT NOT NULL,
            start_date TEXT NOT NULL,
            months INTEGER NOT NULL,
            weekly_hours REAL,
            lang TEXT,
            created_at TEXT NOT NULL
        )""",
        """CREATE TABLE statuses (
            profile_id INTEGER NOT NULL REFERENCES profiles(id),
            ref TEXT NOT NULL,
            status TEXT NOT NULL CHECK (status IN ('in-progress', 'done', 'skipped')),
            updated_at TEXT NOT NULL,
            PRIMARY KEY (profile_id, ref)
        ) WITHOUT ROWID""",
        # Every change a command makes, grouped by batch (one command = one batch);
        # undo reverts the newest batch not yet undone.
        """CREATE TABLE journal (
            id INTEGER PRIMARY KEY,
            profile_id INTEGER NOT NULL REFERENCES profiles(id),
            batch INTEGER NOT NULL,
            at TEXT NOT NULL,
            day TEXT NOT NULL,
            action TEXT NOT NULL,
            target TEXT NOT NULL,
            before TEXT,
            after TEXT,
            undone INTEGER NOT NULL DEFAULT 0
        )""",
        "CREATE INDEX journal_profile_day ON journal (profile_id, day)",
        "CREATE INDEX journal_profile_batch ON journal (profile_id, batch)",
        """CREATE TABLE activity (
            profile_id INTEGER NOT NULL REFERENCES profiles(id),
            day TEXT NOT NULL,
            PRIMARY KEY (profile_id, day)
        ) WITHOUT ROWID""",
    ):
        db.execute(sql)


@migration
def m002_tracking(db: sqlite3.Connection) -> None:
    """Study-time log, concept lookups and plan revisions (replan, pause)."""
    for sql in (
        """CREATE TABLE time_log (
            id INTEGER PRIMARY KEY,
            profile_id INTEGER NOT NULL REFERENCES profiles(id),
            day TEXT NOT NULL,
            minutes INTEGER NOT NULL CHECK (minutes > 0),
            kind TEXT NOT NULL,
            module TEXT,
            note TEXT,
            created_at TEXT NOT NULL,
            deleted INTEGER NOT NULL DEFAULT 0
        )""",
        "CREATE INDEX time_log_profile_day ON time_log (profile_id, day)",
        """CREATE TABLE lookups (
            id INTEGER PRIMARY KEY,
            profile_id INTEGER NOT NULL REFERENCES profiles(id),
            concept TEXT NOT NULL,
            query TEXT NOT NULL,
            at TEXT NOT NULL,
            day TEXT NOT NULL
        )""",
        "CREATE INDEX lookups_profile_day ON lookups (profile_id, day)",
        "CREATE INDEX lookups_profile_concept ON lookups (profile_id, concept)",
        """CREATE TABLE plan_revisions (
            id INTEGER PRIMARY KEY,
            profile_id INTEGER NOT NULL REFERENCES profiles(id),
            at TEXT NOT NULL,
            kind TEXT NOT NULL CHECK (kind IN ('replan', 'pause')),
            anchor TEXT NOT NULL,
            days INTEGER NOT NULL,
            pause_from TEXT,
            pause_to TEXT,
            reason TEXT,
            cancelled INTEGER NOT NULL DEFAULT 0
        )""",
    ):
        db.execute(sql)


@migration
def m003_review(db: sqlite3.Connection) -> None:
    """Spaced-repetition cards (FSRS state as JSON) and every review made."""
    for sql in (
        """CREATE TABLE review_cards (
            profile_id INTEGER NOT NULL REFERENCES profiles(id),
            concept TEXT NOT NULL,
            card TEXT NOT NULL,
            due TEXT NOT NULL,
            state TEXT NOT NULL,
            introduced_day TEXT NOT NULL,
            PRIMARY KEY (profile_id, concept)
        ) WITHOUT ROWID""",
        "CREATE INDEX review_cards_due ON review_cards (profile_id, due)",
        """CREATE TABLE reviews (
            id INTEGER PRIMARY KEY,
            profile_id INTEGER NOT NULL REFERENCES profiles(id),
            concept TEXT NOT NULL,
            rating INTEGER NOT NULL CHECK (rating BETWEEN 1 AND 4),
            at TEXT NOT NULL,
            day TEXT NOT NULL,
            due_after TEXT NOT NULL
        )""",
        "CREATE INDEX reviews_profile_day ON reviews (profile_id, day)",
    ):
        db.execute(sql)


@migration
def m004_notes(db: sqlite3.Connection) -> None:
    """Dated notes on modules and items."""
    for sql in (
        """CREATE TABLE notes (
            id INTEGER PRIMARY KEY,
            profile_id INTEGER NOT NULL REFERENCES profiles(id),
            ref TEXT NOT NULL,
            text TEXT NOT NULL,
            at TEXT NOT NULL,
            day TEXT NOT NULL,
            deleted INTEGER NOT NULL DEFAULT 0
        )""",
        "CREATE INDEX notes_profile_ref ON notes (profile_id, ref)",
    ):
        db.execute(sql)


@migration
def m005_focus(db: sqlite3.Connection) -> None:
    """The running focus timer, and indexes that keep undo and the review session flat."""
    for sql in (
        # One running timer per profile, stored so it outlives the terminal that started it:
        # `focus --stop` from anywhere logs it. Stopping deletes the row and adds a time_log
        # entry in one transaction; the timer itself is not journaled (undo reverts the log).
        """CREATE TABLE focus (
            profile_id INTEGER PRIMARY KEY REFERENCES profiles(id),
            at TEXT NOT NULL,
            day TEXT NOT NULL,
            minutes INTEGER NOT NULL CHECK (minutes > 0),
            kind TEXT NOT NULL,
            module TEXT
        )""",
        # `undo` looks for the newest batch it may revert: only those rows are in this index,
        # so with nothing left to undo it is empty, not a scan of the whole journal.
        "CREATE INDEX journal_undoable ON journal (profile_id, batch) WHERE undone = 0 AND action != 'undo'",
        # The review session's marker (the newest review) and what it made since (id > marker).
        "CREATE INDEX reviews_profile_id ON reviews (profile_id, id)",
    ):
        db.execute(sql)


@migration
def m006_sync(db: sqlite3.Connection) -> None:
    """`studyplan sync`: a stable id for every row, and when the profile's settings were last set.

    ``sync_id`` is ``"<device>:<id on that device>"``, given to a row the first time its
    device syncs (NULL until then), so two devices keep one row once however often they
    merge each other's files. ``DEFAULT NULL`` keeps it out of what makes a row a duplicate
    for `import --merge` (``TableSpec.content``). Every id-keyed profile table of schema 5
    gets one; ``profiles.settings_at`` is written by `init` (the latest settings win a sync).
    """
    tables = [r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY rowid")]
    for table in tables:
        cols = {r[1]: r for r in db.execute(f'PRAGMA table_info("{table}")')}
        if "profile_id" in cols and "id" in cols and cols["id"][5] and (cols["id"][2] or "").upper() == "INTEGER":
            db.execute(f'ALTER TABLE "{table}" ADD COLUMN sync_id TEXT DEFAULT NULL')
            db.execute(f'CREATE INDEX "{table}_sync_id" ON "{table}" (profile_id, sync_id)')
    db.execute("ALTER TABLE profiles ADD COLUMN settings_at TEXT DEFAULT NULL")


SCHEMA_VERSION = len(MIGRATIONS)
