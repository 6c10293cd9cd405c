"""calendar --sessions / --days: study blocks from today, never on a rest day or a paused day,
never through midnight, and SEQUENCE that grows when the plan moves. Frozen dates, through the
CLI; the .ics is parsed with icalendar and its recurrence expanded with dateutil."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

import pytest
from dateutil.rrule import rrulestr
from icalendar import Calendar

TODAY = date(2026, 5, 6)  # a Wednesday
PAUSE = (date(2026, 5, 18), date(2026, 5, 24))


def parse(path):
    return list(Calendar.from_ical(path.read_bytes()).walk("VEVENT"))


def block(events):
    (found,) = [e for e in events if str(e["uid"]).endswith("-sessions@studyplan")]
    return found


def _as_datetime(value: date | datetime) -> datetime:
    return value if isinstance(value, datetime) else datetime.combine(value, time())


def occurrences(event) -> list[datetime]:
    """Every occurrence of a recurring event: its RRULE from DTSTART, minus its EXDATEs."""
    rules = rrulestr(event["rrule"].to_ical().decode(), dtstart=_as_datetime(event.start), forceset=True)
    exdate = event.get("exdate")
    for group in exdate if isinstance(exdate, list) else [exdate] if exdate is not None else []:
        for d in group.dts:
            rules.exdate(_as_datetime(d.dt))
    return list(rules)


@pytest.fixture
def plan(sp, frozen, tmp_path):
    frozen(TODAY.isoformat())
    sp("init", "--start", "2026-03-02")
    sp("config", "set", "rest_days", "saturday,sunday")
    sp("pause", "--from", PAUSE[0].isoformat(), "--to", PAUSE[1].isoformat(), "--reason", "trip")
    return tmp_path


def test_blocks_start_today_and_skip_rest_days_and_paused_days(sp, plan):
    out = plan / "s.ics"
    data = sp.json("calendar", "-o", str(out), "--sessions", "--days", "daily", "--at", "18:00", "--hours", "2")
    assert data["sessions"] == {"days": ["mon", "tue", "wed", "thu", "fri"], "at": "18:00", "minutes": 120, "all_day": False}
    event = block(parse(out))
    days = [d.date() for d in occurrences(event)]
    end = date.fromisoformat(sp.json("plan")["end"])
    assert days[0] == TODAY and days[-1] <= end
    assert all(d >= TODAY for d in days)
    assert not [d for d in days if d.weekday() in (5, 6)]  # rest days
    assert not [d for d in days if PAUSE[0] <= d <= PAUSE[1]]  # the pause
    assert date(2026, 5, 15) in days and date(2026, 5, 25) in days  # either side of the pause
    assert event.end - event.start == timedelta(hours=2) and event.end.date() == event.start.date()


def test_days_alone_are_all_day_study_days(sp, plan):
    out = plan / "d.ics"
    data = sp.json("calendar", "-o", str(out), "--days", "mon,wed")
    assert data["sessions"]["all_day"] is True and data["sessions"]["days"] == ["mon", "wed"]
    text = out.read_text(encoding="utf-8")
    event = block(parse(out))
    assert type(event.start) is date and event.end == event.start + timedelta(days=1)  # DTSTART;VALUE=DATE
    assert "DTSTART;VALUE=DATE:20260506" in text and "EXDATE;VALUE=DATE:20260518,20260520" in text
    assert type(event["rrule"]["UNTIL"][0]) is date  # UNTIL has the type of DTSTART (RFC 5545)
    assert str(event["transp"]) == "TRANSPARENT"
    days = [d.date() for d in occurrences(event)]
    assert days[0] == TODAY and {d.weekday() for d in days} == {0, 2}
    assert not [d for d in days if PAUSE[0] <= d <= PAUSE[1]]
    assert "About 8 h 30 min of study on this day." in str(event["description"])  # 17 h over two days


def test_a_timed_block_never_runs_past_midnight(sp, plan):
    for args in (["--sessions", "--days", "mon"], ["--days", "mon", "--at", "20:00", "--hours", "5"]):
        bad = sp("calendar", "-o", str(plan / "x.ics"), *args, ok=False)
        assert bad.exit_code == 2 and "runs past midnight" in bad.stderr and len(bad.stderr.strip().splitlines()) == 1
    assert not (plan / "x.ics").exists()
    sp("calendar", "-o", str(plan / "ok.ics"), "--days", "mon", "--at", "08:00")
    event = block(parse(plan / "ok.ics"))
    assert (event.start.time(), event.end.time()) == (time(8, 0), time(20, 0))


def test_every_chosen_day_a_rest_day_is_a_usage_error(sp, plan):
    bad = sp("calendar", "--days", "sat,sun", ok=False)
    assert bad.exit_code == 2 and "rest day" in bad.stderr and "rest_days" in bad.stderr


def test_from_moves_the_first_block_and_never_before_the_plan(sp, plan):
    out = plan / "f.ics"
    sp("calendar", "-o", str(out), "--sessions", "--from", "2026-06-01")
    assert occurrences(block(parse(out)))[0].date() == date(2026, 6, 1)
    sp("calendar", "-o", str(out), "--sessions", "--from", "2025-01-01")
    assert occurrences(block(parse(out)))[0].date() == date(2026, 3, 2)  # the plan's first day


def sequences(sp, path) -> dict[str, int]:
    sp("calendar", "-o", str(path), "--sessions")
    return {str(e["uid"]): int(e["sequence"]) for e in parse(path)}


def test_sequence_grows_each_time_the_plan_moves_and_uids_stay(sp, frozen, tmp_path):
    frozen(TODAY.isoformat())
    sp("init", "--start", "2026-03-02")
    seen = [sequences(sp, tmp_path / "0.ics")]
    sp("replan")  # nothing done since March: the plan moves
    seen.append(sequences(sp, tmp_path / "1.ics"))
    sp("pause", "--from", "2026-06-01", "--to", "2026-06-07")
    seen.append(sequences(sp, tmp_path / "2.ics"))
    sp("undo")  # the pause is undone: the dates move back, and that is a change too
    seen.append(sequences(sp, tmp_path / "3.ics"))
    sp("done", "ml-basics")  # marks move no date
    seen.append(sequences(sp, tmp_path / "4.ics"))
    assert all(s.keys() == seen[0].keys() for s in seen)  # stable UIDs
    assert [set(s.values()) for s in seen] == [{0}, {1}, {2}, {3}, {3}]
    starts = [{str(e["uid"]): e.start for e in parse(tmp_path / f"{n}.ics")} for n in (0, 1)]
    assert any(starts[1][u] > starts[0][u] for u in starts[0])  # the replan moved dates


def test_calendar_in_japanese(sp, plan):
    text = sp("calendar", "--lang", "ja", "--days", "mon").stdout
    events = list(Calendar.from_ical(text).walk("VEVENT"))
    summaries = [str(e["summary"]) for e in events]
    assert summaries[0].startswith("フェーズ1") and summaries[-1].startswith("学習: ")
    description = str(block(events)["description"])
    assert "週間ルーティン:" in description and "この日の学習時間の目安: 12時間" in description
    assert "Weekly routine" not in text and "What to study" not in text and "Phase " not in text
    view = sp("calendar", "--lang", "ja", "-o", str(plan / "j.ics"), "--days", "mon").stdout
    assert "終日" in view and "weekly" not in view
