"""The light console (cli/lite_console.py) prints the daily views exactly as rich's Console would.

``today``, ``plan``, ``show`` and ``concept`` are drawn without ``rich.console`` (issue 18),
so each view, in every state a learner meets, is drawn here on both consoles, at widths
from a phone-sized terminal to a wide one, with and without colour, on a terminal and
piped, and the two outputs, escape codes included, must be the same. The light console
must also decide what rich decides from the environment: a terminal or not, colours or
not, the width.
"""

from __future__ import annotations

import io
import os

import pytest
from rich.console import Console
from typer.testing import CliRunner

from studyplan.app.session import Session
from studyplan.cli import app
from studyplan.cli.common import Run
from studyplan.cli.console import fitted_console
from studyplan.cli.lite_console import LiteConsole, draws

runner = CliRunner()
DAY = "2026-06-15"
SETUP = [
    ["init", "--start", "2026-01-05"],
    ["done", "ml-basics/definition"],
    ["skip", "ml-basics/types-of-ml"],
    ["start", "ml-basics/key-algorithms"],
    ["note", "ml-basics", "A note with [bold]markup[/bold] that stays as written, and a long line that has to wrap somewhere"],
    ["log", "1h30m", "--date", DAY],
]
VIEWS = {
    "today": ["today", "--date", DAY],
    "today ja": ["--lang", "ja", "today", "--date", DAY],
    "today before the plan": ["today", "--date", "2025-12-01"],
    "today after the plan": ["today", "--date", "2027-03-01"],
    "plan": ["plan"],
    "plan ja": ["--lang", "ja", "plan"],
    "show": ["show", "ml-basics"],
    "show ja": ["--lang", "ja", "show", "gpt-context"],
    "concept": ["concept", "perplexity"],
    "concept ja": ["--lang", "ja", "concept", "過学習"],
    "concept fuzzy": ["concept", "perplexty"],
    "concept candidates": ["concept", "learning"],
}
WIDTHS = [24, 40, 60, 80, 120]


@pytest.fixture(scope="module")
def made(tmp_path_factory):  # noqa: ANN001, ANN201
    """One home with progress, a skipped item, a note and a log entry, made once."""
    home = tmp_path_factory.mktemp("lite-home")
    env = {"STUDYPLAN_HOME": str(home), "LANG": "C.UTF-8"}
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("STUDYPLAN_HOME", str(home))
        for argv in SETUP:
            result = runner.invoke(app, argv, obj=Run(Session(env=env)))
            assert result.exit_code == 0, (argv, result.output)
    return env


@pytest.fixture
def home(made, monkeypatch):  # noqa: ANN001, ANN201
    monkeypatch.setenv("STUDYPLAN_HOME", made["STUDYPLAN_HOME"])
    return made


def _draw(env: dict[str, str], argv: list[str], console) -> str:  # noqa: ANN001
    result = runner.invoke(app, argv, obj=Run(Session(env=env), console))
    assert result.exit_code in (0, 1), (argv, result.output)  # concept candidates: exit 1 with the list
    return console.file.getvalue()


def _rich(width: int, color: bool) -> Console:
    return Console(file=io.StringIO(), width=width, force_terminal=True, color_system="standard" if color else None,
                   highlight=False, soft_wrap=False, emoji=False, _environ={"TERM": "xterm"})  # not the tests' NO_COLOR


def _lite(width: int, color: bool) -> LiteConsole:
    env = {"COLUMNS": str(width), "TERM": "xterm"}
    return LiteConsole(file=io.StringIO(), force_terminal=True, color_system="auto" if color else None, env=env)


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("name", VIEWS)
def test_on_a_terminal_the_light_console_draws_what_rich_draws(name, width, home):
    argv = VIEWS[name]
    drawn = _draw(home, argv, _lite(width, color=True))
    assert drawn.strip()
    assert drawn == _draw(home, argv, _rich(width, color=True))
    assert _draw(home, argv, _lite(width, color=False)) == _draw(home, argv, _rich(width, color=False))


@pytest.mark.parametrize("name", VIEWS)
def test_piped_the_light_console_is_as_wide_as_the_content_as_rich_is(name, home, monkeypatch):
    monkeypatch.setenv("COLUMNS", "40")
    monkeypatch.delenv("FORCE_COLOR", raising=False)
    monkeypatch.delenv("TTY_COMPATIBLE", raising=False)
    lite = LiteConsole(file=io.StringIO(), env={"COLUMNS": "40"})
    assert not lite.is_terminal and lite.usual_width == 40
    drawn = _draw(home, VIEWS[name], lite)
    assert "\x1b" not in drawn
    assert drawn == _draw(home, VIEWS[name], fitted_console(file=io.StringIO(), highlight=False, soft_wrap=False, emoji=False))


