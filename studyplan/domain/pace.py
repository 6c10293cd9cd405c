"""Pace: topics the learner actually finished, and the finish date at that pace.

* An *active week* is one of the 7-day blocks ending today (today-6..today,
  today-13..today-7, …) with at least one active day (see ``streaks``). The projection
  uses the last four active weeks (looking back at most 16 weeks), so a holiday
  does not drag the pace down.
* With fewer than two active weeks there is too little history: no projection.
* Pace = topics finished in those weeks / their number; the remaining topics at
  that pace give the projected finish, compared with the plan's end.
"""

from __future__ import annotations

import math
from datetime import date, timedelta

from studyplan.domain.curriculum import Curriculum
from studyplan.domain.progress import topic_sets
from studyplan.domain.schedule import Timetable
from studyplan.domain.today import Pace
from studyplan.record import Record

ACTIVE_WEEKS = 4
MIN_WEEKS = 2
LOOKBACK_WEEKS = 16


def _completed_topics(curriculum: Curriculum, completions: list[tuple[str, date]]) -> dict[str, date]:
    """Topic ref -> day it was (last) marked done; a module marked done completes its topics."""
    out: dict[str, date] = {}
    for ref, day in completions:
        module = curriculum.module(ref)
        if module is not None:
            for t in module.topics:
                out.setdefault(t.ref, day)
        elif (item := curriculum.item(ref)) is not None and item.kind == "topic":
            out[ref] = day
    return out


def project_finish(curriculum: Curriculum, timetable: Timetable, statuses: dict[str, str],
                   active_days: list[date], completions: list[tuple[str, date]], today: date) -> Pace:
    """``active_days`` and ``completions`` need cover only the last LOOKBACK_WEEKS weeks."""
    blocks = []
    for k in range(LOOKBACK_WEEKS):
        end = today - timedelta(days=7 * k)
        start = end - timedelta(days=6)
        if any(start <= d <= end for d in active_days):
            blocks.append((start, end))
        if len(blocks) == ACTIVE_WEEKS:
            break
    if len(blocks) < MIN_WEEKS:
        return Pace(False, "too-little-history", planned_end=timetable.end, active_weeks=len(blocks), weeks_needed=MIN_WEEKS)
    done_days = _completed_topics(curriculum, completions)
    finished = sum(1 for d in done_days.values() if any(a <= d <= b for a, b in blocks))
    rate = finished / len(blocks)
    if rate <= 0:
        return Pace(False, "no-topics-finished", planned_end=timetable.end, active_weeks=len(blocks), weeks_needed=MIN_WEEKS)
    done, skipped = topic_sets(curriculum, statuses)
    remaining = sum(1 for t in timetable.topics if t.item.ref not in done and t.item.ref not in skipped)
    projected = today + timedelta(days=math.ceil(remaining / rate * 7))
    weeks = round((projected - timetable.end).days / 7)
    return Pace(True, "", round(rate, 2), projected, timetable.end, weeks, len(blocks), MIN_WEEKS)


class WeekCount(Record):
    start: date
    end: date
    topics: int


class Trend(Record):
    weeks: tuple[WeekCount, ...]


def weekly_trend(curriculum: Curriculum, completions: list[tuple[str, date]], end: date, weeks: int = 8) -> Trend:
    """Topics finished in each of the ``weeks`` 7-day blocks ending on ``end``, oldest first."""
    done_days = _completed_topics(curriculum, completions)
    rows = []
    for k in reversed(range(weeks)):
        b = end - timedelta(days=7 * k)
        a = b - timedelta(days=6)
        rows.append(WeekCount(a, b, sum(1 for d in done_days.values() if a <= d <= b)))
    return Trend(tuple(rows))
