"""Case 5: `studyplan doctor` checks integrity, schema version and orphaned ids; --repair backs up first."""

from __future__ import annotations

import json
import os
import sqlite3
import time
from pathlib import Path

from studyplan.store.migrations import SCHEMA_VERSION
from tests.reliability.conftest import file_digest, integrity, snapshot
from tests.reliability.test_schema_versions import _checkpoint, _old_database


def _doctor(sp, *args: str, code: int = 0) -> dict:
    result = sp("doctor", *args, "--json", ok=False)
    assert result.exit_code == code, (result.exit_code, result.stdout, result.stderr)
    assert "Traceback" not in result.stdout + result.stderr
    return json.loads(result.stdout)


def _by_check(report: dict) -> dict[str, list[dict]]:
    out: dict[str, list[dict]] = {}
    for f in report["findings"]:
        out.setdefault(f["check"], []).append(f)
    return out


def _files(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.is_file() and not p.name.endswith(("-wal", "-shm")))


def test_healthy_database(sp, db_path):
    sp("done", "ml-basics")
    report = _doctor(sp)
    checks = _by_check(report)
    assert report["ok"] and report["backup"] is None
    assert checks["integrity"][0]["status"] == "ok"
    assert checks["schema"][0]["status"] == "ok" and str(SCHEMA_VERSION) in checks["schema"][0]["message"]
    assert [f["status"] for f in checks["orphans"]] == ["ok"]
    text = sp("doctor").stdout
    assert "integrity_check: ok" in text and "All good." in text


def test_no_database_yet_is_fine_and_not_created(sp, db_path):
    report = _doctor(sp)
    assert report["ok"] and not db_path.exists()


def _orphaned(sp, db_path) -> None:
    sp("init", "--start", "2026-01-05")
    sp("done", "ml-basics/definition")
    sp("note", "ml-basics", "mine")
    conn = sqlite3.connect(db_path)
    conn.execute("INSERT INTO statuses VALUES (1, 'retired-module/old-topic', 'done', '2026-01-06T10:00:00+00:00')")
    conn.execute("INSERT INTO statuses VALUES (1, 'retired-module', 'in-progress', '2026-01-06T10:00:00+00:00')")
    conn.execute("INSERT INTO notes (profile_id, ref, text, at, day) VALUES (1, 'retired-module', 'keep me', 't', '2026-01-06')")
    conn.execute("INSERT INTO lookups (profile_id, concept, query, at, day) VALUES (1, 'phlogiston', 'phlogiston', 't', '2026-01-06')")
    conn.commit()
    conn.close()


def test_orphaned_ids_are_reported_and_nothing_changes_without_repair(sp, db_path):
    _orphaned(sp, db_path)
    before, files = snapshot(db_path), _files(db_path.parent)
    report = _doctor(sp)
    orphans = " | ".join(f["message"] for f in _by_check(report)["orphans"])
    assert "retired-module/old-topic" in orphans and "retired-module" in orphans and "phlogiston" in orphans
    assert "--repair" in orphans
    assert snapshot(db_path) == before and _files(db_path.parent) == files


def test_repair_backs_up_first_then_resets_orphans_in_one_undoable_batch(sp, db_path):
    _orphaned(sp, db_path)
    before = snapshot(db_path)
    report = _doctor(sp, "--repair")
    backup = Path(report["backup"])
    assert backup.parent == db_path.parent and backup.exists()
    assert snapshot(backup) == before  # the copy is the database as it was before the repair
    statuses = {r[1] for r in snapshot(db_path)["statuses"]}
    assert statuses == {"ml-basics/definition"}
    assert ("keep me" in {r[3] for r in snapshot(db_path)["notes"]})  # notes are the user's: kept
    assert _by_check(_doctor(sp))["orphans"][0]["message"].count("status") == 0
    sp("undo")
    assert {r[1] for r in snapshot(db_path)["statuses"]} == {"ml-basics/definition", "retired-module/old-topic", "retired-module"}


def _corrupt_an_index(db_path: Path) -> None:
    _checkpoint(db_path)
    conn = sqlite3.connect(db_path)
    root = conn.execute("SELECT rootpage FROM sqlite_master WHERE name = 'journal_profile_day'").fetchone()[0]
    page = conn.execute("PRAGMA page_size").fetchone()[0]
    conn.close()
    with open(db_path, "r+b") as fh:
        fh.seek((root - 1) * page + 8)
        fh.write(b"\x07" * 200)


def test_damage_is_reported_and_the_file_left_alone(sp, db_path):
    sp("done", "ml-basics")
    _corrupt_an_index(db_path)
    digest, files = file_digest(db_path), _files(db_path.parent)
    report = _doctor(sp, code=1)
    assert not report["ok"]
    integrity_finding = _by_check(report)["integrity"][0]
    assert integrity_finding["status"] == "problem" and integrity_finding["details"]
    assert "--repair" in " ".join(f["message"] for f in report["findings"])
    assert file_digest(db_path) == digest and _files(db_path.parent) == files