@pytest.mark.parametrize("name", VIEWS)
def test_every_daily_view_is_made_of_pieces_the_light_console_draws(name, home):
    """What decides which console prints a view (cli/common.py ``Run.console_for``)."""
    seen = []

    class Spy(LiteConsole):
        def print(self, renderable) -> None:  # noqa: ANN001
            seen.append(renderable)
            super().print(renderable)

    _draw(home, VIEWS[name], Spy(file=io.StringIO(), env={"COLUMNS": "80"}))
    assert seen and all(draws(r) for r in seen)


def test_a_view_with_a_rich_table_is_left_to_rich(home):
    from rich.table import Table

    from studyplan.render.layout import Stack

    assert not draws(Stack(Table()))
    with pytest.raises(TypeError, match="light console"):
        LiteConsole(file=io.StringIO()).print(Table())


# -- the decisions rich's Console makes from the environment ------------------------------------

ENVIRONMENTS = [
    {},
    {"FORCE_COLOR": "1"},
    {"FORCE_COLOR": ""},
    {"TTY_COMPATIBLE": "1"},
    {"TTY_COMPATIBLE": "0", "FORCE_COLOR": "1"},
    {"FORCE_COLOR": "1", "TERM": "dumb"},
    {"FORCE_COLOR": "1", "TERM": "xterm-256color"},
    {"FORCE_COLOR": "1", "COLORTERM": "truecolor"},
    {"FORCE_COLOR": "1", "NO_COLOR": "1"},
    {"FORCE_COLOR": "1", "COLUMNS": "33", "LINES": "12"},
]


class _Pipe(io.StringIO):
    def isatty(self) -> bool:
        return False


@pytest.mark.parametrize("env", ENVIRONMENTS, ids=lambda e: " ".join(f"{k}={v}" for k, v in e.items()) or "nothing set")
def test_the_light_console_decides_from_the_environment_as_rich_does(env, monkeypatch, home):
    for var in ("FORCE_COLOR", "TTY_COMPATIBLE", "TERM", "COLORTERM", "NO_COLOR", "COLUMNS", "LINES", "TTY_INTERACTIVE"):
        monkeypatch.delenv(var, raising=False)
    for var, value in env.items():
        monkeypatch.setenv(var, value)
    rich_console = Console(file=_Pipe(), highlight=False, soft_wrap=False, emoji=False)
    lite = LiteConsole(file=_Pipe(), env=dict(os.environ))
    assert lite.is_terminal == rich_console.is_terminal
    assert lite.color_system == rich_console._color_system  # noqa: SLF001 - what rich decided
    assert lite.no_color == rich_console.no_color
    if lite.is_terminal:
        assert lite.width == rich_console.width
        assert _draw(home, VIEWS["today"], lite) == _draw(home, VIEWS["today"], rich_console)


def test_capture_keeps_what_is_printed(home):
    from rich.text import Text

    lite = LiteConsole(file=io.StringIO(), force_terminal=True, env={"COLUMNS": "20", "TERM": "xterm"})
    with lite.capture() as captured:
        lite.print(Text("bold words that wrap at twenty", style="bold"))
    assert lite.file.getvalue() == ""
    assert captured.get() == "\x1b[1mbold words that wrap\x1b[0m\n\x1b[1mat twenty\x1b[0m\n"


NARROW = ["today ja", "concept ja", "show ja", "plan ja"]


@pytest.mark.parametrize("width", [1, 2, 3, 4, 6, 8])
@pytest.mark.parametrize("name", NARROW)
def test_a_terminal_narrower_than_a_word_still_gets_every_view(name, width, home):
    """A Japanese character is two cells: on a one-cell terminal it is a line of its own
    (line breaking crashed there once)."""
    assert _draw(home, VIEWS[name], _lite(width, color=False)).strip()


@pytest.mark.parametrize("width", [10, 12, 16, 20])
@pytest.mark.parametrize("name", NARROW)
def test_from_ten_columns_nothing_of_a_view_is_lost(name, width, home):
    """Every character of the view at 80 columns is there, however narrow (below ten
    columns a table's padding leaves a cell less than the two cells of a wide character)."""
    decoration = set(" \n╭─╮│╰╯█░")
    drawn = _draw(home, VIEWS[name], _lite(width, color=False))
    assert set(drawn) - decoration == set(_draw(home, VIEWS[name], _lite(80, color=False))) - decoration
