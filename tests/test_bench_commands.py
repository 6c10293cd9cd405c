"""The benchmark times every command of the README's command table, and says what docs say of it."""

from __future__ import annotations

import importlib.util
import re
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]


def bench():  # noqa: ANN201 - the bench/run.py module
    spec = importlib.util.spec_from_file_location("bench_run", REPO / "bench" / "run.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def readme_commands() -> set[str]:
    """The first word of every `command …` in the first column of the README's command table."""
    text = (REPO / "README.md").read_text(encoding="utf-8")
    table = text.split("## Commands", 1)[1].split("\n\n", 2)[1]
    words = set()
    for row in table.splitlines()[2:]:
        first = re.sub(r"\([^)]*\)", "", row.split(" | ")[0])  # the command forms, not the remarks in brackets
        words |= {m.split()[0] for m in re.findall(r"`([^`]+)`", first)}
    return words


def test_every_command_of_the_readme_table_has_a_benchmark_case():
    run = bench()
    commands = readme_commands()
    assert {"today", "focus", "status", "undo", "import"} <= commands  # the table was read
    timed = {argv[0] for argv in [*run.COMMANDS.values(), *run.WRITES.values()]} | {"status"}
    assert commands - timed == set(), f"not benchmarked: {sorted(commands - timed)}"


def test_the_default_number_of_runs_is_what_the_docs_say():
    run = bench()
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    assert f"median of {run.RUNS} runs" in readme
    assert run.HISTORY_YEARS == (10, 100) and set(run.CURRICULUM_TARGETS) == {20, 50}
