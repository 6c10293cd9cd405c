"""Use cases of the daily view: ``today``, ``plan`` and ``show``."""

from __future__ import annotations

from datetime import date, timedelta

from studyplan.app import refs, review
from studyplan.app.session import Session
from studyplan.domain import overview
from studyplan.domain.pace import LOOKBACK_WEEKS, project_finish
from studyplan.domain.today import (
    Pace,
    PauseView,
    TodayResult,
    build_today,
    concept_of_the_day,
    pause_covering,
    week_bounds,
)


def week_logged(session: Session, day: date) -> dict[str, float]:
    start, end = week_bounds(day, session.first_weekday())
    totals: dict[str, float] = {}
    for entry in session.store.logs(session.profile.id, start, end):
        totals[entry.kind] = totals.get(entry.kind, 0.0) + entry.minutes / 60
    return totals


def pauses(session: Session) -> tuple[PauseView, ...]:
    return tuple(PauseView(r.id, r.pause_from, r.pause_to, r.reason) for r in session.store.revisions(session.profile.id)
                 if r.kind == "pause" and r.pause_from and r.pause_to)


def plan_today(session: Session, day: date, lang: str, logged_this_week: dict[str, float] | None = None) -> TodayResult:
    """What is due on ``day`` and where the plan stands: the one call `today` and `status` share."""
    profile = session.profile
    return build_today(
        session.curriculum, session.timetable, session.store.statuses(profile.id), profile.name, session.weekly_hours(), day, lang,
        daily_cap=session.config.get("daily_cap"), logged_this_week=logged_this_week,
        pause=pause_covering(pauses(session), day),
    )


def today(session: Session, day: date, lang: str) -> TodayResult:
    profile = session.profile
    result = plan_today(session, day, lang, week_logged(session, day))
    extras = {}
    if result.state == "active":
        phase = next((p for p in session.curriculum.phases if p.id == result.phase_id), None)
        modules = list(dict.fromkeys([i.module_id for i in result.items] + list(phase.modules if phase else ())))
        candidates = {c.id for m in modules for c in session.curriculum.concepts_of(m)}
        seen = session.store.looked_up(profile.id, among=candidates) | review.reviewed_concepts(session)
        concept = concept_of_the_day(session.curriculum, modules, seen, day)
        if concept is not None:
            extras["concept_of_the_day"] = {"id": concept.id, "term": concept.term.get(lang)}
        extras["cards_due"] = review.count_due(session, day)
        extras["pace"] = pace(session, day)
    elif result.state == "paused":
        extras["cards_due"] = review.count_due(session, day)  # reviewing in a pause is welcome, never due
    return result._replace(**extras)


def pace(session: Session, day: date) -> Pace:
    since = day - timedelta(days=7 * LOOKBACK_WEEKS)
    store, pid = session.store, session.profile.id
    return project_finish(session.curriculum, session.timetable, store.statuses(pid),
                          store.activity_days(pid, since, day), store.completions(pid, since, day), day)


def plan(session: Session, lang: str) -> overview.PlanResult:
    return overview.build_plan(session.curriculum, session.timetable, session.store.statuses(session.profile.id), session.profile.name, lang)


SHOW_NOTES = 5  # `show` ends with the module's newest notes; `notes MODULE` has them all


def show(session: Session, module_id: str, lang: str) -> overview.ShowResult:
    mid = refs.resolve_module(session, module_id)
    store, pid = session.store, session.profile.id
    notes = tuple(overview.UserNote(n.id, n.ref, n.day, n.text) for n in store.notes(pid, mid, latest=SHOW_NOTES))
    total = store.count_notes(pid, mid) if len(notes) == SHOW_NOTES else len(notes)
    return overview.build_show(session.curriculum, session.timetable, store.statuses(pid), mid, lang, notes, total)
