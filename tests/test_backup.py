"""export / import: a complete round trip, refusals that change nothing, replace and merge."""

from __future__ import annotations

import json
import sqlite3
from datetime import date

import pytest

from studyplan.domain.backup import ExportInvalid, ExportTooNew, TableSpec, validate
from studyplan.store import backup as store_backup
from studyplan.store.db import open_database
from studyplan.store.migrations import SCHEMA_VERSION
from studyplan.store.progress import Store

AT = "2026-01-{:02d}T20:00:00+09:00"


def _store(db_path) -> Store:
    return Store(open_database(db_path))


def build_profile(sp, db_path, name: str = "default") -> None:
    """A profile touching every table, written through the Store API (reviews by SQL)."""
    args = ["init", "--start", "2026-01-05", "--months", "9", "--hours", "12", "--lang", "ja"]
    sp(*(["--profile", name] if name != "default" else []), *args)
    store = _store(db_path)
    try:
        pid = store.profile(name).id
        store.set_statuses(pid, ["ml-basics/definition", "ml-basics/types-of-ml"], "done", AT.format(6), date(2026, 1, 6))
        store.set_statuses(pid, ["ml-basics/key-algorithms"], "in-progress", AT.format(7), date(2026, 1, 7))
        store.set_statuses(pid, ["ml-basics/iris"], "skipped", AT.format(7), date(2026, 1, 7))
        store.set_statuses(pid, ["ml-basics/house-prices"], "done", AT.format(8), date(2026, 1, 8))
        store.undo(pid, AT.format(8), date(2026, 1, 8))  # an undo entry pointing at a batch
        store.add_log(pid, date(2026, 1, 6), 90, "theory", "ml-basics", "ISLR, chapter 2", AT.format(6), date(2026, 1, 6))
        gone = store.add_log(pid, date(2026, 1, 7), 30, "coding", None, None, AT.format(7), date(2026, 1, 7))
        store.delete_log(pid, gone.id, AT.format(7), date(2026, 1, 7))
        store.add_log(pid, date(2026, 1, 9), 45, "updates", None, "arXiv", AT.format(9), date(2026, 1, 9))
        store.add_revision(pid, "pause", date(2026, 2, 2), 7, AT.format(10), date(2026, 1, 10),
                           pause_from=date(2026, 2, 2), pause_to=date(2026, 2, 8), reason="exams")
        store.add_note(pid, "ml-basics", "Bias/variance: [bold]not[/] markup, 日本語も", AT.format(11), date(2026, 1, 11))
        store.record_lookup(pid, "overfitting", "over fitting", AT.format(11), date(2026, 1, 11))
        with store.transaction() as conn:
            conn.execute(
                "INSERT INTO review_cards (profile_id, concept, card, due, state, introduced_day) VALUES (?, ?, ?, ?, ?, ?)",
                (pid, "overfitting", json.dumps({"stability": 2.5, "difficulty": 5.1}), "2026-01-14T11:00:00+00:00", "review", "2026-01-11"),
            )
            conn.execute(
                "INSERT INTO reviews (profile_id, concept, rating, at, day, due_after) VALUES (?, ?, ?, ?, ?, ?)",
                (pid, "overfitting", 3, AT.format(11), "2026-01-11", "2026-01-14T11:00:00+00:00"),
            )
    finally:
        store.close()


def dump(db_path) -> list[str]:
    conn = sqlite3.connect(db_path)
    try:
        return list(conn.iterdump())
    finally:
        conn.close()


def without_stamp(doc: dict) -> dict:
    return {k: v for k, v in doc.items() if k != "exported_at"}


def report(sp) -> dict:
    return json.loads(sp("report", "--month", "--date", "2026-01-20", "--format", "json").stdout)


# -- the schema is covered ------------------------------------------------------------------------
def test_every_table_of_the_schema_is_exported_and_has_a_merge_policy(sp, db_path):
    sp("init", "--start", "2026-01-05")
    conn = sqlite3.connect(db_path)
    tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")}
    conn.close()
    tables.discard("profiles")
    # A table computed from others (kept by triggers) is left out: its source tables carry it.
    assert store_backup.DERIVED <= tables
    tables -= store_backup.DERIVED
    # A new migration's table must be named in MERGE_POLICY (decide how it merges) ...
    assert tables == set(store_backup.MERGE_POLICY)
    # ... and every table is in the export, with every column but profile_id.
    doc = json.loads(sp("export").stdout)
    assert set(doc["tables"]) == tables
    assert doc["schema_version"] == SCHEMA_VERSION


