"""``studyplan today``: what to study today and whether the learner is on schedule."""

from __future__ import annotations

from datetime import date, timedelta
from typing import TypedDict

from studyplan.domain.content import Concept, Item, Module, RoutineTarget
from studyplan.domain.curriculum import Curriculum
from studyplan.domain.progress import item_status, topic_sets
from studyplan.domain.schedule import Position, Timetable, daily_load, position
from studyplan.record import Record

REPLAN_AFTER_DAYS = 7


class ConceptOfTheDay(TypedDict):
    """A concept of a module you started that you have not looked up or reviewed yet."""  # a plain dict

    id: str
    term: str


class Target(Record):
    kind: str
    label: str
    min_hours: float
    max_hours: float
    logged_hours: float = 0.0


class StudyItem(Record):
    ref: str
    module_id: str
    module_title: str
    title: str
    details: tuple[str, ...]
    due: date
    overdue: bool
    status: str


class ResourceView(Record):
    ref: str
    kind: str
    title: str
    authors: str | None
    year: int | None
    url: str | None
    status: str


class Pace(Record):
    """Projection of the finish date from the learner's recent pace."""

    enough_data: bool
    reason: str  # why there is no projection: "too-little-history" | "no-topics-finished"; "" when there is one
    topics_per_week: float = 0.0
    projected_end: date | None = None
    planned_end: date | None = None
    weeks_late: int = 0  # negative: early
    active_weeks: int = 0  # the active weeks the projection looked at
    weeks_needed: int = 0  # how many it needs


class PauseView(Record):
    """A pause that covers a day: the plan is shifted past it, and nothing falls due in it."""

    id: int
    start: date
    end: date
    reason: str | None


def pause_covering(pauses: list[PauseView] | tuple[PauseView, ...], day: date) -> PauseView | None:
    return next((p for p in pauses if p.start <= day <= p.end), None)


class TodayResult(Record):
    profile: str
    date: date
    lang: str
    state: str  # before | active | paused | finished
    plan_start: date
    plan_end: date
    day: int
    month: int
    months: int
    week: int
    days_until_start: int
    phase_id: str | None
    phase_focus: str | None
    phase_start: date | None
    phase_end: date | None
    items: tuple[StudyItem, ...]
    resource: ResourceView | None
    project: StudyItem | None
    targets: tuple[Target, ...]
    done_topics: int
    total_topics: int
    expected_topics: int
    items_delta: int
    days_delta: int
    standing: str
    suggest_replan: bool
    catch_up_days: int
    daily_cap: int
    remaining_modules: tuple[str, ...]
    concept_of_the_day: ConceptOfTheDay | None = None
    cards_due: int | None = None
    pace: Pace | None = None
    pause: PauseView | None = None  # the pause today falls in (state "paused")


def scale_factor(routine: tuple[RoutineTarget, ...], weekly_hours: float | None) -> float:
    """Targets shrink in proportion when the learner has fewer hours than the routine's minimum."""
    minimum = sum(r.min_hours for r in routine)
    if not weekly_hours or weekly_hours >= minimum or minimum == 0:
        return 1.0
    return weekly_hours / minimum


def targets(routine: tuple[RoutineTarget, ...], weekly_hours: float | None, lang: str, logged: dict[str, float] | None = None) -> tuple[Target, ...]:
    f = scale_factor(routine, weekly_hours)
    logged = logged or {}
    return tuple(
        Target(r.kind, r.label.get(lang), round(r.min_hours * f, 1), round(r.max_hours * f, 1), round(logged.get(r.kind, 0.0), 2))
        for r in routine
    )


def default_daily_cap(routine: tuple[RoutineTarget, ...], weekly_hours: float | None) -> int:
    """Topics a day that fit the routine: a topic takes about a week of theory, so
    a day's theory hours cover at most a couple of topics when catching up."""
    theory = next((r for r in routine if r.kind == "theory"), None)
    daily_hours = (theory.max_hours if theory else 10) * scale_factor(routine, weekly_hours) / 7
    return max(1, round(daily_hours))


def _study_item(curriculum: Curriculum, item: Item, due: date, today: date, statuses: dict[str, str], lang: str) -> StudyItem:
    module = curriculum.module(item.module_id)
    assert module is not None
    return StudyItem(
        ref=item.ref, module_id=module.id, module_title=module.title.get(lang), title=item.title.get(lang),
        details=tuple(d.get(lang) for d in item.details), due=due, overdue=due < today, status=item_status(statuses, item),
    )


