"""Use cases: read the store, call the domain, return result dataclasses.

The CLI calls these and renders what they return; they never print. They take
the AppContext for the store, curriculum and settings, and the date explicitly.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import TYPE_CHECKING

from studyplan.domain.today import (
    TodayResult,
    build_today,
    concept_of_the_day,
    week_bounds,
)
from studyplan.errors import UsageError
from studyplan.record import Record
from studyplan.store.progress import Change, JournalEntry

if TYPE_CHECKING:
    from studyplan.cli.context import AppContext
    from studyplan.domain import overview


# -- refs ------------------------------------------------------------------------
def resolve_refs(app: AppContext, refs: list[str]) -> list[str]:
    """Validate every ref before anything is written; suggest the closest on a typo."""
    curriculum = app.curriculum
    out: list[str] = []
    for raw in refs:
        ref = raw.strip().strip("/")
        if not curriculum.has_ref(ref):
            import difflib  # only on a typo

            known = list(curriculum.refs())
            close = difflib.get_close_matches(ref, known, n=1, cutoff=0.6)
            hint = f" — did you mean '{close[0]}'?" if close else "; `studyplan plan` lists modules and `studyplan show MODULE` their items"
            raise UsageError(f"no item '{raw}'{hint}")
        if ref not in out:
            out.append(ref)
    return out


def resolve_module(app: AppContext, module_id: str) -> str:
    ref = resolve_refs(app, [module_id])[0]
    if "/" in ref:
        raise UsageError(f"'{module_id}' is an item, not a module; try `studyplan show {ref.split('/')[0]}`")
    return ref


# -- today / plan / show ------------------------------------------------------------
def week_logged(app: AppContext, day: date) -> dict[str, float]:
    start, end = week_bounds(day, first_weekday(app))
    totals: dict[str, float] = {}
    for entry in app.store.logs(app.profile.id, start, end):
        totals[entry.kind] = totals.get(entry.kind, 0.0) + entry.minutes / 60
    return totals


def first_weekday(app: AppContext) -> int:
    """0 = Monday … 6 = Sunday, from the first_day_of_week setting."""
    from studyplan.config import WEEKDAYS

    return WEEKDAYS.index(app.config.get("first_day_of_week"))


def today(app: AppContext, day: date, lang: str) -> TodayResult:
    profile = app.profile
    statuses = app.store.statuses(profile.id)
    result = build_today(
        app.curriculum, app.timetable, statuses, profile.name, profile.weekly_hours, day, lang,
        daily_cap=app.config.get("daily_cap"), logged_this_week=week_logged(app, day),
    )
    extras = {}
    if result.state == "active":
        phase = next((p for p in app.curriculum.phases if p.id == result.phase_id), None)
        modules = list(dict.fromkeys([i.module_id for i in result.items] + list(phase.modules if phase else ())))
        candidates = {c.id for m in modules for c in app.curriculum.concepts_of(m)}
        seen = app.store.looked_up(profile.id, among=candidates) | reviewed_concepts(app)
        concept = concept_of_the_day(app.curriculum, modules, seen, day)
        if concept is not None:
            extras["concept_of_the_day"] = {"id": concept.id, "term": concept.term.get(lang)}
        extras["cards_due"] = cards_due(app, day)
        extras["pace"] = pace(app, day)
    return result._replace(**extras)


def reviewed_concepts(app: AppContext) -> set[str]:
    from studyplan import review_service

    return review_service.reviewed_concepts(app)


def cards_due(app: AppContext, day: date) -> int:
    from studyplan.review_service import count_due

    return count_due(app, day)


def pace(app: AppContext, day: date):  # noqa: ANN201
    from studyplan.domain.pace import LOOKBACK_WEEKS, project_finish

    since = day - timedelta(days=7 * LOOKBACK_WEEKS)
    store, pid = app.store, app.profile.id
    return project_finish(app.curriculum, app.timetable, store.statuses(pid),
                          store.activity_days(pid, since, day), store.completions(pid, since, day), day)


def plan(app: AppContext, lang: str) -> overview.PlanResult:
    from studyplan.domain import overview

    return overview.build_plan(app.curriculum, app.timetable, app.store.statuses(app.profile.id), app.profile.name, lang)


def show(app: AppContext, module_id: str, lang: str) -> overview.ShowResult:
    from studyplan.domain import overview

    mid = resolve_module(app, module_id)
    notes = tuple(overview.UserNote(n.id, n.ref, n.day, n.text) for n in app.store.notes(app.profile.id, mid))
    return overview.build_show(app.curriculum, app.timetable, app.store.statuses(app.profile.id), mid, lang, notes)


# -- marking -------------------------------------------------------------------------
class MarkResult(Record):
    status: str
    changes: tuple[Change, ...]
    unchanged: tuple[str, ...]


def mark(app: AppContext, refs: list[str], status: str) -> MarkResult:
    resolved = resolve_refs(app, refs)
    changes = app.store.set_statuses(app.profile.id, resolved, status, app.timestamp(), app.study_day())
    changed = {c.ref for c in changes}
    return MarkResult(status, tuple(changes), tuple(r for r in resolved if r not in changed))


class UndoResult(Record):
    undone: bool
    batch: int | None
    entries: tuple[JournalEntry, ...]


def undo(app: AppContext) -> UndoResult:
    result = app.store.undo(app.profile.id, app.timestamp(), app.study_day())
    if result is None:
        return UndoResult(False, None, ())
    return UndoResult(True, result.batch, result.entries)


# -- init ------------------------------------------------------------------------------
class InitResult(Record):
    profile: str
    curriculum: str
    start: date
    end: date
    months: int
    weekly_hours: float | None
    lang: str | None
    created: bool


def init(app: AppContext, start: str | None, months: int | None, hours: float | None, lang: str | None, curriculum: str | None) -> InitResult:
    """Create the profile, or change the settings given; what is not given is kept
    (for a new profile: today, the curriculum's own length, no hours limit)."""
    from studyplan import catalog
    from studyplan.cli.context import parse_date
    from studyplan.domain.schedule import MAX_MONTHS, MIN_MONTHS, Plan, build_timetable

    if months is not None and not MIN_MONTHS <= months <= MAX_MONTHS:
        raise UsageError(f"--months {months} is out of range; a plan lasts {MIN_MONTHS} to {MAX_MONTHS} months")
    if hours is not None and not 1 <= hours <= 100:
        raise UsageError(f"--hours {hours:g} is out of range; give the hours a week you can study, 1 to 100")
    if lang is not None and lang not in ("en", "ja"):
        raise UsageError(f"--lang '{lang}' is not available; use en or ja")
    name = app.selected_profile
    existing = app.store.profile(name)
    start_day = parse_date(start, "--start") if start else (existing.start_date if existing else app.study_day())
    spec = curriculum or (existing.curriculum if existing else catalog.DEFAULT_CURRICULUM)
    ref = catalog.resolve(spec)
    loaded = catalog.load(ref)  # validate before saving: a broken curriculum is refused here
    if months is None:
        keep = existing is not None and curriculum is None
        months = existing.months if keep else min(max(loaded.months, MIN_MONTHS), MAX_MONTHS)
    hours = hours if hours is not None else (existing.weekly_hours if existing else None)
    lang = lang or (existing.lang if existing else None)
    stored_spec = str(ref.path) if ref.origin == "path" else ref.id
    profile = app.store.save_profile(name, stored_spec, start_day, months, hours, lang, app.timestamp())
    timetable = build_timetable(loaded, Plan(start_day, months))
    return InitResult(profile.name, loaded.id, start_day, timetable.end, months, hours, lang, existing is None)


# -- knowledge: concepts, history, readings ------------------------------------------------
def module_statuses(app: AppContext) -> dict[str, str]:
    from studyplan.domain.progress import module_progress

    statuses = app.store.statuses(app.profile.id)
    return {m.id: module_progress(app.curriculum, statuses, m).status for m in app.curriculum.modules}


def concept(app: AppContext, query: str, lang: str):  # noqa: ANN201
    from studyplan.domain.glossary import ConceptResult, Glossary, card
    from studyplan.errors import NotFound

    if not query.strip():
        raise UsageError("give a term to look up, e.g. `studyplan concept perplexity`")
    curriculum = app.curriculum
    if not curriculum.concepts:
        raise NotFound(f"the curriculum '{curriculum.id}' has no glossary")
    found = Glossary(curriculum).lookup(query)
    if found.kind == "none":
        raise NotFound(f"no concept close to '{query}'; try `studyplan concepts --search {query.split()[0] if query.split() else query}`")
    if found.kind == "ambiguous":
        candidates = tuple({"id": m.concept.id, "term": m.concept.term.get(lang), "score": m.score, "matched": m.matched} for m in found.matches)
        return ConceptResult(query, "ambiguous", lang, None, candidates)
    hit = found.matches[0].concept
    app.store.record_lookup(app.profile.id, hit.id, query, app.timestamp(), app.study_day())
    return ConceptResult(query, found.kind, lang, card(curriculum, hit, lang, module_statuses(app)), ())


def concepts(app: AppContext, lang: str, module: str | None, search: str | None):  # noqa: ANN201
    from studyplan.domain.glossary import ConceptRow, ConceptsResult, Glossary

    curriculum = app.curriculum
    items = list(curriculum.concepts)
    if module:
        mid = resolve_module(app, module)
        items = [c for c in items if mid in c.modules]
    if search:
        allowed = {c.id for c in items}
        items = [c for c in Glossary(curriculum).search(search) if c.id in allowed]
    seen = app.store.looked_up(app.profile.id)
    other = "ja" if lang != "ja" else "en"
    rows = tuple(ConceptRow(c.id, c.term.get(lang), c.term.get(other), c.modules, c.id in seen) for c in items)
    return ConceptsResult(lang, module, search, rows)


def history(app: AppContext, lang: str, from_year: int | None, to_year: int | None, tag: str | None):  # noqa: ANN201
    from studyplan.domain.history import all_tags, build_history

    curriculum = app.curriculum
    if tag is not None and tag not in all_tags(curriculum):
        raise UsageError(f"no tag '{tag}'; tags: {', '.join(all_tags(curriculum))}")
    if from_year is not None and to_year is not None and from_year > to_year:
        raise UsageError(f"--from {from_year} is after --to {to_year}; swap them")
    done = {m for m, s in module_statuses(app).items() if s == "done"}
    return build_history(curriculum, lang, done, from_year, to_year, tag)


def chart(app: AppContext, lang: str):  # noqa: ANN201
    from studyplan.domain.history import build_chart
    from studyplan.errors import NotFound

    result = build_chart(app.curriculum, lang)
    if result is None:
        raise NotFound(f"the curriculum '{app.curriculum.id}' has no chart")
    return result


def reading(app: AppContext, reading_id: str, lang: str):  # noqa: ANN201
    from studyplan.domain.readings import build_reading

    found = app.curriculum.reading(reading_id)
    if found is None:
        known = ", ".join(r.id for r in app.curriculum.readings) or "none"
        raise UsageError(f"no reading '{reading_id}' (readings: {known})")
    return build_reading(found, lang)
