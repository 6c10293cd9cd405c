"""Readings: longer texts attached to a module, rendered as Markdown."""

from __future__ import annotations

from studyplan.domain.content import Reading
from studyplan.domain.text import markdown_cell, markdown_text
from studyplan.record import Record


class ReadingSectionView(Record):
    heading: str
    paragraphs: tuple[str, ...]


class ReadingResult(Record):
    id: str
    module: str
    lang: str
    title: str
    caveat: str
    summary: tuple[str, ...]
    sections: tuple[ReadingSectionView, ...]
    references: tuple[tuple[int, str], ...]
    markdown: str


class ReadingRow(Record):
    id: str
    module: str
    title: str


class ReadingList(Record):
    """``studyplan read`` without a reading: every reading of the curriculum, as it lists them."""

    lang: str
    readings: tuple[ReadingRow, ...]


def build_list(readings: tuple[Reading, ...], lang: str) -> ReadingList:
    return ReadingList(lang, tuple(ReadingRow(r.id, r.module, r.title.get(lang)) for r in readings))


def build_reading(reading: Reading, lang: str) -> ReadingResult:
    summary = tuple(s.get(lang) for s in reading.summary)
    sections = tuple(ReadingSectionView(s.heading.get(lang), tuple(p.get(lang) for p in s.paragraphs)) for s in reading.sections)
    refs = tuple((r.number, r.title.get(lang)) for r in reading.references)
    caveat = reading.caveat.get(lang) if reading.caveat else ""
    # Curriculum text is escaped (domain.text): it is shown as written, never as a link, HTML or a heading.
    lines = [f"# {markdown_cell(reading.title.get(lang))}", ""]
    if caveat:
        lines += [f"> {markdown_cell(caveat)}", ""]
    lines += [f"- {markdown_cell(s)}" for s in summary]
    for s in sections:
        lines += ["", f"## {markdown_cell(s.heading)}", ""]
        for p in s.paragraphs:
            lines += [markdown_text(p), ""]
    if refs:
        lines += ["", "## " + ("参考文献" if lang == "ja" else "References"), ""]
        lines += [f"- \\[{n}\\] {markdown_cell(title)}" for n, title in refs]
    return ReadingResult(reading.id, reading.module, lang, reading.title.get(lang), caveat, summary, sections, refs, "\n".join(lines).rstrip() + "\n")
