"""Issue "nothing lost, nothing let in", point 11: import reads a bounded file in bounded memory.

Import used to take files up to 512 MiB and parse them whole with ``json.loads``: about
16× the file in memory (8 GB for a 477 MB file), and a FIFO or /dev/zero given as the
file blocked or read forever. Now:

* the cap is MAX_IMPORT_BYTES (128 MiB): ten years of heavy daily use export about
  52 MiB (measured: `heavy_export` below writes the same mix of rows a day), so any
  real backup fits 2.5 times over, and the error says so;
* the file is read row by row (``domain.backup_reader``), so a real export just under
  the cap imports under ``MEMORY_MB`` of address space, and a hostile one made of tiny
  rows is refused, also in bounded time and memory;
* only a regular file is opened (``fileio.read_regular_file``); ``-`` reads standard input.
"""

from __future__ import annotations

import json
import os
import sqlite3
import time
from datetime import date, timedelta
from pathlib import Path

import pytest

from studyplan.app.backup import MAX_IMPORT_BYTES
from studyplan.store.migrations import SCHEMA_VERSION
from tests.reliability.conftest import assert_clean_error, run_cli

MEMORY_MB = 640  # address space (RLIMIT_AS) for a whole `studyplan import` of a file just under the cap (it needs ~450; the old reader ~1000)
PER_DAY = 14_650  # bytes of export a day of `heavy_export`'s mix takes (a Store-built profile: 52 MiB for 3,650 days)
REFS = [f"module-{m}/item-{i}" for m in range(12) for i in range(8)]
CONCEPTS = [f"concept-{c}" for c in range(120)]
WORDS = "gradient descent backprop attention softmax transformer tokenizer embedding loss dropout 注意機構 勾配".split()


def _text(n: int, seed: int) -> str:
    words, out, size = WORDS, [], 0
    while size < n:
        w = words[(seed * 7 + len(out) * 13) % len(words)]
        out.append(w)
        size += len(w) + 1
    return " ".join(out)


def _rows_json(rows) -> str:  # noqa: ANN001 - an iterator of dicts, written as `export` writes them (indent=2)
    return ",\n".join("\n".join("      " + line for line in json.dumps(r, ensure_ascii=False, indent=2).splitlines()) for r in rows)


