"""The use case of ``studyplan status``: the facts of the one-line status, each computed once, where it is decided.

* topics: the items ``today`` lists (``domain/today.py`` ``build_today``, called with the
  arguments ``app/today.py`` gives it);
* the position: ``build_today``'s days ahead or behind (``domain/schedule.py`` ``position``);
* cards: ``app/review.py`` ``count_due``, the cards ``review`` would show;
* the streak: ``domain/streaks.py`` ``compute`` over the active days, with the rest days
  and pauses ``report`` uses (``app/tracking.py``);
* the focus timer: when it started and for how long (``store/focus.py``); the minutes
  left are worked out when the line is shown (``domain/status.py``), so a cached answer
  follows the clock.

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
from studyplan.locale import nt, t
from studyplan.record import Record
from studyplan.store.focus import FocusStore


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
    focus_started: int  # the running focus timer's start, Unix time (0: none); what is left is the clock's
    focus_minutes: int  # its planned length (0: none)
    lang: str  # the learner's language (en, ja): what ``words`` are in
    words: dict  # domain/status.py WORDS: the texts of the fields, from the message catalog


def words(lang: str, topics_n: int, cards_n: int, streak_n: int, days_delta: int, standing: str) -> dict[str, str]:
    """The status line's texts in ``lang`` (``domain/status.py`` ``WORDS``)."""
    if standing == "behind":
        position = nt(lang, "{n} day behind", "{n} days behind", -days_delta, n=-days_delta, context="status")
    elif standing == "ahead":
        position = nt(lang, "{n} day ahead", "{n} days ahead", days_delta, n=days_delta, context="status")
    else:
        position = t(lang, "paused", context="status") if standing == "paused" else t(lang, "on track", context="status")
    return {
        "topics": nt(lang, "{n} topic", "{n} topics", topics_n, n=topics_n, context="status"),
        "cards": nt(lang, "{n} card", "{n} cards", cards_n, n=cards_n, context="status"),
        "streak": t(lang, "{n}-day streak", n=streak_n, context="status") if streak_n else t(lang, "no streak", context="status"),
        "position": position,
        "focus_left": t(lang, "focus {m}m left", context="status"),  # {m} stays: filled from the clock at each call
        "focus_done": t(lang, "focus {m}m done", context="status"),
    }


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
    streak = streaks.from_runs(store.activity_runs(profile.id, until=day), day, rest_weekdays(session), pauses(session))
    timer = FocusStore(store).running(profile.id)
    lang = session.lang()
    topics_n, cards_n = len(today.items), review.count_due(session, day)
    return Status(
        profile=profile.name, date=day.isoformat(), state=today.state,
        topics_n=topics_n, cards_n=cards_n, streak_n=streak.current,
        days_delta=today.days_delta, standing=today.standing,
        focus_started=int(timer.started_at.timestamp()) if timer else 0, focus_minutes=timer.minutes if timer else 0,
        lang=lang, words=words(lang, topics_n, cards_n, streak.current, today.days_delta, today.standing),
    )
