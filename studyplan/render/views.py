"""Result dataclasses -> rich renderables, one function per view.

All text that comes from data passes through ``literal`` (control characters
stripped, shown as written); only our own fixed words carry markup styles.
"""

from __future__ import annotations

from datetime import timedelta

from rich.console import Group, RenderableType
from rich.measure import Measurement
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from studyplan.domain.text import clean
from studyplan.locale import Msg, msg, nmsg, nt, t
from studyplan.render.messages import duration, status_word
from studyplan.render.text import literal

STATUS_STYLE = {"done": "green", "in-progress": "yellow", "skipped": "dim", "todo": ""}
STATUS_MARK = {"done": "✔", "in-progress": "▶", "skipped": "–", "todo": "·"}



def _days(n: int) -> Msg:
    return nmsg("{n} day", "{n} days", n)


def _topics(n: int) -> Msg:
    return nmsg("{n} topic", "{n} topics", n)


def bar(percent: float, width: int = 20) -> Text:
    filled = round(width * max(0.0, min(percent, 100.0)) / 100)
    return Text("█" * filled, style="green") + Text("░" * (width - filled), style="dim")


def status_text(status: str, lang: str) -> Text:
    return Text(f"{STATUS_MARK.get(status, '?')} {status_word(status, lang)}", style=STATUS_STYLE.get(status, ""))


def _fmt_hours(h: float) -> str:
    return f"{h:g}"


def delta_line(r, lang: str) -> Text:  # noqa: ANN001 - TodayResult or report
    if r.standing == "behind":
        return Text(t(lang, "Behind by {days} ({items} overdue)", days=_days(-r.days_delta), items=_topics(-r.items_delta)), style="bold red")
    if r.standing == "ahead":
        return Text(t(lang, "Ahead by {days}", days=_days(r.days_delta)), style="bold green")
    return Text(t(lang, "On track"), style="bold green")


