"""Result dataclasses -> rich renderables, one function per view.

All text that comes from data passes through ``literal`` (control characters
stripped, shown as written); only our own fixed words carry markup styles.
"""

from __future__ import annotations

from rich.console import Group, RenderableType
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from studyplan.render.messages import status_word, t
from studyplan.render.text import literal

STATUS_STYLE = {"done": "green", "in-progress": "yellow", "skipped": "dim", "todo": ""}
STATUS_MARK = {"done": "✔", "in-progress": "▶", "skipped": "–", "todo": "·"}


def bar(percent: float, width: int = 20) -> Text:
    filled = round(width * max(0.0, min(percent, 100.0)) / 100)
    return Text("█" * filled, style="green") + Text("░" * (width - filled), style="dim")


def status_text(status: str, lang: str) -> Text:
    return Text(f"{STATUS_MARK.get(status, '?')} {status_word(status, lang)}", style=STATUS_STYLE.get(status, ""))


def _fmt_hours(h: float) -> str:
    return f"{h:g}"


def delta_line(r, lang: str) -> Text:  # noqa: ANN001 - TodayResult or report
    if r.standing == "behind":
        return Text(t("behind", lang, days=-r.days_delta, items=-r.items_delta), style="bold red")
    if r.standing == "ahead":
        return Text(t("ahead_days", lang, days=r.days_delta), style="bold green")
    return Text(t("on_track", lang), style="bold green")


def today_view(r) -> RenderableType:  # noqa: ANN001
    lang = r.lang
    parts: list[RenderableType] = []
    head = Text(f"{t('today', lang)} · {r.date.isoformat()}", style="bold")
    if r.state == "before":
        parts.append(head)
        parts.append(Text(t("before_start", lang, start=r.plan_start.isoformat(), days=r.days_until_start)))
        return Group(*parts)
    pos = f"{t('month_of', lang, m=r.month, n=r.months)} · {t('week', lang, w=r.week)} · {t('day', lang, d=r.day)}"
    head.append(f"  ({pos})", style="")
    parts.append(head)
    if r.state == "finished":
        parts.append(Text(t("finished", lang, end=r.plan_end.isoformat())))
        if r.remaining_modules:
            parts.append(Text(t("left", lang, topics=r.total_topics - r.done_topics, modules=len(r.remaining_modules), names=", ".join(r.remaining_modules))))
        else:
            parts.append(Text(t("all_done", lang), style="bold green"))
        return Group(*parts)
    if r.phase_id:
        phase = Text(f"{t('phase', lang)}: ", style="bold")
        phase.append_text(literal(r.phase_focus))
        phase.append(f"  ({r.phase_start} → {r.phase_end})", style="dim")
        parts.append(phase)
    parts.append(Text(""))
    if r.items:
        table = Table(title=Text(t("study_today", lang), style="bold"), title_justify="left", show_header=False, box=None, padding=(0, 1))
        table.add_column(no_wrap=True)
        table.add_column()
        for item in r.items:
            body = literal(item.title, "bold")
            body.append("  ")
            body.append_text(literal(item.module_title, "dim"))
            for d in item.details:
                body.append("\n  • ")
                body.append_text(literal(d))
            due = Text(item.ref, style="cyan")
            due.append(f"\n{'overdue since' if item.overdue and lang != 'ja' else ('期限' if lang == 'ja' else 'due')} {item.due}", style="red" if item.overdue else "dim")
            table.add_row(due, body)
        parts.append(table)
    elif r.total_topics > r.done_topics:
        parts.append(Text(t("nothing_today", lang)))
    else:
        parts.append(Text(t("all_done", lang), style="bold green"))
    if r.resource:
        line = Text(f"{t('resource', lang)}: ", style="bold")
        line.append_text(literal(f"[{r.resource.kind}] ", "dim"))
        line.append_text(literal(r.resource.title))
        if r.resource.authors:
            line.append_text(literal(f" — {r.resource.authors}", "dim"))
        if r.resource.year:
            line.append(f" ({r.resource.year})", style="dim")
        line.append_text(literal(f"  {r.resource.ref}", "cyan"))
        parts.append(line)
    if r.project:
        line = Text(f"{t('project', lang)}: ", style="bold")
        line.append_text(literal(r.project.title))
        line.append_text(literal(f"  {r.project.ref}", "cyan"))
        parts.append(line)
    if r.concept_of_the_day:
        c = r.concept_of_the_day
        line = Text(f"{t('concept_of_day', lang)}: ", style="bold")
        line.append_text(literal(c["term"]))
        line.append_text(literal(f" — studyplan concept {c['id']}", "dim"))
        parts.append(line)
    parts.append(Text(""))
    targets = Table(title=Text(t("week_targets", lang), style="bold"), title_justify="left", show_header=False, box=None, padding=(0, 1))
    for target in r.targets:
        logged = Text(t("logged", lang, h=_fmt_hours(target.logged_hours)), style="dim")
        targets.add_row(literal(target.label), Text(t("hours", lang, lo=_fmt_hours(target.min_hours), hi=_fmt_hours(target.max_hours))), logged)
    parts.append(targets)
    parts.append(Text(""))
    status = delta_line(r, lang)
    status.append(f"  · {t('topics_done', lang, done=r.done_topics, total=r.total_topics, expected=r.expected_topics)}", style="")
    parts.append(status)
    if r.catch_up_days:
        parts.append(Text(t("catch_up", lang, per_day=len(r.items), days=r.catch_up_days), style="yellow"))
    if r.suggest_replan:
        parts.append(Text(t("suggest_replan", lang), style="yellow"))
    if r.pace is not None:
        parts.append(pace_line(r.pace, lang))
    if r.cards_due:
        parts.append(Text(t("cards_due", lang, n=r.cards_due)))
    return Group(*parts)


