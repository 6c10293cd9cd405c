"""Views of notes and pauses."""

from __future__ import annotations

from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text

from studyplan.render.text import literal


def note_view(r) -> RenderableType:  # noqa: ANN001
    if not r.added:
        return Text(f"Nothing saved: {r.message}.")
    line = Text(f"Note #{r.note.id} on ", style="bold")
    line.append_text(literal(r.note.ref, "cyan"))
    line.append(f" ({r.note.day})")
    return line


def notes_view(r) -> RenderableType:  # noqa: ANN001
    if not r.notes:
        return Text("No notes yet. Add one: studyplan note ITEM \"text\"")
    table = Table(show_edge=False, show_lines=True)
    for col in ("id", "date", "item", "note"):
        table.add_column(col, no_wrap=col != "note")
    for n in r.notes:
        table.add_row(str(n.id), str(n.day), literal(n.ref, "cyan"), literal(n.text))
    return table


def pause_view(r) -> RenderableType:  # noqa: ANN001
    p = r.pause
    line = Text("Paused" if r.action == "added" else "Cancelled pause", style="bold")
    line.append(f" #{p.id}: {p.pause_from} → {p.pause_to} ({p.days} days)")
    if p.reason:
        line.append_text(literal(f" — {p.reason}", "dim"))
    hint = "The rest of the plan moves {d} days later; streaks carry across." if r.action == "added" else "The plan moves back."
    return Group(line, Text(hint.format(d=p.days), style="dim"))


def pause_list_view(r) -> RenderableType:  # noqa: ANN001
    if not r.pauses:
        return Text("No pauses.")
    table = Table(show_edge=False)
    for col in ("id", "from", "to", "days", "reason"):
        table.add_column(col)
    for p in r.pauses:
        table.add_row(str(p.id), str(p.pause_from), str(p.pause_to), str(p.days), literal(p.reason or ""))
    return table
