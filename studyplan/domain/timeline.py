"""The whole plan as a month-by-month Gantt: phases, module windows, done work, shifts."""

from __future__ import annotations

from datetime import date

from studyplan.domain.curriculum import Curriculum
from studyplan.domain.progress import module_progress
from studyplan.domain.schedule import Timetable, add_months
from studyplan.record import Record


class Column(Record):
    index: int  # 0-based
    start: date
    end: date
    label: str  # YYYY-MM of the column's first day


class Bar(Record):
    id: str
    title: str
    kind: str  # phase | module
    start: date
    end: date
    planned_start: date
    planned_end: date
    percent: float
    status: str
    columns: tuple[int, ...]  # indexes of the columns the bar touches


class RevisionRow(Record):
    id: int
    kind: str
    at: str
    anchor: date
    days: int
    reason: str | None


class TimelineResult(Record):
    lang: str
    date: date
    start: date
    end: date
    planned_end: date
    shifted_days: int
    here_column: int | None
    columns: tuple[Column, ...]
    bars: tuple[Bar, ...]
    revisions: tuple[RevisionRow, ...]


def _columns(start: date, end: date) -> list[Column]:
    """One column per plan month (calendar months counted from the start date)."""
    cols = []
    i = 0
    while (a := add_months(start, i)) <= end:
        last = date.fromordinal(add_months(start, i + 1).toordinal() - 1)
        cols.append(Column(i, a, min(end, last), a.strftime("%Y-%m")))
        i += 1
    return cols


def _touch(cols: list[Column], a: date, b: date) -> tuple[int, ...]:
    return tuple(c.index for c in cols if c.start <= b and a <= c.end)


def build_timeline(curriculum: Curriculum, timetable: Timetable, statuses: dict[str, str], today: date, lang: str,
                   revisions: tuple[RevisionRow, ...] = ()) -> TimelineResult:
    cols = _columns(timetable.start, timetable.end)
    bars = []
    for w in timetable.phases:
        progress = {m: module_progress(curriculum, statuses, curriculum.module(m)) for m in w.phase.modules}  # once a module
        done = sum(p.done for p in progress.values())
        total = sum(p.total for p in progress.values())
        bars.append(Bar(w.phase.id, w.phase.focus.get(lang), "phase", w.start, w.end, w.planned_start, w.planned_end,
                        round(100 * done / total, 1) if total else 100.0,
                        "done" if total and done == total else ("in-progress" if done else "todo"), _touch(cols, w.start, w.end)))
        for mid in w.phase.modules:
            window = timetable.module_window(mid)
            if window is None:
                continue
            p = progress[mid]
            bars.append(Bar(mid, curriculum.module(mid).title.get(lang), "module", window[0], window[1],
                            timetable.plan.planned(window[0]), timetable.plan.planned(window[1]),
                            p.percent, p.status, _touch(cols, window[0], window[1])))
    here = next((c.index for c in cols if c.start <= today <= c.end), None)
    return TimelineResult(lang, today, timetable.start, timetable.end, timetable.planned_end,
                          (timetable.end - timetable.planned_end).days, here, tuple(cols), tuple(bars), revisions)