def test_a_table_added_by_a_migration_is_exported_without_being_listed(sp, db_path, tmp_path):
    sp("init", "--start", "2026-01-05")
    conn = sqlite3.connect(db_path)
    conn.execute("CREATE TABLE goals (id INTEGER PRIMARY KEY, profile_id INTEGER NOT NULL REFERENCES profiles(id), text TEXT NOT NULL)")
    conn.execute("INSERT INTO goals (profile_id, text) VALUES (1, 'finish the ML basics')")
    conn.commit()
    conn.close()
    doc = json.loads(sp("export").stdout)
    assert doc["tables"]["goals"] == [{"id": 1, "text": "finish the ML basics"}]


# -- round trip -----------------------------------------------------------------------------------------
def test_export_then_import_into_an_empty_home_reproduces_everything(sp, db_path, tmp_path, monkeypatch):
    build_profile(sp, db_path)
    backup = tmp_path / "backup.json"
    summary = sp("export", "--output", str(backup)).stdout
    assert "プロフィール default (ml-dl-gpt) を書き出しました" in summary and str(backup) in summary  # the profile speaks ja
    exported = json.loads(backup.read_text(encoding="utf-8"))
    assert exported["format"] == "studyplan-export" and exported["version"] == 1
    assert {t: len(rows) for t, rows in exported["tables"].items()} == {
        "statuses": 4, "journal": 12, "activity": 5, "time_log": 3, "lookups": 1,
        "plan_revisions": 1, "review_cards": 1, "reviews": 1, "notes": 1, "focus": 0,
    }
    assert without_stamp(json.loads(sp("export").stdout)) == without_stamp(exported)  # stdout and file agree
    plan_before, report_before = sp.json("plan"), report(sp)

    monkeypatch.setenv("STUDYPLAN_HOME", str(tmp_path / "fresh"))
    result = sp.json("import", str(backup))
    assert result["profile"] == "default" and result["profile_action"] == "created"
    assert all(t["added"] == t["in_file"] for t in result["tables"])

    assert sp.json("plan") == plan_before
    assert report(sp) == report_before
    assert without_stamp(json.loads(sp("export").stdout)) == without_stamp(exported)


def test_undo_after_import_still_reverts_the_right_rows(sp, db_path, tmp_path, monkeypatch):
    build_profile(sp, db_path)
    backup = tmp_path / "b.json"
    sp("export", "-o", str(backup))
    monkeypatch.setenv("STUDYPLAN_HOME", str(tmp_path / "other"))
    # Another learner first, so the imported ids are taken and must be renumbered.
    sp("--profile", "zoe", "init", "--start", "2026-01-05")
    other = tmp_path / "other" / "studyplan.db"
    store = _store(other)
    zoe = store.profile("zoe").id
    for i in range(3):
        store.add_log(zoe, date(2026, 1, 5), 10 + i, "theory", None, None, AT.format(5), date(2026, 1, 5))
    store.add_note(zoe, "ml-basics", "zoe's note", AT.format(5), date(2026, 1, 5))
    store.close()
    sp("--profile", "ada", "import", str(backup))
    conn = sqlite3.connect(other)
    ada = conn.execute("SELECT id FROM profiles WHERE name = 'ada'").fetchone()[0]
    note_id = conn.execute("SELECT id FROM notes WHERE profile_id = ?", (ada,)).fetchone()[0]
    target = conn.execute("SELECT target FROM journal WHERE profile_id = ? AND action = 'note-add'", (ada,)).fetchone()[0]
    conn.close()
    assert target == str(note_id) and note_id != 1  # renumbered, and the journal followed
    sp("--profile", "ada", "undo")  # the newest batch: the note
    conn = sqlite3.connect(other)
    assert conn.execute("SELECT deleted FROM notes WHERE id = ?", (note_id,)).fetchone()[0] == 1
    assert conn.execute("SELECT deleted FROM notes WHERE profile_id = ?", (zoe,)).fetchone()[0] == 0
    conn.close()


# -- refusals leave the store unchanged ----------------------------------------------------------------------
@pytest.fixture
def exported(sp, db_path, tmp_path):
    build_profile(sp, db_path)
    path = tmp_path / "good.json"
    sp("export", "-o", str(path))
    sp("done", "dl-intro")  # the store now differs from the file
    return path


