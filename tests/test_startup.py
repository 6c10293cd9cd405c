"""What a command loads: the daily commands stay clear of the heavy modules.

Not a timing test (bench/run.py measures time): it checks the design that keeps
start-up fast, so a stray top-level import fails here instead of slowing every
command by a few milliseconds unnoticed.
"""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

HEAVY = ("yaml", "rapidfuzz", "fsrs", "icalendar", "rich.markdown", "hypothesis", "json", "studyplan.domain.loader")

RUN = (
    "import sys\n"
    "before = set(sys.modules)\n"
    "sys.argv = ['studyplan', *{argv!r}]\n"
    "from studyplan.__main__ import main\n"
    "try:\n"
    "    main()\n"
    "except SystemExit as exc:\n"
    "    sys.stderr.write(f'\\nEXIT {{exc.code or 0}}')\n"
    "sys.stderr.write('\\nMODULES ' + ' '.join(sorted(set(sys.modules) - before)) + '\\n')\n"
)


def run_listing(argv: list[str], home) -> tuple[int, str, set[str]]:  # noqa: ANN001
    """Run ``studyplan ARGV`` in a fresh interpreter: its exit code, what it printed, and the
    modules it loaded beyond the interpreter's own (tests/test_json_modules.py uses it too)."""
    env = dict(os.environ, STUDYPLAN_HOME=str(home), NO_COLOR="1")
    proc = subprocess.run([sys.executable, "-c", RUN.format(argv=argv)], env=env, capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr  # the script itself ran to its end
    lines = proc.stderr.splitlines()
    code = next((int(x.split()[1]) for x in lines if x.startswith("EXIT ")), 0)
    modules = next(x for x in lines if x.startswith("MODULES "))
    return code, proc.stdout, set(modules.split()[1:])


def _loaded(argv: list[str], home) -> set[str]:  # noqa: ANN001
    return run_listing(argv, home)[2]


@pytest.fixture(scope="module")
def warm_home(tmp_path_factory):  # noqa: ANN001, ANN201
    home = tmp_path_factory.mktemp("startup")
    _loaded(["today"], home)  # the first run builds the profile and the curriculum cache
    return home


@pytest.mark.parametrize("argv", [["today"], ["plan"], ["concept", "perplexity"], ["report", "--week"], ["--help"]])
def test_daily_commands_load_no_heavy_module(argv, warm_home):
    loaded = _loaded(argv, warm_home)
    assert not {m for m in loaded for h in HEAVY if m == h or m.startswith(h + ".")}, f"{argv} loaded heavy modules"


def test_only_the_command_being_run_is_loaded(warm_home):
    loaded = _loaded(["report", "--week"], warm_home)
    assert "studyplan.cli.tracking" in loaded
    assert not loaded & {"studyplan.cli.today", "studyplan.cli.data", "studyplan.cli.review", "studyplan.cli.knowledge"}


# The daily commands' common command lines run without typer (cli/fast.py); anything else,
# help included, is typer's.
@pytest.mark.parametrize("argv", [[], ["today"], ["-p", "default", "today", "--date", "2026-03-02"], ["plan", "--plain"],
                                  ["--lang", "ja", "show", "ml-basics"], ["concept", "perplexity", "--json"]])
def test_the_daily_commands_load_no_typer(argv, warm_home):
    loaded = _loaded(argv, warm_home)
    assert not {m for m in loaded if m == "typer" or m.startswith("typer.")}, f"{argv} loaded typer"
    assert not loaded & {"studyplan.cli.today", "studyplan.cli.plan", "studyplan.cli.knowledge", "studyplan.cli.root"}


@pytest.mark.parametrize("argv", [["today", "--help"], ["plan", "--bogus"], ["show"], ["concept", "--json"], ["--version"]])
def test_other_command_lines_are_typers(argv, warm_home):
    env = dict(os.environ, STUDYPLAN_HOME=str(warm_home), NO_COLOR="1")
    proc = subprocess.run([sys.executable, "-c", RUN.format(argv=argv)], env=env, capture_output=True, text=True)
    assert "typer.main" in proc.stderr.rsplit("MODULES ", 1)[-1].split()


def test_a_fuzzy_lookup_loads_rapidfuzz_only_then(warm_home):
    assert "rapidfuzz" in _loaded(["concept", "perplexty"], warm_home)  # a typo: fuzzy ranking
