"""``plan`` and ``show``: the curriculum with the learner's progress laid over it."""

from __future__ import annotations

from datetime import date

from studyplan.domain.curriculum import Curriculum
from studyplan.domain.progress import item_status, module_progress, totals
from studyplan.domain.schedule import Timetable, plan_month
from studyplan.record import Record


class ModuleRow(Record):
    id: str
    title: str
    level: str
    track: str
    status: str
    done: int
    total: int
    skipped: int
    percent: float
    start: date | None
    end: date | None
    missing_prerequisites: tuple[str, ...]


class PhaseRow(Record):
    id: str
    months: tuple[int, int]
    focus: str
    start: date
    end: date
    modules: tuple[ModuleRow, ...]
    done: int
    total: int
    percent: float
    plan_months: tuple[int, int] = (0, 0)  # the phase's months of this plan (``months`` are the map's)


class LevelRow(Record):
    id: str
    title: str
    goal: str


class PlanResult(Record):
    profile: str
    curriculum: str
    title: str
    lang: str
    start: date
    end: date
    months: int
    phases: tuple[PhaseRow, ...]
    done: int
    total: int
    percent: float
    modules_done: int
    modules: int
    description: str = ""  # the curriculum's own description
    duration: str = ""  # how long the map says it takes ("6-12 months, depending on ...")
    levels: tuple[LevelRow, ...] = ()  # the map's levels and their goals
    tracks: tuple[tuple[str, str], ...] = ()  # (id, title) of each track
    planned_end: date | None = None  # the end before replans and pauses moved it
    shifted_days: int = 0  # how many days later the plan ends than planned


def module_row(curriculum: Curriculum, timetable: Timetable, statuses: dict[str, str], module_id: str, lang: str,
               status_of: dict[str, str] | None = None) -> ModuleRow:
    """One module's row; ``status_of`` (module id -> status) saves recomputing other modules."""
    module = curriculum.module(module_id)
    p = module_progress(curriculum, statuses, module)
    window = timetable.module_window(module_id)

    def status(mid: str) -> str:
        if status_of is not None:
            return status_of[mid]
        return module_progress(curriculum, statuses, curriculum.module(mid)).status

    missing = () if p.status in ("done", "skipped") else tuple(
        pid for pid in curriculum.prerequisites(module_id) if status(pid) not in ("done", "skipped")
    )
    return ModuleRow(
        id=module.id, title=module.title.get(lang), level=module.level, track=module.track, status=p.status,
        done=p.done, total=p.total, skipped=p.skipped, percent=p.percent,
        start=window[0] if window else None, end=window[1] if window else None,
        missing_prerequisites=missing,
    )


def build_plan(curriculum: Curriculum, timetable: Timetable, statuses: dict[str, str], profile: str, lang: str) -> PlanResult:
    progress = {m.id: module_progress(curriculum, statuses, m) for m in curriculum.modules}
    status_of = {mid: p.status for mid, p in progress.items()}
    phases = []
    for w in timetable.phases:
        rows = tuple(module_row(curriculum, timetable, statuses, mid, lang, status_of) for mid in w.phase.modules)
        done, total = sum(r.done for r in rows), sum(r.total for r in rows)
        phases.append(PhaseRow(
            id=w.phase.id, months=(w.phase.first_month, w.phase.last_month), focus=w.phase.focus.get(lang),
            start=w.start, end=w.end, modules=rows, done=done, total=total,
            percent=round(100.0 * done / total, 1) if total else 100.0,
            plan_months=(plan_month(timetable.plan, w.start), plan_month(timetable.plan, w.end)),
        ))
    t = totals(list(progress.values()))
    return PlanResult(
        profile=profile, curriculum=curriculum.id, title=curriculum.title.get(lang), lang=lang,
        start=timetable.start, end=timetable.end, months=timetable.plan.months, phases=tuple(phases),
        done=t.done, total=t.total, percent=t.percent, modules_done=t.modules_done, modules=t.modules,
        description=curriculum.description.get(lang), duration=curriculum.duration.get(lang),
        levels=tuple(LevelRow(lv.id, lv.title.get(lang), lv.goal.get(lang)) for lv in curriculum.levels),
        tracks=tuple((tr.id, tr.title.get(lang)) for tr in curriculum.tracks),
        planned_end=timetable.planned_end, shifted_days=(timetable.end - timetable.planned_end).days,
    )


class ItemRow(Record):
    ref: str
    id: str
    kind: str
    title: str
    status: str
    details: tuple[str, ...] = ()
    resource_kind: str | None = None
    authors: str | None = None
    year: int | None = None
    url: str | None = None


