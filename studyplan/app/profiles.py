"""``studyplan init``: create a profile or change its plan."""

from __future__ import annotations

from datetime import date

from studyplan.app import catalog
from studyplan.app.session import Session, check_profile_name
from studyplan.domain.schedule import MAX_MONTHS, MIN_MONTHS, Plan, build_timetable
from studyplan.errors import UsageError
from studyplan.locale import Msg, msg, nmsg
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
    next_command: str = "studyplan today"  # what to run next: names the profile unless it is the default one
    switched_from: str | None = None  # the curriculum the profile had (`undo` switches back)


class Switch(Record):
    """What `init --curriculum` would leave behind: the profile's curriculum, and how much is marked in it."""

    profile: str
    old: str
    new: str
    marked: int
    logged: int


def pending_switch(session: Session, curriculum: str | None) -> Switch | None:
    """The switch ``init --curriculum`` would make on a profile with progress (None: no such switch)."""
    if curriculum is None:
        return None
    existing = session.store.profile(session.selected_profile)
    if existing is None:
        return None
    ref = catalog.resolve(curriculum)
    if _stored(ref) == existing.curriculum:
        return None
    marked = sum(1 for status in session.store.statuses(existing.id).values() if status != "todo")
    logged = len(session.store.logs(existing.id))
    if not marked and not logged:
        return None
    return Switch(existing.name, existing.curriculum, ref.id, marked, logged)


def switch_refused(switch: Switch) -> UsageError:
    """The one line a script gets instead of a prompt."""
    return UsageError(msg("profile '{profile}' has progress in {old} ({progress}): switching to {new} leaves it behind; "
                          "add --force to switch (`studyplan undo` switches back)",
                          profile=switch.profile, old=switch.old, new=switch.new, progress=_progress(switch)))


def switch_question(switch: Switch) -> Msg:
    return msg("Profile '{profile}' has progress in {old} ({progress}). Switch to {new}? "
               "Its progress stays in {old}, and `studyplan undo` switches back.",
               profile=switch.profile, old=switch.old, new=switch.new, progress=_progress(switch))


def _progress(switch: Switch) -> Msg:
    marked = nmsg("{n} item marked", "{n} items marked", switch.marked)
    logged = nmsg("{n} time entry", "{n} time entries", switch.logged)
    if switch.marked and switch.logged:
        return msg("{marked}, {logged}", marked=marked, logged=logged)
    return marked if switch.marked else logged


def _stored(ref: catalog.CurriculumRef) -> str:
    return str(ref.path) if ref.origin == "path" else ref.id


def init(session: Session, start: str | None, months: int | None, hours: float | None, lang: str | None, curriculum: str | None,
         allow_switch: bool = False) -> InitResult:
    """Create the profile, or change the settings given; what is not given is kept
    (for a new profile: today, the curriculum's own length, no hours limit).

    A switch of curriculum on a profile with progress (``pending_switch``) is refused unless
    ``allow_switch`` (the learner confirmed, or gave --force); it is journaled, so `undo`
    switches back."""
    check_options(session, months, hours, lang)
    # What is kept comes from the stored profile: read it, decide and save under one write
    # lock, so two `init`s at once cannot each overwrite what the other changed.
    if not allow_switch and (switch := pending_switch(session, curriculum)) is not None:
        raise switch_refused(switch)
    with session.store.transaction():
        return _init_locked(session, start, months, hours, lang, curriculum)


def check_options(session: Session, months: int | None, hours: float | None, lang: str | None) -> None:
    """What `init` refuses before it reads anything (and before it asks about a switch)."""
    check_profile_name(session.selected_profile)
    if months is not None and not MIN_MONTHS <= months <= MAX_MONTHS:
        raise UsageError(msg("--months {months} is out of range; a plan lasts {low} to "
                             "{high} months", months=months, low=MIN_MONTHS, high=MAX_MONTHS))
    if hours is not None and not 1 <= hours <= 100:
        raise UsageError(msg("--hours {hours:g} is out of range; give the hours a week you can "
                             "study, 1 to 100", hours=hours))
    if lang is not None and lang not in ("en", "ja"):
        raise UsageError(msg("--lang '{lang}' is not available; use en or ja", lang=lang))


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
    stored_spec = _stored(ref)
    profile = session.store.save_profile(name, stored_spec, start_day, months, hours, lang, session.timestamp())
    switched = existing is not None and existing.curriculum != stored_spec
    if switched:
        session.store.record_curriculum_switch(profile.id, {"curriculum": existing.curriculum, "months": existing.months},
                                               {"curriculum": stored_spec, "months": months}, session.timestamp(), session.study_day())
    timetable = build_timetable(loaded, Plan(start_day, months))
    default = session.config.get("profile")
    command = "studyplan today" if name == default else f"studyplan --profile {name} today"
    return InitResult(profile.name, loaded.id, start_day, timetable.end, months, hours, lang, existing is None, command,
                      existing.curriculum if switched else None)