def _resource(module: Module, statuses: dict[str, str], lang: str) -> ResourceView | None:
    for r in module.resources:
        status = item_status(statuses, r)
        if status not in ("done", "skipped"):
            return ResourceView(r.ref, r.resource_kind or "", r.title.get(lang), r.authors, r.year, r.url, status)
    return None


def build_today(
    curriculum: Curriculum,
    timetable: Timetable,
    statuses: dict[str, str],
    profile_name: str,
    weekly_hours: float | None,
    today: date,
    lang: str,
    daily_cap: int | None = None,
    logged_this_week: dict[str, float] | None = None,
    pause: PauseView | None = None,
) -> TodayResult:
    """``pause``: the pause covering ``today``, if any: then nothing is due, no targets,
    no ahead or behind (the plan is shifted past the pause; streaks carry across)."""
    done, skipped = topic_sets(curriculum, statuses)
    pos: Position = position(timetable, done, skipped, today)
    paused = pause is not None and pos.state == "active"
    cap = daily_cap or default_daily_cap(curriculum.routine, weekly_hours)
    per_day, catch_up_days = daily_load(timetable, pos, skipped, cap)
    items = tuple(_study_item(curriculum, t.item, t.due, today, statuses, lang) for t in pos.next_topics[:per_day])

    resource = project = None
    focus_module = curriculum.module(items[0].module_id) if items else None
    if focus_module is not None:
        resource = _resource(focus_module, statuses, lang)
        window = timetable.module_window(focus_module.id)
        topics_left = [t for t in focus_module.topics if item_status(statuses, t) not in ("done", "skipped")]
        project_due = (window is not None and (window[1] - today).days <= 7) or len(topics_left) <= 1
        if project_due:
            for p in focus_module.projects:
                if item_status(statuses, p) not in ("done", "skipped"):
                    project = _study_item(curriculum, p, window[1] if window else today, today, statuses, lang)
                    break

    pending = {t.item.module_id for t in pos.next_topics}  # one pass: linear in topics, not modules × topics
    remaining_modules = tuple(m.id for m in curriculum.modules if statuses.get(m.id) not in ("done", "skipped") and m.id in pending)
    phase = pos.phase
    active = pos.state == "active" and not paused
    return TodayResult(
        profile=profile_name, date=today, lang=lang, state="paused" if paused else pos.state,
        plan_start=timetable.start, plan_end=timetable.end,
        day=pos.day, month=pos.month, months=pos.months, week=pos.week, days_until_start=pos.days_until_start,
        phase_id=phase.phase.id if phase else None,
        phase_focus=phase.phase.focus.get(lang) if phase else None,
        phase_start=phase.start if phase else None, phase_end=phase.end if phase else None,
        items=items if active else (),
        resource=resource if active else None,
        project=project if active else None,
        targets=targets(curriculum.routine, weekly_hours, lang, logged_this_week) if not paused else (),
        done_topics=pos.done_topics, total_topics=pos.total_topics, expected_topics=pos.expected_topics,
        items_delta=0 if paused else pos.items_delta, days_delta=0 if paused else pos.days_delta,
        standing="paused" if paused else pos.standing,
        suggest_replan=active and pos.days_delta < -REPLAN_AFTER_DAYS,
        catch_up_days=0 if paused else catch_up_days, daily_cap=cap,
        remaining_modules=remaining_modules,
        pause=pause if paused else None,
    )


def concept_of_the_day(curriculum: Curriculum, module_ids: list[str], seen: set[str], today: date) -> Concept | None:
    """A concept of the current module(s) not yet looked up or reviewed; stable for the day."""
    candidates = [c for mid in module_ids for c in curriculum.concepts_of(mid) if c.id not in seen]
    unique = list({c.id: c for c in candidates}.values())
    if not unique:
        return None
    return unique[today.toordinal() % len(unique)]


def week_bounds(d: date, first_weekday: int = 0) -> tuple[date, date]:
    """The week containing ``d``; ``first_weekday`` 0 = Monday (ISO) … 6 = Sunday."""
    start = d - timedelta(days=(d.weekday() - first_weekday) % 7)
    return start, start + timedelta(days=6)
