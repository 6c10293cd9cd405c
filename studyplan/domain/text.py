"""The one sanitiser for text from data (curricula, notes, imports, config).

Curricula, notes and imports may hold ESC sequences. ``clean`` strips C0 controls
(except newline and tab), DEL and C1 controls, so an escape sequence never reaches
a terminal; ``one_line`` also shows line breaks as ``\\n`` for error messages, which
are one line by promise. Pure and free of rich, so every layer and every output
(terminal, Markdown, iCalendar, JSON) can use it.
"""

from __future__ import annotations

import re

_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def clean(value: object) -> str:
    return _CONTROL.sub("", "" if value is None else str(value))


_LINE_BREAKS = {"\n": "\\n", "\t": " ", "\u2028": "\\u2028", "\u2029": "\\u2029"}


def one_line(value: object) -> str:
    """``clean`` for a message that must stay on one line: line breaks are shown as ``\\n``."""
    text = clean(value)
    for ch, shown in _LINE_BREAKS.items():
        text = text.replace(ch, shown)
    return text
