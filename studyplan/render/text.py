"""Make text from data safe to show: no control characters, no markup interpretation.

Curricula, notes and imports may hold ``[bold]`` or ESC sequences. ``clean`` strips
C0 controls (except newline and tab), DEL and C1 controls, so an escape sequence
never reaches the terminal; ``literal`` wraps the result in a rich ``Text`` so
square brackets are shown as written; ``one_line`` also shows line breaks as
``\\n`` for error messages, which are one line by promise.
"""

from __future__ import annotations

import re

from rich.text import Text

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


def literal(value: object, style: str = "") -> Text:
    return Text(clean(value), style=style)
