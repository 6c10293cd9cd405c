"""Every `--help` says what a value is (MODULE, DATE, FILE, ID, N …), never the type's default
(TEXT, INTEGER, FLOAT, <str>, <int>), and points at documentation an installed program can reach."""

from __future__ import annotations

import re

import pytest
import typer
from typer.main import get_command

from studyplan.cli import app

GENERIC = {"TEXT", "INTEGER", "FLOAT", "BOOLEAN", "PATH", "FILENAME", "DIRECTORY", "UUID", "DATETIME", "CHOICE"}
OPTION_LINE = re.compile(r"^\s{2}(-[\w-]+(?:, --[\w-]+)?|--[\w-]+)(?: (?P<metavar>\S+))?(?:\s{2,}|$)")


def _commands() -> list[tuple[list[str], object]]:
    """Every command as (its words after `studyplan`, the click command), groups' commands included."""
    found: list[tuple[list[str], object]] = []

    def walk(words: list[str], command) -> None:  # noqa: ANN001
        found.append((words, command))
        for name, sub in sorted(getattr(command, "commands", {}).items()):
            walk([*words, name], sub)

    walk([], get_command(app))
    return found


COMMANDS = _commands()


def test_every_command_is_covered():
    names = {" ".join(words) for words, _ in COMMANDS}
    assert {"", "today", "log", "pause", "init", "calendar", "config set", "curriculum validate"} <= names
    assert len(names) >= 30


@pytest.mark.parametrize("words", [w for w, _ in COMMANDS], ids=lambda w: " ".join(w) or "studyplan")
def test_help_shows_no_generic_metavar(sp, words):
    text = sp(*words, "--help").stdout
    assert not re.search(r"<[a-z]+>", text), text  # typer >= 0.28: <str>, <int>, <float>, <path>
    usage = next(line for line in text.splitlines() if line.startswith("Usage:"))
    assert not re.search(r"[\[{][a-z_]+[}\]]", usage), usage  # an argument shown by its lowercase name
    options = text.split("Options:", 1)[1] if "Options:" in text else ""
    for line in options.splitlines():
        m = OPTION_LINE.match(line)
        if m and m["metavar"]:
            assert m["metavar"] not in GENERIC, line


@pytest.mark.parametrize(("words", "command"), COMMANDS, ids=lambda x: " ".join(x) if isinstance(x, list) else "")
def test_every_value_has_a_metavar_of_its_own(words, command):
    """Declared, not derived from the type: what the value is (DATE, MODULE, FILE, HH:MM …)."""
    for param in getattr(command, "params", ()):
        takes_value = param.param_type_name == "argument" or not (getattr(param, "is_flag", False) or getattr(param, "count", False))
        if not takes_value or param.name == "help" or getattr(param, "hidden", False):
            continue
        assert param.metavar, f"studyplan {' '.join(words)}: {param.name} has no metavar"
        assert param.metavar.strip("[]{}.").upper() == param.metavar.strip("[]{}."), param.metavar
        if param.param_type_name == "option":  # an argument may be TEXT when it is the text (`note ITEM TEXT`)
            assert param.metavar.strip("[]{}.") not in GENERIC, f"studyplan {' '.join(words)}: {param.name} shows {param.metavar}"


@pytest.mark.parametrize(("words", "option", "metavar"), [
    (["today"], "--date", "DATE"), (["log"], "--module", "MODULE"), (["log"], "--delete", "ID"),
    (["init"], "--months", "N"), (["calendar"], "--at", "HH:MM"), (["calendar"], "--days", "DAYS"),
    (["report"], "--output", "FILE"), (["pause"], "--from", "DATE"), (["review"], "--limit", "N"),
    ([], "--lang", "LANG"), ([], "--profile", "NAME"),
])
def test_chosen_metavars(sp, words, option, metavar):
    assert re.search(rf"{re.escape(option)} {re.escape(metavar)}\b", sp(*words, "--help").stdout)


@pytest.mark.parametrize(("words", "usage"), [
    (["show"], "{MODULE}"), (["done"], "{ITEM...}"), (["log"], "[DURATION]"), (["note"], "{ITEM} [TEXT]"),
    (["import"], "{FILE}"), (["config", "set"], "{SETTING} {VALUE}"), (["curriculum", "validate"], "{FOLDER|FILE|ID}"),
])
def test_arguments_are_named_in_capitals(sp, words, usage):
    text = sp(*words, "--help").stdout
    line = next(line for line in text.splitlines() if line.startswith("Usage:"))
    assert usage.strip("{}[]") in line, line


@pytest.mark.parametrize("words", [w for w, _ in COMMANDS], ids=lambda w: " ".join(w) or "studyplan")
def test_help_points_at_documentation_an_installed_program_can_reach(sp, words):
    """The wheel has no docs/ folder: a help text that names a page names the project too."""
    text = " ".join(sp(*words, "--help").stdout.split())
    for m in re.finditer(r"docs/[\w./-]+", text):
        tail = text[m.end():m.end() + 60]
        before = text[max(0, m.start() - 60):m.start()]
        assert "https://github.com/studyplan/studyplan" in tail + before, text


def test_typer_is_the_only_cli_library_used():
    assert typer.Exit  # the vendored Click is reached through typer, never imported
