"""Streaks walked by runs of consecutive days give what walking every day gives.

``reference`` is the day-by-day walk the rules were first written as (domain/streaks.py
before it grouped days into runs); hypothesis draws active days, rest weekdays and pauses.
"""

from __future__ import annotations

from datetime import date, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from studyplan.domain.streaks import Streaks, compute, from_runs

START = date(2026, 1, 5)


def reference(active, today, rest_weekdays=frozenset(), pauses=()):  # noqa: ANN001, ANN201
    end = today.toordinal()
    days = sorted(o for o in {d.toordinal() for d in active} if o <= end)
    if not days:
        return Streaks(0, 0, None)
    rest = frozenset(rest_weekdays)
    paused = tuple((a.toordinal(), b.toordinal()) for a, b in pauses)

    def neutral(o):  # noqa: ANN001, ANN202
        return (o - 1) % 7 in rest or any(a <= o <= b for a, b in paused)

    def gap_is_neutral(after, before):  # noqa: ANN001, ANN202
        return all(neutral(o) for o in range(after + 1, before))

    run = best = 0
    last = None
    for o in days:
        if (rest or paused) and neutral(o):
            continue
        run = run + 1 if last is not None and (o == last + 1 or gap_is_neutral(last, o)) else 1
        best = max(best, run)
        last = o
    current = run if last is not None and (last == end or gap_is_neutral(last, end)) else 0
    return Streaks(current, best, date.fromordinal(days[-1]))


offsets = st.integers(min_value=0, max_value=90)
pause = st.tuples(offsets, st.integers(min_value=0, max_value=20)).map(
    lambda p: (START + timedelta(days=p[0]), START + timedelta(days=p[0] + p[1])))


@settings(max_examples=400, deadline=None)
@given(active=st.sets(offsets, max_size=80), today=offsets,
       rest=st.frozensets(st.integers(min_value=0, max_value=6), max_size=3),
       pauses=st.lists(pause, max_size=3))
def test_runs_and_days_agree(active, today, rest, pauses):
    days = [START + timedelta(days=o) for o in active]
    when = START + timedelta(days=today)
    assert compute(days, when, rest, tuple(pauses)) == reference(days, when, rest, tuple(pauses))


def test_a_century_of_daily_study_is_one_streak():
    days = [START - timedelta(days=n) for n in range(36_500)]
    assert compute(days, START) == Streaks(36_500, 36_500, START)
    sundays_off = compute(days, START, frozenset({6}))
    assert sundays_off.best == sundays_off.current == 36_500 - sum(1 for d in days if d.weekday() == 6)


# -- the runs the store keeps (migration 7's triggers) -------------------------------------------

def _runs_of(days: set[date]) -> list[tuple[date, date]]:
    out: list[tuple[date, date]] = []
    for d in sorted(days):
        if out and d == out[-1][1] + timedelta(days=1):
            out[-1] = (out[-1][0], d)
        else:
            out.append((d, d))
    return out


def _fresh_store(tmp_path_factory):  # noqa: ANN001, ANN202
    from studyplan.store.db import open_database
    from studyplan.store.progress import Store

    db = open_database(tmp_path_factory.mktemp("runs") / "s.db")
    for name in ("a", "b"):
        db.conn.execute("INSERT INTO profiles (name, curriculum, start_date, months, created_at) VALUES (?, 'ml-dl-gpt', '2026-01-05', 12, 'x')", (name,))
    return Store(db)


changes = st.lists(st.tuples(st.booleans(), st.integers(min_value=1, max_value=2), offsets), max_size=60)


@settings(max_examples=150, deadline=None)
@given(steps=changes, until=offsets)
def test_the_stored_runs_follow_every_added_and_removed_day(tmp_path_factory, steps, until):
    """Days added and taken out in any order (an import, a sync, a salvage write them as any
    command does): the runs always are the days' own runs, per profile, and give the same streaks."""
    store = _fresh_store(tmp_path_factory)
    conn = store.db.conn
    days: dict[int, set[date]] = {1: set(), 2: set()}
    for add, pid, offset in steps:
        day = START + timedelta(days=offset)
        if add:
            conn.execute("INSERT OR IGNORE INTO activity (profile_id, day) VALUES (?, ?)", (pid, day.isoformat()))
            days[pid].add(day)
        else:
            conn.execute("DELETE FROM activity WHERE profile_id = ? AND day = ?", (pid, day.isoformat()))
            days[pid].discard(day)
    when = START + timedelta(days=until)
    for pid in (1, 2):
        full = conn.execute("SELECT first, last FROM activity_runs WHERE profile_id = ? ORDER BY first", (pid,)).fetchall()
        assert [(date.fromisoformat(a), date.fromisoformat(b)) for a, b in full] == _runs_of(days[pid])
        assert store.activity_runs(pid, when) == [(a, min(b, when)) for a, b in _runs_of(days[pid]) if a <= when]
        assert from_runs(store.activity_runs(pid, when), when) == compute(days[pid], when)
    store.db.close()


def test_a_database_from_before_the_runs_gets_them_from_its_days(tmp_path):
    import sqlite3

    from studyplan.store.db import open_database
    from studyplan.store.migrations import MIGRATIONS

    path = tmp_path / "s.db"
    conn = sqlite3.connect(path)
    for step in MIGRATIONS[:6]:
        step(conn)
    conn.execute("PRAGMA user_version = 6")
    conn.execute("INSERT INTO profiles (name, curriculum, start_date, months, created_at) VALUES ('a', 'ml-dl-gpt', '2026-01-05', 12, 'x')")
    conn.execute("INSERT INTO profiles (name, curriculum, start_date, months, created_at) VALUES ('b', 'ml-dl-gpt', '2026-01-05', 12, 'x')")
    days = {1: {START + timedelta(days=o) for o in (0, 1, 2, 5, 7, 8, 40)}, 2: {START + timedelta(days=o) for o in (1, 2, 3)}}
    for pid, ds in days.items():
        conn.executemany("INSERT INTO activity (profile_id, day) VALUES (?, ?)", [(pid, d.isoformat()) for d in ds])
    conn.commit()
    conn.close()
    db = open_database(path)
    for pid, ds in days.items():
        rows = db.conn.execute("SELECT first, last FROM activity_runs WHERE profile_id = ? ORDER BY first", (pid,)).fetchall()
        assert [(date.fromisoformat(a), date.fromisoformat(b)) for a, b in rows] == _runs_of(ds)
    db.close()
