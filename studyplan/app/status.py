"""The use case of ``studyplan status``: the facts of the one-line status, each computed once, where it is decided.

* topics: the items ``today`` lists (``domain/today.py`` ``build_today``, called with the
  arguments ``app/today.py`` gives it);
* the position: ``build_today``'s days ahead or behind (``domain/schedule.py`` ``position``);
* cards: ``app/review.py`` ``count_due``, the cards ``review`` would show;
* the streak: ``domain/streaks.py`` ``compute`` over the active days, with the rest days
  and pauses ``report`` uses (``app/tracking.py``).

Status never creates anything: without a database or without the profile there is
nothing to say (``None``), where every other command would create them. The text is
made by ``domain/status.py``; the prompt face (``app/prompt.py``) caches these facts.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from studyplan import paths
from studyplan.app import catalog, review
from studyplan.app.session import Session
from studyplan.app.today import plan_today
from studyplan.app.tracking import pauses, rest_weekdays
from studyplan.domain import streaks
from studyplan.domain.content import FILES
from studyplan.record import Record


class Status(Record):
    """The facts of the status line (``domain/status.py`` ``FACTS``; dates as text)."""

    profile: str
    date: str
    state: str  # active | finished
    topics_n: int
    cards_n: int
    streak_n: int
    days_delta: int  # positive: ahead by, negative: behind by
    standing: str  # behind | on-track | ahead


def has_profile(session: Session) -> bool:
    """The database and the selected profile exist (asking creates neither)."""
    if not paths.database_path().exists():
        return False
    return session.store.profile(session.selected_profile) is not None


def curriculum_inputs(session: Session) -> tuple[Path, ...]:
    """The files and folders the profile's curriculum is found and read from.

    A cache of the status must change when any of them does: the curriculum's own
    files, and the places where a curriculum of the same id would shadow it."""
    spec = session.profile.curriculum
    ref = catalog.resolve(spec)
    user = paths.user_curricula_dir()
    found = [user, user / spec, user / spec / "curriculum.yaml", ref.path]
    return tuple(found + [ref.path / name for name in FILES])


def status(session: Session, day: date) -> Status | None:
    """The facts on ``day``; None when there is nothing to say (no database or profile, the plan not started)."""
    if not has_profile(session):
        return None
    profile = session.profile
    store = session.store
    today = plan_today(session, day, "en")
    if today.state == "before":
        return None
    active = store.activity_days(profile.id, until=day)
    streak = streaks.compute(active, day, rest_weekdays(session), pauses(session))
    return Status(
        profile=profile.name, date=day.isoformat(), state=today.state,
        topics_n=len(today.items), cards_n=review.count_due(session, day), streak_n=streak.current,
        days_delta=today.days_delta, standing=today.standing,
    )
