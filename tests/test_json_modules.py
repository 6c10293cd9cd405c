"""What a command loads for output that is not drawn on a terminal.

``--json`` prints a document rich has no part in: it loads no rich module at all. A view
piped to another program (no terminal) is still laid out by rich, with the modules its
views are made of and nothing else: no Markdown, syntax highlighting, pretty-printing,
tracebacks, progress bars or emoji tables. The daily views (today, plan, show, concept)
are made of rich's Text alone, printed by cli/lite_console.py: no ``rich.console``,
``rich.table`` or ``rich.panel`` (issue 18); the others of a Console, Table, Panel and Text.
Each command runs in a fresh interpreter, as a learner runs it, and the test reads
``sys.modules`` at its end.
"""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from tests.test_startup import run_listing

# What the views are built from: the modules these imports load are what a drawn view may use.
VIEW_PARTS = "import rich.console, rich.table, rich.panel, rich.text, rich.measure"
DAILY_PARTS = "import rich.text, rich.measure"


def _run(argv: list[str], home) -> tuple[str, set[str]]:  # noqa: ANN001
    code, out, modules = run_listing(argv, home)
    assert code == 0, (argv, out)
    return out, modules


def _rich(modules: set[str]) -> set[str]:
    return {m for m in modules if m == "rich" or m.startswith("rich.")}


@pytest.fixture(scope="module")
def home(tmp_path_factory):  # noqa: ANN001, ANN201
    home = tmp_path_factory.mktemp("json-modules")
    _run(["init", "--start", "2026-01-05"], home)
    _run(["log", "45m", "--date", "2026-03-02"], home)
    _run(["today", "--date", "2026-03-02"], home)  # the curriculum cache is built
    return home


def _loaded_by(code: str) -> set[str]:
    proc = subprocess.run([sys.executable, "-c", code + "; import sys; print(' '.join(sys.modules))"],
                          capture_output=True, text=True, check=True)
    return _rich(set(proc.stdout.split()))


@pytest.fixture(scope="module")
def view_parts() -> set[str]:
    return _loaded_by(VIEW_PARTS)


@pytest.fixture(scope="module")
def daily_parts() -> set[str]:
    return _loaded_by(DAILY_PARTS)


JSON_COMMANDS = [
    ["today", "--json", "--date", "2026-03-02"],
    ["plan", "--json"],
    ["show", "ml-basics", "--json"],
    ["concept", "perplexity", "--json"],
    ["report", "--json", "--date", "2026-03-02"],
    ["report", "--week", "--format", "json", "--date", "2026-03-02"],
]


@pytest.mark.parametrize("argv", JSON_COMMANDS, ids=" ".join)
def test_json_output_loads_no_rich_module(argv, home):
    out, modules = _run(argv, home)
    assert json.loads(out)["json_version"] >= 1  # the document itself was printed
    assert not _rich(modules), f"{' '.join(argv)} loaded {sorted(_rich(modules))}"


DAILY_VIEWS = [["today", "--date", "2026-03-02"], ["plan"], ["show", "ml-basics"], ["concept", "perplexity"],
               ["--lang", "ja", "concept", "過学習"], ["concept", "overfit"]]
PIPED_VIEWS = [["report", "--date", "2026-03-02"], ["history", "--from", "2017", "--to", "2018"], ["concepts"]]


def _drawn_loading(argv: list[str], home, allowed: set[str]) -> set[str]:  # noqa: ANN001
    """The modules a drawn view loaded, after checking it loaded no rich module beyond ``allowed``."""
    out, modules = _run(argv, home)
    assert out.strip()  # the view was drawn
    # rich._unicode_data.*: the character width table, read when text is first measured
    extra = {m for m in _rich(modules) - allowed if not m.startswith("rich._unicode_data.")}
    assert not extra, f"{' '.join(argv)} loaded rich modules its views do not use: {sorted(extra)}"
    return modules


@pytest.mark.parametrize("argv", DAILY_VIEWS, ids=" ".join)
def test_a_daily_view_loads_rich_text_alone(argv, home, daily_parts):
    modules = _drawn_loading(argv, home, daily_parts)
    assert "rich.text" in modules
    assert "dataclasses" not in modules  # with inspect, ~6 ms: only --json of a dataclass needs it


@pytest.mark.parametrize("argv", PIPED_VIEWS, ids=" ".join)
def test_a_piped_view_loads_only_what_its_views_are_made_of(argv, home, view_parts):
    assert "rich.console" in _drawn_loading(argv, home, view_parts)  # laid out by rich, as on a terminal
