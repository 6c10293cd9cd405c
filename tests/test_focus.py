"""`studyplan focus`: a stored countdown that logs its time, from this terminal or another.

Time is a fake clock handed to the session (``Session(clock=…, sleep=…)``): the countdown's
sleep moves it, so a 25-minute timer ends at once and every minute is exact. A closed
terminal is the process ending without stopping (an exception no handler catches, or a
real process killed); Ctrl-C is a KeyboardInterrupt raised from the sleep.
"""

from __future__ import annotations

import io
import json
import os
import signal
import subprocess
import sys
from datetime import datetime, timedelta, timezone

import pytest
from rich.console import Console
from typer.testing import CliRunner

from studyplan.app import prompt
from studyplan.app.session import Session
from studyplan.cli import app
from studyplan.cli.common import Run

START = datetime(2026, 3, 2, 12, 0, tzinfo=timezone.utc)


class TerminalClosed(BaseException):
    """The process ends mid-countdown without any handler running (a closed terminal)."""


class Clock:
    """A frozen clock that only the countdown's sleep (or the test) moves."""

    def __init__(self, at: datetime = START) -> None:
        self.at = at
        self.sleeps: list[float] = []
        self.on_sleep = None  # called before each sleep: may raise, or act from "another terminal"

    def now(self) -> datetime:
        return self.at

    def sleep(self, seconds: float) -> None:
        if self.on_sleep is not None:
            self.on_sleep(self)
        self.sleeps.append(seconds)
        self.at += timedelta(seconds=seconds)

    def advance(self, **delta: float) -> None:
        self.at += timedelta(**delta)


@pytest.fixture
def clock() -> Clock:
    return Clock()


def run(clock: Clock, *args: str, input: str | None = None, code: int = 0, terminal: Console | None = None):
    """One invocation, as if from its own terminal, at the clock's time."""
    session = Session(clock=clock.now, sleep=clock.sleep)
    obj = Run(session, terminal) if terminal is not None else session
    result = CliRunner().invoke(app, list(args), obj=obj, input=input, catch_exceptions=False)
    assert result.exit_code == code, f"exit {result.exit_code}\nstdout: {result.stdout}\nstderr: {result.stderr}"
    return result


def logs(clock: Clock) -> list[dict]:
    return json.loads(run(clock, "log", "--list", "--json").stdout)["entries"]


def running(clock: Clock) -> dict | None:
    return json.loads(run(clock, "focus", "--status", "--json").stdout)["timer"]


@pytest.fixture
def learner(clock):
    run(clock, "init", "--start", "2026-02-01")
    return clock


def closed_terminal(clock: Clock, *args: str) -> None:
    """Start a timer whose terminal closes a few minutes in: nothing stops it."""
    closes = clock.at + timedelta(minutes=3)

    def close(c: Clock) -> None:
        if c.at >= closes:
            raise TerminalClosed

    clock.on_sleep = close
    with pytest.raises(TerminalClosed):
        run(clock, "focus", *args)
    clock.on_sleep = None


# -- a countdown that runs to its end ------------------------------------------------------------------
def test_a_timer_that_runs_out_logs_its_length_like_log_does(learner):
    result = run(learner, "focus", "--module", "ml-basics")
    assert "Focus: 25m until 12:25" in result.stdout and "ml-basics" in result.stdout
    assert learner.at == START + timedelta(minutes=25)  # waited exactly its length, in the injected sleep
    assert max(learner.sleeps) <= 15 and sum(learner.sleeps) == 25 * 60
    assert "Logged #1: 25m of theory on 2026-03-02" in result.stdout
    [entry] = logs(learner)
    assert (entry["minutes"], entry["kind"], entry["module"], entry["day"]) == (25, "theory", "ml-basics", "2026-03-02")
    assert running(learner) is None
    report = json.loads(run(learner, "report", "--week", "--json").stdout)
    assert report["total_hours"] == round(25 / 60, 2) and report["streak_current"] == 1
    run(learner, "undo")
    assert logs(learner) == []  # undo takes the entry back, like any log entry