class ModuleConcept(Record):
    """A concept the module teaches (``concepts --json`` rows are ``ConceptRow``)."""

    id: str
    term: str
    other_term: str


class NoteBlock(Record):
    id: str
    title: str
    lines: tuple[tuple[str, str], ...]


class UserNote(Record):
    id: int
    ref: str
    day: date
    text: str


class ShowResult(Record):
    id: str
    title: str
    lang: str
    level: str
    level_title: str
    track: str
    goal: str
    status: str
    done: int
    total: int
    percent: float
    phase_id: str | None
    phase_focus: str | None
    phase_months: tuple[int, int] | None
    phase_why: str | None
    start: date | None
    end: date | None
    topics: tuple[ItemRow, ...]
    resources: tuple[ItemRow, ...]
    projects: tuple[ItemRow, ...]
    tools: tuple[str, ...]
    concepts: tuple[ModuleConcept, ...]
    readings: tuple[tuple[str, str], ...]
    notes: tuple[NoteBlock, ...]
    user_notes: tuple[UserNote, ...]
    missing_prerequisites: tuple[str, ...]
    track_title: str = ""
    plan_months: int = 0  # the plan's length, as chosen (months)
    planned_start: date | None = None  # the phase's window before replans and pauses moved it
    planned_end: date | None = None
    phase_start: date | None = None  # the phase's window now
    phase_end: date | None = None
    shifted_days: int = 0  # how many days later the phase ends than planned
    skipped: int = 0  # items skipped: out of done/total, shown beside them
    user_notes_total: int = 0  # the module's notes in all: user_notes holds the newest of them


def build_show(curriculum: Curriculum, timetable: Timetable, statuses: dict[str, str], module_id: str, lang: str,
               user_notes: tuple[UserNote, ...] = (), user_notes_total: int | None = None) -> ShowResult:
    module = curriculum.module(module_id)
    row = module_row(curriculum, timetable, statuses, module_id, lang)
    phase = curriculum.phase_of(module_id)
    other = "ja" if lang != "ja" else "en"

    def items(seq) -> tuple[ItemRow, ...]:  # noqa: ANN001
        return tuple(
            ItemRow(i.ref, i.id, i.kind, i.title.get(lang), item_status(statuses, i), tuple(d.get(lang) for d in i.details),
                    i.resource_kind, i.authors, i.year, i.url)
            for i in seq
        )

    level = curriculum.level(module.level)
    track = next((tr for tr in curriculum.tracks if tr.id == module.track), None)
    window = next((w for w in timetable.phases if phase is not None and w.phase.id == phase.id), None)
    plan = timetable.plan
    # The phase's months of this plan (schedule.plan_month: plan time, shifts removed), not
    # the map's 12-month numbering; the dates now and as planned come from the timetable.
    months = (plan_month(plan, window.start), plan_month(plan, window.end)) if window else None
    return ShowResult(
        id=module.id, title=module.title.get(lang), lang=lang, level=module.level, level_title=level.title.get(lang) if level else module.level,
        track=module.track, goal=module.goal.get(lang), status=row.status, done=row.done, total=row.total, percent=row.percent,
        phase_id=phase.id if phase else None, phase_focus=phase.focus.get(lang) if phase else None,
        phase_months=months,
        phase_why=(phase.why.get(lang) or None) if phase and phase.why else None,
        start=row.start, end=row.end,
        topics=items(module.topics), resources=items(module.resources), projects=items(module.projects),
        tools=tuple(t.get(lang) for t in module.tools),
        concepts=tuple(ModuleConcept(c.id, c.term.get(lang), c.term.get(other)) for c in curriculum.concepts_of(module_id)),
        readings=tuple((r.id, r.title.get(lang)) for r in curriculum.readings_of(module_id)),
        notes=tuple(NoteBlock(n.id, n.title.get(lang), tuple((e.label.get(lang), e.text.get(lang)) for e in n.items)) for n in curriculum.notes_of(module_id)),
        user_notes=user_notes, user_notes_total=len(user_notes) if user_notes_total is None else user_notes_total,
        missing_prerequisites=row.missing_prerequisites,
        track_title=track.title.get(lang) if track else module.track,
        plan_months=plan.months,
        planned_start=window.planned_start if window else None, planned_end=window.planned_end if window else None,
        phase_start=window.start if window else None, phase_end=window.end if window else None,
        shifted_days=(window.end - window.planned_end).days if window else 0,
        skipped=row.skipped,
    )
