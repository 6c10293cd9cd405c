"""`log --list` on a long history: --limit, --since and --until (relative dates too), chosen in
SQL; a list goes through the pager only on a terminal, never when piped or under a test."""

from __future__ import annotations

import os
import sqlite3
import time
from datetime import date, timedelta

import pytest

DAYS = ("2026-11-20", "2026-11-25", "2026-11-28", "2026-11-30", "2026-12-01")


@pytest.fixture
def logged(sp, frozen):
    frozen("2026-12-01")  # a Tuesday
    sp("init", "--start", "2026-09-01")
    for i, day in enumerate(DAYS):
        sp("log", f"{30 + i}m", "--date", day, "--note", f"entry {i}")


def _days(sp, *args):
    return [e["day"] for e in sp.json("log", *args)["entries"]]


def test_limit_lists_the_latest_entries_oldest_first(sp, logged):
    assert _days(sp, "--list", "--limit", "2") == ["2026-11-30", "2026-12-01"]
    assert _days(sp, "--limit", "10") == list(DAYS)  # --limit implies --list
    plain = sp("log", "--limit", "3", "--plain").stdout.splitlines()
    assert [line.split("\t")[1] for line in plain[1:]] == ["2026-11-28", "2026-11-30", "2026-12-01"]


def test_since_and_until_take_iso_and_relative_dates(sp, logged):
    assert _days(sp, "--since", "2026-11-28") == ["2026-11-28", "2026-11-30", "2026-12-01"]
    assert _days(sp, "--until", "2026-11-25") == ["2026-11-20", "2026-11-25"]
    assert _days(sp, "--since", "-3d") == ["2026-11-28", "2026-11-30", "2026-12-01"]
    assert _days(sp, "--since", "mon", "--until", "today") == ["2026-11-30", "2026-12-01"]
    assert _days(sp, "--since", "-1w", "--until", "yesterday", "--limit", "1") == ["2026-11-30"]
    data = sp.json("log", "--since", "2026-11-25", "--until", "2026-11-28")
    assert (data["start"], data["end"]) == ("2026-11-25", "2026-11-28")
    assert data["total_minutes"] == 31 + 32


def test_csv_follows_the_range(sp, logged):
    import csv
    import io

    rows = list(csv.DictReader(io.StringIO(sp("log", "--since", "2026-11-30", "--format", "csv").stdout)))
    assert [r["date"] for r in rows] == ["2026-11-30", "2026-12-01"]


@pytest.mark.parametrize(("args", "words"), [
    (("--limit", "0"), "--limit must be 1 or more"),
    (("--since", "today", "--until", "-2d"), "is after --until"),
    (("--week", "--limit", "3"), "instead of --week or --month"),
    (("--since", "someday"), "--since"),
])
def test_bad_ranges_are_usage_errors(sp, logged, args, words):
    result = sp("log", *args, ok=False)
    assert result.exit_code == 2 and words in result.stderr and result.stdout == ""


def test_never_paged_when_not_a_terminal(sp, logged, tmp_path, monkeypatch):
    marker = tmp_path / "paged"
    monkeypatch.setenv("PAGER", f"touch {marker}; cat")
    monkeypatch.setenv("LINES", "2")
    out = sp("log", "--list").stdout
    assert "entry 0" in out and "entry 4" in out and "…" not in out
    assert not marker.exists()


def test_the_pager_command():
    from studyplan.cli.pager import DEFAULT_PAGER, pager_command

    assert pager_command({}) == DEFAULT_PAGER == "less -FRX"
    assert pager_command({"PAGER": "most"}) == "most"
    assert pager_command({"PAGER": ""}) is None and pager_command({"PAGER": "cat"}) is None
    assert pager_command({"PAGER": "most"}, "less -R") == "less -R"  # the pager setting first, as git's core.pager
    assert pager_command({"PAGER": "most"}, "") is None


def test_the_pager_setting(sp, isolated_home):
    sp("config", "set", "pager", "")
    assert sp.json("config", "get", "pager")["value"] == ""
    sp("config", "set", "pager", "less -R")
    assert sp("config", "get", "pager").stdout == "less -R\n"
    assert sp("config", "set", "pager", "less\n-R", ok=False).exit_code == 2


