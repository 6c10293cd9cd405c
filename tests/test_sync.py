"""studyplan sync: two and three homes (separate STUDYPLAN_HOME folders) and one folder between them."""

from __future__ import annotations

import json
import os
import shutil
import sqlite3
import subprocess
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
import time_machine
from typer.testing import CliRunner

from studyplan.cli import app
from studyplan.domain import review as rv
from studyplan.domain.import_rules import JOURNAL_TARGETS

START = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)


class Homes:
    """Several devices, each its own STUDYPLAN_HOME, sharing one sync folder; one clock for all,
    a minute further on for every command (``at=`` sets it), so the order of changes is known."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.folder = root / "folder"
        self.runner = CliRunner()
        self.clock = START

    def home(self, name: str) -> Path:
        return self.root / name

    def __call__(self, name: str, *args: str, at: datetime | None = None, input: str | None = None, ok: bool = True, **env: str):
        self.clock = at if at is not None else self.clock + timedelta(minutes=1)
        with time_machine.travel(self.clock, tick=False):
            result = self.runner.invoke(app, list(args), env={"STUDYPLAN_HOME": str(self.home(name)), **env}, input=input, catch_exceptions=False)
        if ok:
            assert result.exit_code == 0, f"{name} {args}: exit {result.exit_code}\nstdout: {result.stdout}\nstderr: {result.stderr}"
        return result

    def sync(self, name: str, **kw):
        return self(name, "sync", str(self.folder), **kw)

    def export(self, name: str) -> dict:
        return json.loads(self(name, "export").stdout)

    def db(self, name: str) -> sqlite3.Connection:
        return sqlite3.connect(self.home(name) / "studyplan.db")

    def statuses(self, name: str) -> dict[str, str]:
        with self.db(name) as conn:
            return dict(conn.execute("SELECT ref, status FROM statuses"))


def normalized(doc: dict) -> dict:
    """An export without what differs between devices by construction: local ids and batch numbers
    (rows are named by their sync_id, batches by their first entry's, journal targets likewise)."""
    tables = doc["tables"]
    gid = {name: {r["id"]: r.get("sync_id") for r in rows} for name, rows in tables.items() if rows and "id" in rows[0]}
    batches: dict[int, list[str]] = {}
    for r in tables["journal"]:
        batches.setdefault(r["batch"], []).append(r["sync_id"])
    label = {b: min(ids) for b, ids in batches.items()}
    out: dict = {"profile": doc["profile"]}
    for name, rows in tables.items():
        clean = []
        for r in rows:
            r = {k: v for k, v in r.items() if k != "id"}
            if name == "journal":
                r["batch"] = label[r["batch"]]
                if r["action"] == "undo":
                    r["target"] = label[int(r["target"])]
                elif r["action"] in JOURNAL_TARGETS:
                    r["target"] = gid[JOURNAL_TARGETS[r["action"]]][int(r["target"])]
            clean.append(r)
        out[name] = sorted(clean, key=lambda r: json.dumps(r, sort_keys=True))
    return out


def offline_edits(h: Homes, names: str) -> None:
    """Each device starts on its own (init), then works offline."""
    for n in names:
        h(n, "init", "--start", "2026-01-05", "--months", "9", "--hours", "10")
    h("A", "done", "ml-basics/definition", "ml-basics/types-of-ml")
    h("A", "log", "90m", "--kind", "theory", "--note", "laptop")
    h("B", "start", "ml-basics/key-algorithms")
    h("B", "done", "ml-basics/definition")  # the same item, later: B's change wins
    h("B", "note", "ml-basics", "desk note")
    h("B", "pause", "--from", "2026-04-06", "--to", "2026-04-12")
    h("A", "log", "30m", "--kind", "coding")
    h("A", "undo")  # A's own last change (the 30m log) is undone, on A
    if "C" in names:
        h("C", "skip", "ml-basics/iris")
        h("C", "log", "20m", "--kind", "updates")


def settle(h: Homes, names: str) -> None:
    for _ in range(2):
        for n in names:
            h.sync(n)


@pytest.mark.parametrize("names,orders", [("AB", ["AB", "BA", "ABA", "BAB", "AABB"]), ("ABC", ["ABC", "CBA", "BCA", "ACBCA"])])
def test_offline_edits_synced_in_every_order_give_identical_exports(tmp_path, names, orders):
    results = []
    for order in orders:
        h = Homes(tmp_path / order)
        offline_edits(h, names)
        for n in order:
            h.sync(n)
        settle(h, names)
        exports = [normalized(h.export(n)) for n in names]
        assert all(e == exports[0] for e in exports), order
        text = json.dumps(exports[0], sort_keys=True)
        for n in names:  # device ids are random: name each by its home to compare runs
            text = text.replace((h.home(n) / "device-id").read_text().strip(), n)
        results.append(json.loads(text))
    assert all(r == results[0] for r in results)
    final = results[0]
    assert {r["ref"]: r["status"] for r in final["statuses"]}["ml-basics/definition"] == "done"
    logs = [(r["minutes"], r["deleted"]) for r in final["time_log"]]
    assert sorted(logs) == ([(20, 0)] if "C" in names else []) + [(30, 1), (90, 0)]  # kept once each; the undone one stays undone
    assert [n["text"] for n in final["notes"]] == ["desk note"]
    assert [(p["kind"], p["cancelled"]) for p in final["plan_revisions"]] == [("pause", 0)]


def test_a_repeated_sync_changes_nothing(tmp_path):
    h = Homes(tmp_path)
    offline_edits(h, "AB")
    settle(h, "AB")
    before = {n: list(h.db(n).iterdump()) for n in "AB"}
    files = {p.name: p.read_bytes() for p in h.folder.iterdir()}
    for n in "ABAB":
        out = h.sync(n).stdout
        assert "already up to date" in out and "0 rows new" in out
    assert {n: list(h.db(n).iterdump()) for n in "AB"} == before
    assert {p.name: p.read_bytes() for p in h.folder.iterdir()} == files


def test_each_device_writes_only_its_own_file(tmp_path):
    h = Homes(tmp_path)
    offline_edits(h, "AB")
    h.sync("A")
    (own,) = list(h.folder.iterdir())
    device_a = (h.home("A") / "device-id").read_text().strip()
    assert own.name == f"{device_a}.default.json"
    h.sync("B")
    mtime = own.stat().st_mtime_ns
    h.sync("B")
    assert own.stat().st_mtime_ns == mtime  # B read A's file, never wrote it
    assert len(list(h.folder.iterdir())) == 2


def test_undo_reverts_this_devices_own_change_and_the_undo_travels(tmp_path):
    h = Homes(tmp_path)
    for n in "AB":
        h(n, "init", "--start", "2026-01-05")
    h("A", "done", "ml-basics/definition")
    settle(h, "AB")
    h("B", "start", "dl-intro")  # B's newest change
    settle(h, "AB")
    out = h("A", "undo").stdout  # A's own newest change, not B's
    assert "ml-basics/definition" in out and "dl-intro" not in out
    assert h.statuses("A") == {"dl-intro": "in-progress"}
    h.sync("A")
    h.sync("B")
    assert h.statuses("B") == {"dl-intro": "in-progress"}  # the undo travelled
    assert "dl-intro" in h("B", "undo").stdout  # B's own change
    assert h.statuses("B") == {}
    assert "Nothing to undo." in h("A", "undo").stdout  # A has nothing of its own left (B's changes are B's)
    settle(h, "AB")
    assert normalized(h.export("A")) == normalized(h.export("B"))


def test_undo_does_not_take_back_a_later_change_from_the_other_device(tmp_path):
    # The case: A had the item done, B then set it in progress; A's undo must not
    # give "in progress -> todo", a state A never had.
    h = Homes(tmp_path)
    for n in "AB":
        h(n, "init", "--start", "2026-01-05")
    h("A", "done", "ml-basics/definition")
    settle(h, "AB")
    h("B", "start", "ml-basics/definition")
    settle(h, "AB")
    h("A", "undo")
    assert h.statuses("A") == {"ml-basics/definition": "in-progress"}
    settle(h, "AB")
    assert h.statuses("B") == {"ml-basics/definition": "in-progress"}
    # With --any-device, B's change can be undone from A too, and that travels as well.
    h("A", "undo", "--any-device")
    settle(h, "AB")
    assert h.statuses("A") == h.statuses("B") == {"ml-basics/definition": "done"}


def test_the_latest_status_change_wins_whichever_device_syncs_first(tmp_path):
    h = Homes(tmp_path)
    for n in "AB":
        h(n, "init", "--start", "2026-01-05")
    h("B", "done", "dl-intro")  # earlier
    h("A", "skip", "dl-intro")  # later: wins
    h("B", "reset", "ml-basics")  # nothing to reset: no change at all
    h.sync("B")
    h.sync("A")
    h.sync("B")
    assert h.statuses("A") == h.statuses("B") == {"dl-intro": "skipped"}
    h("B", "reset", "dl-intro")  # back to todo (a row removed): that travels too
    settle(h, "AB")
    assert h.statuses("A") == h.statuses("B") == {}


def test_a_card_reviewed_on_both_devices_is_scheduled_as_if_on_one(tmp_path):
    h = Homes(tmp_path)
    first, second = START + timedelta(hours=1), START + timedelta(days=1, hours=1)
    for n in "ABC":
        h(n, "init", "--start", "2026-01-05")
        h(n, "start", "ml-basics")
    h("A", "review", "--limit", "1", input="good\n", at=first)
    h("B", "review", "--limit", "1", input="again\n", at=second)
    # C is one device doing both reviews.
    h("C", "review", "--limit", "1", input="good\n", at=first)
    h("C", "review", "--limit", "1", input="again\n", at=second)
    settle(h, "AB")
    cards = {}
    for n in "ABC":
        with h.db(n) as conn:
            cards[n] = conn.execute("SELECT concept, card, due, state, introduced_day FROM review_cards").fetchall()
    assert len(cards["C"]) == 1 and cards["A"] == cards["B"]
    (concept, card, due, state, introduced), = cards["A"]
    expected = rv.schedule(rv.schedule(None, concept, 3, first).card, concept, 1, second)
    assert json.loads(card) == expected.card and datetime.fromisoformat(due) == expected.due and state == expected.state
    assert introduced == first.date().isoformat()  # the first review, on A
    assert cards["A"] == cards["C"]
    with h.db("A") as conn:
        assert conn.execute("SELECT COUNT(*) FROM reviews").fetchone()[0] == 2


def test_a_damaged_file_from_another_device_is_skipped_with_a_warning_and_read_next_time(tmp_path):
    h = Homes(tmp_path)
    offline_edits(h, "AB")
    h.sync("B")
    (b_file,) = list(h.folder.iterdir())
    whole = b_file.read_bytes()
    b_file.write_bytes(whole[: len(whole) // 2])  # a sync tool still copying it
    result = h.sync("A")
    assert "skipped" in result.stdout and b_file.name in result.stdout and "next sync" in result.stdout
    assert h.statuses("A").get("ml-basics/key-algorithms") is None  # nothing of B's half file was taken
    b_file.write_bytes(whole)  # the copy finished
    h.sync("A")
    assert h.statuses("A")["ml-basics/key-algorithms"] == "in-progress"


def test_with_sync_dir_set_a_write_syncs_at_its_end_and_a_read_never_touches_the_folder(tmp_path):
    h = Homes(tmp_path)
    for n in "AB":
        h(n, "init", "--start", "2026-01-05")
    h.sync("A")
    h.sync("B")
    files = {p.name: p.stat().st_mtime_ns for p in h.folder.iterdir()}
    h("A", "today")
    h("A", "log", "--list")
    assert {p.name: p.stat().st_mtime_ns for p in h.folder.iterdir()} == files
    h("A", "done", "dl-intro")  # sync_auto is on by default: A's file now has it
    h("B", "today")  # a read: B does not merge ...
    assert h.statuses("B") == {}
    h("B", "note", "dl-intro", "hello")  # ... a write does
    assert h.statuses("B") == {"dl-intro": "done"}
    h("A", "config", "set", "sync_auto", "off")
    h("A", "start", "ml-basics")
    h("B", "log", "10m")
    assert "ml-basics" not in h.statuses("B")


def test_sync_status_shows_devices_and_what_is_pending(tmp_path):
    h = Homes(tmp_path)
    for n in "AB":
        h(n, "init", "--start", "2026-01-05")
    assert "no sync folder" in h("A", "sync", "--status").stdout.lower()
    settle(h, "AB")
    h("A", "config", "set", "sync_auto", "off")
    h("A", "done", "dl-intro")
    h("B", "done", "ml-basics")
    data = json.loads(h("A", "sync", "--status", "--json").stdout)
    assert data["folder"] == str(h.folder) and data["auto"] is False
    assert {d["this"] for d in data["devices"]} == {True, False} and len(data["devices"]) == 2
    other = next(d for d in data["devices"] if not d["this"])
    assert other["pending"] is True and other["merged_at"] is not None
    assert data["pending"] == {"journal": 1}
    h.sync("A")
    data = json.loads(h("A", "sync", "--status", "--json").stdout)
    assert data["pending"] == {} and not any(d["pending"] for d in data["devices"])
    assert "this device" in h("A", "sync", "--status").stdout


def test_sync_needs_a_folder_and_remembers_the_one_given(tmp_path):
    h = Homes(tmp_path)
    h("A", "init", "--start", "2026-01-05")
    result = h("A", "sync", ok=False)
    assert result.exit_code == 2 and "studyplan sync" in result.stderr
    h.sync("A")
    assert json.loads(h("A", "config", "get", "sync_dir", "--json").stdout)["value"] == str(h.folder)
    assert "Synced" in h("A", "sync").stdout


def test_devices_that_swapped_exports_before_syncing_keep_each_row_once(tmp_path):
    # Before sync existed: export on one, `import --merge` on the other, both ways.
    h = Homes(tmp_path)
    for n in "AB":
        h(n, "init", "--start", "2026-01-05")
    h("A", "log", "40m", "--note", "from A")
    h("A", "done", "ml-basics/definition")
    h("B", "note", "ml-basics", "from B")
    for src, dst in (("A", "B"), ("B", "A")):
        path = tmp_path / f"{src}.json"
        path.write_text(h(src, "export").stdout, encoding="utf-8")
        h(dst, "import", str(path), "--merge")
    settle(h, "AB")
    a, b = normalized(h.export("A")), normalized(h.export("B"))
    assert a == b
    assert [r["note"] for r in a["time_log"]] == ["from A"] and [r["text"] for r in a["notes"]] == ["from B"]
    assert len([r for r in a["journal"] if r["action"] == "status"]) == 1


def test_two_devices_pausing_over_the_same_days_keep_one_pause_and_both_replans(tmp_path):
    h = Homes(tmp_path)
    for n in "AB":
        h(n, "init", "--start", "2026-01-05")
    h("A", "pause", "--from", "2026-04-06", "--to", "2026-04-12", "--reason", "exams")
    h("B", "pause", "--from", "2026-04-10", "--to", "2026-04-16", "--reason", "trip")  # later, overlapping
    h("A", "replan")
    h("B", "replan")
    settle(h, "AB")
    a, b = normalized(h.export("A")), normalized(h.export("B"))
    assert a == b
    kept = {(r["kind"], r["reason"], r["cancelled"]) for r in a["plan_revisions"]}
    assert kept == {("pause", "exams", 0), ("pause", "trip", 1), ("replan", None, 0)} and len(a["plan_revisions"]) == 4
    assert [r["reason"] for r in json.loads(h("B", "pause", "--list", "--json").stdout)["pauses"]] == ["exams"]
    # Cancelling the kept pause on A brings the other back everywhere.
    pause_id = json.loads(h("A", "pause", "--list", "--json").stdout)["pauses"][0]["id"]
    h("A", "pause", "--cancel", str(pause_id))
    settle(h, "AB")
    assert [r["reason"] for r in json.loads(h("B", "pause", "--list", "--json").stdout)["pauses"]] == ["trip"]


@pytest.mark.skipif(shutil.which("git") is None, reason="needs git")
def test_the_folder_can_be_a_git_repository_each_device_commits_its_own_file(tmp_path):
    def git(where: Path, *args: str) -> str:
        env = {**os.environ, "GIT_AUTHOR_NAME": "me", "GIT_AUTHOR_EMAIL": "me@example.org", "GIT_COMMITTER_NAME": "me",
               "GIT_COMMITTER_EMAIL": "me@example.org", "GIT_CONFIG_GLOBAL": os.devnull, "GIT_CONFIG_SYSTEM": os.devnull}
        done = subprocess.run(["git", *args], cwd=where, env=env, capture_output=True, text=True, check=False)
        assert done.returncode == 0, done.stderr
        return done.stdout

    h = Homes(tmp_path)
    git(tmp_path, "init", "-q", "--bare", "-b", "main", "remote.git")
    for clone in ("laptop", "desktop"):
        git(tmp_path, "clone", "-q", "remote.git", clone)
        git(tmp_path / clone, "checkout", "-q", "-b", "main")
    h("A", "init", "--start", "2026-01-05")
    h("A", "sync", str(tmp_path / "laptop"))
    h("A", "done", "ml-basics/definition")
    git(tmp_path / "laptop", "add", "-A")
    git(tmp_path / "laptop", "commit", "-qm", "laptop")
    git(tmp_path / "laptop", "push", "-q", "origin", "main")
    git(tmp_path / "desktop", "pull", "-q", "origin", "main")
    h("B", "init", "--start", "2026-01-05")
    h("B", "sync", str(tmp_path / "desktop"))
    h("B", "start", "ml-basics/types-of-ml")
    git(tmp_path / "desktop", "add", "-A")
    git(tmp_path / "desktop", "commit", "-qm", "desktop")
    git(tmp_path / "desktop", "push", "-q", "origin", "main")
    git(tmp_path / "laptop", "pull", "-q", "--no-rebase", "origin", "main")  # only B's file is new: nothing to resolve
    h("A", "sync")
    assert h.statuses("A") == h.statuses("B") == {"ml-basics/definition": "done", "ml-basics/types-of-ml": "in-progress"}
    changed = git(tmp_path / "laptop", "status", "--porcelain").split()
    assert changed == ["M", f"{(h.home('A') / 'device-id').read_text().strip()}.default.json"]  # A touched only its own file


def test_undoing_a_curriculum_switch_travels_like_the_switch(tmp_path):
    h = Homes(tmp_path)
    for n in "AB":
        h(n, "init", "--start", "2026-01-05")
    h("A", "done", "ml-basics/definition")
    settle(h, "AB")
    h("A", "init", "--curriculum", "python-basics", "--force")
    settle(h, "AB")
    curriculum = "SELECT curriculum FROM profiles WHERE name = 'default'"
    assert h.db("B").execute(curriculum).fetchone()[0] == "python-basics"
    h("A", "undo")  # back to the map
    settle(h, "AB")
    for n in "AB":
        assert h.db(n).execute(curriculum).fetchone()[0] == "ml-dl-gpt", n
