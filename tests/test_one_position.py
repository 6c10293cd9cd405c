"""One plan position: today, report (week and month), replan and timeline tell the same story on the same day."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta, timezone

import time_machine
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.conftest import Studyplan

TOPICS = ["ml-basics/definition", "ml-basics/types-of-ml", "ml-basics/key-algorithms", "ml-basics/evaluation-metrics"]


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(offset=st.integers(min_value=1, max_value=200), done=st.integers(min_value=0, max_value=4),
       pause=st.booleans(), replan_first=st.booleans())
def test_every_view_agrees_on_the_position(tmp_path_factory, monkeypatch, offset, done, pause, replan_first):
    monkeypatch.setenv("STUDYPLAN_HOME", str(tmp_path_factory.mktemp("home")))
    sp = Studyplan()
    start = date(2026, 1, 5)
    day = start + timedelta(days=offset)
    with time_machine.travel(datetime.combine(day, time(12), timezone.utc), tick=False):
        sp("init", "--start", start.isoformat())
        for ref in TOPICS[:done]:
            sp("done", ref)
        if pause:
            sp("pause", "--from", (start + timedelta(days=3)).isoformat(), "--to", (start + timedelta(days=9)).isoformat())
        if replan_first:
            sp("replan", "--from", (start + timedelta(days=offset // 2 + 1)).isoformat(), "--json")
        today = sp.json("today")
        if today["state"] != "active":
            return
        for period in ("--week", "--month"):  # still running today: judged as today judges
            plan = sp.json("report", period)["plan"]
            assert (plan["standing"], plan["days_delta"], plan["items_delta"]) == (today["standing"], today["days_delta"], today["items_delta"])
        shifted_before = sp.json("timeline")["shifted_days"]
        replan = sp.json("replan")
        if today["standing"] == "behind":
            assert replan["changed"] and replan["days"] == -today["days_delta"]
            assert sp.json("timeline")["shifted_days"] == shifted_before + replan["days"]
            assert sp.json("today")["standing"] == "on-track"
        else:
            assert not replan["changed"] and replan["outcome"] == "not-behind"


def test_a_running_week_and_month_are_judged_as_today_is(sp, frozen):
    frozen("2026-03-20")
    sp("init", "--start", "2026-01-05")
    sp("done", "ml-basics/definition")
    today = sp.json("today")
    for period in ("--week", "--month"):
        plan = sp.json("report", period)["plan"]
        assert (plan["standing"], plan["days_delta"], plan["items_delta"]) == (today["standing"], today["days_delta"], today["items_delta"])