def today_view(r) -> RenderableType:  # noqa: ANN001
    lang = r.lang
    parts: list[RenderableType] = []
    head = Text(f"{t(lang, 'Today')} · {r.date.isoformat()}", style="bold")
    if r.state == "before":
        parts.append(head)
        parts.append(Text(t(lang, "Your plan starts on {start} (in {days} days). Until then, browse it with `studyplan plan`.", start=r.plan_start.isoformat(), days=r.days_until_start)))
        return Group(*parts)
    pos = f"{t(lang, 'month {m} of {n}', m=r.month, n=r.months)} · {t(lang, 'week {w}', w=r.week)} · {t(lang, 'day {d}', d=r.day)}"
    head.append(f"  ({pos})", style="")
    parts.append(head)
    if r.state == "finished":
        parts.append(Text(t(lang, "Your plan ended on {end}.", end=r.plan_end.isoformat())))
        if r.remaining_modules:
            parts.append(Text(t(lang, "{topics} left in {modules}: {names}", topics=_topics(r.total_topics - r.done_topics),
                                    modules=nmsg("{n} module", "{n} modules", len(r.remaining_modules)), names=", ".join(r.remaining_modules))))
        else:
            parts.append(Text(t(lang, "Everything in the plan is done. Well done!"), style="bold green"))
        return Group(*parts)
    if r.state == "paused" and r.pause is not None:
        p = r.pause
        line = Text(t(lang, "Paused from {start} to {end}: nothing is due, and your streak carries across.",
                      start=p.start.isoformat(), end=p.end.isoformat()), style="bold yellow")
        if p.reason:
            line.append_text(literal(f" ({p.reason})", "yellow"))
        parts.append(line)
        parts.append(Text(t(lang, "The plan resumes on {day}; `studyplan pause --cancel {id}` ends the pause now.",
                            day=(p.end + timedelta(days=1)).isoformat(), id=p.id), style="dim"))
        parts.append(Text(t(lang, "{done}/{total} topics done", done=r.done_topics, total=r.total_topics), style="dim"))
        if r.cards_due:
            parts.append(Text(nt(lang, "{n} review card due: `studyplan review`", "{n} review cards due: `studyplan review`", r.cards_due)))
        return Group(*parts)
    if r.phase_id:
        phase = Text(f"{t(lang, 'Phase')}: ", style="bold")
        phase.append_text(literal(r.phase_focus))
        phase.append(f"  ({r.phase_start} → {r.phase_end})", style="dim")
        parts.append(phase)
    parts.append(Text(""))
    if r.items:
        table = Table(title=Text(t(lang, "Study today"), style="bold"), title_justify="left", show_header=False, box=None, padding=(0, 1))
        table.add_column(no_wrap=True)
        table.add_column(overflow="fold")
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
        parts.append(Text(t(lang, "Nothing due today: you are ahead. Review, read, or start the next topic early.")))
    else:
        parts.append(Text(t(lang, "Everything in the plan is done. Well done!"), style="bold green"))
    if r.resource:
        line = Text(f"{t(lang, 'Resource')}: ", style="bold")
        line.append_text(literal(f"[{r.resource.kind}] ", "dim"))
        line.append_text(literal(r.resource.title))
        if r.resource.authors:
            line.append_text(literal(f" — {r.resource.authors}", "dim"))
        if r.resource.year:
            line.append(f" ({r.resource.year})", style="dim")
        line.append_text(literal(f"  {r.resource.ref}", "cyan"))
        parts.append(line)
    if r.project:
        line = Text(f"{t(lang, 'Project')}: ", style="bold")
        line.append_text(literal(r.project.title))
        line.append_text(literal(f"  {r.project.ref}", "cyan"))
        parts.append(line)
    if r.concept_of_the_day:
        c = r.concept_of_the_day
        line = Text(f"{t(lang, 'Concept of the day')}: ", style="bold")
        line.append_text(literal(c["term"]))
        line.append_text(literal(f" — studyplan concept {c['id']}", "dim"))
        parts.append(line)
    parts.append(Text(""))
    targets = Table(title=Text(t(lang, "This week's routine"), style="bold"), title_justify="left", show_header=False, box=None, padding=(0, 1))
    for target in r.targets:
        logged = Text(t(lang, "logged {time}", time=duration(lang, round(target.logged_hours * 60))), style="dim")
        targets.add_row(literal(target.label), Text(t(lang, "{lo}–{hi} h", lo=_fmt_hours(target.min_hours), hi=_fmt_hours(target.max_hours))), logged)
    parts.append(targets)
    parts.append(Text(""))
    status = delta_line(r, lang)
    status.append(f"  · {t(lang, '{done}/{total} topics done, {expected} expected by now', done=r.done_topics, total=r.total_topics, expected=r.expected_topics)}", style="")
    parts.append(status)
    if r.catch_up_days:
        parts.append(Text(t(lang, "Catching up: {per_day} a day, {days} days of catch-up left in this phase.", per_day=len(r.items), days=r.catch_up_days), style="yellow"))
    if r.suggest_replan:
        parts.append(Text(t(lang, "More than a week behind: `studyplan replan` moves the rest of the plan to start today."), style="yellow"))
    if r.pace is not None:
        parts.append(pace_line(r.pace, lang))
    if r.cards_due:
        parts.append(Text(nt(lang, "{n} review card due: `studyplan review`", "{n} review cards due: `studyplan review`", r.cards_due)))
    return Group(*parts)


def pace_line(p, lang: str) -> Text:  # noqa: ANN001
    if not p.enough_data:
        if p.reason == "no-topics-finished":
            why = nmsg("no topics finished in the last {n} active week", "no topics finished in the last {n} active weeks", p.active_weeks)
        else:
            why = msg("too little history ({weeks}; the projection needs {needed})",
                      weeks=nmsg("{n} active week", "{n} active weeks", p.active_weeks), needed=p.weeks_needed)
        return Text(t(lang, "At your pace: {reason}", reason=why), style="dim")
    if p.weeks_late > 0:
        delta = nt(lang, "{n} week behind plan", "{n} weeks behind plan", p.weeks_late)
    elif p.weeks_late < 0:
        delta = nt(lang, "{n} week ahead of plan", "{n} weeks ahead of plan", -p.weeks_late)
    else:
        delta = t(lang, "on the planned date")
    return Text(t(lang, "At your pace: {date}, {delta}", date=p.projected_end.isoformat(), delta=delta), style="dim")


