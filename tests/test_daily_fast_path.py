"""The daily commands without typer (cli/fast.py) answer exactly as the typer commands do.

Each command line runs twice as a learner runs it, in two copies of one home: once as
``studyplan`` starts (the fast path takes the common shapes) and once through the typer
app itself. Standard output, standard error, the exit code and what was stored must be
the same, for views, JSON, errors in either language and command lines the fast path
leaves to typer (help, usage errors).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

MAIN = "import sys\nsys.argv = ['studyplan', *{argv!r}]\nfrom studyplan.__main__ import main\nmain()\n"
TYPER = ("import sys\nfrom studyplan.cli import app_for\nargv = {argv!r}\n"
         "app_for(argv)(args=argv, prog_name='studyplan')\n")


def _run(code: str, argv: list[str], home: Path) -> subprocess.CompletedProcess:
    env = dict(os.environ, STUDYPLAN_HOME=str(home), NO_COLOR="1", COLUMNS="100")
    return subprocess.run([sys.executable, "-c", code.format(argv=argv)], env=env, capture_output=True, text=True)


@pytest.fixture(scope="module")
def template(tmp_path_factory) -> Path:  # noqa: ANN001
    home = tmp_path_factory.mktemp("fast-template") / "home"
    for argv in (["init", "--start", "2026-01-05"], ["done", "ml-basics/definition"], ["log", "1h", "--date", "2026-01-06"],
                 ["note", "ml-basics", "a note with [bold]markup[/bold]"]):
        assert _run(TYPER, argv, home).returncode == 0
    return home


def _both(template: Path, tmp_path: Path, argv: list[str], setup=None):  # noqa: ANN001, ANN202
    results = []
    for name, code in (("fast", MAIN), ("typer", TYPER)):
        home = tmp_path / name
        shutil.copytree(template, home)
        if setup:
            setup(home)
        proc = _run(code, argv, home)
        shown = (proc.returncode, proc.stdout.replace(str(home), "HOME"), proc.stderr.replace(str(home), "HOME"))
        results.append((shown, home))
    return results


CASES = [
    [],
    ["today", "--date", "2026-03-02"],
    ["today", "--json", "--date", "2026-03-02"],
    ["--lang", "ja", "today", "--date", "2026-03-02"],
    ["today", "--date=2026-03-02", "--lang", "ja"],
    ["-p", "default", "today", "--date", "-3d", "--json"],
    ["--profile=default", "--no-pager", "today", "--date", "mon"],
    ["today", "--date", "2026-13-40"],
    ["--lang", "ja", "today", "--date", "someday"],
    ["-p", "nobody", "today"],
    ["today", "extra"],
    ["today", "--help"],
    ["plan"],
    ["plan", "--plain"],
    ["plan", "--json", "--lang", "ja"],
    ["plan", "--json", "--plain"],
    ["--no-pager", "plan", "--lang", "ja"],
    ["show", "ml-basics"],
    ["show", "ml-basics", "--json"],
    ["show", "--lang", "ja", "dl-intro"],
    ["show", "nosuch"],
    ["--lang", "ja", "show", "nosuch"],
    ["show"],
    ["show", "a", "b"],
    ["concept", "perplexity"],
    ["concept", "過学習"],
    ["concept", "perplexty"],
    ["concept", "zzzz", "qqqq"],
    ["concept", "perplexity", "--json"],
    ["concept", "--lang", "ja", "attention"],
    ["concept"],
    ["concept", "--bogus"],
]


@pytest.mark.parametrize("argv", CASES, ids=lambda a: " ".join(a) or "(none)")
def test_the_fast_path_answers_as_typer_does(argv, template, tmp_path):
    (fast, fast_home), (typer_run, typer_home) = _both(template, tmp_path, argv)
    assert fast == typer_run
    # the same state after it (a looked-up concept is recorded, a profile created …)
    after = ["report", "--json", "--date", "2026-03-02"]
    assert _run(TYPER, after, fast_home).stdout == _run(TYPER, after, typer_home).stdout


def test_an_invalid_setting_stops_the_fast_path_as_it_stops_typer(template, tmp_path):
    def bad_setting(home: Path) -> None:
        (home / "config.toml").write_text('daily_cap = "lots"\nlang = "ja"\n', encoding="utf-8")

    (fast, _), (typer_run, _) = _both(template, tmp_path, ["today", "--date", "2026-03-02"], bad_setting)
    assert fast[0] == 2 and fast[2].startswith("studyplan: HOME/config.toml: ")
    assert fast == typer_run


def test_a_warning_is_worded_as_typer_words_it(template, tmp_path):
    def unknown_key(home: Path) -> None:
        (home / "config.toml").write_text('no_such_setting = 1\n', encoding="utf-8")

    (fast, _), (typer_run, _) = _both(template, tmp_path, ["plan", "--json"], unknown_key)
    assert fast[0] == 0 and "no_such_setting" in fast[2]
    assert fast == typer_run


@pytest.mark.parametrize("argv", [["today", "--date"], ["today", "--json", "--json", "--date", "x", "--date", "y"],
                                  ["-pdefault", "today"], ["today", "--", "x"], ["show", "-"], ["concept", "a", "--jso"]])
def test_command_lines_it_does_not_know_are_left_to_typer(argv):
    from studyplan.cli.fast import parse

    assert parse(argv, env={}) is None


def test_completion_is_left_to_typer():
    from studyplan.cli.fast import parse

    assert parse(["today"], env={}) is not None
    assert parse(["today"], env={"_STUDYPLAN_COMPLETE": "bash_complete"}) is None
