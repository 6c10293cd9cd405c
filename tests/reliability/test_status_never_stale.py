"""The prompt's status is never stale: writes from other processes, interleaved with status calls.

Every write is a separate process (the real CLI, or SQLite directly, which no refresh
follows), and after each one every cached answer of ``studyplan status`` must equal a
fresh computation (``STUDYPLAN_STATUS_CACHE=0``). Status runs as a prompt runs it,
``python -m studyplan status``; a second pass turns the racy-stat margin off in the
status children so the cache's first check (stats alone) answers as often as it can.
"""

from __future__ import annotations

import json
import shutil
import sqlite3
import subprocess
import sys
import time
from datetime import date, timedelta
from pathlib import Path

import pytest

from tests.reliability.conftest import REPO, child_env

STATUS = (
    "import sys\n"
    "import studyplan.app.status_cache as cache\n"
    "cache.RACY_NS = int(sys.argv[1])\n"
    "sys.argv = ['studyplan', 'status', *sys.argv[2:]]\n"
    "from studyplan.__main__ import main\n"
    "main()\n"
)


class Learner:
    def __init__(self, home: Path, racy_ns: int | None) -> None:
        self.home = home
        self.racy_ns = racy_ns
        self.env = child_env(home)

    def cli(self, *args: str, input: str | None = None, env: dict | None = None) -> str:
        proc = subprocess.run([sys.executable, "-m", "studyplan", *args], env=env or self.env, input=input,
                              capture_output=True, text=True, timeout=120)
        assert proc.returncode == 0, (args, proc.stderr)
        return proc.stdout

    def status(self, *args: str, cached: bool = True, env: dict | None = None) -> str:
        env = dict(env or self.env)
        if not cached:
            env["STUDYPLAN_STATUS_CACHE"] = "0"
        if self.racy_ns is None:
            argv = [sys.executable, "-m", "studyplan", "status", *args]
        else:
            argv = [sys.executable, "-c", STATUS, str(self.racy_ns), *args]
        proc = subprocess.run(argv, env=env, capture_output=True, text=True, timeout=120)
        assert proc.returncode == 0 and proc.stderr == "", proc.stderr
        return proc.stdout

    def check(self, what: str, env: dict | None = None) -> dict:
        """Two cached answers (the second may come from what the first stored) against a fresh one."""
        fresh = self.status("--json", cached=False, env=env)
        for _ in range(2):
            assert self.status("--json", env=env) == fresh, f"stale after {what}"
        return json.loads(fresh) if fresh else {}


def make(home: Path, racy_ns: int | None = None) -> Learner:
    learner = Learner(home, racy_ns)
    learner.cli("init", "--start", (date.today() - timedelta(days=40)).isoformat())
    return learner


@pytest.fixture
def learner(tmp_path) -> Learner:
    return make(tmp_path / "home")


def sql(learner: Learner, statement: str, params: tuple = ()) -> None:
    """A write no studyplan process makes (nor refreshes after): SQLite directly."""
    conn = sqlite3.connect(learner.home / "studyplan.db", isolation_level=None)
    try:
        conn.execute("BEGIN IMMEDIATE")
        conn.execute(statement, params)
        conn.execute("COMMIT")
    finally:
        conn.close()


@pytest.mark.parametrize("racy_ns", [None, 0], ids=["as-shipped", "stats-trusted"])
def test_writes_from_other_processes_are_seen_by_the_next_status(tmp_path, racy_ns):
    learner = make(tmp_path / "home", racy_ns)
    first = learner.check("init")
    assert first["streak_n"] == 0
    topic = json.loads(learner.cli("today", "--json"))["items"][0]["ref"]
    steps = [
        ("start", ["start", "ml-basics"]),
        ("done", ["done", topic]),
        ("log", ["log", "25m"]),
        ("review", ["review"], "3\n1\n4\n"),
        ("config set new_cards_per_day", ["config", "set", "new_cards_per_day", "2"]),
        ("config set daily_cap", ["config", "set", "daily_cap", "1"]),
        ("skip", ["skip", "ml-basics"]),
        ("undo", ["undo"]),
        ("reset", ["reset", topic]),
        ("note", ["note", "ml-basics", "a note"]),
        ("config set rest_days", ["config", "set", "rest_days", "monday,tuesday,wednesday,thursday,friday,saturday,sunday"]),
        ("config unset rest_days", ["config", "unset", "rest_days"]),
        ("pause", ["pause", "--from", date.today().isoformat(), "--to", (date.today() + timedelta(days=3)).isoformat()]),
        ("replan", ["replan"]),
    ]
    seen = set()
    for name, args, *stdin in steps:
        learner.cli(*args, input=stdin[0] if stdin else None)
        facts = learner.check(name)
        seen.add(json.dumps(facts, sort_keys=True))
    assert len(seen) >= 6  # the steps really changed the answer
    assert learner.status() == learner.status(cached=False)  # the line, as well as the JSON