def test_the_bar_is_drawn_only_on_a_terminal(learner):
    out = io.StringIO()
    terminal = Console(file=out, force_terminal=True, width=80, color_system=None)
    run(learner, "focus", "2m", "--kind", "coding", terminal=terminal)
    drawn = out.getvalue()
    assert "━" in drawn and "01:00 left" in drawn and "00:00 left" in drawn
    assert learner.sleeps and max(learner.sleeps) <= 1  # redrawn every second
    assert logs(learner)[0]["kind"] == "coding"
    plain = run(learner, "focus", "1m").stdout  # CliRunner's output is no terminal: two lines, no bar
    assert "━" not in plain and "left" not in plain and plain.count("\n") == 2


# -- a closed terminal ----------------------------------------------------------------------------------
def test_a_timer_outlives_its_terminal_and_another_one_stops_and_logs_it(learner):
    closed_terminal(learner, "25m", "--module", "dl-intro")
    learner.advance(minutes=7)  # now 10 minutes in
    status = run(learner, "focus", "--status").stdout
    assert "10m of 25m done" in status and "15:00 left" in status and "dl-intro" in status
    second = run(learner, "focus", "10m", code=2)
    assert "already running (25m from 12:00)" in second.stderr and "focus --stop" in second.stderr
    stopped = run(learner, "focus", "--stop")
    assert "Logged #1: 10m" in stopped.stdout
    [entry] = logs(learner)
    assert (entry["minutes"], entry["module"], entry["day"]) == (10, "dl-intro", "2026-03-02")
    assert running(learner) is None
    assert run(learner, "focus", "--stop", code=1).stderr.strip().endswith("start one with `studyplan focus 25m`")


def test_a_forgotten_timer_logs_no_more_than_it_was_planned_for_on_the_day_it_started(learner):
    closed_terminal(learner, "25m")
    learner.advance(days=1, hours=3)  # noticed the next day
    assert "not logged yet" in run(learner, "focus", "--status").stdout
    assert "already running" in run(learner, "focus", code=2).stderr
    run(learner, "focus", "--stop")
    [entry] = logs(learner)
    assert (entry["minutes"], entry["day"]) == (25, "2026-03-02")


def test_cancel_drops_the_timer_and_logs_nothing(learner):
    closed_terminal(learner)
    assert "dropped" in run(learner, "focus", "--cancel").stdout
    assert logs(learner) == [] and running(learner) is None
    run(learner, "focus", "--cancel", code=1)


def test_a_timer_stopped_in_another_terminal_ends_the_countdown_without_logging_twice(learner):
    def elsewhere(c: Clock) -> None:
        if c.at >= START + timedelta(minutes=5) and running(c) is not None:
            run(c, "focus", "--stop")

    learner.on_sleep = elsewhere
    result = run(learner, "focus", "25m")
    assert "stopped or dropped in another terminal" in result.stdout
    assert [e["minutes"] for e in logs(learner)] == [5]
    assert learner.at < START + timedelta(minutes=6)  # it noticed within a tick