def _cell(text: Text, width: int) -> Text:
    """``text`` cut (with an ellipsis) or padded to exactly ``width`` terminal cells."""
    text.truncate(width, overflow="ellipsis", pad=True)
    return text


class _ModuleLines:
    """The modules of a phase, one line each, the title column sized to the terminal
    (at most 40 cells there); off a terminal every title is shown in full."""

    def __init__(self, rows, lang: str, id_width: int, status_width: int, title_width: int = 40) -> None:  # noqa: ANN001
        self.rows, self.lang, self.id_width, self.status_width = rows, lang, id_width, status_width
        self.title_width = max(12, title_width)  # the longest title of the plan, so phases align

    def __rich_measure__(self, console, options):  # noqa: ANN001, ANN204 - rich's protocol
        fixed = 1 + self.id_width + 2 + 2 + self.status_width + 2 + 12 + 8
        return Measurement(fixed + 12, fixed + self.title_width)

    def __rich_console__(self, console, options):  # noqa: ANN001, ANN204 - rich's protocol
        fixed = 1 + self.id_width + 2 + 2 + self.status_width + 2 + 12 + 8
        widest = min(40, self.title_width) if console.is_terminal else self.title_width  # piped: nothing cut
        title_width = max(12, min(widest, options.max_width - fixed))
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
                yield Text(" " * (self.id_width + 3) + t(self.lang, "Prerequisites not done yet: {ids}", ids=", ".join(m.missing_prerequisites)), style="dim yellow")


def plan_view(r) -> RenderableType:  # noqa: ANN001
    """One line per module, columns aligned by cell width (CJK-safe). Plain lines, not a
    rich Table: a table measures and wraps every cell, which made `plan` slow on big
    curricula."""
    lang = r.lang
    parts: list[RenderableType] = [literal(r.title, "bold"), Text(f"{r.start} → {r.end} ({r.months} months)", style="dim")]
    rows = [m for phase in r.phases for m in phase.modules]
    id_width = max((len(m.id) for m in rows), default=10)
    status_width = max((status_text(m.status, lang).cell_len for m in rows), default=10)
    title_width = max((literal(m.title).cell_len for m in rows), default=12)
    for phase in r.phases:
        months = f"{phase.months[0]}–{phase.months[1]}"
        header = Text(f"{t(lang, 'Phase')} {months}: ", style="bold")
        header.append_text(literal(phase.focus, "bold"))
        header.append(f"  {phase.start} → {phase.end} · {phase.percent:g}%", style="dim")
        parts += [Text(""), header, _ModuleLines(phase.modules, lang, id_width, status_width, title_width)]
    overall = Text(f"\n{t(lang, 'Overall')}: ", style="bold")
    overall.append_text(bar(r.percent, 30))
    overall.append(f" {r.percent:g}%  ({r.done}/{r.total} items, {r.modules_done}/{r.modules} modules)")
    parts.append(overall)
    return Group(*parts)