def test_ten_years_of_history_stay_fast_with_a_limit(sp, frozen, db_path):
    frozen("2026-12-01")
    sp("init", "--start", "2016-12-01")
    sp("log", "30m", "--date", "2016-12-01")
    conn = sqlite3.connect(db_path)
    first = date(2016, 12, 2)
    with conn:
        conn.executemany(
            "INSERT INTO time_log (profile_id, day, minutes, kind, module, note, created_at) VALUES (1, ?, 45, 'theory', NULL, NULL, '2026-12-01T12:00:00')",
            [((first + timedelta(days=i)).isoformat(),) for i in range(3650) for _ in range(10)],
        )
    conn.close()
    started = time.perf_counter()
    data = sp.json("log", "--limit", "5")
    limited = time.perf_counter() - started
    assert [e["day"] for e in data["entries"]] == [(first + timedelta(days=3649)).isoformat()] * 5
    started = time.perf_counter()
    week = sp.json("log", "--since", "2026-11-25", "--until", "2026-11-26")
    ranged = time.perf_counter() - started
    assert len(week["entries"]) == 20
    assert limited < 2.0 and ranged < 2.0  # 36,500 rows: the database picks the rows, not Python


def test_ten_years_listed_whole_in_seconds_and_the_same_layout(sp, frozen, db_path):
    frozen("2026-12-01")
    sp("init", "--start", "2016-12-01")
    sp("log", "30m", "--date", "2016-12-01", "--note", "first")
    conn = sqlite3.connect(db_path)
    with conn:
        conn.executemany(
            "INSERT INTO time_log (profile_id, day, minutes, kind, module, note, created_at) VALUES (1, ?, 45, 'coding', 'ml-basics', 'read a chapter', '2026-12-01T12:00:00')",
            [((date(2016, 12, 2) + timedelta(days=i)).isoformat(),) for i in range(3650) for _ in range(10)],
        )
    conn.close()
    started = time.perf_counter()
    out = sp("log", "--list").stdout
    assert time.perf_counter() - started < 10  # rich's Table took 27 s of CPU for these 36,501 rows
    lines = out.splitlines()
    assert len(lines) == 36_501 + 3 and "36501 entries" in lines[-1]
    assert lines[2].split() == ["1", "│", "2016-12-01", "│", "30m", "│", "theory", "│", "│", "first"]


def _drawn(renderable, width: int) -> list[str]:
    from rich.console import Console

    console = Console(width=width, color_system=None, record=True, file=open(os.devnull, "w"))  # noqa: SIM115
    console.print(renderable)
    return [line.rstrip() for line in console.export_text().splitlines()]


@pytest.mark.parametrize("width", [60, 80, 120])  # 60: too narrow for the fixed columns, drawn by rich
def test_the_long_table_draws_what_richs_table_draws(width):
    from studyplan.app.tracking import LogList
    from studyplan.domain.learner import LogEntry
    from studyplan.render.tracking import LONG_LIST, log_list_view

    notes = ["", "backprop by hand", "誤差逆伝播法を手で計算した。連鎖律の練習になる。" * 3, "a long English note " * 6]
    entries = tuple(LogEntry(i, date(2026, 1, 1) + timedelta(days=i % 300), 30 + i % 90, ("theory", "coding", "updates")[i % 3],
                             "ml-basics" if i % 2 else None, notes[i % 4], "2026-01-01T12:00:00") for i in range(1, LONG_LIST + 2))
    result = LogList(None, None, entries, sum(e.minutes for e in entries))
    fast, rich_table = _drawn(log_list_view(result, "en", fast=True), width), _drawn(log_list_view(result, "en"), width)
    if width < 80:
        assert fast == rich_table
        return
    assert "…" not in "".join(fast)
    assert all(len(line) <= width for line in fast)
    text = "".join(fast).replace(" ", "").replace("│", "")
    assert "誤差逆伝播法を手で計算した。連鎖律の練習になる。" * 3 in text  # wrapped, never cut
    if width == 120:
        assert fast == rich_table
    else:  # rich folds the note its own way; the rows and the header are the same
        assert fast[:3] == rich_table[:3] and fast[-1] == rich_table[-1]

