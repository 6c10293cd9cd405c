"""Case 1: two (or more) processes writing at once lose nothing and never say "database is locked"."""

from __future__ import annotations

import json
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.reliability.conftest import DRIVER, child_env, integrity


def _start(home: Path, script: dict, go: Path) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, str(DRIVER), json.dumps(script)], env=child_env(home, RELIABILITY_GO=str(go)),
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )


def _race(home: Path, scripts: list[dict], timeout: float = 120) -> list[tuple[list[str], str]]:
    """Start every driver, wait until all are READY, release them together, collect output."""
    go = home.parent / f"go-{time.monotonic_ns()}"
    procs = [_start(home, s, go) for s in scripts]
    for p in procs:
        assert p.stdout.readline().strip() == "READY", p.stderr.read()
    go.touch()
    results = []
    for p in procs:
        out, err = p.communicate(timeout=timeout)
        results.append((out.splitlines(), err))
    return results


def _cycle(item: str, tag: str, count: int) -> dict:
    # done, log, reset: each command changes something, so each adds exactly one journal row
    return {"cycle": [["done", item], ["log", "1m", "--note", f"{tag}-{{n}}"], ["reset", item]], "count": count}


@pytest.mark.slow
def test_two_writers_300_commands_each_land_every_change(home):
    results = _race(home, [_cycle("ml-basics/definition", "A", 300), _cycle("dl-intro", "B", 300)])
    for lines, err in results:
        failures = [line for line in lines if not line.startswith("ACK")]
        assert not failures, failures[:5]
        assert len(lines) == 300
        assert "locked" not in err and "Traceback" not in err, err[-2000:]
    db = home / "studyplan.db"
    assert integrity(db) == "ok"
    conn = sqlite3.connect(db)
    assert conn.execute("SELECT COUNT(*), COUNT(DISTINCT batch) FROM journal").fetchone() == (600, 600)
    actions = dict(conn.execute("SELECT action, COUNT(*) FROM journal GROUP BY action").fetchall())
    assert actions == {"status": 400, "log-add": 200}
    notes = {r[0] for r in conn.execute("SELECT note FROM time_log")}
    assert notes == {f"{t}-{n}" for t in "AB" for n in range(1, 300, 3)}
    assert conn.execute("SELECT COUNT(*) FROM profiles").fetchone()[0] == 1
    assert conn.execute("SELECT COUNT(*) FROM statuses").fetchone()[0] == 0  # every done was reset
    conn.close()


def test_first_use_by_several_processes_at_once(home):
    """Databases that do not exist yet, created by three processes together, 150 times over."""
    folder = home / "many"
    folder.mkdir()
    scripts = [{"open_many": 150, "folder": str(folder), "tag": tag} for tag in "ABC"]
    for lines, err in _race(home, scripts):
        failures = [line for line in lines if not line.startswith("ACK")]
        assert not failures, failures[:5]
        assert len(lines) == 150 and "Traceback" not in err, err[-2000:]
    for n in (0, 75, 149):
        conn = sqlite3.connect(folder / f"{n}.db")
        assert conn.execute("SELECT COUNT(*) FROM journal").fetchone()[0] == 3
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        conn.close()