def heavy_export(path: Path, target_bytes: int) -> dict[str, int]:
    """An export of heavy daily use (per day: 30 reviews, 10 lookups, 4 logs, 3 notes of
    ~500 characters, 4 status changes, an undo every third day, a pause every two months),
    as many days as fit in ``target_bytes``. Valid by every import rule. Returns row counts."""
    per_day = PER_DAY
    days = max(1, target_bytes // per_day)
    start = date(1990, 1, 1)
    at = lambda d, h=20: f"{d.isoformat()}T{h:02d}:00:00+09:00"  # noqa: E731
    ids = {"journal": 0, "time_log": 0, "lookups": 0, "reviews": 0, "notes": 0, "plan_revisions": 0}

    def new(table: str) -> int:
        ids[table] += 1
        return ids[table]

    tables: dict[str, list] = {t: [] for t in ("journal", "activity", "time_log", "lookups", "reviews", "notes", "plan_revisions")}
    counts = dict.fromkeys(("statuses", "review_cards", *tables), 0)
    parts = {t: path.with_suffix(f".{t}.part") for t in tables}
    files = {t: parts[t].open("w", encoding="utf-8") for t in tables}
    first = dict.fromkeys(tables, True)

    def emit(table: str, row: dict) -> None:
        files[table].write(("" if first[table] else ",\n") + _rows_json([row]))
        first[table] = False
        counts[table] += 1

    batch = 0
    last_status_batch = None
    for n in range(days):
        d = start + timedelta(days=n)
        emit("activity", {"day": d.isoformat()})
        batch += 1
        for k in range(4):
            ref = REFS[(n * 4 + k) % len(REFS)]
            emit("journal", {"id": new("journal"), "batch": batch, "at": at(d), "day": d.isoformat(), "action": "status", "target": ref,
                             "before": "todo", "after": "done", "undone": 0})
        last_status_batch = batch
        for k in range(4):
            lid = new("time_log")
            emit("time_log", {"id": lid, "day": d.isoformat(), "minutes": 30 + k * 15, "kind": "theory", "module": "module-1",
                              "note": _text(60, n + k), "created_at": at(d), "deleted": 0})
            batch += 1
            emit("journal", {"id": new("journal"), "batch": batch, "at": at(d), "day": d.isoformat(), "action": "log-add",
                             "target": str(lid), "before": None, "after": "30m theory", "undone": 0})
        for k in range(3):
            nid = new("notes")
            emit("notes", {"id": nid, "ref": REFS[(n + k) % len(REFS)], "text": _text(2000 if (n + k) % 10 == 0 else 300, n * 3 + k),
                           "at": at(d), "day": d.isoformat(), "deleted": 0})
            batch += 1
            emit("journal", {"id": new("journal"), "batch": batch, "at": at(d), "day": d.isoformat(), "action": "note-add",
                             "target": str(nid), "before": None, "after": REFS[(n + k) % len(REFS)], "undone": 0})
        if n % 3 == 2 and last_status_batch:
            batch += 1
            emit("journal", {"id": new("journal"), "batch": batch, "at": at(d, 21), "day": d.isoformat(), "action": "undo",
                             "target": str(last_status_batch), "before": None, "after": None, "undone": 0})
        for k in range(10):
            emit("lookups", {"id": new("lookups"), "concept": CONCEPTS[(n + k) % len(CONCEPTS)], "query": _text(12, n + k),
                             "at": at(d), "day": d.isoformat()})
        for k in range(30):
            emit("reviews", {"id": new("reviews"), "concept": CONCEPTS[(n * 30 + k) % len(CONCEPTS)], "rating": 1 + k % 4,
                             "at": at(d), "day": d.isoformat(), "due_after": f"{(d + timedelta(days=3)).isoformat()}T11:00:00+00:00"})
        if n % 60 == 0:
            p_from, p_to = d + timedelta(days=10), d + timedelta(days=16)
            rid = new("plan_revisions")
            emit("plan_revisions", {"id": rid, "at": at(d), "kind": "pause", "anchor": p_from.isoformat(), "days": 7,
                                    "pause_from": p_from.isoformat(), "pause_to": p_to.isoformat(), "reason": "holiday", "cancelled": 0})
            batch += 1
            emit("journal", {"id": new("journal"), "batch": batch, "at": at(d), "day": d.isoformat(), "action": "pause",
                             "target": str(rid), "before": None, "after": f"7d from {p_from}", "undone": 0})
    for f in files.values():
        f.close()
    end = start + timedelta(days=days)
    statuses = [{"ref": r, "status": "done", "updated_at": at(end)} for r in REFS]
    cards = [{"concept": c, "card": json.dumps({"stability": 3.2, "difficulty": 5.1, "state": 2}), "due": f"{end}T11:00:00+00:00",
              "state": "review", "introduced_day": start.isoformat()} for c in CONCEPTS]
    counts["statuses"], counts["review_cards"] = len(statuses), len(cards)
    head = {"format": "studyplan-export", "version": 1, "schema_version": SCHEMA_VERSION, "studyplan": "0.1.0",
            "exported_at": at(end), "profile": {"name": "heavy", "curriculum": "ml-dl-gpt", "start_date": start.isoformat(),
                                                "months": 12, "weekly_hours": 20.0, "lang": "en", "created_at": at(start)}}
    with path.open("w", encoding="utf-8") as out:
        out.write(json.dumps(head, ensure_ascii=False, indent=2)[:-2] + ',\n  "tables": {\n')
        out.write(f'    "statuses": [\n{_rows_json(statuses)}\n    ],\n')
        for t in ("journal", "activity", "time_log", "lookups", "plan_revisions"):
            out.write(f'    "{t}": [\n')
            with parts[t].open(encoding="utf-8") as part:
                for chunk in iter(lambda: part.read(2**20), ""):  # noqa: B023
                    out.write(chunk)
            out.write("\n    ],\n")
        out.write(f'    "review_cards": [\n{_rows_json(cards)}\n    ],\n')
        for t in ("reviews", "notes"):
            out.write(f'    "{t}": [\n')
            with parts[t].open(encoding="utf-8") as part:
                for chunk in iter(lambda: part.read(2**20), ""):  # noqa: B023
                    out.write(chunk)
            out.write("\n    ],\n")
        out.write('    "focus": []\n  }\n}\n')  # every table is listed, [] when empty (no timer running)
    for p in parts.values():
        p.unlink()
    return counts


def _count(db: Path, table: str) -> int:
    conn = sqlite3.connect(db)
    try:
        return conn.execute(f'SELECT COUNT(*) FROM "{table}"').fetchone()[0]
    finally:
        conn.close()


# -- the cap ------------------------------------------------------------------------------------------
def test_the_cap_holds_a_decade_of_heavy_use_with_room_to_spare(tmp_path):
    ten_years = tmp_path / "ten-years.json"
    heavy_export(ten_years, 3650 * PER_DAY)
    size = ten_years.stat().st_size
    assert 40 * 2**20 < size < 64 * 2**20, size / 2**20  # the measurement the cap rests on
    assert MAX_IMPORT_BYTES >= 2 * size


def test_a_file_over_the_cap_is_refused_before_it_is_read(home, tmp_path):
    big = tmp_path / "big.json"
    with big.open("wb") as fh:  # sparse: no disk, no memory
        fh.truncate(MAX_IMPORT_BYTES + 1)
    started = time.monotonic()
    result = run_cli(home, "import", str(big), memory_mb=256, timeout=60)
    assert time.monotonic() - started < 20
    err = assert_clean_error(result, str(big), f"{MAX_IMPORT_BYTES // 2**20} MiB", code=2)
    assert "nothing was changed" in err


@pytest.mark.slow
def test_a_real_export_just_under_the_cap_imports_in_bounded_memory(home, tmp_path):
    path = tmp_path / "heavy.json"
    counts = heavy_export(path, MAX_IMPORT_BYTES - 4 * 2**20)
    size = path.stat().st_size
    assert MAX_IMPORT_BYTES - 8 * 2**20 < size <= MAX_IMPORT_BYTES, size / 2**20
    started = time.monotonic()
    result = run_cli(home, "import", str(path), memory_mb=MEMORY_MB, timeout=600)
    took = time.monotonic() - started
    assert result.returncode == 0, result.stderr[-2000:]
    assert took < 300, took
    db = home / "studyplan.db"
    for table, n in counts.items():
        assert _count(db, table) == n, table
    undo = run_cli(home, "--profile", "heavy", "undo", timeout=120)
    assert undo.returncode == 0, undo.stderr[-2000:]


TINY = {
    # a file of the smallest rows: json.loads would need ~24x the file for "{}"s
    "empty-objects-as-rows": lambda n: '{"tables": {"activity": [' + ",".join(["{}"] * n) + "]}}",
    "empty-objects-under-an-unknown-key": lambda n: '{"format": "studyplan-export", "pad": [' + ",".join(["{}"] * n) + "]}",
    "empty-objects-in-an-unknown-table": lambda n: ('{"format": "studyplan-export", "version": 1, "schema_version": 1, "tables": {"bogus": ['
                                                    + ",".join(["{}"] * n) + "]}}"),
    "one-huge-row": lambda n: '{"tables": {"notes": [{"text": "' + "x" * (3 * n) + '"}]}}',
    "nested-lists": lambda n: '{"tables": {"notes": [' + ",".join(["[[]]"] * (n * 4 // 5)) + "]}}",
}


@pytest.mark.slow
@pytest.mark.parametrize("case", sorted(TINY))
def test_a_hostile_file_just_under_the_cap_is_refused_in_bounded_time_and_memory(home, tmp_path, case):
    path = tmp_path / f"{case}.json"
    n = (MAX_IMPORT_BYTES - 1024) // 4
    path.write_text(TINY[case](n), encoding="utf-8")
    assert path.stat().st_size <= MAX_IMPORT_BYTES
    started = time.monotonic()
    result = run_cli(home, "import", str(path), memory_mb=MEMORY_MB, timeout=300)
    assert time.monotonic() - started < 60
    assert result.returncode == 2, result.stderr[-2000:]
    lines = result.stderr.strip().splitlines()
    assert lines and all(line.startswith("studyplan: ") for line in lines), result.stderr[-2000:]
    assert "Traceback" not in result.stderr and "internal error" not in result.stderr
    assert str(path) in lines[-1] and "nothing was changed" in lines[-1], lines[-1]


# -- only regular files ---------------------------------------------------------------------------------
def test_a_fifo_is_refused_at_once_not_waited_on(home, tmp_path):
    fifo = tmp_path / "backup.json"
    os.mkfifo(fifo)
    started = time.monotonic()
    result = run_cli(home, "import", str(fifo), timeout=30)
    assert time.monotonic() - started < 20
    assert_clean_error(result, str(fifo), "FIFO", code=2)


@pytest.mark.parametrize("device", ["/dev/zero", "/dev/urandom"])
def test_a_device_is_refused_not_read_without_end(home, tmp_path, device):
    link = tmp_path / "backup.json"
    link.symlink_to(device)
    started = time.monotonic()
    result = run_cli(home, "import", str(link), memory_mb=256, timeout=30)
    assert time.monotonic() - started < 20
    assert_clean_error(result, str(link), "device", code=2)


def test_a_folder_is_refused(home, tmp_path):
    assert_clean_error(run_cli(home, "import", str(tmp_path), timeout=30), str(tmp_path), "folder", code=2)


def test_standard_input_still_works(home, tmp_path):
    path = tmp_path / "small.json"
    heavy_export(path, 40_000)
    result = run_cli(home, "import", "-", input=path.read_text(encoding="utf-8"), timeout=60)
    assert result.returncode == 0, result.stderr
    assert _count(home / "studyplan.db", "notes") > 0
