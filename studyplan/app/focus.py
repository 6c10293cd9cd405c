"""Use cases of the focus timer: start, wait, stop (which logs), cancel, and what runs now.

The timer is stored (``store/focus.py``), so any terminal can ask about it, stop it or
drop it; the one that started it waits with ``wait`` (the session's clock and sleep,
both injectable) and stops it when the planned time is up. Stopping removes the timer
and adds a time-log entry in one transaction, the same entry ``log`` writes
(``store.add_log``: journaled, so ``undo`` removes it; it counts for ``report`` and
streaks). What stopping logs is decided in ``domain/focus.py``: the minutes run, capped
at the planned length, on the study day the timer started.
"""

from __future__ import annotations

from datetime import datetime
from typing import Callable

from studyplan.app.session import Session
from studyplan.app.tracking import log_kind_and_module
from studyplan.domain import focus as rules
from studyplan.domain.durations import format_minutes, parse_duration
from studyplan.domain.focus import Timer
from studyplan.errors import NotFound, UsageError
from studyplan.locale import msg
from studyplan.record import Record
from studyplan.store.focus import FocusStore
from studyplan.store.progress import LogEntry


class FocusState(Record):
    """The running timer as of ``now`` (``timer`` None: none runs)."""

    now: datetime
    timer: Timer | None
    elapsed_seconds: int
    left_seconds: int
    over: bool  # the planned time is up (not logged until someone stops it)


class FocusStopped(Record):
    timer: Timer
    outcome: str  # logged | too-short (under half a minute: nothing logged) | cancelled
    minutes: int  # logged
    entry: LogEntry | None


def _store(session: Session) -> FocusStore:
    return FocusStore(session.store)


def _state(timer: Timer | None, now: datetime) -> FocusState:
    if timer is None:
        return FocusState(now, None, 0, 0, False)
    return FocusState(now, timer, int(rules.elapsed_seconds(timer, now)), int(rules.left_seconds(timer, now) + 0.999),
                      rules.is_over(timer, now))


def _clock(moment: datetime) -> str:
    return moment.astimezone().strftime("%H:%M")


def state(session: Session) -> FocusState:
    """``focus --status``."""
    return _state(_store(session).running(session.profile.id), session.now)


def start(session: Session, duration: str | None, kind: str | None, module: str | None) -> FocusState:
    """A new timer of ``duration`` (default 25m); refused (exit 2) while one runs."""
    minutes = parse_duration(duration) if duration is not None else rules.DEFAULT_MINUTES
    kind, mid = log_kind_and_module(session, kind, module)
    profile = session.profile
    with session.store.transaction():  # checked and stored under the write lock: never two timers
        running = _store(session).running(profile.id)
        if running is not None:
            raise UsageError(msg(
                "a focus timer is already running ({planned} from {start}); `studyplan focus --stop` logs it, "
                "`studyplan focus --cancel` drops it", planned=format_minutes(running.minutes), start=_clock(running.started_at)))
        timer = _store(session).start(profile.id, session.timestamp(), session.study_day(), minutes, kind, mid)
    return _state(timer, session.now)


def wait(session: Session, timer: Timer, on_tick: Callable[[FocusState], None], tick: float = 1.0) -> bool:
    """Wait for ``timer``'s planned end with the session's clock and sleep, calling ``on_tick``
    about every ``tick`` seconds; False when it was stopped or dropped elsewhere meanwhile.
    A KeyboardInterrupt (Ctrl-C) from the sleep passes through: the timer stays stored."""
    store = _store(session)
    pid = session.profile.id
    while True:
        now = session.now
        current = _state(timer, now)
        on_tick(current)
        if current.over:
            return True
        running = store.running(pid)
        if running is None or running.started_at != timer.started_at:
            return False
        session.sleep(min(tick, rules.left_seconds(timer, now)))


def stop(session: Session, timer: Timer | None = None) -> FocusStopped | None:
    """Stop the running timer and log what it ran (see ``domain/focus.py``). With ``timer``,
    only that one (None when it is gone: stopped or dropped elsewhere); without, whichever
    runs (none: NotFound, exit 1)."""
    profile = session.profile
    with session.store.transaction():  # taken and logged together: a timer is never logged twice
        taken = _store(session).take(profile.id, timer.started_at if timer is not None else None)
        if taken is None:
            if timer is not None:
                return None
            raise NotFound(msg("no focus timer is running; start one with `studyplan focus 25m`"))
        minutes = rules.minutes_done(taken, session.now)
        if minutes < 1:
            return FocusStopped(taken, "too-short", 0, None)
        entry = session.store.add_log(profile.id, taken.day, minutes, taken.kind, taken.module, None,
                                      session.timestamp(), session.study_day())
    return FocusStopped(taken, "logged", minutes, entry)


def cancel(session: Session, timer: Timer | None = None) -> FocusStopped | None:
    """Drop the running timer without logging (``timer``: only that one, as in ``stop``)."""
    taken = _store(session).take(session.profile.id, timer.started_at if timer is not None else None)
    if taken is None:
        if timer is not None:
            return None
        raise NotFound(msg("no focus timer is running; start one with `studyplan focus 25m`"))
    return FocusStopped(taken, "cancelled", 0, None)


def minutes_so_far(session: Session, timer: Timer) -> int:
    """What stopping now would log (the Ctrl-C question names it)."""
    return rules.minutes_done(timer, session.now)
