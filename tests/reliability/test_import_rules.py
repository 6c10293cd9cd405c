"""Issue "nothing lost, nothing let in", point 9: an imported value passes the rules of the
command that would have made it.

Import used to take revision days of ±10⁹ (then every command overflowed), a start on
9999-12-31, dates written 20261201, journal rows pointing at rows that do not exist
(then `undo` crashed) and pauses that overlap, in the file or (through --merge) with
the profile's own. Each is refused with one line per problem, naming its JSON path,
and nothing is changed.
"""

from __future__ import annotations

import copy
import json
import sqlite3
from pathlib import Path

import pytest

from tests.reliability.conftest import snapshot

PAUSE = {"at": "2026-01-10T20:00:00+09:00", "kind": "pause", "anchor": "2026-02-02", "days": 7,
         "pause_from": "2026-02-02", "pause_to": "2026-02-08", "reason": "exams", "cancelled": 0}


@pytest.fixture
def exported(sp, tmp_path, frozen) -> dict:
    """A small profile touching the tables the rules are about (a status, a log, a note, a pause, an undo)."""
    frozen("2026-01-10")
    sp("init", "--start", "2026-01-05")
    sp("done", "ml-basics/definition")
    sp("log", "45m", "--note", "ISLR")
    sp("note", "ml-basics", "bias and variance")
    sp("pause", "--from", "2026-02-02", "--to", "2026-02-08", "--reason", "exams")
    sp("done", "ml-basics/types-of-ml")
    sp("undo")
    out = tmp_path / "good.json"
    sp("export", "--output", str(out))
    return json.loads(out.read_text(encoding="utf-8"))


def _write(tmp_path: Path, doc: dict, name: str = "edited.json") -> Path:
    path = tmp_path / name
    path.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    return path


def _refused(sp, db_path, path: Path, *args: str, profile: str = "other") -> list[str]:
    before = snapshot(db_path)
    result = sp("--profile", profile, "import", str(path), *args, ok=False)
    assert result.exit_code == 2, (result.exit_code, result.stdout, result.stderr)
    assert "Traceback" not in result.stderr and "internal error" not in result.stderr, result.stderr
    assert result.stdout == ""
    lines = result.stderr.strip().splitlines()
    assert lines and all(line.startswith("studyplan: ") for line in lines), result.stderr
    assert snapshot(db_path) == before
    return lines


def _journal(doc: dict, action: str) -> dict:
    return next(r for r in doc["tables"]["journal"] if r["action"] == action)


def _edit_pause_days(doc, v):
    doc["tables"]["plan_revisions"][0]["days"] = v


