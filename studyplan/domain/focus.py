"""The focus timer's rules: how long it has run, what is left, and what stopping it logs.

A timer is a planned length started at a moment; it is stored (``store/focus.py``) so it
outlives the terminal that started it. Whoever stops it logs:

* the time it ran, in whole minutes (rounded to the nearest; under half a minute is
  nothing to log), and
* never more than it was planned for: a timer left running after a closed terminal
  logs its planned length, not the hours until someone noticed.

The entry lands on the study day the timer started, like ``log --date`` that day.
Pure: moments are passed in.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta

from studyplan.record import Record

DEFAULT_MINUTES = 25  # a Pomodoro


class Timer(Record):
    started_at: datetime  # aware
    day: date  # the study day it started: where its time is logged
    minutes: int  # planned
    kind: str  # theory | coding | updates: the log entry's kind
    module: str | None

    @property
    def ends_at(self) -> datetime:
        return self.started_at + timedelta(minutes=self.minutes)


def elapsed_seconds(timer: Timer, now: datetime) -> float:
    """Seconds since the timer started (never negative: a clock set back reads as just started)."""
    return max(0.0, (now - timer.started_at).total_seconds())


def left_seconds(timer: Timer, now: datetime) -> float:
    """Seconds until the planned end (0 once it is over)."""
    return max(0.0, timer.minutes * 60 - elapsed_seconds(timer, now))


def is_over(timer: Timer, now: datetime) -> bool:
    return left_seconds(timer, now) <= 0


def minutes_done(timer: Timer, now: datetime) -> int:
    """The whole minutes stopping at ``now`` logs: elapsed, rounded, capped at the planned length."""
    return min(timer.minutes, int(elapsed_seconds(timer, now) / 60 + 0.5))