def show_view(r) -> RenderableType:  # noqa: ANN001
    lang = r.lang
    head = literal(r.title, "bold")
    head.append_text(literal(f"  {r.id}", "cyan"))
    parts: list[RenderableType] = [head]
    meta = Text(f"{t(lang, 'Level')}: ")
    meta.append_text(literal(r.level_title))
    meta.append("  ·  ")
    meta.append_text(status_text(r.status, lang))
    meta.append(f"  {r.done}/{r.total} ({r.percent:g}%)")
    parts.append(meta)
    if r.goal:
        g = Text(f"{t(lang, 'Goal')}: ", style="bold")
        g.append_text(literal(r.goal))
        parts.append(g)
    if r.phase_id:
        s = Text(f"{t(lang, 'Schedule')}: ", style="bold")
        s.append_text(literal(f"{r.phase_focus} (months {r.phase_months[0]}–{r.phase_months[1]})"))
        if r.start:
            s.append(f"  {r.start} → {r.end}", style="dim")
        parts.append(s)
        if r.phase_why:
            w = Text(f"{t(lang, 'Why here')}: ", style="dim bold")
            w.append_text(literal(r.phase_why, "dim"))
            parts.append(w)
    if r.missing_prerequisites:
        parts.append(Text(t(lang, "Prerequisites not done yet: {ids}", ids=", ".join(r.missing_prerequisites)), style="yellow"))

    def section(title: str, rows) -> None:  # noqa: ANN001
        if not rows:
            return
        table = Table(box=None, padding=(0, 1), show_header=False)
        table.add_column(no_wrap=True)
        table.add_column(overflow="fold")
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

    section(t(lang, "Topics"), r.topics)
    section(t(lang, "Resources"), r.resources)
    section(t(lang, "Projects"), r.projects)
    if r.tools:
        parts.append(Text(""))
        tl = Text(f"{t(lang, 'Tools')}: ", style="bold")
        tl.append_text(literal(", ".join(r.tools)))
        parts.append(tl)
    if r.concepts:
        cl = Text(f"{t(lang, 'Concepts')}: ", style="bold")
        cl.append_text(literal(", ".join(f"{c.term} ({c.id})" for c in r.concepts)))
        parts.append(cl)
    if r.readings:
        rl = Text(f"{t(lang, 'Readings')}: ", style="bold")
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
        parts.append(Text(t(lang, "Notes"), style="bold"))
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
        return Text(t(lang, "Nothing to undo."))
    lines = [Text(t(lang, "Undone:"), style="bold")]
    for c in r.changes:
        if c.action == "status":
            line = literal(c.target, "cyan")
            line.append(": ")
            line.append_text(status_text(c.status_after, lang))
            line.append(" → ")
            line.append_text(status_text(c.status_before, lang))
        else:
            line = Text(undone_text(c, lang))
        lines.append(line)
    return Group(*lines)


def undone_text(c, lang: str) -> str:  # noqa: ANN001 - an UndoneChange
    """An undone change other than a status, as a learner would say it."""
    kinds = {"theory": msg("theory", context="log kind"), "coding": msg("coding", context="log kind"),
             "updates": msg("staying current", context="log kind")}
    if c.action == "log-add" and c.minutes is not None:
        return t(lang, "{time} of {kind} logged (entry {id}) is removed", time=duration(lang, c.minutes),
                 kind=kinds.get(c.kind, c.kind), id=c.target)
    if c.action == "log-delete" and c.minutes is not None:
        return t(lang, "{time} of {kind} (entry {id}) is back in the log", time=duration(lang, c.minutes),
                 kind=kinds.get(c.kind, c.kind), id=c.target)
    if c.action in ("replan", "pause") and c.days is not None:
        what = msg("the replan") if c.action == "replan" else msg("the pause")
        return t(lang, "{what} that moved the plan {days} later from {day} is taken back", what=what,
                 days=_days(c.days), day=c.anchor)
    if c.action in ("replan-cancel", "pause-cancel"):
        what = msg("replan {id}", id=c.target) if c.action == "replan-cancel" else msg("pause {id}", id=c.target)
        return t(lang, "{what} applies again", what=what)
    if c.action == "note-add":
        return t(lang, "the note on {ref} (note {id}) is removed", ref=clean(c.ref or "?"), id=c.target)
    if c.action == "note-delete":
        return t(lang, "note {id} is back", id=c.target)
    return t(lang, "{action} {target}", action=c.action, target=clean(c.target))


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
