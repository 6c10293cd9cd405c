"""calendar: an .ics that icalendar parses back, with the plan's dates and stable UIDs."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

import pytest
from icalendar import Calendar

from studyplan.domain.calendar import default_session_minutes, parse_clock, parse_days
from studyplan.errors import UsageError


def events(path):
    cal = Calendar.from_ical(path.read_bytes())
    return cal, list(cal.walk("VEVENT"))


def events_of(sp, path):
    sp("calendar", "-o", str(path))
    return events(path)[1]


def test_phases_and_module_windows_are_all_day_events_on_the_plan_dates(sp, tmp_path):
    sp("init", "--start", "2026-03-02", "--months", "12")
    out = tmp_path / "plan.ics"
    summary = sp("calendar", "--output", str(out)).stdout
    assert "16 events" in summary
    cal, evs = events(out)
    assert str(cal["version"]) == "2.0" and "studyplan" in str(cal["prodid"])
    plan = sp.json("plan")
    phases = [e for e in evs if "-phase-" in str(e["uid"])]
    modules = [e for e in evs if "-module-" in str(e["uid"])]
    assert len(phases) == len(plan["phases"]) == 5
    assert len(modules) == sum(len(p["modules"]) for p in plan["phases"]) == 11
    for event, phase in zip(phases, plan["phases"]):
        assert type(event.start) is date  # all-day
        assert event.start == date.fromisoformat(phase["start"])
        assert event.end == date.fromisoformat(phase["end"]) + timedelta(days=1)  # DTEND is exclusive
        assert str(event["uid"]) == f"default-ml-dl-gpt-phase-{phase['id']}@studyplan"
    assert phases[0].start == date(2026, 3, 2) and phases[-1].end == date(2027, 3, 2)
    first = next(e for e in modules if str(e["uid"]).endswith("-module-ml-basics@studyplan"))
    assert first.start == date(2026, 3, 2) and "Machine learning basics" in str(first["summary"])
    # module windows sit inside their phase and follow each other
    assert all(phases[0].start <= m.start < m.end <= phases[-1].end for m in modules)


def test_uids_are_stable_so_a_newer_file_updates_the_calendar(sp, tmp_path):
    sp("init", "--start", "2026-03-02")
    a, b = tmp_path / "a.ics", tmp_path / "b.ics"
    sp("calendar", "-o", str(a), "--sessions")
    sp("done", "ml-basics")
    sp("calendar", "-o", str(b), "--sessions")
    uids_a = [str(e["uid"]) for e in events(a)[1]]
    uids_b = [str(e["uid"]) for e in events(b)[1]]
    assert uids_a == uids_b and len(set(uids_a)) == len(uids_a)


def test_a_pause_moves_the_events(sp, tmp_path, db_path):
    from studyplan.store.db import open_database
    from studyplan.store.progress import Store

    sp("init", "--start", "2026-03-02")
    before = {str(e["uid"]): e.start for e in events_of(sp, tmp_path / "before.ics")}
    store = Store(open_database(db_path))
    pid = store.profile("default").id
    store.add_revision(pid, "pause", date(2026, 3, 2), 14, "2026-03-01T10:00:00+00:00", date(2026, 3, 1))
    store.close()
    after = {str(e["uid"]): e.start for e in events_of(sp, tmp_path / "after.ics")}
    assert after.keys() == before.keys()
    assert all(after[u] == before[u] + timedelta(days=14) for u in before)


def test_sessions_recur_weekly_on_the_chosen_days_until_the_plan_ends(sp, tmp_path):
    sp("init", "--start", "2026-03-03", "--months", "6")  # a Tuesday
    out = tmp_path / "s.ics"
    data = sp.json("calendar", "-o", str(out), "--days", "mon,wed,fri", "--at", "19:30", "--hours", "1.5", "--from", "2026-03-03")
    assert data["sessions"] == {"days": ["mon", "wed", "fri"], "at": "19:30", "minutes": 90, "all_day": False}
    _, evs = events(out)
    assert len(evs) == 5 + 11 + 1
    session = next(e for e in evs if str(e["uid"]) == "default-ml-dl-gpt-sessions@studyplan")
    assert session.start == datetime(2026, 3, 4, 19, 30)  # the first Wednesday on or after the start
    assert session.end == datetime(2026, 3, 4, 21, 0)
    rule = session["rrule"]
    assert rule["FREQ"] == ["WEEKLY"] and rule["BYDAY"] == ["MO", "WE", "FR"]
    plan_end = date.fromisoformat(sp.json("plan")["end"])
    assert rule["UNTIL"] == [datetime.combine(plan_end, time(23, 59, 59))]
    from dateutil.rrule import rrulestr

    dates = list(rrulestr(session["rrule"].to_ical().decode(), dtstart=session.start))
    assert dates[0] == session.start and dates[-1].date() <= plan_end
    assert {d.weekday() for d in dates} == {0, 2, 4}
    assert len(dates) == sum(1 for i in range((plan_end - date(2026, 3, 3)).days + 1)
                             if (date(2026, 3, 3) + timedelta(days=i)).weekday() in (0, 2, 4))


def test_default_session_length_spreads_the_weekly_hours(sp, tmp_path):
    sp("init", "--start", "2026-03-02", "--hours", "10")
    data = sp.json("calendar", "-o", str(tmp_path / "x.ics"), "--sessions")
    assert data["sessions"] == {"days": ["mon", "tue", "wed", "thu", "fri"], "at": "19:00", "minutes": 120, "all_day": False}


def test_ics_goes_to_stdout_without_output_and_follows_the_language(sp):
    sp("init", "--start", "2026-03-02")
    text = sp("calendar", "--lang", "ja").stdout
    cal = Calendar.from_ical(text)
    summaries = [str(e["summary"]) for e in cal.walk("VEVENT")]
    assert summaries[0].startswith("フェーズ1") and "機械学習の基礎 (ml-basics)" in summaries


def test_bad_options_are_clean_errors(sp):
    sp("init", "--start", "2026-03-02")
    for args, words in ((["--days", "someday"], "is not a weekday"), (["--at", "7pm"], "HH:MM"), (["--hours", "20"], "out of range")):
        result = sp("calendar", *args, ok=False)
        assert result.exit_code == 2 and words in result.stderr and "Traceback" not in result.stderr


def test_the_second_curriculum_has_its_own_uids(sp, tmp_path):
    sp("init", "--curriculum", "python-basics", "--months", "6", "--start", "2026-01-05")
    evs = events_of(sp, tmp_path / "p.ics")
    assert len(evs) == 3 + 3
    assert {str(e["uid"]) for e in evs if "-phase-" in str(e["uid"])} == {
        f"default-python-basics-phase-{p}@studyplan" for p in ("first-steps", "data", "programs")
    }


# -- options (pure) --------------------------------------------------------------------------------
@pytest.mark.parametrize("text, days", [
    ("mon,wed,fri", (0, 2, 4)), ("Mo We Fr", (0, 2, 4)), ("monday", (0,)), ("mon-fri", (0, 1, 2, 3, 4)),
    ("fri-mon", (0, 4, 5, 6)), ("weekdays", (0, 1, 2, 3, 4)), ("daily", tuple(range(7))), ("sat,sun,sat", (5, 6)),
])
def test_parse_days(text, days):
    assert parse_days(text) == days


@pytest.mark.parametrize("text", ["", "m", "funday", "mon,xyz"])
def test_parse_days_refuses(text):
    with pytest.raises(UsageError):
        parse_days(text)


def test_parse_clock_and_default_length():
    assert parse_clock("7:05") == time(7, 5) and parse_clock("19") == time(19, 0)
    with pytest.raises(UsageError):
        parse_clock("24:00")
    assert default_session_minutes(17, 5) == 210  # 3.4 h -> 3 h 30
    assert default_session_minutes(1, 7) == 15  # never below a quarter hour
    assert default_session_minutes(100, 1) == 720  # never above 12 hours
