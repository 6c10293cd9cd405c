"""The status cache: damaged files, the racy-stat rule, the digest's coverage, the study day, the refresh.

In process (``app/prompt.py`` ``answer``); tests/reliability/test_status_never_stale.py
interleaves real processes.
"""

from __future__ import annotations

import os
import re
import sqlite3
import time
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

import pytest

from studyplan.app import prompt
from studyplan.app import status as use_case
from studyplan.app import status_cache as cache
from studyplan.app.session import Session
from studyplan.store import fingerprint


def ask(**kw) -> prompt.Answer:
    return prompt.answer(prompt.Options(json=True, **kw))


def fresh() -> str:
    return ask(cache=False).out


@pytest.fixture
def learner(sp):
    """The real clock: the files' own times are the kernel's, so a frozen one would make them look new."""
    sp("init", "--start", (date.today() - timedelta(days=40)).isoformat())
    sp("start", "ml-basics")
    return sp


def entry_path() -> Path:
    return Path(cache.file_for(None))


DAMAGE = {
    "empty": b"",
    "truncated": None,  # the real entry cut in half
    "garbage": os.urandom(300),
    "bad checksum": None,  # the real entry with one byte flipped
    "not marshal": b"studyplan-status-cache\n" + (0).to_bytes(4, "big"),
    "too big": b"x" * (cache.MAX_CACHE_BYTES + 1),
}


