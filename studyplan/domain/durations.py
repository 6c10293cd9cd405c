"""Parse study durations: ``45m``, ``1.5h``, ``1h30m``, ``90`` (minutes), ``1:30``."""

from __future__ import annotations

import math
import re

from studyplan.errors import UsageError
from studyplan.locale import msg

MAX_MINUTES = 24 * 60
_PART = re.compile(r"(\d+(?:\.\d+)?)\s*(h|hr|hrs|hours?|m|min|mins|minutes?)", re.IGNORECASE)


def parse_duration(text: str) -> int:
    """Minutes in ``text``; raise UsageError with an example when it is not a duration."""
    raw = text.strip().lower()
    minutes: float | None = None
    if re.fullmatch(r"\d+(\.\d+)?", raw):
        minutes = float(raw)
    elif m := re.fullmatch(r"(\d+):([0-5]\d)", raw):
        minutes = int(m.group(1)) * 60 + int(m.group(2))
    elif raw and _PART.sub("", raw).strip() == "" and _PART.search(raw):
        minutes = 0.0
        for number, unit in _PART.findall(raw):
            minutes += float(number) * (60 if unit.startswith("h") else 1)
    if minutes is not None and not math.isfinite(minutes):
        minutes = float(MAX_MINUTES + 1)  # "1e400" minutes: reported as too long below
    if minutes is None:
        raise UsageError(msg("'{text}' is not a duration; use e.g. 45m, 1.5h, 1h30m or 90 (minutes)", text=text))
    rounded = round(minutes)
    if rounded <= 0:
        raise UsageError(msg("'{text}' is no time at all; log at least one minute", text=text))
    if rounded > MAX_MINUTES:
        raise UsageError(msg("'{text}' is more than 24 hours; log each day separately with --date", text=text))
    return rounded


def format_minutes(minutes: int) -> str:
    h, m = divmod(minutes, 60)
    return f"{h}h{m:02d}m" if h and m else (f"{h}h" if h else f"{m}m")
