"""Weekly and monthly reports: pure aggregation of what the store returned."""

from __future__ import annotations

from datetime import date, timedelta

from studyplan.domain.curriculum import Curriculum
from studyplan.domain.learner import JournalEntry, LogEntry
from studyplan.domain.pace import Trend
from studyplan.domain.progress import topic_sets
from studyplan.domain.review import AtRisk, ReviewPeriod
from studyplan.domain.schedule import Timetable, days_in_month, position
from studyplan.domain.streaks import Streaks
from studyplan.domain.today import scale_factor, week_bounds
from studyplan.record import Record


def period_bounds(d: date, kind: str, first_weekday: int = 0) -> tuple[date, date]:
    if kind == "month":
        return d.replace(day=1), d.replace(day=days_in_month(d.year, d.month))
    return week_bounds(d, first_weekday)


def period_label(start: date, kind: str) -> str:
    if kind == "month":
        return start.strftime("%Y-%m")
    iso = start.isocalendar() if start.weekday() == 0 else (start + timedelta(days=(7 - start.weekday()) % 7)).isocalendar()
    return f"{iso.year}-W{iso.week:02d}"


class KindHours(Record):
    kind: str
    label: str
    hours: float
    min_hours: float
    max_hours: float
    verdict: str  # under | within | over


class ModuleActivity(Record):
    module: str
    title: str
    completed: tuple[str, ...]
    started: tuple[str, ...]
    skipped: tuple[str, ...]


class DayCell(Record):
    date: date
    minutes: int
    active: bool
    rest: bool
    in_period: bool


class PlanStanding(Record):
    expected_percent: float
    actual_percent: float
    expected_topics: int
    done_topics: int
    total_topics: int
    items_delta: int
    days_delta: int
    standing: str


class ReportResult(Record):
    profile: str
    lang: str
    kind: str  # week | month
    label: str
    start: date
    end: date
    as_of: date
    hours: tuple[KindHours, ...]
    total_hours: float
    modules: tuple[ModuleActivity, ...]
    completed: int
    started: int
    skipped: int
    plan: PlanStanding
    streak_current: int
    streak_best: int
    heatmap: tuple[DayCell, ...]
    active_days: int
    concepts: tuple[str, ...]
    next_focus: tuple[str, ...]
    next_topics: tuple[str, ...]
    reviews: ReviewPeriod | None = None
    pace: Trend | None = None
    at_risk: tuple[AtRisk, ...] = ()


def verdict(hours: float, lo: float, hi: float) -> str:
    if hours < lo - 1e-9:
        return "under"
    if hours > hi + 1e-9:
        return "over"
    return "within"


def statuses_at(current: dict[str, str], later: list[JournalEntry]) -> dict[str, str]:
    """Statuses as they were before the ``later`` journal entries (newest reverted first)."""
    out = dict(current)
    for e in sorted(later, key=lambda e: e.id, reverse=True):
        if e.action != "status" or e.undone:
            continue
        if (e.before or "todo") == "todo":
            out.pop(e.target, None)
        else:
            out[e.target] = e.before
    return out


def build_report(
    curriculum: Curriculum,
    timetable: Timetable,
    profile: str,
    lang: str,
    kind: str,
    start: date,
    end: date,
    as_of: date,
    judged_on: date,
    weekly_hours: float | None,
    logs: list[LogEntry],
    journal: list[JournalEntry],
    statuses_end: dict[str, str],
    streaks: Streaks,
    active_days: set[date],
    rest_weekdays: frozenset[int],
    looked_up: list[tuple[str, date]],
) -> ReportResult:
    days = (end - start).days + 1
    factor = scale_factor(curriculum.routine, weekly_hours) * days / 7
    by_kind: dict[str, int] = {}
    by_day: dict[date, int] = {}
    for entry in logs:
        by_kind[entry.kind] = by_kind.get(entry.kind, 0) + entry.minutes
        by_day[entry.day] = by_day.get(entry.day, 0) + entry.minutes
    hours = []
    for r in curriculum.routine:
        h = round(by_kind.get(r.kind, 0) / 60, 2)
        lo, hi = round(r.min_hours * factor, 1), round(r.max_hours * factor, 1)
        hours.append(KindHours(r.kind, r.label.get(lang), h, lo, hi, verdict(h, lo, hi)))

    per_module: dict[str, dict[str, list[str]]] = {}
    for e in journal:
        if e.action != "status" or e.undone:
            continue
        bucket = {"done": "completed", "in-progress": "started", "skipped": "skipped"}.get(e.after or "")
        if bucket is None:
            continue
        module = e.target.split("/")[0]
        lists = per_module.setdefault(module, {"completed": [], "started": [], "skipped": []})
        if e.target not in lists[bucket]:
            lists[bucket].append(e.target)
    modules = tuple(
        ModuleActivity(mid, curriculum.module(mid).title.get(lang) if curriculum.module(mid) else mid,
                       tuple(v["completed"]), tuple(v["started"]), tuple(v["skipped"]))
        for mid, v in sorted(per_module.items(), key=lambda kv: [m.id for m in curriculum.modules].index(kv[0]) if curriculum.module(kv[0]) else 999)
    )

    done, skipped = topic_sets(curriculum, statuses_end)
    # The plan position as `today` reads it on ``judged_on``: the day after a period that
    # is over (everything due in it counts), today while it is still running.
    pos = position(timetable, done, skipped, judged_on)
    total = pos.total_topics or 1
    plan = PlanStanding(
        expected_percent=round(100 * pos.expected_topics / total, 1),
        actual_percent=round(100 * pos.done_topics / total, 1),
        expected_topics=pos.expected_topics, done_topics=pos.done_topics, total_topics=pos.total_topics,
        items_delta=pos.items_delta, days_delta=pos.days_delta, standing=pos.standing,
    )

    if kind == "month":
        grid_start = start - timedelta(days=start.weekday())
        grid_end = end + timedelta(days=6 - end.weekday())
    else:
        grid_start, grid_end = start, end
    heatmap = []
    d = grid_start
    while d <= grid_end:
        heatmap.append(DayCell(d, by_day.get(d, 0), d in active_days, d.weekday() in rest_weekdays, start <= d <= end))
        d += timedelta(days=1)

    next_start, next_end = (end + timedelta(days=1), period_bounds(end + timedelta(days=1), kind, start.weekday() if kind == "week" else 0)[1])
    upcoming = [t for t in timetable.topics if next_start <= t.due <= next_end and t.item.ref not in done and t.item.ref not in skipped]
    focus_phase = timetable.phase_at(next_start)
    next_focus = tuple(dict.fromkeys(
        ([focus_phase.phase.focus.get(lang)] if focus_phase else [])
    ))
    concepts = tuple(dict.fromkeys(c for c, _ in looked_up))
    return ReportResult(
        profile=profile, lang=lang, kind=kind, label=period_label(start, kind), start=start, end=end, as_of=as_of,
        hours=tuple(hours), total_hours=round(sum(by_kind.values()) / 60, 2),
        modules=modules,
        completed=sum(len(m.completed) for m in modules), started=sum(len(m.started) for m in modules), skipped=sum(len(m.skipped) for m in modules),
        plan=plan, streak_current=streaks.current, streak_best=streaks.best,
        heatmap=tuple(heatmap), active_days=sum(1 for c in heatmap if c.in_period and c.active),
        concepts=concepts, next_focus=next_focus,
        next_topics=tuple(f"{t.item.ref}" for t in upcoming),
    )