@pytest.mark.parametrize("kind", list(DAMAGE))
def test_a_damaged_cache_file_is_recomputed_and_replaced(learner, kind):
    expected = fresh()
    assert ask().out == expected
    path = entry_path()
    good = path.read_bytes()
    damaged = DAMAGE[kind]
    if kind == "truncated":
        damaged = good[: len(good) // 2]
    elif kind == "bad checksum":
        damaged = good[:-1] + bytes([good[-1] ^ 0xFF])
    path.write_bytes(damaged)
    result = ask()
    assert (result.out, result.err, result.code) == (expected, "", 0)
    assert cache.read(str(path)) is not None  # a whole entry again


@pytest.mark.parametrize("facts", [{"cards_n": "5"}, {"extra": 1}, None])
def test_an_entry_that_checks_out_but_holds_other_shapes_is_a_miss(learner, facts):
    expected = fresh()
    ask()
    path = str(entry_path())
    entry = cache.read(path)
    if facts is None:
        entry["digest"] = "not bytes"
    else:
        entry["facts"] = {**entry["facts"], **facts}
    cache.write(path, entry)
    assert ask().out == expected


@pytest.mark.parametrize("kind", ["folder", "fifo", "symlink to /dev/zero"])
def test_a_special_file_in_the_cache_s_place_is_never_read(learner, kind):
    expected = fresh()
    path = entry_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    if path.exists():
        path.unlink()
    if kind == "folder":
        path.mkdir()
    elif kind == "fifo":
        os.mkfifo(path)
    else:
        path.symlink_to("/dev/zero")
    result = ask()  # a FIFO would block a plain open() for ever, /dev/zero never end
    assert (result.out, result.code) == (expected, 0)


def test_an_unwritable_cache_folder_only_costs_speed(learner, isolated_home):
    (isolated_home / "cache").mkdir(exist_ok=True)
    for child in (isolated_home / "cache").iterdir():
        child.unlink()
    (isolated_home / "cache").rmdir()
    (isolated_home / "cache").write_text("a file where the folder should be")
    result = ask()
    assert (result.out, result.code) == (fresh(), 0)


def test_equal_stats_after_a_write_are_caught_while_they_are_recent(learner, monkeypatch, db_path):
    """A coarse clock: a write leaves the database's stats as they were (here: no size or
    inode, one recent tick). An entry whose stats were recent is checked by digest, so a
    write no command refreshed after is still seen."""
    tick = time.time_ns()
    real = cache.sig

    def coarse(path: str):
        if not path.startswith(str(db_path)):
            return real(path)
        return None if not os.path.exists(path) else (0, 0, 0, 0, tick, tick)

    monkeypatch.setattr(cache, "sig", coarse)
    entry_path().unlink(missing_ok=True)
    ask()
    assert cache.read(str(entry_path()))["db_racy"] is True
    conn = sqlite3.connect(db_path, isolation_level=None)
    conn.execute("INSERT INTO statuses (profile_id, ref, status, updated_at) VALUES (1, 'ml-basics/definition', 'done', 'now')")
    conn.close()
    assert ask().out == fresh()
    assert '"topics_n"' in fresh()


def test_old_stats_are_trusted_without_opening_the_database(learner, monkeypatch):
    ask()
    path = str(entry_path())
    entry = cache.read(path)
    cache.write(path, {**entry, "db_racy": False, "db": cache.db_sigs()})
    monkeypatch.setattr(fingerprint, "digest_at", lambda *a, **k: pytest.fail("the digest was not needed"))
    monkeypatch.setattr(prompt, "_compute", lambda *a, **k: pytest.fail("nothing needed computing"))
    assert ask().out.startswith("{")


def test_the_digest_covers_every_table_status_reads(learner):
    """Trace the SQL of one status computation: every table it reads is in the digest."""
    session = Session()
    seen: list[str] = []
    session.store.db.conn.set_trace_callback(seen.append)
    try:
        use_case.status(session, session.study_day())
    finally:
        session.close()
    tables = {t for q in seen for t in re.findall(r"\b(?:FROM|JOIN)\s+(\w+)", q, re.IGNORECASE)}
    assert tables and tables <= set(fingerprint.TABLES) | {"profiles"}, tables - set(fingerprint.TABLES)


def test_the_digest_changes_with_the_rows_and_only_with_them(learner, db_path):
    before = fingerprint.digest_at(db_path, "default")
    assert fingerprint.digest_at(db_path, "default") == before
    learner("note", "ml-basics", "notes are not read by status")  # today is already active (`start`)
    learner("log", "5m")
    assert fingerprint.digest_at(db_path, "default") == before
    learner("done", "ml-basics/definition")
    assert fingerprint.digest_at(db_path, "default") != before
    assert fingerprint.digest_at(db_path.with_name("missing.db"), "default") == fingerprint.NO_DATABASE
    assert not db_path.with_name("missing.db").exists()


def test_a_command_that_wrote_leaves_the_status_it_made(learner, monkeypatch):
    assert not entry_path().exists()  # status not in use yet: writers do not compute it
    ask()
    learner("done", "ml-basics/definition")
    entry = cache.read(str(entry_path()))
    assert entry is not None and entry["db_racy"] is True
    expected = fresh()
    monkeypatch.setattr(prompt, "_compute", lambda *a, **k: pytest.fail("the command left the answer"))
    assert ask().out == expected


def test_reads_leave_the_cache_alone(learner):
    ask()
    before = entry_path().stat().st_mtime_ns
    learner("today")
    learner("plan")
    assert entry_path().stat().st_mtime_ns == before


def test_a_new_study_day_is_a_new_answer(sp, frozen, monkeypatch):
    frozen("2026-03-02", hour=3)  # 03:00 UTC: still the study day of 2026-03-01
    sp("init", "--start", "2026-01-05")
    sp("log", "5m")  # counted for 2026-03-01
    at = datetime(2026, 3, 2, 3, 59, tzinfo=timezone.utc).timestamp()
    first = prompt.answer(prompt.Options(template="{date} {streak_n}"), now=at)
    assert first.out == "2026-03-01 1"
    later = prompt.answer(prompt.Options(template="{date} {streak_n}"), now=at + 120)
    assert later.out == "2026-03-02 1"  # the streak goes on until 2026-03-02 is over
    monkeypatch.setenv("STUDYPLAN_DAY_STARTS_AT", "05:00")
    assert prompt.answer(prompt.Options(template="{date}"), now=at + 120).out == "2026-03-01"


ZONES = ["UTC", "America/New_York", "Europe/London", "Australia/Lord_Howe", "Asia/Kolkata", "Pacific/Apia"]


@pytest.mark.parametrize("zone", ZONES)
def test_the_cache_reckons_the_study_day_as_the_session_does(zone, monkeypatch):
    monkeypatch.setenv("TZ", zone)
    time.tzset()
    try:
        start = datetime(2026, 3, 1, tzinfo=timezone.utc)
        for hours in range(0, 24 * 400, 7):
            moment = start + timedelta(hours=hours, minutes=hours % 60)
            for starts_at in ("00:00", "04:00", "02:30", "23:59"):
                session = Session(clock=lambda: moment.astimezone(), env={"STUDYPLAN_DAY_STARTS_AT": starts_at})
                assert cache.study_day(moment.timestamp(), starts_at) == session.study_day().isoformat(), (moment, starts_at)
    finally:
        monkeypatch.setenv("TZ", "UTC")
        time.tzset()


def test_no_database_is_cached_as_nothing_and_then_seen(sp, frozen, isolated_home):
    frozen("2026-03-02")
    assert ask().out == ""
    sp("init", "--start", "2026-01-05")
    assert ask().out == fresh() != ""
    sqlite3.connect(isolated_home / "studyplan.db").close()
