"""Readings: longer texts attached to a module, rendered as Markdown."""

from __future__ import annotations

from studyplan.domain.content import Reading
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


def _md_escape_line(text: str) -> str:
    # A paragraph that starts like a heading or list marker stays a paragraph.
    return ("\\" + text) if text[:1] in "#>-*+" else text


def build_reading(reading: Reading, lang: str) -> ReadingResult:
    summary = tuple(s.get(lang) for s in reading.summary)
    sections = tuple(ReadingSectionView(s.heading.get(lang), tuple(p.get(lang) for p in s.paragraphs)) for s in reading.sections)
    refs = tuple((r.number, r.title.get(lang)) for r in reading.references)
    caveat = reading.caveat.get(lang) if reading.caveat else ""
    lines = [f"# {reading.title.get(lang)}", ""]
    if caveat:
        lines += [f"> {caveat}", ""]
    lines += [f"- {_md_escape_line(s)}" for s in summary]
    for s in sections:
        lines += ["", f"## {s.heading}", ""]
        for p in s.paragraphs:
            lines += [_md_escape_line(p), ""]
    if refs:
        lines += ["", "## " + ("参考文献" if lang == "ja" else "References"), ""]
        lines += [f"- [{n}] {title}" for n, title in refs]
    return ReadingResult(reading.id, reading.module, lang, reading.title.get(lang), caveat, summary, sections, refs, "\n".join(lines).rstrip() + "\n")