def pace_line(p, lang: str) -> Text:  # noqa: ANN001
    if not p.enough_data:
        return Text(t("pace_unknown", lang, reason=p.reason), style="dim")
    if p.weeks_late > 0:
        delta = t("pace_later", lang, weeks=p.weeks_late)
    elif p.weeks_late < 0:
        delta = t("pace_earlier", lang, weeks=-p.weeks_late)
    else:
        delta = t("pace_same", lang)
    return Text(t("pace", lang, date=p.projected_end.isoformat(), delta=delta), style="dim")


def _cell(text: Text, width: int) -> Text:
    """``text`` cut (with an ellipsis) or padded to exactly ``width`` terminal cells."""
    text.truncate(width, overflow="ellipsis", pad=True)
    return text


class _ModuleLines:
    """The modules of a phase, one line each, the title column sized to the terminal."""

    def __init__(self, rows, lang: str, id_width: int, status_width: int) -> None:  # noqa: ANN001
        self.rows, self.lang, self.id_width, self.status_width = rows, lang, id_width, status_width

    def __rich_console__(self, console, options):  # noqa: ANN001, ANN204 - rich's protocol
        fixed = 1 + self.id_width + 2 + 2 + self.status_width + 2 + 12 + 8
        title_width = max(12, min(40, options.max_width - fixed))
        for m in self.rows:
            line = Text(" ")
            line.append_text(_cell(Text(m.id, style="cyan"), self.id_width))
            line.append("  ")
            line.append_text(_cell(literal(m.title), title_width))
            line.append("  ")
            line.append_text(_cell(status_text(m.status, self.lang), self.status_width))
            line.append("  ")
            line.append_text(bar(m.percent, 12))
            line.append(f" {m.done:>3}/{m.total}")
            yield line
            if m.missing_prerequisites:
                yield Text(" " * (self.id_width + 3) + t("prereq", self.lang, ids=", ".join(m.missing_prerequisites)), style="dim yellow")


def plan_view(r) -> RenderableType:  # noqa: ANN001
    """One line per module, columns aligned by cell width (CJK-safe). Plain lines, not a
    rich Table: a table measures and wraps every cell, which made `plan` slow on big
    curricula."""
    lang = r.lang
    parts: list[RenderableType] = [literal(r.title, "bold"), Text(f"{r.start} → {r.end} ({r.months} months)", style="dim")]
    rows = [m for phase in r.phases for m in phase.modules]
    id_width = max((len(m.id) for m in rows), default=10)
    status_width = max((status_text(m.status, lang).cell_len for m in rows), default=10)
    for phase in r.phases:
        months = f"{phase.months[0]}–{phase.months[1]}"
        header = Text(f"{t('phase', lang)} {months}: ", style="bold")
        header.append_text(literal(phase.focus, "bold"))
        header.append(f"  {phase.start} → {phase.end} · {phase.percent:g}%", style="dim")
        parts += [Text(""), header, _ModuleLines(phase.modules, lang, id_width, status_width)]
    overall = Text(f"\n{t('overall', lang)}: ", style="bold")
    overall.append_text(bar(r.percent, 30))
    overall.append(f" {r.percent:g}%  ({r.done}/{r.total} items, {r.modules_done}/{r.modules} modules)")
    parts.append(overall)
    return Group(*parts)


