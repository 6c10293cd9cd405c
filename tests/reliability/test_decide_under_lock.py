"""Case 3, round two: a command that decides from stored state reads, decides and writes
inside one ``BEGIN IMMEDIATE`` transaction, so racing runs never act on what they read
before another one changed it.

The racers are separate processes (tests/reliability/driver.py), released together.
"""

from __future__ import annotations

import sqlite3

from tests.reliability.conftest import run_cli
from tests.reliability.test_concurrency import _race

RACERS = 5


def _revisions(home, kind: str) -> list[tuple]:
    conn = sqlite3.connect(home / "studyplan.db")
    try:
        return conn.execute(
            "SELECT anchor, days, pause_from, pause_to FROM plan_revisions WHERE kind = ? AND cancelled = 0 ORDER BY id", (kind,)
        ).fetchall()
    finally:
        conn.close()


def test_racing_replans_move_a_plan_that_is_behind_exactly_once(home):
    assert run_cli(home, "init", "--start", "2026-01-05").returncode == 0
    script = [["replan", "--from", "2026-04-06", "--json"]]
    for attempt in range(6):  # the race is decided by timing: give it a few chances to show
        results = _race(home, [script] * RACERS)
        for lines, err in results:
            assert lines == ["ACK 0"], (lines, err[-1500:])
            assert "Traceback" not in err and "locked" not in err, err[-1500:]
        moved = _revisions(home, "replan")
        assert len(moved) == 1, f"attempt {attempt}: {len(moved)} replans stacked: {moved}"
        # nothing done: the first topic fell due 2026-01-19, 77 days before 2026-04-06 (what
        # `today` calls "Behind by 77 days"), and the plan moved by that once
        assert moved[0][1] == 77
        # the plan is no longer behind on that day: another replan says so and changes nothing
        again = run_cli(home, "replan", "--from", "2026-04-06")
        assert again.returncode == 0 and "not behind" in again.stdout, again.stdout + again.stderr
        assert len(_revisions(home, "replan")) == 1
        assert run_cli(home, "undo").returncode == 0  # back to behind for the next attempt
        assert _revisions(home, "replan") == []


def test_racing_overlapping_pauses_land_exactly_one(home):
    """Every racer tries a pause in each of WINDOWS windows; racers' pauses in one window overlap."""
    from datetime import date, timedelta

    assert run_cli(home, "init", "--start", "2026-01-05").returncode == 0
    # a long history of one-day pauses far ahead: reading and checking them is the time
    # between the read and the write in which another racer can land its own pause
    history = 4000
    conn = sqlite3.connect(home / "studyplan.db")
    far = date(2200, 1, 1)
    conn.executemany(
        "INSERT INTO plan_revisions (profile_id, at, kind, anchor, days, pause_from, pause_to) VALUES (1, 't', 'pause', ?, 1, ?, ?)",
        [(str(far + timedelta(days=i)),) * 3 for i in range(history)],
    )
    conn.commit()
    conn.close()
    windows = 15
    first = date(2026, 2, 2)

    def script(n: int) -> list[list[str]]:
        out = []
        for k in range(windows):
            start = first + timedelta(days=12 * k)
            out.append(["pause", "--from", str(start + timedelta(days=n)), "--to", str(start + timedelta(days=9)), "--reason", f"racer {n}"])
        return out

    results = _race(home, [script(n) for n in range(RACERS)])
    acked = 0
    for lines, err in results:
        assert len(lines) == windows and "Traceback" not in err, (lines, err[-1500:])
        for line in lines:
            if line.startswith("ACK"):
                acked += 1
            else:
                assert line.split()[2] == "2" and "overlaps pause" in line, line
    pauses = [p for p in _revisions(home, "pause") if date.fromisoformat(p[2]) < far]
    per_window: dict[int, int] = {}
    for _, _, start, _ in pauses:
        k = (date.fromisoformat(start) - first).days // 12
        per_window[k] = per_window.get(k, 0) + 1
    stacked = {k: n for k, n in per_window.items() if n > 1}
    assert not stacked, f"overlapping pauses landed together in {len(stacked)} of {windows} windows: {stacked}"
    assert len(pauses) == windows and acked == windows


def test_racing_inits_each_keep_what_the_other_changed(home):
    """`init` keeps what is not given from the stored profile: two at once must not undo each other."""
    assert run_cli(home, "init", "--start", "2026-01-05").returncode == 0
    lost = []
    for r in range(4):
        months, hours = str(6 + r), str(5 + r)
        results = _race(home, [[["init", "--months", months]], [["init", "--hours", hours]], [["init", "--lang", "ja" if r % 2 else "en"]]])
        for lines, err in results:
            assert lines == ["ACK 0"], (lines, err[-1500:])
        conn = sqlite3.connect(home / "studyplan.db")
        row = conn.execute("SELECT months, weekly_hours, lang FROM profiles WHERE name = 'default'").fetchone()
        conn.close()
        if row != (int(months), float(hours), "ja" if r % 2 else "en"):
            lost.append((r, row))
    assert not lost, f"a racing init overwrote another's change: {lost}"
