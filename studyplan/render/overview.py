"""``plan`` and ``show``: the curriculum with the learner's progress laid over it (domain/overview.py).

Text from data passes through ``literal``; content wraps (``render/wrap.py``), never cut.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.measure import Measurement
from rich.text import Text

from studyplan.domain.text import clean
from studyplan.locale import nmsg, nt, t
from studyplan.render.companion import notes_text
from studyplan.render.layout import Grid, Stack
from studyplan.render.text import literal
from studyplan.render.views import bar, status_text
from studyplan.render.wrap import flowing, label_hang, wrapped

if TYPE_CHECKING:
    from rich.console import RenderableType


def _days(n: int):  # noqa: ANN202 - a Msg
    return nmsg("{n} day", "{n} days", n)


def _cell(text: Text, width: int) -> Text:
    """``text`` padded to ``width`` terminal cells (the caller made it fit)."""
    text.pad_right(max(0, width - text.cell_len))
    return text


class _ModuleLines:
    """The modules of a phase, columns aligned by cell width (CJK-safe): id, title, status,
    bar and counts. A title is never cut: on a narrow terminal the bar goes first; when the
    longest title still does not fit its column, each title goes on the lines under its
    module's id, wrapped (``render/wrap.py``). Piped, every title is on one line."""

    BAR = 12

    def __init__(self, rows, lang: str, id_width: int, status_width: int, title_width: int = 40) -> None:  # noqa: ANN001
        self.rows, self.lang, self.id_width, self.status_width = rows, lang, id_width, status_width
        self.title_width = max(12, title_width)  # the longest title of the plan, so phases align

    def _fixed(self, with_bar: bool, with_title: bool = True, bar_width: int = BAR) -> int:
        return 1 + self.id_width + 2 + (2 if with_title else 0) + self.status_width + (2 + bar_width if with_bar else 0) + 8

    def light_parts(self) -> list:  # cli/lite_console.py draws: it yields Texts
        return []

    def __rich_measure__(self, console, options):  # noqa: ANN001, ANN204 - rich's protocol
        return Measurement(self._fixed(False, False), self._fixed(True) + self.title_width)

    def __rich_console__(self, console, options):  # noqa: ANN001, ANN204 - rich's protocol
        width = options.max_width
        # The bar shrinks (down to 4 cells) and then goes before a title would wrap.
        bar_width = min(self.BAR, width - self._fixed(False) - self.title_width - 2)
        stacked = bar_width < 4 and width - self._fixed(False) < self.title_width  # titles under the ids
        if stacked:
            bar_width = min(self.BAR, width - self._fixed(False, False) - 2)
        with_bar = bar_width >= 4
        indent = 3 if stacked else self.id_width + 3
        for m in self.rows:
            line = Text(" ")
            line.append_text(_cell(Text(m.id, style="cyan"), self.id_width))
            line.append("  ")
            if not stacked:
                line.append_text(_cell(literal(m.title), self.title_width))
                line.append("  ")
            line.append_text(_cell(status_text(m.status, self.lang), self.status_width))
            if with_bar:
                line.append("  ")
                line.append_text(bar(m.percent, bar_width))
            line.append(f" {m.done:>3}/{m.total}")
            yield line
            if stacked:
                yield wrapped(literal(" " * indent + clean(m.title)))
            if m.missing_prerequisites:
                yield wrapped(Text(" " * indent + t(self.lang, "Prerequisites not done yet: {ids}", ids=", ".join(m.missing_prerequisites)), style="dim yellow"))


