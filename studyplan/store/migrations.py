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


@migration
def m007_activity_runs(db: sqlite3.Connection) -> None:
    """The active days as runs of consecutive days, kept by triggers: streaks read a handful
    of runs, not every active day (a steady learner's ten years are one run, not 3,650 rows).

    Derived from ``activity`` alone (``DERIVED``): never exported, imported or synced; every
    write to ``activity`` (a command, an import, a sync merge, a salvage) keeps it exact in
    the same transaction. A day joins the run that ends the day before and the one that starts
    the day after; a day taken out splits its run.
    """
    for sql in (
        """CREATE TABLE activity_runs (
            profile_id INTEGER NOT NULL REFERENCES profiles(id),
            first TEXT NOT NULL,
            last TEXT NOT NULL,
            PRIMARY KEY (profile_id, first)
        ) WITHOUT ROWID""",
        # The new run is [the run ending yesterday's first, or the day; the run starting
        # tomorrow's last, or the day]: with a run before, that run's row (same first) is
        # extended; the run after, now inside it, goes. Every lookup is one step down the
        # primary key (the run before a day: the greatest first below it), so a day costs
        # the same with ten runs or ten thousand.
        """CREATE TRIGGER activity_runs_add AFTER INSERT ON activity BEGIN
            INSERT INTO activity_runs (profile_id, first, last) VALUES (
                NEW.profile_id,
                COALESCE((SELECT first FROM activity_runs WHERE profile_id = NEW.profile_id AND last = date(NEW.day, '-1 day')
                          AND first = (SELECT MAX(first) FROM activity_runs WHERE profile_id = NEW.profile_id AND first < NEW.day)), NEW.day),
                COALESCE((SELECT last FROM activity_runs WHERE profile_id = NEW.profile_id AND first = date(NEW.day, '+1 day')), NEW.day))
            ON CONFLICT (profile_id, first) DO UPDATE SET last = excluded.last;
            DELETE FROM activity_runs WHERE profile_id = NEW.profile_id AND first = date(NEW.day, '+1 day');
        END""",
        # The run holding the day keeps what is before it; what is after it becomes a run.
        """CREATE TRIGGER activity_runs_remove AFTER DELETE ON activity BEGIN
            INSERT INTO activity_runs (profile_id, first, last)
                SELECT profile_id, date(OLD.day, '+1 day'), last FROM activity_runs
                WHERE profile_id = OLD.profile_id AND last > OLD.day
                  AND first = (SELECT MAX(first) FROM activity_runs WHERE profile_id = OLD.profile_id AND first <= OLD.day);
            UPDATE activity_runs SET last = date(OLD.day, '-1 day')
                WHERE profile_id = OLD.profile_id AND last >= OLD.day
                  AND first = (SELECT MAX(first) FROM activity_runs WHERE profile_id = OLD.profile_id AND first < OLD.day);
            DELETE FROM activity_runs WHERE profile_id = OLD.profile_id AND first = OLD.day;
        END""",
        # The runs of the days already there (gaps and islands: a run's days minus their rank is constant).
        """INSERT INTO activity_runs (profile_id, first, last)
            SELECT profile_id, MIN(day), MAX(day) FROM (
                SELECT profile_id, day,
                       CAST(julianday(day) AS INTEGER) - ROW_NUMBER() OVER (PARTITION BY profile_id ORDER BY day) AS island
                FROM activity)
            GROUP BY profile_id, island""",
    ):
        db.execute(sql)


SCHEMA_VERSION = len(MIGRATIONS)
# Tables computed from others (kept by triggers): not part of a backup, an import, a sync
# or a salvage, which copy the tables they come from.
DERIVED = frozenset({"activity_runs"})