def test_a_killed_process_leaves_its_timer_for_the_next_command(sp, isolated_home):
    sp("init")
    env = {**os.environ, "STUDYPLAN_HOME": str(isolated_home)}
    proc = subprocess.Popen([sys.executable, "-m", "studyplan", "focus", "25m"], env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        assert proc.stdout.readline().startswith("Focus: 25m until")
        proc.send_signal(signal.SIGHUP)  # the terminal closed
        assert proc.wait(timeout=30) == -signal.SIGHUP
    finally:
        proc.kill()
    timer = sp.json("focus", "--status")["timer"]
    assert timer["minutes"] == 25 and sp("focus", ok=False).exit_code == 2
    assert "nothing logged" in sp("focus", "--stop").stdout  # seconds in: under a minute
    assert sp.json("focus", "--status")["timer"] is None


# -- Ctrl-C ---------------------------------------------------------------------------------------------
def interrupt_after(clock: Clock, minutes: float) -> None:
    def ctrl_c(c: Clock) -> None:
        if c.at >= START + timedelta(minutes=minutes):
            raise KeyboardInterrupt

    clock.on_sleep = ctrl_c


def test_ctrl_c_then_yes_logs_the_part_already_done(learner):
    interrupt_after(learner, 12)
    result = run(learner, "focus", "25m", input="y\n")
    assert "Log the 12m you have focused so far?" in result.stdout
    assert [e["minutes"] for e in logs(learner)] == [12]
    assert running(learner) is None


def test_ctrl_c_then_no_drops_the_timer(learner):
    interrupt_after(learner, 12)
    result = run(learner, "focus", "25m", input="n\n")
    assert "nothing logged" in result.stdout
    assert logs(learner) == [] and running(learner) is None


def test_ctrl_c_without_an_answer_leaves_the_timer_stored(learner):
    interrupt_after(learner, 12)
    result = run(learner, "focus", "25m", input="", code=130)
    assert "keeps running" in result.stdout
    learner.on_sleep = None
    assert running(learner)["minutes"] == 25 and logs(learner) == []


def test_ctrl_c_in_the_first_half_minute_asks_nothing(learner):
    interrupt_after(learner, 0)
    result = run(learner, "focus", "25m")
    assert "?" not in result.stdout and "nothing logged" in result.stdout
    assert running(learner) is None and logs(learner) == []


# -- arguments --------------------------------------------------------------------------------------------
@pytest.mark.parametrize("args", [["--stop", "--cancel"], ["--status", "10m"], ["--stop", "--module", "ml-basics"],
                                  ["10m", "--json"], ["0m"], ["25h"], ["--kind", "reading"], ["--module", "no-such-module"]])
def test_bad_arguments_are_refused_and_start_nothing(learner, args):
    result = run(learner, "focus", *args, code=2)
    assert result.stderr.count("\n") == 1 and "Traceback" not in result.stderr
    assert running(learner) is None


def test_the_module_gives_the_kind_as_log_does(learner):
    closed_terminal(learner, "--module", "ml-basics")
    timer = running(learner)
    log = json.loads(run(learner, "log", "1m", "--module", "ml-basics", "--json").stdout)["entry"]
    assert timer["kind"] == log["kind"] and timer["module"] == "ml-basics"


# -- the prompt's status -------------------------------------------------------------------------------------
def test_status_shows_the_timer_and_follows_the_clock_from_its_cache(learner):
    ask = prompt.Options(template="{topics_n} {focus}|{focus_left_n}")
    before = prompt.answer(ask, now=START.timestamp())
    assert before.out.endswith(" |0")
    closed_terminal(learner, "25m")
    at = START + timedelta(minutes=10)
    assert prompt.answer(ask, now=at.timestamp()).out.endswith(" focus 15m left|15")
    # the same facts, minutes later: the cache answers, and the minutes left follow the clock
    assert prompt.answer(ask, now=(at + timedelta(minutes=4, seconds=30)).timestamp()).out.endswith(" focus 11m left|11")
    assert prompt.answer(ask, now=(START + timedelta(minutes=40)).timestamp()).out.endswith(" focus 25m done|0")
    fresh = prompt.Options(template=ask.template, cache=False)
    later = (START + timedelta(minutes=13)).timestamp()
    assert prompt.answer(ask, now=later).out == prompt.answer(fresh, now=later).out
    learner.advance(minutes=13)
    run(learner, "focus", "--stop")
    assert prompt.answer(ask, now=later).out.endswith(" |0")  # the stop is seen: never stale


# -- backups ---------------------------------------------------------------------------------------------------
def test_a_running_timer_travels_in_an_export_and_merge_keeps_the_profiles_own(learner, tmp_path, monkeypatch):
    closed_terminal(learner, "25m", "--module", "ml-basics")
    backup = tmp_path / "backup.json"
    run(learner, "export", "--output", str(backup))
    assert json.loads(backup.read_text(encoding="utf-8"))["tables"]["focus"][0]["minutes"] == 25
    monkeypatch.setenv("STUDYPLAN_HOME", str(tmp_path / "elsewhere"))
    run(learner, "import", str(backup))
    assert running(learner)["module"] == "ml-basics"
    run(learner, "focus", "--cancel")
    learner.advance(minutes=30)
    closed_terminal(learner, "50m")
    run(learner, "import", str(backup), "--merge")
    assert running(learner)["minutes"] == 50  # the profile's own timer, not the file's
