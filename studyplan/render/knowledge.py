"""Views of the glossary, the history, the chart and readings (one concept: render/concept.py)."""

from __future__ import annotations

from rich.console import Group, RenderableType
from rich.text import Text

from studyplan.domain.text import clean
from studyplan.locale import catalog, msg, nt, t
from studyplan.render.text import literal
from studyplan.render.wrap import flowing, wrapped
from studyplan.render.wraptable import WrapTable


def concepts_view(r) -> RenderableType:  # noqa: ANN001
    if not r.concepts:
        what = " ".join(x for x in (f"--search {r.search}" if r.search else "", f"--module {r.module}" if r.module else "") if x)
        return literal(t(r.lang, "No concepts match {what}.", what=what) if what else t(r.lang, "This curriculum has no glossary."), "yellow")
    table = WrapTable(show_lines=False)
    table.add_column("id", style="cyan")  # an id may fold on a narrow terminal; the terms never lose a character
    table.add_column(t(r.lang, "term", context="column"))
    table.add_column("English" if r.lang == "ja" else "日本語")
    table.add_column(t(r.lang, "modules", context="column"))
    for c in r.concepts:
        mark = " ✓" if c.looked_up else ""
        table.add_row(wrapped(literal(c.id), foldable=True), wrapped(literal(c.term + mark)), wrapped(literal(c.other_term)),
                      wrapped(literal(", ".join(c.modules)), foldable=True))
    table.caption = nt(r.lang, "{n} concept · ✓ looked up", "{n} concepts · ✓ looked up", len(r.concepts))
    return table


def history_view(r) -> RenderableType:  # noqa: ANN001
    if r.total == 0:
        if r.first_year is None:
            return Text(t(r.lang, "This curriculum has no history of the field."), style="yellow")
        span = f"{r.first_year}–{r.last_year}"
        return Text(t(r.lang, "No breakthroughs match; the history covers {span}.", span=span), style="yellow")
    parts: list[RenderableType] = [literal(r.intro), Text("")] if r.intro else []
    for era in r.eras:
        parts.append(literal(era.title, "bold underline"))
        table = WrapTable(box=None, show_header=False, padding=(0, 1))
        table.add_column(no_wrap=True, style="bold")
        table.add_column()
        for e in era.events:
            year = f"{e.year}–{e.year_end}" if e.year_end else str(e.year)
            head = literal(e.name, "bold")
            if e.covered:
                head.append(" ✓", style="green")
            if e.who:
                head.append_text(literal(f" — {e.who}", "dim"))
            body = Text()
            body.append_text(head)
            body.append("\n")
            body.append_text(literal(e.description))
            for f in e.figures:
                body.append("\n  ")
                body.append_text(literal(figure_text(f, r.lang), "yellow"))
            if e.tags:
                body.append("\n  ")
                body.append_text(literal("#" + " #".join(e.tags), "dim"))
            table.add_row(Text(year), wrapped(body))
        parts.append(table)
        parts.append(Text(""))
    if r.trends:
        heading = literal(r.trends_title, "bold underline") if r.trends_title else Text(t(r.lang, "Key trends of the period"), style="bold underline")
        parts.append(heading)
        for n, tr in enumerate(r.trends, start=1):
            line = Text(f"{n}. ")
            line.append_text(literal(tr.title, "bold"))
            line.append(": ")
            line.append_text(literal(tr.description))
            parts.append(line)
        parts.append(Text(""))
    if r.closing and r.tag is None:  # the sources' closing sentence sums up the whole period
        parts += [literal(r.closing), Text("")]
    covered = t(r.lang, "Breakthroughs covered by your finished modules: {covered}/{total} (✓)", covered=r.covered, total=r.total)
    parts.append(Text(covered, style="dim"))
    return Group(*flowing(parts))


def figure_text(f, lang: str) -> str:  # noqa: ANN001 - a FigureRow
    """A figure with its metric named in ``lang`` (the row's text starts with the metric's id)."""
    labels = {"imagenet-error": msg("ImageNet error", context="metric"), "parameters": msg("parameters", context="metric"),
              "layers": msg("layers", context="metric"), "users": msg("users", context="metric")}
    label = catalog(lang).text(labels[f.metric]) if f.metric in labels else f.metric
    return f"{label}: {f.text.removeprefix(f'{f.metric}: ')}"


def chart_view(r, width: int = 40) -> RenderableType:  # noqa: ANN001
    parts: list[RenderableType] = [literal(r.title, "bold")]
    for s in r.series:
        scale = " " + t(r.lang, "(log scale)") if s.scale == "log" else ""
        parts.append(Text(""))
        parts.append(literal(s.label + scale, "bold"))
        for b in s.bars:
            cells = b.fraction * width
            full = int(cells)
            rest = "▏▎▍▌▋▊▉"[min(6, int((cells - full) * 7))] if cells - full >= 1 / 7 else ""
            line = Text(f"{b.label} ")
            line.append("█" * full + rest, style="green" if s.scale == "log" else "blue")
            line.append(" " * (width - full - len(rest) + 1))
            line.append(f"{b.value:g}")
            parts.append(line)
    return Group(*parts)


def reading_view(r) -> RenderableType:  # noqa: ANN001
    from rich.markdown import Markdown, Paragraph  # ~70 ms, only `read` draws Markdown

    class KinsokuParagraph(Paragraph):
        """A paragraph broken by render/wrap.py: Japanese by its kinsoku rules, words whole."""

        def __rich_console__(self, console, options):  # noqa: ANN001, ANN204 - rich's protocol
            yield wrapped(self.text)

    class KinsokuMarkdown(Markdown):
        elements = {**Markdown.elements, "paragraph_open": KinsokuParagraph}  # noqa: RUF012 - rich's class attribute

    # The Markdown escapes curriculum text (domain/readings.py); hyperlinks=False as well, so
    # nothing from data can ever become a hidden OSC 8 link on the terminal.
    return KinsokuMarkdown(clean(r.markdown), hyperlinks=False)


def reading_list_view(r) -> RenderableType:  # noqa: ANN001
    """``studyplan read`` without a reading: id, module and title of each."""
    if not r.readings:
        return Text(t(r.lang, "This curriculum has no readings."), style="yellow")
    table = WrapTable(show_lines=False)
    table.add_column("id", style="cyan")
    table.add_column(t(r.lang, "module", context="column"))
    table.add_column(t(r.lang, "title", context="column"))
    for row in r.readings:
        table.add_row(wrapped(literal(row.id), foldable=True), wrapped(literal(row.module), foldable=True), wrapped(literal(row.title)))
    table.caption = t(r.lang, "Read one with `studyplan read ID`.")
    return table
