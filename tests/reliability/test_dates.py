"""Case 9: the same local date gives the same plan position, whatever the time zone, leap day or DST.

Time zones: UTC, Pacific/Kiritimati (UTC+14, the first to reach a date) and
America/Adak (UTC-10/-9, among the last, with DST). Dates: a leap day, New Year's
Eve, and the days around Adak's 2024 DST changes (10 March, 3 November). With the
clock frozen at a local time, a command acts on that local date — or on the day
before, before ``day_starts_at`` (04:00) — exactly as ``--date`` with that day would.
"""

from __future__ import annotations

import os
import time
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from tests.reliability.conftest import run_cli

ZONES = ("UTC", "Pacific/Kiritimati", "America/Adak")
DATES = ("2024-02-29", "2024-03-09", "2024-03-10", "2024-03-11", "2024-11-02", "2024-11-03", "2024-11-04",
         "2024-12-31", "2025-01-01", "2023-12-31")
# local wall-clock times; 01:30 happens twice in Adak on 3 November (fold 0 and 1)
TIMES = ((0, 30, 0), (1, 30, 0), (1, 30, 1), (3, 59, 0), (4, 0, 0), (23, 59, 0))
CLOCK_DATES = ("2024-02-29", "2024-03-10", "2024-03-11", "2024-11-03", "2024-12-31", "2025-01-01")


def position(today: dict) -> dict:
    keys = ("date", "state", "plan_start", "plan_end", "day", "month", "week", "days_until_start", "phase_id",
            "phase_start", "phase_end", "done_topics", "expected_topics", "items_delta", "days_delta", "standing")
    out = {k: today.get(k) for k in keys}
    out["items"] = [(i["ref"], i["due"], i["overdue"]) for i in today.get("items") or ()]
    return out


@pytest.fixture
def zone(monkeypatch):
    def set_zone(name: str) -> None:
        monkeypatch.setenv("TZ", name)
        time.tzset()

    yield set_zone
    monkeypatch.setenv("TZ", "UTC")
    time.tzset()


@pytest.fixture
def at_local():
    """Freeze the clock at a local wall-clock time in a zone (time-machine also moves TZ)."""
    import time_machine

    active: list = []

    def travel(day: str, hour: int, minute: int, fold: int, zone_name: str) -> datetime:
        while active:
            active.pop().stop()
        moment = datetime.combine(date.fromisoformat(day), datetime.min.time(), tzinfo=ZoneInfo(zone_name))
        moment = moment.replace(hour=hour, minute=minute, fold=fold)
        t = time_machine.travel(moment, tick=False)
        t.start()
        active.append(t)
        return moment

    yield travel
    while active:
        active.pop().stop()
    time.tzset()


def test_explicit_date_gives_the_same_position_in_every_zone(sp, zone):
    sp("init", "--start", "2024-01-01", "--months", "12")
    seen: dict[str, dict] = {}
    for name in ZONES:
        zone(name)
        for d in DATES:
            pos = position(sp.json("today", "--date", d))
            assert pos["date"] == d
            if d in seen:
                assert pos == seen[d], f"{d} in {name} differs from {ZONES[0]}"
            seen[d] = pos
    assert seen["2024-02-29"]["day"] == 60 and seen["2024-12-31"]["day"] == 366
    assert seen["2025-01-01"]["state"] != "active" and seen["2023-12-31"]["days_until_start"] == 1


def test_the_clock_gives_the_local_study_day_in_every_zone(sp, at_local):
    sp("init", "--start", "2024-01-01", "--months", "12")
    for name in ZONES:
        for d in CLOCK_DATES:
            for hour, minute, fold in TIMES:
                if fold and not (name == "America/Adak" and d == "2024-11-03"):
                    continue
                at_local(d, hour, minute, fold, name)
                study_day = date.fromisoformat(d) - (timedelta(days=1) if hour < 4 else timedelta())
                now = sp.json("today")
                assert now["date"] == study_day.isoformat(), (name, d, hour, minute, fold, now["date"])
                assert position(now) == position(sp.json("today", "--date", study_day.isoformat())), (name, d, hour, minute)


@pytest.mark.parametrize("name", ZONES)
def test_every_command_records_the_local_day(sp, db_path, at_local, name):
    import sqlite3

    sp("init", "--start", "2024-01-01", "--months", "12")
    step = 0
    for d in ("2024-02-29", "2024-03-10", "2024-11-03", "2024-12-31"):
        for hour, minute in ((0, 30), (23, 59)):
            at_local(d, hour, minute, 0, name)
            day = (date.fromisoformat(d) - (timedelta(days=1) if hour < 4 else timedelta())).isoformat()
            sp("done" if step % 2 == 0 else "reset", "ml-basics/definition")
            step += 1
            assert sp.json("log", "25m")["entry"]["day"] == day, (name, d, hour)
            sp("note", "ml-basics", f"{d} {hour}")
            report = sp.json("report")
            assert report["as_of"] == day and report["start"] <= day <= report["end"], (name, d, hour)
            assert sp.json("today")["date"] == day
            for args in (("plan",), ("timeline",), ("report", "--month"), ("notes",)):
                sp(*args)
            conn = sqlite3.connect(db_path)
            recent = {r[0] for r in conn.execute("SELECT day FROM journal ORDER BY id DESC LIMIT 3")}
            conn.close()
            assert recent == {day}, (name, d, hour, recent)
            sp("undo")  # the note; undo itself is journaled on the same day
        assert sp.json("today", "--date", d)["date"] == d


def test_real_processes_with_tz_set_agree(home):
    """The same through `python -m studyplan` with TZ in the environment."""
    import json

    assert run_cli(home, "init", "--start", "2024-01-01").returncode == 0
    results = {}
    for name in ZONES:
        for d in ("2024-02-29", "2024-03-10", "2024-11-03", "2024-12-31"):
            out = run_cli(home, "today", "--json", "--date", d, TZ=name)
            assert out.returncode == 0, out.stderr
            results.setdefault(d, []).append(position(json.loads(out.stdout)))
    for d, positions in results.items():
        assert all(p == positions[0] for p in positions), d
    assert os.environ.get("TZ") == "UTC"
