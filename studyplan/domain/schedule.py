"""The schedule: (plan, curriculum, progress, date) -> where the learner should be.

Everything here is a pure function of its arguments; no clock, no I/O.

* A plan of N months (6..12) stretches the curriculum's phases in proportion:
  a phase over months [a, b] of a 12-month map covers fractional months
  [(a-1)·N/12, b·N/12) of the plan, measured in calendar months from the start.
* Inside a phase, its topics (module by module, in order) fall due evenly: the
  k-th of n topics is due on day ceil(k·L/n) of the phase's L days.
* Plan revisions (``replan``, ``pause``) shift everything from an anchor date on
  by some days; they compose in the order they were made.
"""

from __future__ import annotations

import bisect
import math
from datetime import date, timedelta

from studyplan.domain.content import Item, Phase
from studyplan.domain.curriculum import Curriculum
from studyplan.record import Record

MIN_MONTHS, MAX_MONTHS = 6, 12
MAX_PAUSE_DAYS = 366  # `pause` (and an imported pause) lasts at most this many days


def days_in_month(year: int, month: int) -> int:
    """28–31 (the calendar module would do, but costs start-up time and memory)."""
    if month == 12:
        return 31
    return (date(year, month + 1, 1) - date(year, month, 1)).days


def add_months(start: date, months: int) -> date:
    """``start`` plus whole calendar months, clamping the day (Jan 31 + 1 = Feb 28/29)."""
    y, m = divmod(start.month - 1 + months, 12)
    year, month = start.year + y, m + 1
    return date(year, month, min(start.day, days_in_month(year, month)))


def month_point(start: date, months: float) -> date:
    """The date ``months`` (possibly fractional) calendar months after ``start``."""
    whole = math.floor(months)
    base = add_months(start, whole)
    frac = months - whole
    if frac <= 0:
        return base
    nxt = add_months(start, whole + 1)
    return base + timedelta(days=round(frac * (nxt - base).days))


class Shift(Record):
    """A plan revision: every plan date on or after ``anchor`` moves ``days`` later."""

    anchor: date
    days: int

    def forward(self, d: date) -> date:
        return d + timedelta(days=self.days) if d >= self.anchor else d

    def backward(self, d: date) -> date:
        """Map a real date back to the plan date it stands for (a gap maps to the anchor)."""
        if d < self.anchor:
            return d
        if d < self.anchor + timedelta(days=self.days):
            return self.anchor - timedelta(days=1)
        return d - timedelta(days=self.days)


class Plan(Record):
    """What the learner chose: when they start, how long, and any revisions since."""

    start: date
    months: int
    shifts: tuple[Shift, ...] = ()

    def real(self, d: date) -> date:
        for s in self.shifts:
            d = s.forward(d)
        return d

    def planned(self, d: date) -> date:
        for s in reversed(self.shifts):
            d = s.backward(d)
        return d


class PhaseWindow(Record):
    phase: Phase
    index: int
    start: date  # first day
    end: date  # last day (inclusive)
    planned_start: date
    planned_end: date

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1


class DueTopic(Record):
    item: Item
    due: date  # real date (after shifts)
    phase_index: int


class Timetable(Record):
    """The dated plan: phase windows and every topic's due date, shifts applied."""

    plan: Plan
    start: date
    end: date  # last day of the plan (inclusive), shifts applied
    planned_end: date
    phases: tuple[PhaseWindow, ...]
    topics: tuple[DueTopic, ...]
    windows: dict[str, tuple[date, date]]  # module id -> (first day, last topic's due date)

    def phase_at(self, d: date) -> PhaseWindow | None:
        for w in self.phases:
            if w.start <= d <= w.end:
                return w
        return None

    def phase_index_at_planned(self, p: date) -> int | None:
        for w in self.phases:
            if w.planned_start <= p <= w.planned_end:
                return w.index
        return None

    def module_window(self, module_id: str) -> tuple[date, date] | None:
        """The days a module's topics take: from the day after the previous topic in its
        phase (or the phase's start) to its last topic's due date."""
        return self.windows.get(module_id)


def _module_windows(phases: list[PhaseWindow], topics: list[DueTopic]) -> dict[str, tuple[date, date]]:
    windows: dict[str, tuple[date, date]] = {}
    previous: DueTopic | None = None
    for t in topics:
        mid = t.item.module_id
        if mid in windows:
            windows[mid] = (windows[mid][0], max(windows[mid][1], t.due))
        else:
            same_phase = previous is not None and previous.phase_index == t.phase_index
            start = previous.due + timedelta(days=1) if same_phase else phases[t.phase_index].start
            windows[mid] = (start, t.due)
        previous = t
    return windows


def build_timetable(curriculum: Curriculum, plan: Plan) -> Timetable:
    n = plan.months
    scale = n / curriculum.months
    windows = []
    topics: list[DueTopic] = []
    for index, phase in enumerate(curriculum.phases):
        p_start = month_point(plan.start, (phase.first_month - 1) * scale)
        p_end = month_point(plan.start, phase.last_month * scale) - timedelta(days=1)
        windows.append(PhaseWindow(phase, index, plan.real(p_start), plan.real(p_end), p_start, p_end))
        items = [t for mid in phase.modules for t in (curriculum.module(mid).topics if curriculum.module(mid) else ())]
        length = (p_end - p_start).days + 1
        for k, item in enumerate(items, start=1):
            offset = max(1, math.ceil(k * length / len(items)))
            planned_due = p_start + timedelta(days=offset - 1)
            topics.append(DueTopic(item, plan.real(planned_due), index))
    planned_end = month_point(plan.start, n) - timedelta(days=1)
    return Timetable(plan, plan.start, plan.real(planned_end), planned_end, tuple(windows), tuple(topics),
                     _module_windows(windows, topics))


