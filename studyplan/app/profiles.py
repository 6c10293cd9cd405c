"""``studyplan init``: create a profile or change its plan."""

from __future__ import annotations

from datetime import date

from studyplan.app import catalog
from studyplan.app.session import Session
from studyplan.domain.schedule import MAX_MONTHS, MIN_MONTHS, Plan, build_timetable
from studyplan.errors import UsageError
from studyplan.record import Record


class InitResult(Record):
    profile: str
    curriculum: str
    start: date
    end: date
    months: int
    weekly_hours: float | None
    lang: str | None
    created: bool


def init(session: Session, start: str | None, months: int | None, hours: float | None, lang: str | None, curriculum: str | None) -> InitResult:
    """Create the profile, or change the settings given; what is not given is kept
    (for a new profile: today, the curriculum's own length, no hours limit)."""
    if months is not None and not MIN_MONTHS <= months <= MAX_MONTHS:
        raise UsageError(f"--months {months} is out of range; a plan lasts {MIN_MONTHS} to {MAX_MONTHS} months")
    if hours is not None and not 1 <= hours <= 100:
        raise UsageError(f"--hours {hours:g} is out of range; give the hours a week you can study, 1 to 100")
    if lang is not None and lang not in ("en", "ja"):
        raise UsageError(f"--lang '{lang}' is not available; use en or ja")
    # What is kept comes from the stored profile: read it, decide and save under one write
    # lock, so two `init`s at once cannot each overwrite what the other changed.
    with session.store.transaction():
        return _init_locked(session, start, months, hours, lang, curriculum)


def _init_locked(session: Session, start: str | None, months: int | None, hours: float | None, lang: str | None, curriculum: str | None) -> InitResult:
    name = session.selected_profile
    existing = session.store.profile(name)
    start_day = session.parse_date(start, "--start") if start else (existing.start_date if existing else session.study_day())
    spec = curriculum or (existing.curriculum if existing else catalog.DEFAULT_CURRICULUM)
    ref = catalog.resolve(spec)
    loaded = catalog.load(ref)  # validate before saving: a broken curriculum is refused here
    if months is None:
        keep = existing is not None and curriculum is None
        months = existing.months if keep else min(max(loaded.months, MIN_MONTHS), MAX_MONTHS)
    hours = hours if hours is not None else (existing.weekly_hours if existing else None)
    lang = lang or (existing.lang if existing else None)
    stored_spec = str(ref.path) if ref.origin == "path" else ref.id
    profile = session.store.save_profile(name, stored_spec, start_day, months, hours, lang, session.timestamp())
    timetable = build_timetable(loaded, Plan(start_day, months))
    return InitResult(profile.name, loaded.id, start_day, timetable.end, months, hours, lang, existing is None)
