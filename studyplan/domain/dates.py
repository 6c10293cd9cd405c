"""Dates as a learner types them: ``2026-03-02``, ``today``, ``-3d``, ``+1w``, ``mon``.

Pure: the reference day (the study day, which honours ``day_starts_at``) is passed
in; nothing here reads the clock.

- ``YYYY-MM-DD``: that date.
- ``today``, ``yesterday``, ``tomorrow``.
- ``+Nd`` / ``-Nd`` and ``+Nw`` / ``-Nw``: N days or weeks after or before today.
- a weekday, ``mon`` … ``sun`` or ``monday`` … ``sunday``: the most recent one,
  today included (``mon`` on a Monday is today; on a Tuesday, yesterday).

Case and surrounding spaces do not matter.
"""

from __future__ import annotations

import re
from datetime import date, timedelta

from studyplan.errors import UsageError
from studyplan.locale import msg

EARLIEST, LATEST = date(1900, 1, 1), date(2999, 12, 31)  # leaves room for a year of plan either side
WEEKDAY_NAMES = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
FORMS = msg("YYYY-MM-DD, today, yesterday, tomorrow, -3d, +2w or a weekday (mon..sun: the most recent one, today included)")
ACCEPTED = str(FORMS)  # in English, for help texts

_NAMED = {"today": 0, "yesterday": -1, "tomorrow": 1}
_OFFSET = re.compile(r"([+-])([0-9]+)([dw])")
_WEEKDAYS = {**{name: i for i, name in enumerate(WEEKDAY_NAMES)}, **{name[:3]: i for i, name in enumerate(WEEKDAY_NAMES)}}


def _relative(word: str, today: date) -> date | None:
    """The day ``word`` names relative to ``today``, or None if it is not a relative form."""
    if word in _NAMED:
        return today + timedelta(days=_NAMED[word])
    if word in _WEEKDAYS:
        return today - timedelta(days=(today.weekday() - _WEEKDAYS[word]) % 7)
    m = _OFFSET.fullmatch(word)
    if m:
        n = int(m[2]) * (7 if m[3] == "w" else 1)
        return today + timedelta(days=n if m[1] == "+" else -n)
    return None


def parse_date(value: str, today: date, option: str = "--date") -> date:
    """``value`` as a date; relative forms count from ``today``. UsageError says what is accepted."""
    word = value.strip().lower() if isinstance(value, str) else ""
    try:
        parsed = _relative(word, today)
    except (OverflowError, ValueError):  # +9999999d: past the calendar's end
        raise UsageError(msg("{option} '{value}' is out of range; give a date between {earliest} "
                             "and {latest}", option=option, value=value, earliest=EARLIEST, latest=LATEST)) from None
    shown = f"'{value}' ({parsed})"
    if parsed is None:
        try:
            parsed = date.fromisoformat(value.strip())
        except (ValueError, AttributeError):
            raise UsageError(msg("{option} '{value}' is not a date; use {forms}", option=option, value=value, forms=FORMS)) from None
        shown = str(parsed)
    if not EARLIEST <= parsed <= LATEST:
        raise UsageError(msg("{option} {shown} is out of range; give a date between {earliest} and "
                             "{latest}", option=option, shown=shown, earliest=EARLIEST, latest=LATEST))
    return parsed
