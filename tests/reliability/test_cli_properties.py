"""Case 8: any arguments to done, log, concept and report --date give success or a clean error.

A clean error: exit 1-3 (2 for a usage error), no traceback, no "internal error", and
the store exactly as it was. Arguments are any text Hypothesis can make — control
characters, markup, huge numbers, and lone surrogates (what Python makes of bytes
that are not UTF-8 on the command line) — mixed with near-valid values so the
commands get past their first check. Derandomized so CI is repeatable.
"""

from __future__ import annotations

import os

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.reliability.conftest import snapshot

SETTINGS = settings(  # RELIABILITY_EXAMPLES=2000 RELIABILITY_RANDOM=1 for a deeper, non-repeatable search
    max_examples=int(os.environ.get("RELIABILITY_EXAMPLES", "120")), deadline=None,
    derandomize=not os.environ.get("RELIABILITY_RANDOM"), database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)

NEAR_VALID = st.sampled_from([
    "ml-basics", "ml-basics/definition", "ml-basics/", "/ml-basics", "dl-intro/../ml-basics", "ML-BASICS",
    "45m", "1h30m", "1.5h", "90", "1:30", "0m", "-5m", "1e400", "9" * 400, "9" * 400 + "h", "1e308h", "infh", "nanm",
    "2024-02-29", "2023-02-29", "2026-12-31", "0001-01-01", "9999-12-31", "10000-01-01", "2026-13-01", "+2026-01-01",
    "--json", "--date", "--note", "--kind", "--module", "--list", "--delete", "-", "--", "", " ", "\x00", "\udcff", "\ud800",
    "[bold]x[/]", "\x1b[2J", "perplexity", "過学習", "theory", "coding", "99999999999999999999999", "-1",
])
ANY_TEXT = st.text(st.characters(codec=None, exclude_categories=()), max_size=30)
SURROGATE_BYTES = st.text(st.characters(min_codepoint=0xDC80, max_codepoint=0xDCFF), min_size=1, max_size=4)
ARG = st.one_of(NEAR_VALID, ANY_TEXT, SURROGATE_BYTES, st.integers().map(str))
ARGS = st.lists(ARG, min_size=0, max_size=5)


@pytest.fixture
def store(sp, db_path):
    sp("init", "--start", "2026-01-05")
    sp("done", "ml-basics/definition")
    sp("log", "30m", "--date", "2026-01-06")
    return db_path


def _run_and_check(sp, db_path, args: list[str]) -> None:
    before = snapshot(db_path)
    result = sp(*args, ok=False)
    out = (result.stdout or "") + (result.stderr or "")
    assert result.exception is None or isinstance(result.exception, SystemExit), (args, repr(result.exception))
    assert "Traceback" not in out, (args, out[-2000:])
    assert "internal error" not in out, (args, out[-500:])
    assert result.exit_code in (0, 1, 2, 3), (args, result.exit_code, out[-500:])
    if result.exit_code != 0:
        err = result.stderr.strip()
        assert err, (args, "an error without a message")
        if err.startswith("studyplan:"):
            assert len(err.splitlines()) == 1, (args, err)
        else:  # Click's usage error: "Usage: ... Error: ..."
            assert result.exit_code == 2 and "Error" in err, (args, err)
        assert snapshot(db_path) == before, (args, "the store changed although the command failed")


@SETTINGS
@given(args=ARGS)
def test_done_with_any_arguments(sp, store, args):
    _run_and_check(sp, store, ["done", *args])


@SETTINGS
@given(duration=ARG, rest=ARGS)
def test_log_with_any_arguments(sp, store, duration, rest):
    _run_and_check(sp, store, ["log", duration, *rest])


@SETTINGS
@given(args=ARGS)
def test_concept_with_any_arguments(sp, store, args):
    _run_and_check(sp, store, ["concept", *args])


@SETTINGS
@given(date=ARG, month=st.booleans())
def test_report_with_any_date(sp, store, date, month):
    _run_and_check(sp, store, ["report", *(["--month"] if month else []), "--date", date])


@pytest.mark.parametrize("args", [
    ["log", "30m", "--note", "\udcff\udcfe"],          # bytes that are not UTF-8 on the command line
    ["concept", "\ud800"],
    ["done", "ml-basics/\udcff"],
    ["report", "--date", "9999-12-31"],                 # the week/month around it leaves the calendar
    ["report", "--month", "--date", "0001-01-01"],
    ["log", "1" + "0" * 400],                           # a number of minutes too big for a float
    ["log", "--delete", "99999999999999999999999"],     # an id too big for SQLite
])
def test_examples_hypothesis_found(sp, store, args):
    _run_and_check(sp, store, args)