def plan_view(r) -> RenderableType:  # noqa: ANN001
    """One line per module, columns aligned by cell width (CJK-safe). Plain lines, not a
    rich Table: a table measures and wraps every cell, which made `plan` slow on big
    curricula."""
    lang = r.lang
    parts: list[RenderableType] = _plan_head(r, lang)
    rows = [m for phase in r.phases for m in phase.modules]
    id_width = max((len(m.id) for m in rows), default=10)
    status_width = max((status_text(m.status, lang).cell_len for m in rows), default=10)
    title_width = max((literal(m.title).cell_len for m in rows), default=12)
    for phase in r.phases:
        first, last = phase.plan_months  # the months of this plan, as planned (a 6-month plan has no month 12)
        months = t(lang, "month {m}", m=first) if first == last else t(lang, "months {first}–{last}", first=first, last=last)
        header = Text(t(lang, "Phase, {months}:", months=months) + " ", style="bold")
        header.append_text(literal(phase.focus, "bold"))
        header.append(f"  {phase.start}\u00a0→\u00a0{phase.end}\u00a0·\u00a0{phase.percent:g}%", style="dim")  # no-break spaces: one unit
        parts += [Text(""), header, _ModuleLines(phase.modules, lang, id_width, status_width, title_width)]
    overall = Text(f"\n{t(lang, 'Overall')}: ", style="bold")
    overall.append_text(bar(r.percent, 30))
    overall.append(f" {r.percent:g}%  ({t(lang, '{done}/{total} items, {modules_done}/{modules} modules', done=r.done, total=r.total, modules_done=r.modules_done, modules=r.modules)})")
    parts.append(overall)
    parts += _plan_foot(r, lang)
    return Stack(*flowing(parts))


def _plan_head(r, lang: str) -> list[RenderableType]:  # noqa: ANN001 - PlanResult
    """The curriculum's title, description and duration, and this plan's dates: as chosen,
    and, once replans or pauses moved it, how much later it ends than planned."""
    parts: list[RenderableType] = [literal(r.title, "bold")]
    if r.description:
        parts.append(wrapped(literal(r.description, "dim")))
    if r.duration:
        label = f"{t(lang, 'How long')}: "
        line = Text(label, style="bold")
        line.append_text(literal(r.duration))
        parts.append(wrapped(line, label_hang(label)))
    months = nmsg("{n} month", "{n} months", r.months)
    if r.shifted_days and r.planned_end:
        text = t(lang, "Your plan: {start} → {end}: {months} as planned, moved {days} later by replans and pauses (planned end {planned})",
                 start=r.start.isoformat(), end=r.end.isoformat(), months=months, days=_days(r.shifted_days), planned=r.planned_end.isoformat())
    else:
        text = t(lang, "Your plan: {start} → {end} ({months})", start=r.start.isoformat(), end=r.end.isoformat(), months=months)
    parts.append(Text(text, style="dim"))
    return parts


def _plan_foot(r, lang: str) -> list[RenderableType]:  # noqa: ANN001 - PlanResult
    """The map's levels with their goals, and its tracks."""
    parts: list[RenderableType] = []
    if r.levels:
        parts += [Text(""), Text(t(lang, "Levels"), style="bold")]
        for lv in r.levels:
            line = literal(f"{lv.title}: " if lv.goal else lv.title, "bold")
            hang = line.cell_len
            line.append_text(literal(lv.goal))
            parts.append(wrapped(line, hang))
    if r.tracks:
        label = f"{t(lang, 'Tracks')}: "
        line = Text(label, style="bold")
        line.append_text(literal(", ".join(title for _id, title in r.tracks)))
        parts.append(wrapped(line, label_hang(label)))
    return parts


