"""``concept TERM``: one glossary card, or the candidates when the term is ambiguous.

A daily command: drawn with render/layout.py's blocks (cli/lite_console.py prints them
without ``rich.console``). Text from data passes through ``literal``; it wraps, never cut.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.measure import Measurement
from rich.text import Text

from studyplan.domain.text import clean
from studyplan.locale import t
from studyplan.render.layout import Card, Stack, measure
from studyplan.render.text import literal
from studyplan.render.views import status_text
from studyplan.render.wrap import flowing, label_hang, wrapped

if TYPE_CHECKING:
    from rich.console import RenderableType


def concept_view(r) -> RenderableType:  # noqa: ANN001
    if r.card is None:
        lines = [Text(t(r.lang, "Several concepts are close to '{query}':", query=clean(r.query)), style="bold")]
        for n, c in enumerate(r.candidates, start=1):
            line = Text(f"{n}. ")
            line.append_text(literal(c["term"], "bold"))
            line.append_text(literal(f"  studyplan concept {c['id']}", "dim"))
            lines.append(line)
        return Stack(*flowing(lines))
    c = r.card
    title = literal(c.term_en, "bold")
    if c.term_ja != c.term_en:  # RLHF is RLHF in both: named once
        title.append(" / ")
        title.append_text(literal(c.term_ja, "bold"))
    body: list[RenderableType] = [wrapped(literal(c.definition))]
    if c.aliases:
        body.append(wrapped(literal(t(r.lang, "Also:") + " " + ", ".join(c.aliases), "dim"), label_hang(t(r.lang, "Also:") + " ")))
    if c.related:
        line = Text(t(r.lang, "Related:") + " ", style="bold")
        line.append_text(literal(", ".join(f"{x.title} ({x.id})" for x in c.related)))
        body.append(wrapped(line, label_hang(t(r.lang, "Related:") + " ")))
    if c.modules:
        line = Text(t(r.lang, "Taught in:") + " ", style="bold")
        for i, m in enumerate(c.modules):
            if i:
                line.append(", ")
            line.append_text(literal(m.title))
            line.append_text(literal(f" ({m.id} ", "dim"))
            line.append_text(status_text(m.status or "todo", r.lang))
            line.append(")", style="dim")
        body.append(wrapped(line, label_hang(t(r.lang, "Taught in:") + " ")))
    if c.events:
        line = Text(t(r.lang, "In history:") + " ", style="bold")
        line.append_text(literal(", ".join(f"{e.year} {e.name}" for e in c.events)))
        body.append(wrapped(line, label_hang(t(r.lang, "In history:") + " ")))
    if r.match == "fuzzy":
        body.append(Text(t(r.lang, "(closest match for '{query}')", query=clean(r.query)), style="dim"))
    return _Card(title, flowing(body), c.id)


class _Card:
    """The concept card: both terms in its top border, its id in the bottom one. A label
    that does not fit its border opens (the terms) or closes (the id) the card instead,
    wrapped: nothing is cropped."""

    def __init__(self, title: Text, body: list[RenderableType], cid: str) -> None:
        self.title, self.body, self.cid = title, body, cid

    def light_parts(self) -> list:  # cli/lite_console.py draws: Card, Stack and Text only
        return [self.title, *self.body]

    def _card(self, width: int) -> Card:
        subtitle = Text(self.cid, style="cyan")
        titled = Card.fits(self.title, width)
        body = self.body if titled else [wrapped(self.title), *self.body]
        if not Card.fits(subtitle, width):
            body = [*body, wrapped(subtitle)]
        return Card(Stack(*body), title=self.title if titled else None, subtitle=subtitle)

    def __rich_measure__(self, console, options) -> Measurement:  # noqa: ANN001 - rich's protocol
        return measure(console, options, self._card(options.max_width))

    def __rich_console__(self, console, options):  # noqa: ANN001, ANN204 - rich's protocol
        yield self._card(options.max_width)
