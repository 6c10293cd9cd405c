"""Make text from data safe to show: no control characters, no markup interpretation.

Curricula, notes and imports may hold ``[bold]`` or ESC sequences. ``clean`` strips
C0 controls (except newline and tab), DEL and C1 controls, so an escape sequence
never reaches the terminal; ``literal`` wraps the result in a rich ``Text`` so
square brackets are shown as written.
"""

from __future__ import annotations

import re

from rich.text import Text

_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def clean(value: object) -> str:
    return _CONTROL.sub("", "" if value is None else str(value))


def literal(value: object, style: str = "") -> Text:
    return Text(clean(value), style=style)
