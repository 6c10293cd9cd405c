"""Terminal conventions: plain output without escape codes, --version, help examples, completion, docs."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]


def run(args, home, **env):
    full = dict(os.environ, STUDYPLAN_HOME=str(home), **env)
    return subprocess.run([sys.executable, "-m", "studyplan", *args], env=full, capture_output=True, text=True)


def test_no_color_gives_plain_text_even_on_a_terminal(isolated_home):
    forced = run(["plan"], isolated_home, FORCE_COLOR="1", NO_COLOR="", COLUMNS="100")
    assert "\x1b[" in forced.stdout  # a terminal gets styles…
    plain = run(["plan"], isolated_home, FORCE_COLOR="1", NO_COLOR="1")
    assert plain.returncode == 0 and "\x1b" not in plain.stdout  # …NO_COLOR gets none at all
    piped = run(["today"], isolated_home, NO_COLOR="")
    assert "\x1b" not in piped.stdout  # not a terminal: plain


def test_version(sp):
    from studyplan import __version__

    assert sp("--version").stdout.strip() == f"studyplan {__version__}"


def test_every_command_has_help_with_an_example(sp):
    import typer.main

    from studyplan.cli import app

    group = typer.main.get_command(app)
    for name, command in group.commands.items():
        if getattr(command, "commands", None):  # a group: check its subcommands
            for sub in command.commands.values():
                assert "Example" in (sub.help or ""), f"{name} {sub.name}"
        else:
            assert "Example" in (command.help or ""), name
    assert "Example" in sp("today", "--help").stdout


def test_completion_offers_module_ids_items_and_concepts(isolated_home):
    env = {"_STUDYPLAN_COMPLETE": "complete_bash", "COMP_WORDS": "studyplan show ml-", "COMP_CWORD": "2"}
    out = run([], isolated_home, **env).stdout.split()
    assert out == ["ml-basics", "ml-advanced", "ml-frontier"]
    env.update(COMP_WORDS="studyplan done ml-basics/ty")
    assert run([], isolated_home, **env).stdout.split() == ["ml-basics/types-of-ml"]
    env.update(COMP_WORDS="studyplan concept perp")
    assert "perplexity" in run([], isolated_home, **env).stdout.split()


def test_wide_text_aligns_in_tables(sp):
    out = sp("concepts", "--module", "gpt-context", "--lang", "ja").stdout
    from rich.cells import cell_len

    widths = {cell_len(line) for line in out.splitlines() if line.startswith(("│", "┃", "┏", "└", "┡"))}
    assert len(widths) == 1, widths


def test_generated_docs_are_current():
    result = subprocess.run([sys.executable, str(REPO / "docs" / "generate.py"), "--check"], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