def _refused(sp, db_path, path, *args: str):
    before = dump(db_path)
    result = sp("--lang", "en", "import", str(path), *args, ok=False)  # the profile is Japanese: its errors would be too
    assert result.exit_code == 2, result.stderr
    assert "Traceback" not in result.stderr and result.stdout == ""
    assert dump(db_path) == before
    return result.stderr


def test_a_truncated_file_is_refused_with_its_position(sp, db_path, exported, tmp_path):
    bad = tmp_path / "truncated.json"
    text = exported.read_text(encoding="utf-8")
    bad.write_text(text[: len(text) // 2], encoding="utf-8")
    err = _refused(sp, db_path, bad, "--replace")
    assert f"{bad}:" in err and "not valid JSON" in err and "nothing was changed" in err


def test_a_bad_row_deep_in_the_file_is_refused_before_anything_is_written(sp, db_path, exported, tmp_path):
    doc = json.loads(exported.read_text(encoding="utf-8"))
    doc["tables"]["notes"][0]["day"] = "2026-13-45"
    doc["tables"]["time_log"][1]["minutes"] = "half an hour"
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps(doc), encoding="utf-8")
    err = _refused(sp, db_path, bad, "--replace")
    assert "$.tables.time_log[1].minutes: must be a whole number, not the text 'half an hour'" in err
    assert "$.tables.notes[0].day: must be a date (YYYY-MM-DD)" in err
    assert "(2 problems); nothing was changed" in err


def test_a_file_from_a_newer_studyplan_is_refused(sp, db_path, exported, tmp_path):
    doc = json.loads(exported.read_text(encoding="utf-8"))
    for key, value in (("version", 2), ("schema_version", SCHEMA_VERSION + 1)):
        newer = tmp_path / f"newer-{key}.json"
        newer.write_text(json.dumps({**doc, key: value}), encoding="utf-8")
        err = _refused(sp, db_path, newer, "--replace")
        assert "written by a newer studyplan" in err and "upgrade" in err


def test_other_files_are_refused(sp, db_path, exported, tmp_path):
    cases = {
        "list.json": "[1, 2]",
        "other.json": '{"format": "something-else", "version": 1}',
        "nan.json": exported.read_text(encoding="utf-8").replace('"months": 9', '"months": NaN'),
        "latin1.json": "caf\xe9",
    }
    for name, text in cases.items():
        path = tmp_path / name
        path.write_bytes(text.encode("latin-1") if name == "latin1.json" else text.encode("utf-8"))
        _refused(sp, db_path, path, "--replace")
    assert "no such file" in _refused(sp, db_path, tmp_path / "missing.json")


def test_a_failure_while_writing_rolls_everything_back(sp, db_path, exported, monkeypatch):
    def boom(self, spec, change):  # noqa: ANN001
        raise RuntimeError("disk on fire")

    monkeypatch.setattr(store_backup.Importer, "journal", boom)
    before = dump(db_path)
    result = sp("import", str(exported), "--replace", ok=False)
    assert result.exit_code == 70 and "内部エラー" in result.stderr  # the profile is Japanese: so is the message
    assert dump(db_path) == before


def test_import_into_a_profile_with_progress_needs_a_mode(sp, db_path, exported):
    err = _refused(sp, db_path, exported)
    assert "already has progress" in err and "--replace" in err and "--merge" in err
    err = _refused(sp, db_path, exported, "--replace", "--merge")
    assert "exclude each other" in err


def test_dry_run_reports_and_writes_nothing(sp, db_path, exported):
    before = dump(db_path)
    data = sp.json("import", str(exported), "--replace", "--dry-run")
    assert data["dry_run"] is True and data["profile_action"] == "replaced"
    statuses = next(t for t in data["tables"] if t["table"] == "statuses")
    assert statuses["deleted"] == 5 and statuses["added"] == 4
    assert "Dry run: nothing was changed" in sp("import", str(exported), "--merge", "--dry-run").stdout
    assert dump(db_path) == before


def test_replace_restores_the_file_exactly(sp, db_path, exported):
    sp("import", str(exported), "--replace")
    doc = json.loads(exported.read_text(encoding="utf-8"))
    assert without_stamp(json.loads(sp("export").stdout)) == without_stamp(doc)


# -- merge --------------------------------------------------------------------------------------------------------
def test_merging_the_same_file_twice_changes_nothing(sp, db_path, exported):
    sp("import", str(exported), "--merge")
    once = dump(db_path)
    data = sp.json("import", str(exported), "--merge")
    assert all(t["added"] == 0 and t["updated"] == 0 for t in data["tables"])
    assert dump(db_path) == once


def test_merge_keeps_newer_statuses_appends_logs_and_offsets_batches(sp, db_path, tmp_path, monkeypatch):
    # The file: one status set late, one set early, and a log.
    build_profile(sp, db_path)
    store = _store(db_path)
    pid = store.profile("default").id
    store.set_statuses(pid, ["dl-intro/neural-networks"], "done", "2026-03-01T09:00:00+09:00", date(2026, 3, 1))
    store.close()
    backup = tmp_path / "laptop.json"
    sp("export", "-o", str(backup))

    monkeypatch.setenv("STUDYPLAN_HOME", str(tmp_path / "desktop"))
    desktop = tmp_path / "desktop" / "studyplan.db"
    sp("init", "--start", "2026-01-05", "--months", "12")
    store = _store(desktop)
    pid = store.profile("default").id
    # Newer here than in the file: kept. Older here: the file wins.
    store.set_statuses(pid, ["ml-basics/definition"], "in-progress", "2026-02-01T08:00:00+09:00", date(2026, 2, 1))
    store.set_statuses(pid, ["dl-intro/neural-networks"], "in-progress", "2026-02-01T08:00:00+09:00", date(2026, 2, 1))
    store.add_log(pid, date(2026, 2, 1), 60, "coding", None, "desktop", "2026-02-01T08:00:00+09:00", date(2026, 2, 1))
    batches_before = store.journal_count(pid)
    store.close()

    data = sp.json("import", str(backup), "--merge")
    assert data["profile_action"] == "kept"
    conn = sqlite3.connect(desktop)
    statuses = dict(conn.execute("SELECT ref, status FROM statuses"))
    assert statuses["ml-basics/definition"] == "in-progress"  # ours is newer
    assert statuses["dl-intro/neural-networks"] == "done"  # theirs is newer
    assert statuses["ml-basics/iris"] == "skipped"  # only theirs
    assert conn.execute("SELECT months FROM profiles").fetchone()[0] == 12  # settings kept
    notes = [n for (n,) in conn.execute("SELECT note FROM time_log ORDER BY id")]
    assert notes == ["desktop", "ISLR, chapter 2", None, "arXiv"]
    batches = [b for (b,) in conn.execute("SELECT batch FROM journal ORDER BY id")]
    assert len(batches) == batches_before + 13 and batches == sorted(batches)  # file batches follow ours
    conn.close()
    out = sp("undo").stdout  # the newest batch is the file's last change (todo -> done), as the file recorded it
    assert "dl-intro/neural-networks" in out
    assert "dl-intro/neural-networks" not in dict(sqlite3.connect(desktop).execute("SELECT ref, status FROM statuses"))


def test_import_warns_about_a_curriculum_that_is_not_here(sp, db_path, tmp_path):
    sp("init", "--start", "2026-01-05")
    doc = json.loads(sp("export").stdout)
    doc["profile"]["curriculum"] = "/nowhere/my-course"
    path = tmp_path / "elsewhere.json"
    path.write_text(json.dumps(doc), encoding="utf-8")
    data = sp.json("--profile", "sam", "import", str(path))
    assert data["profile"] == "sam" and any("/nowhere/my-course" in w for w in data["warnings"])


# -- validation (pure) --------------------------------------------------------------------------------------------
@pytest.fixture
def specs(db_path):
    store = _store(db_path)
    try:
        return store_backup.table_specs(store)
    finally:
        store.close()


def _doc(**changes):
    doc = {
        "format": "studyplan-export", "version": 1, "schema_version": SCHEMA_VERSION, "exported_at": "2026-01-01T00:00:00+00:00",
        "profile": {"name": "default", "curriculum": "ml-dl-gpt", "start_date": "2026-01-05", "months": 12,
                    "weekly_hours": None, "lang": None, "created_at": "2026-01-01T00:00:00+00:00"},
        "tables": {t: [] for t in store_backup.MERGE_POLICY},
    }
    doc.update(changes)
    return doc


def test_validation_names_every_problem_by_its_json_path(specs):
    profile_spec, tables = specs
    doc = _doc()
    doc["profile"]["months"] = 40
    doc["profile"]["extra"] = 1
    doc["tables"]["statuses"] = [
        {"ref": "ml-basics", "status": "done", "updated_at": "2026-01-02T00:00:00+00:00"},
        {"ref": "ml-basics", "status": "done", "updated_at": "2026-01-02T00:00:00+00:00"},
        {"ref": "x", "status": "finished", "updated_at": "yesterday", "colour": "red"},
    ]
    doc["tables"]["reviews"] = [{"id": True, "concept": "x", "rating": 7, "at": "2026-01-02T00:00:00", "day": "2026-01-02", "due_after": "x"}]
    doc["tables"]["bogus"] = []
    del doc["tables"]["notes"]
    with pytest.raises(ExportInvalid) as err:
        validate(doc, tables, profile_spec, SCHEMA_VERSION)
    problems = err.value.problems
    expected = [
        "$.profile.extra: unknown setting",
        "$.profile.months: must be 6 to 12, not 40",
        "$.tables.statuses[1]: duplicate row (ref 'ml-basics'; first at $.tables.statuses[0])",
        "$.tables.statuses[2].colour: unknown column",
        "$.tables.statuses[2].status: must be in-progress, done or skipped",
        "$.tables.statuses[2].updated_at: must be an ISO 8601 timestamp",
        "$.tables.reviews[0].id: must be a whole number, not true/false",
        "$.tables.reviews[0].rating: must be 1 to 4, not 7",
        "$.tables.bogus: unknown table",
        "$.tables.notes: missing",
    ]
    for e in expected:
        assert any(p.startswith(e) for p in problems), (e, problems)


def test_validation_refuses_newer_versions_before_anything_else(specs):
    profile_spec, tables = specs
    with pytest.raises(ExportTooNew, match="written by a newer studyplan.*upgrade"):
        validate(_doc(version=2, tables="garbage"), tables, profile_spec, SCHEMA_VERSION)
    with pytest.raises(ExportInvalid, match=r"\$\.format: not a studyplan export"):
        validate({"format": "other"}, tables, profile_spec, SCHEMA_VERSION)
    # A file from an older schema may lack the tables added since.
    old = _doc(schema_version=SCHEMA_VERSION - 1)
    del old["tables"]["notes"]
    assert validate(old, tables, profile_spec, SCHEMA_VERSION).tables["notes"] == []


def test_table_spec_from_the_schema(specs):
    _, tables = specs
    assert isinstance(tables["time_log"], TableSpec)
    assert tables["time_log"].id_keyed and tables["time_log"].key == ("id",)
    assert "deleted" not in tables["time_log"].content and "profile_id" not in tables["time_log"].names
    assert tables["statuses"].key == ("ref",) and not tables["statuses"].id_keyed


def test_values_sqlite_cannot_store_are_problems_not_crashes(specs):
    profile_spec, tables = specs
    doc = _doc()
    doc["tables"]["notes"] = [{"id": 2**70, "ref": "ml-basics", "text": "bad \ud800 text", "at": "2026-01-02T00:00:00+00:00", "day": "2026-01-02"}]
    with pytest.raises(ExportInvalid) as err:
        validate(doc, tables, profile_spec, SCHEMA_VERSION)
    assert any(p.startswith("$.tables.notes[0].id: must fit in 64 bits") for p in err.value.problems)
    assert any(p.startswith("$.tables.notes[0].text: must be valid Unicode text") for p in err.value.problems)


def test_the_runs_of_active_days_come_back_with_an_import_without_being_exported(sp, db_path, tmp_path):
    """activity_runs is derived: an export leaves it out, and an import rebuilds it from the days."""
    sp("init", "--start", "2026-01-05")
    for day in ("2026-01-05", "2026-01-06", "2026-01-08"):
        sp("log", "20m", "--date", day)
    doc = json.loads(sp("export").stdout)
    assert "activity_runs" not in doc["tables"]
    (tmp_path / "b.json").write_text(json.dumps(doc), encoding="utf-8")
    sp("init", "--profile", "other", "--start", "2026-01-05")
    sp("--profile", "copy", "import", str(tmp_path / "b.json"))
    conn = sqlite3.connect(db_path)
    runs = conn.execute("SELECT r.first, r.last FROM activity_runs r JOIN profiles p ON p.id = r.profile_id "
                        "WHERE p.name = 'copy' ORDER BY r.first").fetchall()
    conn.close()
    assert runs == [("2026-01-05", "2026-01-06"), ("2026-01-08", "2026-01-08")]
    assert "best 2" in " ".join(sp("--profile", "copy", "report", "--week", "--date", "2026-01-08").stdout.split())
