"""Case 2: a writer killed with SIGKILL at random moments loses nothing it acknowledged.

A child runs commands in a loop through the real CLI (tests/reliability/driver.py)
and writes ``ACK n`` after each one returns success. The parent kills it at a
random moment, then checks that the database passes ``PRAGMA integrity_check`` and
holds exactly the acknowledged commands — plus, at most, the one command that was
killed after its COMMIT but before its ACK reached the pipe (it did succeed; only
the report of it was lost). Nothing else may be there and nothing acknowledged may
be missing. The store is shared by all trials, so every trial also reopens a
database whose last writer died (WAL recovery), including during its first creation.
"""

from __future__ import annotations

import json
import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.reliability.conftest import DRIVER, child_env, integrity

TRIALS = 30
COMMANDS_PER_TRIAL = 300  # far more than a trial lives; it is always killed mid-loop


def _items(count: int) -> list[str]:
    from studyplan.app import catalog

    curriculum = catalog.load(catalog.resolve("ml-dl-gpt"))
    refs = [i.ref for m in curriculum.modules for i in m.items]
    assert len(refs) >= count
    return refs[:count]


def _script(trial: int, item: str) -> dict:
    # each command adds exactly one journal row, so row k of a trial belongs to command k
    return {"cycle": [["done", item], ["log", "1m", "--note", f"t{trial}-{{n}}"], ["reset", item]], "count": COMMANDS_PER_TRIAL}


def _expected_row(trial: int, item: str, k: int) -> tuple:
    if k % 3 == 0:
        return ("status", item, "todo", "done")
    if k % 3 == 1:
        return ("log-add", f"t{trial}-{k}", None, "1m theory")
    return ("status", item, "done", "todo")


def _rows_since(db: Path, after_id: int) -> list[tuple]:
    conn = sqlite3.connect(db)
    try:
        rows = conn.execute(
            "SELECT j.id, j.action, CASE j.action WHEN 'log-add' THEN t.note ELSE j.target END, j.before, j.after "
            "FROM journal j LEFT JOIN time_log t ON j.action = 'log-add' AND t.id = CAST(j.target AS INTEGER) "
            "WHERE j.id > ? ORDER BY j.id", (after_id,),
        ).fetchall()
    finally:
        conn.close()
    return rows


def _has_schema(db: Path) -> bool:
    from studyplan.store.migrations import SCHEMA_VERSION

    conn = sqlite3.connect(db)
    try:
        return conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    finally:
        conn.close()


@pytest.mark.slow
def test_sigkill_at_random_points_keeps_the_database_whole_and_exact(home):
    rng = random.Random(int(os.environ.get("RELIABILITY_SEED", "20260302")))
    db = home / "studyplan.db"
    items = _items(TRIALS)
    last_id = 0
    extras = 0
    acked_total = 0
    for trial in range(TRIALS):
        go = home.parent / f"go-{trial}"
        proc = subprocess.Popen(
            [sys.executable, str(DRIVER), json.dumps(_script(trial, items[trial]))],
            env=child_env(home, RELIABILITY_GO=str(go)), stdout=subprocess.PIPE, stderr=subprocess.PIPE,
        )
        assert proc.stdout.readline().strip() == b"READY"
        go.touch()
        # the first trials die while the database is being created or first opened
        time.sleep(rng.uniform(0, 0.02) if trial < 3 else rng.uniform(0.01, 0.6))
        proc.send_signal(signal.SIGKILL)
        out, _ = proc.communicate(timeout=30)
        assert proc.returncode == -signal.SIGKILL
        lines = out.decode().splitlines()
        acked = [int(line.split()[1]) for line in lines if line.startswith("ACK ")]
        failed = [line for line in lines if not line.startswith("ACK ")]
        assert not failed, failed[:3]
        assert acked == list(range(len(acked))), "acknowledgements out of order"
        acked_total += len(acked)
        if not db.exists():
            assert not acked, "a command reported success but there is no database"
            continue
        assert integrity(db) == "ok", f"trial {trial}: integrity_check failed"
        assert _has_schema(db), f"trial {trial}: the database file exists but is half-made (no schema)"
        rows = _rows_since(db, last_id)
        got = [r[1:] for r in rows]
        want = [_expected_row(trial, items[trial], k) for k in range(len(acked))]
        assert got[: len(acked)] == want, f"trial {trial}: an acknowledged command is missing or wrong"
        # at most one more: committed, then killed before its ACK was written
        assert len(got) - len(acked) in (0, 1), f"trial {trial}: {len(got) - len(acked)} unacknowledged changes"
        if len(got) > len(acked):
            assert got[-1] == _expected_row(trial, items[trial], len(acked))
            extras += 1
        if rows:
            last_id = rows[-1][0]
    assert acked_total > TRIALS, "the writer hardly ever got to write; the test proves little"
    conn = sqlite3.connect(db)
    assert conn.execute("SELECT COUNT(*) FROM journal").fetchone()[0] == acked_total + extras
    assert conn.execute("SELECT COUNT(*) FROM profiles").fetchone()[0] == 1
    conn.close()
