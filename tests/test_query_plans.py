"""Costs that stay flat as history grows: the SQL a use case runs, asked how SQLite will run it.

Each test traces the statements a use case really executes (the connection's trace
callback gives them with their values) and runs EXPLAIN QUERY PLAN on each: the index
named must be used, and no statement may scan the table it filters. The indexes come
from migration m005 (journal_undoable, reviews_profile_id) or earlier ones.
"""

from __future__ import annotations

import re
import sqlite3
from datetime import date

import pytest

from studyplan.app import review, today
from studyplan.app.session import Session
from studyplan.store.db import open_database
from studyplan.store.progress import Store


@pytest.fixture
def session(sp):
    sp("init", "--start", "2026-01-05")
    sp("done", "ml-basics/definition")
    sp("undo")  # nothing left to undo afterwards
    sp("note", "ml-basics", "a note")
    sp("concept", "overfitting")
    s = Session()
    yield s
    s.close()


def traced(session: Session, call) -> list[str]:  # noqa: ANN001
    seen: list[str] = []
    conn = session.store.db.conn
    conn.set_trace_callback(seen.append)
    try:
        call()
    finally:
        conn.set_trace_callback(None)
    return seen


def plans(session: Session, statements: list[str], table: str) -> list[str]:
    """The query plan of every traced statement that reads ``table`` (one line each)."""
    conn = session.store.db.conn
    out = []
    for sql in statements:
        if re.search(rf"\bFROM\s+{table}\b", sql, re.IGNORECASE) and sql.lstrip().upper().startswith("SELECT"):
            out.append(" | ".join(r[3] for r in conn.execute("EXPLAIN QUERY PLAN " + sql)))
    assert out, f"no statement read {table}"
    return out


def test_undo_with_nothing_left_seeks_the_partial_index_instead_of_scanning_the_journal(session):
    def undo():  # noqa: ANN202
        return session.store.undo(session.profile.id, session.timestamp(), session.study_day())

    while undo() is not None:  # undo everything: what is left to find is nothing
        pass
    statements = traced(session, undo)
    journal = plans(session, statements, "journal")
    assert any("journal_undoable" in p for p in journal), journal
    for plan in journal:
        assert "SCAN journal" not in plan and "TEMP B-TREE" not in plan, plan


def test_the_partial_index_holds_only_what_undo_may_revert(session):
    conn = session.store.db.conn
    indexed = conn.execute("SELECT COUNT(*) FROM journal INDEXED BY journal_undoable WHERE profile_id = ? AND undone = 0 AND action != 'undo'",
                           (session.profile.id,)).fetchone()[0]
    assert indexed == 1  # the note; the undone `done` and the undo itself are not in it


def test_a_review_session_reads_only_its_own_reviews(session):
    statements = traced(session, lambda: review.summary(session, review.session_start(session), (), False, "en"))
    for plan in plans(session, statements, "reviews"):
        assert "reviews_profile_id" in plan and "SCAN reviews" not in plan, plan


def test_module_notes_are_one_range_of_the_ref_index(session):
    statements = traced(session, lambda: session.store.notes(session.profile.id, "ml-basics"))
    assert not any("LIKE" in s.upper() for s in statements)
    [plan] = plans(session, statements, "notes")
    assert "notes_profile_ref (profile_id=? AND ref>? AND ref<?)" in plan, plan


def test_the_range_finds_the_module_and_its_items_and_nothing_that_only_starts_alike(tmp_path):
    store = Store(open_database(tmp_path / "notes.db"))
    try:
        profile, _ = store.ensure_profile("p", "ml-dl-gpt", date(2026, 1, 5), 12, "2026-01-05T00:00:00+00:00")
        for ref in ("m", "m/a", "m/b-c", "m-2", "m-2/a", "m.x", "m0", "mx", "l/z", "m%", "m_"):
            store.add_note(profile.id, ref, f"on {ref}", "2026-01-05T00:00:00+00:00", date(2026, 1, 5))
        assert [n.ref for n in store.notes(profile.id, "m")] == ["m", "m/a", "m/b-c"]
        assert [n.ref for n in store.notes(profile.id, "m-2")] == ["m-2", "m-2/a"]
        assert [n.ref for n in store.notes(profile.id, "m/a")] == ["m/a"]
        assert [n.ref for n in store.notes(profile.id, "m%")] == ["m%"]  # no wildcard
    finally:
        store.close()


def test_today_asks_about_the_concepts_it_might_show_in_one_statement(session):
    statements = traced(session, lambda: today.today(session, date(2026, 1, 20), "en"))
    lookups = [s for s in statements if re.search(r"\bFROM\s+lookups\b", s, re.IGNORECASE)]
    assert len(lookups) == 1, lookups  # not one per concept of the current modules
    [plan] = plans(session, lookups, "lookups")
    assert "lookups_profile_concept (profile_id=? AND concept=?)" in plan and "SCAN lookups" not in plan, plan
    result = today.today(session, date(2026, 1, 20), "en")
    seen = session.store.looked_up(session.profile.id, among=["overfitting", "no-such-concept"])
    assert seen == {"overfitting"}
    assert result.concept_of_the_day is None or result.concept_of_the_day["id"] != "overfitting"


def test_looked_up_takes_more_concepts_than_one_statement_binds(session):
    many = [f"c{i}" for i in range(1500)] + ["overfitting"]
    statements = traced(session, lambda: session.store.looked_up(session.profile.id, among=many))
    assert session.store.looked_up(session.profile.id, among=many) == {"overfitting"}
    assert len([s for s in statements if "lookups" in s]) == 4  # 500 a statement


def test_a_fresh_database_has_the_indexes_of_m005(db_path, sp):
    sp("init")
    conn = sqlite3.connect(db_path)
    try:
        names = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'index'")}
    finally:
        conn.close()
    assert {"journal_undoable", "reviews_profile_id", "notes_profile_ref", "lookups_profile_concept"} <= names
