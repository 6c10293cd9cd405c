"""`python -m studyplan status` as a prompt runs it: no typer, rich or YAML on any of its paths.

Like tests/test_startup.py, each run is a child process that records the modules it
loaded. The three ways an answer is found (studyplan/app/prompt.py) are each forced:
the cache's stats (no SQLite at all), the rows' digest after a write, and a fresh
computation.
"""

from __future__ import annotations

import os
import subprocess
import sys
from datetime import date, timedelta

import pytest

NEVER = ("typer", "click", "rich", "yaml", "pydantic", "platformdirs", "rapidfuzz", "fsrs", "studyplan.cli", "studyplan.domain.loader", "studyplan.render")

RUN = (
    "import sys\n"
    "before = set(sys.modules)\n"
    "sys.argv = ['studyplan', *{argv!r}]\n"
    "import studyplan.app.status_cache as cache\n"
    "cache.RACY_NS = {racy}\n"
    "from studyplan.__main__ import main\n"
    "try:\n"
    "    main()\n"
    "except SystemExit as exc:\n"
    "    code = exc.code\n"
    "else:\n"
    "    code = 0\n"
    "sys.stderr.write('\\nMODULES ' + ' '.join(sorted(set(sys.modules) - before)) + '\\n')\n"
    "sys.stderr.write(f'CODE {{code}}\\n')\n"
)


def run(argv: list[str], racy: int = 0, **env: str) -> tuple[str, set[str], int]:
    """stdout, the modules loaded, and the exit code of ``studyplan ARGV`` in a child."""
    environment = dict(os.environ, NO_COLOR="1", **env)
    proc = subprocess.run([sys.executable, "-c", RUN.format(argv=argv, racy=racy)], env=environment, capture_output=True, text=True)
    lines = proc.stderr.splitlines()
    modules = set(next(x for x in lines if x.startswith("MODULES ")).split()[1:])
    code = int(next(x for x in lines if x.startswith("CODE ")).split()[1] or 0)
    return proc.stdout, modules, code


def cli(*args: str) -> None:
    subprocess.run([sys.executable, "-m", "studyplan", *args], env=dict(os.environ, NO_COLOR="1"), check=True, capture_output=True)


def heavy(modules: set[str]) -> set[str]:
    return {m for m in modules for h in NEVER if m == h or m.startswith(h + ".")}


@pytest.fixture
def learner():
    cli("init", "--start", (date.today() - timedelta(days=40)).isoformat())


def test_each_way_to_an_answer_loads_no_typer_rich_or_yaml(learner):
    fresh, computed, code = run(["status"])  # the init left an entry with racy stats: digest, or compute
    assert code == 0 and fresh.strip() and not heavy(computed)

    out, modules, _ = run(["status"])  # the digest matched, and the entry was stored with today's stats
    assert out == fresh
    out, modules, _ = run(["status"])
    assert out == fresh and not heavy(modules)
    assert "sqlite3" not in modules and "studyplan.app.session" not in modules and "datetime" not in modules

    cli("log", "5m")  # a write: the CLI leaves the new status for the next prompt
    after, modules, _ = run(["status"])
    assert not heavy(modules)
    assert "studyplan.store.fingerprint" in modules and "studyplan.app.session" not in modules  # the digest decided
    assert after != fresh  # the streak began

    out, modules, _ = run(["status", "--format", "{streak}"], STUDYPLAN_STATUS_CACHE="0")
    assert out.strip() == "1-day streak"
    assert "studyplan.app.session" in modules and not heavy(modules)


def test_json_and_a_template_take_the_fast_path_too(learner):
    run(["status"])
    out, modules, _ = run(["status", "--json"])
    assert out.startswith("{") and not heavy(modules)
    out, modules, _ = run(["status", "-f", "{topics_n}", "-p", "default"])
    assert out.strip().isdigit() and not heavy(modules)


def test_nothing_to_say_without_a_database(tmp_path):
    out, modules, code = run(["status"])
    assert (out, code) == ("", 0) and not heavy(modules)
    assert not os.path.exists(os.path.join(os.environ["STUDYPLAN_HOME"], "studyplan.db"))


def test_help_and_usage_errors_go_to_typer(learner):
    out, modules, code = run(["status", "--help"])
    assert code == 0 and "--format" in out and "typer" in modules
    out, modules, code = run(["status", "--no-such-option"])
    assert code == 2 and "typer" in modules


def test_a_bad_template_exits_2_without_typer(learner):
    out, modules, code = run(["status", "--format", "{bogus}"])
    assert (out, code) == ("", 2) and not heavy(modules)


def test_root_options_reach_the_typer_command_which_prints_the_same(learner):
    expected, _, _ = run(["status", "-p", "default"])
    out, modules, code = run(["-p", "default", "status"])
    assert code == 0 and out == expected and "typer" in modules
