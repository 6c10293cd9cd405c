"""studyplan sync under pressure: killed mid-sync, a crash while writing, two devices writing and syncing at once.

Each device is its own STUDYPLAN_HOME and runs in its own processes (the drivers and
``python -m studyplan``), as two machines would; the folder between them is one folder.
"""

from __future__ import annotations

import json
import random
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from studyplan.fileio import atomic_write_text
from tests.reliability.conftest import DRIVER, child_env, integrity, run_cli, snapshot
from tests.test_sync import normalized


def _drive(home: Path, commands: list[list[str]] | dict, go: Path | None = None) -> subprocess.Popen:
    env = child_env(home, **({"RELIABILITY_GO": str(go)} if go else {}))
    return subprocess.Popen([sys.executable, str(DRIVER), json.dumps(commands)], env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def _run(home: Path, commands: list[list[str]] | dict) -> list[str]:
    out, err = _drive(home, commands).communicate(timeout=300)
    lines = out.splitlines()
    assert lines and all(line.startswith("ACK") for line in lines), (lines[:5], err[-2000:])
    return lines


def _export(home: Path) -> dict:
    result = run_cli(home, "export")
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def _named(home_docs: dict[str, dict], homes: dict[str, Path]) -> list[dict]:
    out = []
    for doc in home_docs.values():
        text = json.dumps(normalized(doc), sort_keys=True)
        for name, home in homes.items():
            text = text.replace((home / "device-id").read_text().strip(), name)
        out.append(json.loads(text))
    return out


def _files_whole(folder: Path) -> None:
    """Every device file in the folder is a complete document (the old one or the new one, never half)."""
    for p in folder.iterdir():
        if p.name.endswith(".json") and not p.name.startswith("."):
            json.loads(p.read_text(encoding="utf-8"))


@pytest.fixture
def two(tmp_path) -> tuple[dict[str, Path], Path]:
    folder = tmp_path / "folder"
    folder.mkdir()
    homes = {n: tmp_path / n for n in "AB"}
    for name, home in homes.items():
        # enough rows that a sync takes a while, so a kill lands inside it
        _run(home, [["init", "--start", "2026-01-05"], ["config", "set", "sync_auto", "off"],
                    *[["log", f"{m}m", "--note", f"{name}-{m}"] for m in range(1, 121)],
                    ["done", "ml-basics"] if name == "A" else ["start", "dl-intro"]])
    return homes, folder


@pytest.mark.slow
def test_sigkill_during_sync_leaves_both_sides_consistent_and_the_next_sync_completes(two):
    homes, folder = two
    rng = random.Random(19)
    started = time.monotonic()
    assert run_cli(homes["A"], "sync", str(folder)).returncode == 0  # how long a whole sync takes on this machine now
    took = time.monotonic() - started
    killed = 0
    for round_ in range(12):
        name = "BA"[round_ % 2]
        proc = subprocess.Popen([sys.executable, "-m", "studyplan", "sync", str(folder)], env=child_env(homes[name]),
                                stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        time.sleep(rng.uniform(0.4, 1.2) * took)  # some kills land in start-up, some in the merge or the write, some after
        if proc.poll() is None:
            proc.send_signal(signal.SIGKILL)
            killed += 1
        proc.wait(timeout=60)
        for home in homes.values():
            db = home / "studyplan.db"
            assert integrity(db) == "ok"
            conn = sqlite3.connect(db)
            dupes = conn.execute("SELECT COUNT(*) FROM (SELECT sync_id FROM time_log WHERE sync_id IS NOT NULL "
                                 "GROUP BY sync_id HAVING COUNT(*) > 1)").fetchone()[0]
            conn.close()
            assert dupes == 0
        _files_whole(folder)
    assert killed >= 3, "no kill landed inside a sync: the test proved nothing"
    for name in "ABAB":
        result = run_cli(homes[name], "sync", str(folder))
        assert result.returncode == 0 and "skipped" not in result.stdout, result.stdout + result.stderr
    a, b = _named({n: _export(h) for n, h in homes.items()}, homes)
    assert a == b
    notes = sorted(r["note"] for r in a["time_log"])
    assert notes == sorted(f"{n}-{m}" for n in "AB" for m in range(1, 121))
    assert not [p.name for p in folder.iterdir() if p.name.startswith(".")]  # a killed write's temp file is gone


def test_a_crash_while_writing_the_file_rolls_the_whole_sync_back(sp, tmp_path, monkeypatch, isolated_home):
    folder = tmp_path / "folder"
    sp("init", "--start", "2026-01-05")
    sp("sync", str(folder))
    other = tmp_path / "other"
    for args in (["init", "--start", "2026-01-05"], ["done", "dl-intro"], ["sync", str(folder)]):
        assert run_cli(other, *args).returncode == 0
    sp("config", "set", "sync_auto", "off")
    sp("log", "45m")
    before = snapshot(isolated_home / "studyplan.db")
    files = {p.name: p.read_bytes() for p in folder.iterdir()}

    from studyplan.app import sync as sync_use_cases

    def crash(path, text):
        Path(f"{path}.partial").write_text(text[: len(text) // 2])
        raise KeyboardInterrupt

    monkeypatch.setattr(sync_use_cases, "atomic_write_text", crash)
    result = sp("sync", ok=False)
    assert result.exit_code == 130
    assert snapshot(isolated_home / "studyplan.db") == before  # nothing merged, nothing claimed
    assert {p.name: p.read_bytes() for p in folder.iterdir() if not p.name.endswith(".partial")} == files
    monkeypatch.setattr(sync_use_cases, "atomic_write_text", atomic_write_text)
    sp("sync")  # the next sync does it all
    conn = sqlite3.connect(isolated_home / "studyplan.db")
    assert conn.execute("SELECT status FROM statuses WHERE ref = 'dl-intro'").fetchone() == ("done",)
    assert conn.execute("SELECT COUNT(*) FROM time_log WHERE sync_id IS NULL").fetchone()[0] == 0
    conn.close()


@pytest.mark.slow
def test_two_devices_writing_and_syncing_at_once_lose_nothing(tmp_path):
    folder = tmp_path / "folder"
    folder.mkdir()
    homes = {n: tmp_path / n for n in "AB"}
    for name, home in homes.items():
        _run(home, [["init", "--start", "2026-01-05"], ["sync", str(folder)]])  # sync_auto on: every write syncs
    count = 30
    go = tmp_path / "go"
    procs = [
        _drive(homes[n], {"cycle": [["log", f"{i + 1}m", "--note", f"{n}-{{n}}"], ["done", item], ["reset", item]], "count": count}, go)
        for i, (n, item) in enumerate((("A", "ml-basics"), ("B", "dl-intro")))
    ]
    # and a second process on each device syncing in a loop at the same time
    procs += [_drive(homes[n], {"cycle": [["sync"]], "count": 8}, go) for n in "AB"]
    for p in procs:
        assert p.stdout.readline().strip() == "READY", p.stderr.read()
    go.touch()
    for p in procs:
        out, err = p.communicate(timeout=300)
        failures = [line for line in out.splitlines() if not line.startswith("ACK")]
        assert not failures, failures[:5]
        assert "locked" not in err and "Traceback" not in err, err[-2000:]
    for name in "ABAB":
        assert run_cli(homes[name], "sync").returncode == 0
    a, b = _named({n: _export(h) for n, h in homes.items()}, homes)
    assert a == b
    notes = sorted(r["note"] for r in a["time_log"])
    assert notes == sorted(f"{n}-{k}" for n in "AB" for k in range(0, count, 3))  # every log, once
    assert a["statuses"] == []  # every done was reset on its own device, and that travelled too
    for home in homes.values():
        assert integrity(home / "studyplan.db") == "ok"
    assert not [p for p in folder.iterdir() if p.name.startswith(".")]  # no temp file left behind