def test_sqlite_writes_no_command_refreshes_after_are_seen(learner):
    topic = json.loads(learner.cli("today", "--json"))["items"][0]["ref"]
    learner.check("init")
    profile = "(SELECT id FROM profiles WHERE name = 'default')"
    sql(learner, f"INSERT INTO statuses (profile_id, ref, status, updated_at) VALUES ({profile}, ?, 'done', 'now')", (topic,))
    assert learner.check("a status row")["topics_n"] >= 0
    sql(learner, f"INSERT INTO activity (profile_id, day) VALUES ({profile}, ?)", (date.today().isoformat(),))
    assert learner.check("an activity row")["streak_n"] == 1
    sql(learner, f"UPDATE statuses SET status = 'skipped' WHERE profile_id = {profile} AND ref = ?", (topic,))  # same size
    learner.check("an update in place")
    sql(learner, f"DELETE FROM activity WHERE profile_id = {profile}")
    assert learner.check("a delete")["streak_n"] == 0
    sql(learner, "UPDATE profiles SET start_date = ? WHERE name = 'default'", ((date.today() + timedelta(days=3)).isoformat(),))
    assert learner.check("the plan moved into the future") == {}  # not started: nothing to say


def test_environment_and_settings_file_changes_are_seen(learner):
    learner.check("init")
    env = dict(learner.env, STUDYPLAN_NEW_CARDS_PER_DAY="0")
    learner.cli("start", "ml-basics")
    with_cards = learner.check("start")
    assert with_cards["cards_n"] > 0
    assert learner.check("a variable", env=env)["cards_n"] == 0
    config = learner.home / "config.toml"
    config.write_text('new_cards_per_day = 1\n', encoding="utf-8")  # an editor, not `config set`
    assert learner.check("an edited settings file")["cards_n"] == 1
    config.write_text('new_cards_per_day = 3\n', encoding="utf-8")  # same size, at once
    assert learner.check("an edit of the same size")["cards_n"] == 3
    config.unlink()
    assert learner.check("a removed settings file") == with_cards


def test_a_curriculum_that_shadows_the_bundled_one_is_seen(learner):
    before = learner.check("init")
    target = learner.home / "curricula" / "ml-dl-gpt"
    shutil.copytree(REPO / "curricula" / "ml-dl-gpt", target)
    assert learner.check("a copy of the same curriculum") == before
    concepts = target / "concepts.yaml"
    learner.cli("start", "ml-basics")
    cards = learner.check("start")["cards_n"]
    text = concepts.read_text(encoding="utf-8")
    concepts.write_text(text.replace("modules: [ml-basics]", "modules: [dl-intro]"), encoding="utf-8")
    assert learner.check("an edited glossary")["cards_n"] < cards  # ml-basics lost its concepts
    shutil.rmtree(target)
    assert learner.check("the copy removed")["cards_n"] == cards


def test_status_next_to_writers_ends_with_the_true_answer(learner):
    """Writers and status calls at the same time; once the writers stop, the next answer is exact."""
    learner.check("init")
    script = json.dumps({"cycle": [["log", "1m"], ["start", "ml-basics"], ["reset", "ml-basics"], ["done", "ml-basics"], ["undo"]], "count": 15})
    driver = subprocess.Popen([sys.executable, str(REPO / "tests" / "reliability" / "driver.py"), script],
                              env=learner.env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + 120
    while driver.poll() is None and time.monotonic() < deadline:
        learner.status("--json")  # whatever it says meanwhile, it must not break
    out, err = driver.communicate(timeout=120)
    assert driver.returncode == 0 and "FAIL" not in out, err
    learner.check("the writers stopped")