CASES = {
    # name: (edit, JSON path in the message, words in the message)
    "revision-days-huge": (lambda d: _edit_pause_days(d, 10**9), "$.tables.plan_revisions[0].days", "days"),
    "revision-days-negative": (lambda d: _edit_pause_days(d, -10**9), "$.tables.plan_revisions[0].days", "days"),
    "replan-days-huge": (lambda d: d["tables"]["plan_revisions"].append(
        {**PAUSE, "id": 50, "kind": "replan", "anchor": "2026-03-01", "days": 10**9, "pause_from": None, "pause_to": None, "reason": "x"}),
        "$.tables.plan_revisions[1].days", "days"),
    "replan-days-zero": (lambda d: d["tables"]["plan_revisions"].append(
        {**PAUSE, "id": 50, "kind": "replan", "anchor": "2026-03-01", "days": 0, "pause_from": None, "pause_to": None, "reason": "x"}),
        "$.tables.plan_revisions[1].days", "days"),
    "pause-days-disagree-with-its-dates": (lambda d: _edit_pause_days(d, 8), "$.tables.plan_revisions[0].days", "2026-02-02"),
    "pause-longer-than-a-year": (lambda d: d["tables"]["plan_revisions"][0].update(pause_to="2027-12-31", days=699),
                                 "$.tables.plan_revisions[0]", "year"),
    "pause-ends-before-it-starts": (lambda d: d["tables"]["plan_revisions"][0].update(pause_to="2026-01-01"),
                                    "$.tables.plan_revisions[0]", "before"),
    "start-date-9999": (lambda d: d["profile"].update(start_date="9999-12-31"), "$.profile.start_date", "2999-12-31"),
    "start-date-year-1": (lambda d: d["profile"].update(start_date="0001-01-01"), "$.profile.start_date", "1900-01-01"),
    "date-without-dashes": (lambda d: d["tables"]["notes"][0].update(day="20261201"), "$.tables.notes[0].day", "YYYY-MM-DD"),
    "date-with-week-number": (lambda d: d["tables"]["activity"][0].update(day="2026-W01-1"), "$.tables.activity[0].day", "YYYY-MM-DD"),
    "timestamp-without-dashes": (lambda d: d["tables"]["notes"][0].update(at="20261201T120000"), "$.tables.notes[0].at", "timestamp"),
    "timestamp-in-year-9999": (lambda d: d["tables"]["notes"][0].update(at="9999-12-31T23:59:59-12:00"), "$.tables.notes[0].at", "2999"),
    "months": (lambda d: d["profile"].update(months=13), "$.profile.months", "6 to 12"),
    "hours": (lambda d: d["profile"].update(weekly_hours=0), "$.profile.weekly_hours", "1 to 100"),
    "minutes-more-than-a-day": (lambda d: d["tables"]["time_log"][0].update(minutes=100_000), "$.tables.time_log[0].minutes", "1440"),
    "journal-target-no-such-note": (lambda d: _journal(d, "note-add").update(target="999"), "$.tables.journal[", "no row"),
    "journal-target-not-a-number": (lambda d: _journal(d, "log-add").update(target="abc"), "$.tables.journal[", "target"),
    "journal-undo-of-no-batch": (lambda d: _journal(d, "undo").update(target="999"), "$.tables.journal[", "batch"),
    "journal-unknown-action": (lambda d: _journal(d, "pause").update(action="explode"), "$.tables.journal[", "action"),
    "journal-status-garbage": (lambda d: _journal(d, "status").update(before="finished"), "$.tables.journal[", "before"),
    "overlapping-pauses-in-the-file": (lambda d: d["tables"]["plan_revisions"].append(
        {**PAUSE, "id": 50, "anchor": "2026-02-05", "pause_from": "2026-02-05", "pause_to": "2026-02-10", "days": 6}),
        "$.tables.plan_revisions[1]", "overlaps"),
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_a_value_the_commands_would_not_make_is_refused_and_nothing_changes(sp, db_path, tmp_path, exported, case):
    edit, where, words = CASES[case]
    doc = copy.deepcopy(exported)
    edit(doc)
    lines = _refused(sp, db_path, _write(tmp_path, doc))
    assert any(where in line and words in line for line in lines), lines


def test_the_unedited_file_imports(sp, db_path, tmp_path, exported):
    data = sp.json("--profile", "other", "import", str(_write(tmp_path, exported)))
    assert all(t["added"] == t["in_file"] for t in data["tables"])
    sp("--profile", "other", "undo")  # the file's journal still works


def test_every_problem_gets_its_own_line(sp, db_path, tmp_path, exported):
    doc = copy.deepcopy(exported)
    doc["profile"]["start_date"] = "9999-12-31"
    doc["tables"]["plan_revisions"][0]["days"] = 10**9
    _journal(doc, "note-add")["target"] = "999"
    lines = _refused(sp, db_path, _write(tmp_path, doc))
    assert any("$.profile.start_date" in line for line in lines)
    assert any("$.tables.plan_revisions[0].days" in line for line in lines)
    assert any("$.tables.journal[" in line and "target" in line for line in lines)
    assert "3 problems" in lines[-1] and "nothing was changed" in lines[-1], lines


def test_undo_after_an_import_never_crashes(sp, db_path, tmp_path, exported):
    """The journal import accepts can always be undone, batch by batch."""
    sp("--profile", "other", "import", str(_write(tmp_path, exported)))
    for _ in range(len({r["batch"] for r in exported["tables"]["journal"]}) + 1):
        result = sp("--profile", "other", "undo", ok=False)
        assert result.exit_code in (0, 1) and "internal error" not in result.stderr, result.stderr


# -- --merge: the profile's own pauses count too --------------------------------------------------------
def _pause_profile(sp, name: str, start: str, end: str) -> None:
    sp("--profile", name, "init", "--start", "2026-01-05")
    sp("--profile", name, "pause", "--from", start, "--to", end)


def test_merge_refuses_a_pause_that_overlaps_one_the_profile_has(sp, db_path, tmp_path, exported):
    _pause_profile(sp, "mine", "2026-02-05", "2026-02-12")  # overlaps the file's 02-02 → 02-08
    lines = _refused(sp, db_path, _write(tmp_path, exported), "--merge", profile="mine")
    assert any("$.tables.plan_revisions[0]" in line and "overlaps" in line and "2026-02-05" in line for line in lines), lines


def test_merge_takes_a_pause_that_does_not_overlap(sp, db_path, tmp_path, exported):
    _pause_profile(sp, "mine", "2026-03-01", "2026-03-05")
    sp("--profile", "mine", "import", str(_write(tmp_path, exported)), "--merge")
    conn = sqlite3.connect(db_path)
    pid = conn.execute("SELECT id FROM profiles WHERE name = 'mine'").fetchone()[0]
    pauses = sorted(conn.execute("SELECT pause_from FROM plan_revisions WHERE profile_id = ? AND kind = 'pause'", (pid,)))
    conn.close()
    assert pauses == [("2026-02-02",), ("2026-03-01",)]


def test_merging_the_same_pause_again_is_not_an_overlap(sp, db_path, tmp_path, exported):
    path = _write(tmp_path, exported)
    sp("--profile", "mine", "import", str(path))
    data = sp.json("--profile", "mine", "import", str(path), "--merge")
    assert all(t["added"] == 0 for t in data["tables"]), data


def test_a_cancelled_pause_never_overlaps(sp, db_path, tmp_path, exported):
    doc = copy.deepcopy(exported)
    doc["tables"]["plan_revisions"].append({**PAUSE, "id": 50, "anchor": "2026-02-05", "pause_from": "2026-02-05",
                                             "pause_to": "2026-02-10", "days": 6, "cancelled": 1})
    sp("--profile", "other", "import", str(_write(tmp_path, doc)))


def test_undo_survives_a_journal_target_an_older_import_let_in(sp, db_path, frozen):
    frozen("2026-01-10")
    sp("init", "--start", "2026-01-05")
    sp("log", "30m")
    conn = sqlite3.connect(db_path)
    conn.execute("UPDATE journal SET target = 'abc' WHERE action = 'log-add'")
    conn.commit()
    conn.close()
    result = sp("undo", ok=False)
    assert result.exit_code == 0 and "internal error" not in result.stderr, result.stderr
