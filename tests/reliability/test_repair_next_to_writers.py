"""Case 2, round two: `doctor --repair` next to writers loses no acknowledged write.

The repair rebuilds the database and renames the new file over the live one. While
it does, writers wait (or are told the database is being repaired), and a process
that still has the old file open never goes on writing into it: it is told the
database was replaced and to run the command again. Everything a command reported
as done is in the database afterwards. Writers and the repair are separate processes.
"""

from __future__ import annotations

import json
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

from tests.reliability.conftest import child_env, integrity, run_cli


def _damage_an_unused_index(db: Path, history: int = 0) -> None:
    """Garbage in the notes index: integrity_check fails (so repair rebuilds), yet `log` and
    `review` never touch that index, so writers keep working on the damaged file.

    ``history`` lookups make the database big enough that the rebuild takes a while.
    """
    conn = sqlite3.connect(db)
    conn.execute("INSERT INTO notes (profile_id, ref, text, at, day) VALUES (1, 'ml-basics', 'a note to keep', 't', '2026-01-06')")
    conn.executemany(
        "INSERT INTO lookups (profile_id, concept, query, at, day) VALUES (1, ?, ?, '2026-01-06T10:00:00+00:00', '2026-01-06')",
        [(f"concept-{i}", f"query {i}") for i in range(history)],
    )
    conn.commit()
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    root = conn.execute("SELECT rootpage FROM sqlite_master WHERE name = 'notes_profile_ref'").fetchone()[0]
    page = conn.execute("PRAGMA page_size").fetchone()[0]
    conn.close()
    with open(db, "r+b") as fh:
        fh.seek((root - 1) * page + 8)
        fh.write(b"\x07" * 200)
    assert integrity(db) != "ok"


def _rows(db: Path, sql: str) -> list[tuple]:
    conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    try:
        return conn.execute(sql).fetchall()
    finally:
        conn.close()


# A writer that logs one minute after another through the real CLI (as driver.py does) until
# the stop file appears: it runs for as long as the repair does, however long that is.
WRITER = """
import contextlib, io, os, sys
from studyplan.cli import app
tag, stop = sys.argv[1], sys.argv[2]
os.write(1, b"READY\\n")
n = 0
while not os.path.exists(stop) and n < 5000:
    err = io.StringIO()
    code = 0
    with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(err):
        try:
            app(args=["log", "1m", "--note", f"{tag}-{n}"], prog_name="studyplan", standalone_mode=True)
        except SystemExit as exc:
            code = exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 1)
    line = f"ACK {n}" if code == 0 else f"FAIL {n} {code} {' '.join(err.getvalue().split())}"
    os.write(1, (line + "\\n").encode())
    n += 1
"""


def _writer(home: Path, tag: str, stop: Path) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-c", WRITER, tag, str(stop)], env=child_env(home),
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )


def test_writers_during_a_repair_lose_no_acknowledged_write(home):
    db = home / "studyplan.db"
    assert run_cli(home, "init", "--start", "2026-01-05").returncode == 0
    _damage_an_unused_index(db, history=60_000)  # big enough that the rebuild takes a while
    stop = home.parent / "stop-writers"
    writers = {tag: _writer(home, tag, stop) for tag in "AB"}
    try:
        for p in writers.values():
            assert p.stdout.readline().strip() == "READY", p.stderr.read()
        time.sleep(0.3)  # the writers are busy now
        repair = run_cli(home, "doctor", "--repair", "--json", timeout=60)
        time.sleep(0.5)  # and they go on for a moment on the rebuilt file
    finally:
        stop.touch()
    assert repair.returncode == 0, repair.stdout + repair.stderr
    assert any(f["check"] == "repair" and f["status"] == "fixed" for f in json.loads(repair.stdout)["findings"])
    acked: set[str] = set()
    refused = []
    for tag, p in writers.items():
        out, err = p.communicate(timeout=60)
        assert p.returncode == 0 and "Traceback" not in err, err[-2000:]
        for line in out.splitlines():
            n = line.split()[1]
            if line.startswith("ACK"):
                acked.add(f"{tag}-{n}")
            else:  # the only acceptable failure: told plainly to run it again
                assert "replaced" in line or "being repaired" in line, line
                refused.append(line)
    assert integrity(db) == "ok"
    stored = {r[0] for r in _rows(db, "SELECT note FROM time_log WHERE note IS NOT NULL")}
    lost = acked - stored
    assert not lost, f"{len(lost)} acknowledged write(s) vanished with the repair (e.g. {sorted(lost)[:5]}); {len(refused)} refused"
    # writers waited for the repair; at most the one command each had in flight on the old file was refused
    assert len(refused) <= len(writers), refused
    assert len(acked) >= 10
    assert ("a note to keep",) in _rows(db, "SELECT text FROM notes")


def test_an_open_review_session_does_not_go_on_writing_into_a_replaced_file(home):
    db = home / "studyplan.db"
    assert run_cli(home, "init", "--start", "2026-01-05").returncode == 0
    assert run_cli(home, "done", "ml-basics").returncode == 0
    _damage_an_unused_index(db)
    review = subprocess.Popen(
        [sys.executable, "-m", "studyplan", "review", "--limit", "5"], env=child_env(home), cwd=str(home.parent),
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )
    try:
        review.stdin.write("3\n")
        review.stdin.flush()
        deadline = time.monotonic() + 30
        while not _rows(db, "SELECT COUNT(*) FROM reviews")[0][0]:
            assert time.monotonic() < deadline and review.poll() is None, review.communicate()
            time.sleep(0.02)
        repair = run_cli(home, "doctor", "--repair", "--json", timeout=60)  # while the session is open
        assert repair.returncode == 0, repair.stdout + repair.stderr
        _, err = review.communicate("3\n3\n", timeout=60)
    finally:
        if review.poll() is None:
            review.kill()
    saved = _rows(db, "SELECT COUNT(*) FROM reviews")[0][0]
    if review.returncode == 0:  # the session said it saved every rating: they must all be there
        assert saved == 3, f"the session reported its ratings saved, but only {saved} of 3 are in the database"
    else:  # or it said plainly that the file was replaced, and wrote nothing more anywhere
        assert review.returncode == 3 and "Traceback" not in err, err
        line = err.strip().splitlines()[-1]
        assert line.startswith("studyplan: ") and "replaced" in line and "again" in line, line
        assert saved == 1
    assert integrity(db) == "ok"