def test_repair_of_a_damaged_database_keeps_the_bytes_and_rebuilds_what_can_be_read(sp, db_path):
    sp("init", "--start", "2026-01-05")
    sp("done", "ml-basics")
    sp("log", "30m", "--note", "keep-me", "--date", "2026-01-06")
    _corrupt_an_index(db_path)
    damaged = db_path.read_bytes()
    report = _doctor(sp, "--repair")
    saved = Path(report["backup"])
    assert saved.read_bytes() == damaged  # the damaged file, byte for byte
    assert integrity(db_path) == "ok"
    after = snapshot(db_path)
    assert after["__user_version"] == [(SCHEMA_VERSION,)]
    assert {r[6] for r in after["time_log"]} == {"keep-me"} and len(after["journal"]) == 2
    assert _doctor(sp)["ok"]
    sp("done", "dl-intro")  # and it is usable


def test_repair_of_a_cut_short_database_recovers_the_pages_that_survived(sp, db_path):
    sp("init", "--start", "2026-01-05")
    sp("done", "ml-basics")
    sp("log", "30m", "--note", "keep-me", "--date", "2026-01-06")
    _checkpoint(db_path)
    whole = db_path.read_bytes()
    page = int.from_bytes(whole[16:18], "big")
    db_path.write_bytes(whole[: len(whole) - 2 * page])  # a copy that stopped two pages short
    assert sp("today", ok=False).exit_code == 3
    report = _doctor(sp, "--repair")
    assert Path(report["backup"]).read_bytes() == whole[: len(whole) - 2 * page]
    after = snapshot(db_path)
    assert {r[6] for r in after["time_log"]} == {"keep-me"} and {r[1] for r in after["statuses"]} == {"ml-basics"}
    assert integrity(db_path) == "ok"
    sp("today")


def test_repair_of_garbage_keeps_it_aside_and_starts_afresh(sp, db_path):
    db_path.parent.mkdir(parents=True, exist_ok=True)
    db_path.write_bytes(b"not a database at all\n" * 100)
    assert not _doctor(sp, code=1)["ok"]
    assert db_path.read_bytes() == b"not a database at all\n" * 100
    report = _doctor(sp, "--repair")
    assert Path(report["backup"]).read_bytes() == b"not a database at all\n" * 100
    sp("done", "ml-basics")
    assert integrity(db_path) == "ok"


def test_newer_schema_is_reported_and_never_repaired(sp, db_path):
    sp("done", "ml-basics")
    conn = sqlite3.connect(db_path)
    conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    conn.commit()
    conn.close()
    _checkpoint(db_path)
    digest, files = file_digest(db_path), _files(db_path.parent)
    for args in ((), ("--repair",)):
        report = _doctor(sp, *args, code=1)
        assert "newer studyplan" in _by_check(report)["schema"][0]["message"]
    assert file_digest(db_path) == digest and _files(db_path.parent) == files


def test_older_schema_is_reported_then_migrated_by_repair_with_a_copy(sp, db_path):
    _old_database(db_path, 2)
    before = snapshot(db_path)
    report = _doctor(sp)
    assert _by_check(report)["schema"][0]["status"] == "warning"
    assert snapshot(db_path) == before
    _doctor(sp, "--repair")
    assert snapshot(db_path)["__user_version"] == [(SCHEMA_VERSION,)]
    assert snapshot(db_path.parent / "studyplan.v2.bak.db") == before


def test_leftover_temp_files_from_a_crash_are_listed_then_removed(sp, db_path):
    sp("done", "ml-basics")
    stale = db_path.parent / ".studyplan.db.k3j4h5.new"
    stale.write_bytes(b"half")
    old = time.time() - 3600
    os.utime(stale, (old, old))
    fresh = db_path.parent / ".studyplan.db.running.new"  # may belong to a studyplan running now
    fresh.write_bytes(b"")
    assert ".studyplan.db.k3j4h5.new" in _by_check(_doctor(sp))["leftovers"][0]["details"]
    _doctor(sp, "--repair")
    assert not stale.exists() and fresh.exists()


def test_repair_that_cannot_write_its_copy_changes_nothing(sp, db_path, monkeypatch):
    _orphaned(sp, db_path)
    before, files = snapshot(db_path), _files(db_path.parent)
    from studyplan.store import db as dbmod

    def full(*_a, **_k):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(dbmod, "backup_copy", full)
    result = sp("doctor", "--repair", ok=False)
    assert result.exit_code == 3 and "nothing was changed" in result.stderr and "Traceback" not in result.stderr
    monkeypatch.undo()
    assert snapshot(db_path) == before and _files(db_path.parent) == files


def test_a_database_doctor_may_not_read_is_not_mistaken_for_damage(home):
    """Permissions are not damage: no repair is offered or attempted, nothing is copied or changed."""
    from tests.reliability.conftest import can_drop_root_override, run_cli

    if os.geteuid() == 0:
        assert can_drop_root_override()
    assert run_cli(home, "done", "ml-basics").returncode == 0
    db = home / "studyplan.db"
    digest, files = file_digest(db), _files(home)
    for mode_of, mode in ((db, 0o000), (home, 0o555)):
        mode_of.chmod(mode)
        try:
            for args in (("doctor", "--json"), ("doctor", "--repair", "--json")):
                result = run_cli(home, *args, honour_modes=True)
                assert result.returncode == 1, result.stderr
                report = json.loads(result.stdout)
                assert report["backup"] is None
                assert [f["check"] for f in report["findings"]] == ["file"] and "cannot check" in report["findings"][0]["message"]
        finally:
            mode_of.chmod(0o755 if mode_of.is_dir() else 0o600)
        assert file_digest(db) == digest and _files(home) == files