def show_view(r) -> RenderableType:  # noqa: ANN001
    lang = r.lang
    head = literal(r.title, "bold")
    head.append_text(literal(f"  {r.id}", "cyan"))
    parts: list[RenderableType] = [head]
    meta = Text(f"{t('level', lang)}: ")
    meta.append_text(literal(r.level_title))
    meta.append("  ·  ")
    meta.append_text(status_text(r.status, lang))
    meta.append(f"  {r.done}/{r.total} ({r.percent:g}%)")
    parts.append(meta)
    if r.goal:
        g = Text(f"{t('goal', lang)}: ", style="bold")
        g.append_text(literal(r.goal))
        parts.append(g)
    if r.phase_id:
        s = Text(f"{t('schedule', lang)}: ", style="bold")
        s.append_text(literal(f"{r.phase_focus} (months {r.phase_months[0]}–{r.phase_months[1]})"))
        if r.start:
            s.append(f"  {r.start} → {r.end}", style="dim")
        parts.append(s)
        if r.phase_why:
            w = Text(f"{t('why', lang)}: ", style="dim bold")
            w.append_text(literal(r.phase_why, "dim"))
            parts.append(w)
    if r.missing_prerequisites:
        parts.append(Text(t("prereq", lang, ids=", ".join(r.missing_prerequisites)), style="yellow"))

    def section(title: str, rows) -> None:  # noqa: ANN001
        if not rows:
            return
        table = Table(box=None, padding=(0, 1), show_header=False)
        table.add_column(no_wrap=True)
        table.add_column()
        table.add_column(no_wrap=True)
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
            for d in row.details:
                body.append("\n• ")
                body.append_text(literal(d))
            table.add_row(status_text(row.status, lang), body, Text(row.ref, style="cyan"))
        parts.append(Text(""))
        parts.append(Text(title, style="bold"))
        parts.append(table)

    section(t("topics", lang), r.topics)
    section(t("resources", lang), r.resources)
    section(t("projects", lang), r.projects)
    if r.tools:
        parts.append(Text(""))
        tl = Text(f"{t('tools', lang)}: ", style="bold")
        tl.append_text(literal(", ".join(r.tools)))
        parts.append(tl)
    if r.concepts:
        cl = Text(f"{t('concepts', lang)}: ", style="bold")
        cl.append_text(literal(", ".join(f"{c.term} ({c.id})" for c in r.concepts)))
        parts.append(cl)
    if r.readings:
        rl = Text(f"{t('readings', lang)}: ", style="bold")
        rl.append_text(literal(", ".join(f"{title} — studyplan read {rid}" for rid, title in r.readings)))
        parts.append(rl)
    for note in r.notes:
        parts.append(Text(""))
        parts.append(literal(note.title, "bold"))
        for label, text in note.lines:
            line = literal(f"{label}: ", "dim")
            line.append_text(literal(text))
            parts.append(line)
    if r.user_notes:
        parts.append(Text(""))
        parts.append(Text(t("notes", lang), style="bold"))
        for n in r.user_notes:
            line = Text(f"{n.day} ", style="dim")
            line.append_text(literal(n.ref, "cyan"))
            line.append("  ")
            line.append_text(literal(n.text))
            parts.append(line)
    return Group(*parts)


def changes_view(changes, lang: str) -> RenderableType:  # noqa: ANN001
    if not changes:
        return Text("Nothing changed: the items already had that status." if lang != "ja" else "変更はありません (すでにその状態です)。")
    lines = []
    for c in changes:
        line = literal(c.ref, "cyan")
        line.append(": ")
        line.append_text(status_text(c.before, lang))
        line.append(" → ")
        line.append_text(status_text(c.after, lang))
        lines.append(line)
    return Group(*lines)


def panel(body: RenderableType, title: str) -> Panel:
    return Panel(body, title=title, title_align="left")


def undo_view(r, lang: str) -> RenderableType:  # noqa: ANN001
    if not r.undone:
        return Text("Nothing to undo." if lang != "ja" else "取り消す変更はありません。")
    lines = [Text("Undone:" if lang != "ja" else "取り消しました:", style="bold")]
    for e in r.entries:
        if e.action == "status":
            line = literal(e.target, "cyan")
            line.append(": ")
            line.append_text(status_text(e.after or "todo", lang))
            line.append(" → ")
            line.append_text(status_text(e.before or "todo", lang))
        else:
            line = literal(f"{e.action} {e.target} ({e.after or e.before or ''})")
        lines.append(line)
    return Group(*lines)


def init_view(r) -> RenderableType:  # noqa: ANN001
    verb = "Created" if r.created else "Updated"
    line = Text(f"{verb} profile ", style="bold")
    line.append_text(literal(r.profile, "cyan"))
    line.append(f": {r.months}-month plan of ")
    line.append_text(literal(r.curriculum))
    line.append(f", {r.start} → {r.end}")
    if r.weekly_hours:
        line.append(f", {r.weekly_hours:g} h a week")
    if r.lang:
        line.append(f", language {r.lang}")
    return Group(line, Text("Next: studyplan today", style="dim"))