# ---------------------------------------------------------------------------
# Position: where the learner is against the timetable on a date.
# ---------------------------------------------------------------------------


class Position(Record):
    date: date
    state: str  # before | active | finished (the plan's dates, not the learner's progress)
    day: int  # 1-based day of the plan (0 before the start)
    month: int  # 1-based month of the plan (clamped to 1..months)
    months: int
    week: int  # 1-based week of the plan
    phase: PhaseWindow | None
    total_topics: int  # topics that count (skipped ones excluded)
    done_topics: int
    expected_topics: int  # topics due by the end of yesterday
    expected_today: int  # topics due by the end of today
    items_delta: int  # done - expected (negative: behind)
    days_delta: int  # positive: ahead by, negative: behind by
    standing: str  # behind | on-track | ahead
    next_topics: tuple[DueTopic, ...]  # unfinished topics in plan order
    days_until_start: int = 0

    @property
    def behind(self) -> bool:
        return self.items_delta < 0


def _counted(timetable: Timetable, skipped: set[str]) -> list[DueTopic]:
    return [t for t in timetable.topics if t.item.ref not in skipped]


def expected_by(timetable: Timetable, d: date, skipped: set[str] = frozenset()) -> int:
    """How many (non-skipped) topics the plan expects done by the end of ``d``."""
    dues = [t.due for t in _counted(timetable, skipped)]
    return bisect.bisect_right(dues, d)


def plan_month(plan: Plan, d: date) -> int:
    """1-based month of the plan that ``d`` falls in (in plan time, shifts removed)."""
    p = plan.planned(d)
    month = 0
    while month < plan.months and add_months(plan.start, month + 1) <= p:
        month += 1
    return min(month + 1, plan.months)


def position(timetable: Timetable, done: set[str], skipped: set[str], today: date) -> Position:
    """``done``/``skipped`` are topic refs (``module/topic``), module status already applied."""
    counted = _counted(timetable, skipped)
    dues = [t.due for t in counted]
    done_count = sum(1 for t in counted if t.item.ref in done)
    expected = bisect.bisect_right(dues, today - timedelta(days=1))
    expected_today = bisect.bisect_right(dues, today)
    remaining = tuple(t for t in counted if t.item.ref not in done)
    if expected > done_count:
        standing = "behind"  # the (done+1)-th topic fell due before today
        days_delta = (dues[done_count] - today).days
    elif done_count > expected_today:
        standing = "ahead"  # the plan only reaches your position on the due date of your done-th topic
        days_delta = (dues[done_count - 1] - today).days
    else:
        standing, days_delta = "on-track", 0
    plan = timetable.plan
    if today < timetable.start:
        state, day = "before", 0
    elif today > timetable.end:
        state, day = "finished", (timetable.end - timetable.start).days + 1
    else:
        state, day = "active", (today - timetable.start).days + 1
    return Position(
        date=today,
        state=state,
        day=day,
        month=plan_month(plan, today) if state != "before" else 1,
        months=plan.months,
        week=max(1, (day - 1) // 7 + 1) if day else 1,
        phase=timetable.phase_at(today) if state == "active" else None,
        total_topics=len(counted),
        done_topics=done_count,
        expected_topics=expected,
        expected_today=expected_today,
        items_delta=done_count - expected,
        days_delta=days_delta,
        standing=standing,
        next_topics=remaining,
        days_until_start=(timetable.start - today).days if state == "before" else 0,
    )


def daily_load(timetable: Timetable, pos: Position, skipped: set[str], cap: int) -> tuple[int, int]:
    """How many topics to study today, and how many catch-up days remain.

    On schedule: this week's remaining due topics spread over the days left in the
    plan week (at least one while anything is unfinished). Behind: the overdue
    topics plus this week's spread over the days left in the current phase, never
    more than ``cap`` a day.
    """
    if pos.state != "active" or not pos.next_topics:
        return (0, 0)
    today = pos.date
    week_end = timetable.start + timedelta(days=((today - timetable.start).days // 7) * 7 + 6)
    week_end = min(week_end, timetable.end)
    due_this_week = expected_by(timetable, week_end, skipped) - pos.done_topics
    days_left_week = (week_end - today).days + 1
    if not pos.behind:
        return (max(1, min(cap, math.ceil(max(due_this_week, 0) / days_left_week))), 0)
    phase = pos.phase or timetable.phases[-1]
    phase_end = phase.end
    days_left_phase = max(1, (phase_end - today).days + 1)
    backlog = pos.expected_topics - pos.done_topics
    due_in_phase = expected_by(timetable, phase_end, skipped) - pos.done_topics
    per_day = min(cap, max(1, math.ceil(due_in_phase / days_left_phase)))
    catch_up_days = math.ceil(backlog / per_day) if per_day else 0
    return (per_day, catch_up_days)
