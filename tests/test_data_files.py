"""Files people move (issue 16): the report's file format follows its name, export never
overwrites by surprise, the import refusal suggests a new dated file, `log --week` lists,
and `read` alone lists the readings."""

from __future__ import annotations

import csv
import io
import json

import pytest


@pytest.fixture
def learner(sp, frozen):
    frozen("2026-03-04")
    sp("init", "--start", "2026-01-05")
    sp("done", "ml-basics")
    sp("log", "1h30m", "--kind", "coding", "--date", "2026-03-03")
    sp("log", "40m", "--date", "2026-02-20")
    return sp


# -- report --output: the extension picks the format ----------------------------------------
def test_report_to_a_markdown_file_writes_markdown_not_terminal_text(learner, tmp_path):
    target = tmp_path / "r.md"
    result = learner("report", "--output", str(target))
    text = target.read_text(encoding="utf-8")
    assert text.startswith("# ") and "| --- |" in text
    assert not any(ch in text for ch in "┏┃━│"), "box drawing is terminal text, not Markdown"
    assert str(target) in result.stdout


def test_report_to_a_json_file_writes_the_json_document(learner, tmp_path):
    target = tmp_path / "week.JSON"
    learner("report", "-o", str(target))
    document = json.loads(target.read_text(encoding="utf-8"))
    assert document["json_version"] == 1 and document["kind"] == "week" and document["total_hours"] == 1.5


def test_report_to_a_csv_file_writes_rows_the_csv_module_reads(learner, tmp_path):
    target = tmp_path / "week.csv"
    learner("report", "-o", str(target))
    rows = list(csv.DictReader(io.StringIO(target.read_text(encoding="utf-8"))))
    assert rows and rows[0]["section"] in ("hours", "items")
    assert {r["id"] for r in rows if r["section"] == "hours"} >= {"theory", "coding"}


def test_report_to_a_text_file_writes_the_view_as_plain_text(learner, tmp_path):
    target = tmp_path / "week.txt"
    learner("report", "-o", str(target))
    text = target.read_text(encoding="utf-8")
    assert "\x1b[" not in text and not text.startswith("# ") and "coding" in text.lower()


def test_an_explicit_format_wins_over_the_extension(learner, tmp_path):
    target = tmp_path / "notes.txt"
    learner("report", "--format", "markdown", "-o", str(target))
    assert target.read_text(encoding="utf-8").startswith("# ")
    learner("report", "--json", "-o", str(tmp_path / "r.md"))
    assert json.loads((tmp_path / "r.md").read_text(encoding="utf-8"))["json_version"] == 1


def test_an_unknown_extension_falls_back_to_report_format(learner, tmp_path, monkeypatch):
    monkeypatch.setenv("STUDYPLAN_REPORT_FORMAT", "markdown")
    target = tmp_path / "report.out"
    learner("report", "-o", str(target))
    assert target.read_text(encoding="utf-8").startswith("# ")


# -- export: never over an existing file without --force ------------------------------------
def test_export_refuses_to_overwrite_a_file_without_force(learner, tmp_path):
    target = tmp_path / "backup.json"
    target.write_text("my only copy\n", encoding="utf-8")
    refused = learner("export", "-o", str(target), ok=False)
    assert refused.exit_code == 2 and refused.stdout == ""
    line = refused.stderr.strip()
    assert len(line.splitlines()) == 1 and "--force" in line and str(target) in line
    assert "studyplan-backup-2026-03-04.json" in line
    assert target.read_text(encoding="utf-8") == "my only copy\n"  # untouched


def test_export_with_force_replaces_the_file(learner, tmp_path):
    target = tmp_path / "backup.json"
    target.write_text("old\n", encoding="utf-8")
    learner("export", "-o", str(target), "--force")
    assert json.loads(target.read_text(encoding="utf-8"))["format"] == "studyplan-export"
    learner("export", "-o", str(tmp_path / "new.json"))  # a new file needs no --force
    assert (tmp_path / "new.json").exists()


# -- import: the refusal suggests a new, dated file -----------------------------------------
def test_the_import_refusal_suggests_a_dated_backup_not_backup_json(learner, tmp_path):
    backup = tmp_path / "backup.json"
    learner("export", "-o", str(backup))
    refused = learner("import", str(backup), ok=False)
    assert refused.exit_code == 2
    message = refused.stderr.strip()
    assert "`studyplan export -o studyplan-backup-2026-03-04.json`" in message
    assert "-o backup.json" not in message


def test_the_suggested_name_is_never_the_file_being_restored(learner, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    learner("export", "-o", "studyplan-backup-2026-03-04.json")
    refused = learner("import", "studyplan-backup-2026-03-04.json", ok=False)
    assert "`studyplan export -o studyplan-backup-2026-03-04-before-import.json`" in refused.stderr


# -- log --week / --month list the entries ---------------------------------------------------
def test_log_week_without_list_lists_this_weeks_entries(learner):
    week = learner.json("log", "--week")
    assert week == learner.json("log", "--list", "--week")
    assert [e["minutes"] for e in week["entries"]] == [90]
    month = learner.json("log", "--month")
    assert sorted(e["minutes"] for e in month["entries"]) == [90]
    assert "2026-03-03\t1h30m\tcoding" in learner("log", "--week", "--plain").stdout


def test_week_with_a_duration_is_refused_in_one_line(learner):
    refused = learner("log", "30m", "--week", ok=False)
    assert refused.exit_code == 2 and len(refused.stderr.strip().splitlines()) == 1
    assert len(learner.json("log", "--list")["entries"]) == 2  # nothing was logged


# -- read alone lists the readings ------------------------------------------------------------
def test_read_without_a_reading_lists_them(learner):
    out = learner("read").stdout
    assert "pace-of-progress" in out and "staying-current" in out
    listing = learner.json("read")
    assert listing["readings"][0] == {"id": "pace-of-progress", "module": "staying-current",
                                      "title": "The exponential acceleration of LLM performance improvement"}
    assert learner.json("read", "--list") == listing
    rows = learner("read", "--plain").stdout.splitlines()
    assert rows[0].split("\t") == ["id", "module", "title"] and rows[1].startswith("pace-of-progress\t")
    assert "LLM" in learner("read", "--lang", "ja").stdout


def test_read_with_a_reading_still_reads_it_and_list_with_one_is_refused(learner):
    assert learner.json("read", "pace-of-progress")["id"] == "pace-of-progress"
    refused = learner("read", "pace-of-progress", "--list", ok=False)
    assert refused.exit_code == 2 and len(refused.stderr.strip().splitlines()) == 1
