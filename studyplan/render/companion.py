"""Views of notes and pauses."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.text import Text

from studyplan.domain.text import clean
from studyplan.locale import nmsg, t
from studyplan.render.layout import Stack
from studyplan.render.text import literal
from studyplan.render.wrap import wrapped

if TYPE_CHECKING:
    from rich.console import RenderableType


def note_view(r, lang: str = "en") -> RenderableType:  # noqa: ANN001
    if not r.added:  # the one way a note is not saved: it was empty
        return Text(t(lang, "Nothing saved: the note is empty."))
    line = Text(t(lang, "Note #{id} on", id=r.note.id) + " ", style="bold")
    line.append_text(literal(r.note.ref, "cyan"))
    line.append(f" ({r.note.day})")
    return line


def notes_view(r, lang: str = "en") -> RenderableType:  # noqa: ANN001
    if not r.notes:
        return Text(t(lang, "No notes yet. Add one: studyplan note ITEM \"text\""))
    # One wrapped text for every note (a heading line, then the note indented; it wraps, never
    # cut), not a table of four cells a note: rich lays out one renderable, and 9,000 notes of
    # one module draw in about a second instead of ten. --plain has the columns (notes_rows).
    return Stack(notes_text(r.notes, with_id=True))  # in a Stack: Console.print would join a bare Text into a plain one, dropping the wrapping


def notes_text(notes: list, with_id: bool) -> Text:
    """Notes as one wrapped text: each a dim heading (``#id``, day, ref), then its lines indented.

    One renderable for all of them, as ``notes`` and ``show`` need (9,000 notes: ~1 s, not ~10)."""
    out = Text()
    for k, n in enumerate(notes):
        if k:
            out.append("\n")
        out.append(f"#{n.id}  {n.day}  " if with_id else f"{n.day}  ", style="dim")
        out.append_text(literal(n.ref, "cyan"))
        for line in clean(n.text).split("\n"):
            out.append("\n" + NOTE_INDENT)
            out.append_text(literal(line))
    return wrapped(out)


NOTE_INDENT = "    "  # a note's text under its heading: its wrapped lines keep the indent (wrap.auto_hang)


def notes_rows(r, lang: str = "en"):  # noqa: ANN001, ANN201 - NotesResult; (header, rows) for --plain
    header = ("id", t(lang, "date", context="column"), t(lang, "item", context="column"), t(lang, "note", context="column"))
    return header, [(n.id, n.day.isoformat(), clean(n.ref), clean(n.text)) for n in r.notes]


def pause_view(r, lang: str = "en") -> RenderableType:  # noqa: ANN001
    p = r.pause
    what = {"id": p.id, "start": p.pause_from.isoformat(), "end": p.pause_to.isoformat(), "days": nmsg("{n} day", "{n} days", p.days)}
    line = Text(t(lang, "Paused #{id}: {start} → {end} ({days})", **what) if r.action == "added"
                else t(lang, "Cancelled pause #{id}: {start} → {end} ({days})", **what), style="bold")
    if p.reason:
        line.append_text(literal(f" — {p.reason}", "dim"))
    hint = (t(lang, "The rest of the plan moves {days} later; streaks carry across.", days=what["days"]) if r.action == "added"
            else t(lang, "The plan moves back."))
    return Stack(line, Text(hint, style="dim"))


def pause_list_view(r, lang: str = "en") -> RenderableType:  # noqa: ANN001
    if not r.pauses:
        return Text(t(lang, "No pauses."))
    # A bordered table: rich.table is not on `show`'s path, which shares notes_text.
    from rich.table import Table

    table = Table(show_edge=False)
    table.add_column("id")
    for col in (t(lang, "from", context="column"), t(lang, "to", context="column"), t(lang, "days", context="column"),
                t(lang, "reason", context="column")):
        table.add_column(col)
    for p in r.pauses:
        table.add_row(str(p.id), str(p.pause_from), str(p.pause_to), str(p.days), wrapped(literal(p.reason or "")))
    return table
