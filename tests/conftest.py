"""Every test runs against its own STUDYPLAN_HOME, a pinned terminal width and a fixed clock.

tests/isolation.py (a plugin, loaded first) points HOME, the XDG folders and
STUDYPLAN_HOME at a temporary folder for the whole run and fails the run if anything
was written to the user's real studyplan folders.
"""

from __future__ import annotations

import json
from datetime import datetime, timezone
from pathlib import Path

import pytest
from typer.testing import CliRunner

from studyplan.cli import app

pytest_plugins = ["tests.isolation"]

REPO = Path(__file__).resolve().parents[1]
BUNDLED = REPO / "curricula" / "ml-dl-gpt"
DATA = Path(__file__).resolve().parent / "data"


@pytest.fixture(autouse=True)
def isolated_home(tmp_path, monkeypatch):
    home = tmp_path / "home"
    monkeypatch.setenv("STUDYPLAN_HOME", str(home))
    for var in ("STUDYPLAN_PROFILE", "STUDYPLAN_LANG", "LC_ALL", "LC_MESSAGES", "STUDYPLAN_DEBUG", "STUDYPLAN_DAILY_CAP"):
        monkeypatch.delenv(var, raising=False)
    monkeypatch.setenv("LANG", "C.UTF-8")
    monkeypatch.setenv("COLUMNS", "100")
    monkeypatch.setenv("NO_COLOR", "1")
    monkeypatch.setenv("TZ", "UTC")
    import time

    time.tzset()
    return home


@pytest.fixture
def frozen(monkeypatch):
    """Freeze the clock at a local noon on the given date (time-machine moves C-level time)."""
    import time_machine

    travellers = []

    def freeze(iso: str, hour: int = 12):
        d = datetime.fromisoformat(iso).replace(hour=hour, tzinfo=timezone.utc)
        t = time_machine.travel(d, tick=False)
        t.start()
        travellers.append(t)
        return d

    yield freeze
    for t in reversed(travellers):
        t.stop()


class Studyplan:
    """Run the CLI the way a user would, and read its output and stored state."""

    def __init__(self) -> None:
        self.runner = CliRunner()

    def __call__(self, *args: str, input: str | None = None, ok: bool = True):
        result = self.runner.invoke(app, list(args), input=input, catch_exceptions=False)
        if ok:
            assert result.exit_code == 0, f"exit {result.exit_code}\nstdout: {result.stdout}\nstderr: {result.stderr}"
        return result

    def json(self, *args: str):
        result = self(*args, "--json")
        return json.loads(result.stdout)


@pytest.fixture
def sp():
    return Studyplan()


@pytest.fixture
def db_path(isolated_home):
    return isolated_home / "studyplan.db"