def show_view(r) -> RenderableType:  # noqa: ANN001
    lang = r.lang
    head = literal(r.title, "bold")
    head.append_text(literal(f"  {r.id}", "cyan"))
    parts: list[RenderableType] = [head]
    meta = Text(f"{t(lang, 'Level')}: ")
    meta.append_text(literal(r.level_title))
    if r.track_title:
        meta.append(f"  ·  {t(lang, 'Track')}: ")
        meta.append_text(literal(r.track_title))
    meta.append("  ·  ")
    meta.append_text(status_text(r.status, lang))
    meta.append(f"  {r.done}/{r.total} ({r.percent:g}%)")
    if r.skipped:  # they left both sides of done/total: say so, or 8/8 hides the ninth item
        meta.append(", " + nt(lang, "{n} skipped", "{n} skipped", r.skipped, context="items"), style="dim")
    parts.append(meta)
    if r.goal:
        g = Text(f"{t(lang, 'Goal')}: ", style="bold")
        g.append_text(literal(r.goal))
        parts.append(wrapped(g, label_hang(f"{t(lang, 'Goal')}: ")))
    if r.phase_id:
        label = f"{t(lang, 'Schedule')}: "
        s = Text(label, style="bold")
        s.append_text(literal(r.phase_focus))
        first, last = r.phase_months
        # The phase's months of this plan (planned: replans and pauses do not renumber them).
        span = (t(lang, "month {m} of {n}", m=first, n=r.plan_months) if first == last else
                t(lang, "months {first}–{last} of {n}", first=first, last=last, n=r.plan_months))
        s.append(f" ({span})")
        if r.start:
            s.append(f"  {r.start} → {r.end}", style="dim")
        parts.append(wrapped(s, label_hang(label)))
        if r.shifted_days and r.planned_start:
            moved = t(lang, "Planned for {start} → {end}; replans and pauses moved this phase {days} later, to {now_start} → {now_end}.",
                      start=r.planned_start.isoformat(), end=r.planned_end.isoformat(), days=_days(r.shifted_days),
                      now_start=r.phase_start.isoformat(), now_end=r.phase_end.isoformat())
            parts.append(wrapped(Text(" " * label_hang(label) + moved, style="dim")))
        if r.phase_why:
            w = Text(f"{t(lang, 'Why here')}: ", style="dim bold")
            w.append_text(literal(r.phase_why, "dim"))
            parts.append(wrapped(w, label_hang(f"{t(lang, 'Why here')}: ")))
    if r.missing_prerequisites:
        parts.append(Text(t(lang, "Prerequisites not done yet: {ids}", ids=", ".join(r.missing_prerequisites)), style="yellow"))

    def section(title: str, rows) -> None:  # noqa: ANN001
        if not rows:
            return
        table = Grid()
        table.add_column(no_wrap=True)
        table.add_column()
        for row in rows:
            body = Text()
            if row.resource_kind:
                body.append_text(literal(f"[{row.resource_kind}] ", "dim"))
            body.append_text(literal(row.title))
            extra = ", ".join(str(x) for x in (row.authors, row.year) if x)
            if extra:
                body.append_text(literal(f" — {extra}", "dim"))
            if row.url:
                body.append_text(literal(f" {row.url}", "dim"))
            body.append_text(literal(f"  {row.ref}", "cyan"))  # after the title: the content column is the last one
            for d in row.details:
                body.append("\n• ")
                body.append_text(literal(d))
            table.add_row(status_text(row.status, lang), wrapped(body))
        parts.append(Text(""))
        parts.append(Text(title, style="bold"))
        parts.append(table)

    section(t(lang, "Topics"), r.topics)
    section(t(lang, "Resources"), r.resources)
    section(t(lang, "Projects"), r.projects)
    if r.tools:
        parts.append(Text(""))
        tl = Text(f"{t(lang, 'Tools')}: ", style="bold")
        tl.append_text(literal(", ".join(r.tools)))
        parts.append(wrapped(tl, label_hang(f"{t(lang, 'Tools')}: ")))
    if r.concepts:
        cl = Text(f"{t(lang, 'Concepts')}: ", style="bold")
        cl.append_text(literal(", ".join(f"{c.term} ({c.id})" for c in r.concepts)))
        parts.append(wrapped(cl, label_hang(f"{t(lang, 'Concepts')}: ")))
    if r.readings:
        rl = Text(f"{t(lang, 'Readings')}: ", style="bold")
        rl.append_text(literal(", ".join(f"{title} — studyplan read {rid}" for rid, title in r.readings)))
        parts.append(wrapped(rl, label_hang(f"{t(lang, 'Readings')}: ")))
    for note in r.notes:
        parts.append(Text(""))
        parts.append(literal(note.title, "bold"))
        for label, text in note.lines:
            line = literal(f"{label}: ", "dim")
            line.append_text(literal(text))
            parts.append(wrapped(line, label_hang(f"{clean(label)}: ")))
    if r.user_notes:
        parts.append(Text(""))
        parts.append(Text(t(lang, "Notes"), style="bold"))
        parts.append(notes_text(r.user_notes, with_id=False))  # as `notes` shows them, without their ids
        older = r.user_notes_total - len(r.user_notes)
        if older > 0:
            parts.append(Text(nt(lang, "{n} older note: `studyplan notes {module}`", "{n} older notes: `studyplan notes {module}`",
                                 older, module=r.id), style="dim"))
    return Stack(*flowing(parts))
