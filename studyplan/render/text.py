"""Text from data in a rich view: sanitised (``domain.text.clean``) and never read as markup.

``literal`` wraps the cleaned text in a rich ``Text``, so ``[bold]`` is shown as written.
"""

from __future__ import annotations

from rich.text import Text

from studyplan.domain.text import clean


def literal(value: object, style: str = "") -> Text:
    return Text(clean(value), style=style)
