"""Result records -> renderables, one function per view (rich Text in render/layout.py blocks).

All text that comes from data passes through ``literal`` (control characters
stripped, shown as written); only our own fixed words carry markup styles.
"""

from __future__ import annotations

from datetime import timedelta
from typing import TYPE_CHECKING

from rich.measure import Measurement
from rich.text import Text

from studyplan.locale import Msg, msg, nmsg, nt, t
from studyplan.render.layout import Grid, Stack
from studyplan.render.messages import duration, status_word
from studyplan.render.text import literal
from studyplan.render.wrap import flowing, label_hang, wrapped

if TYPE_CHECKING:
    from rich.console import RenderableType

STATUS_STYLE = {"done": "green", "in-progress": "yellow", "skipped": "dim", "todo": ""}
STATUS_MARK = {"done": "✔", "in-progress": "▶", "skipped": "–", "todo": "·"}



def _days(n: int) -> Msg:
    return nmsg("{n} day", "{n} days", n)


def _topics(n: int) -> Msg:
    return nmsg("{n} topic", "{n} topics", n)


def bar(percent: float, width: int = 20) -> Text:
    filled = round(width * max(0.0, min(percent, 100.0)) / 100)
    return Text("█" * filled, style="green") + Text("░" * (width - filled), style="dim")


class Bar:
    """``bar`` as a decorative table cell: as wide as it may be, down to ``least`` cells,
    so the content columns beside it keep their words."""

    yields_first = True  # Grid and WrapTable: the last column to widen

    def __init__(self, percent: float, width: int = 20, least: int = 4) -> None:
        self.percent, self.width, self.least = percent, width, least

    def light_parts(self) -> list:  # cli/lite_console.py draws: it yields a Text
        return []

    def __rich_measure__(self, console, options) -> Measurement:  # noqa: ANN001 - rich's protocol
        return Measurement(min(self.least, options.max_width), min(self.width, options.max_width))

    def __rich_console__(self, console, options):  # noqa: ANN001, ANN204 - rich's protocol
        yield bar(self.percent, max(1, min(self.width, options.max_width)))


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
        return Stack(*flowing(parts))
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
        return Stack(*flowing(parts))
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
        return Stack(*flowing(parts))
    if r.phase_id:
        phase = Text(f"{t(lang, 'Phase')}: ", style="bold")
        phase.append_text(literal(r.phase_focus))
        phase.append(f"  ({r.phase_start}\u00a0→\u00a0{r.phase_end})", style="dim")  # no-break spaces: one unit
        parts.append(wrapped(phase, label_hang(f"{t(lang, 'Phase')}: ")))
    parts.append(Text(""))
    if r.items:
        table = Grid(title=Text(t(lang, "Study today"), style="bold"))
        table.add_column(no_wrap=True)
        table.add_column()
        for item in r.items:
            # The ref on the left, everything else in the last column: a wrapped line never
            # runs into another column's text.
            body = literal(item.title, "bold")
            body.append("  ")
            body.append_text(literal(item.module_title, "dim"))
            when = t(lang, "overdue since {day}", day=item.due) if item.overdue else t(lang, "due {day}", day=item.due)
            body.append(f"  ({when.replace(' ', chr(0xA0))})", style="red" if item.overdue else "dim")  # no-break: one unit
            for d in item.details:
                body.append("\n  • ")
                body.append_text(literal(d))
            table.add_row(Text(item.ref, style="cyan"), wrapped(body))
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
        parts.append(wrapped(line, label_hang(f"{t(lang, 'Resource')}: ")))
    if r.project:
        line = Text(f"{t(lang, 'Project')}: ", style="bold")
        line.append_text(literal(r.project.title))
        line.append_text(literal(f"  {r.project.ref}", "cyan"))
        parts.append(wrapped(line, label_hang(f"{t(lang, 'Project')}: ")))
    if r.concept_of_the_day:
        c = r.concept_of_the_day
        line = Text(f"{t(lang, 'Concept of the day')}: ", style="bold")
        line.append_text(literal(c["term"]))
        line.append_text(literal(f" — studyplan concept {c['id']}", "dim"))
        parts.append(wrapped(line, label_hang(f"{t(lang, 'Concept of the day')}: ")))
    parts.append(Text(""))
    targets = Grid(title=Text(t(lang, "This week's routine"), style="bold"))
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
    return Stack(*flowing(parts))


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


def changes_view(changes, lang: str) -> RenderableType:  # noqa: ANN001
    if not changes:
        return Text(t(lang, "Nothing changed: the items already had that status."))
    lines = []
    for c in changes:
        line = literal(c.ref, "cyan")
        line.append(": ")
        line.append_text(status_text(c.before, lang))
        line.append(" → ")
        line.append_text(status_text(c.after, lang))
        lines.append(line)
    return Stack(*lines)


def init_view(r, lang: str = "en") -> RenderableType:  # noqa: ANN001
    what = {"profile": r.profile, "months": r.months, "curriculum": r.curriculum, "start": r.start.isoformat(), "end": r.end.isoformat()}
    line = Text(t(lang, "Created profile {profile}: {months}-month plan of {curriculum}, {start} → {end}", **what) if r.created
                else t(lang, "Updated profile {profile}: {months}-month plan of {curriculum}, {start} → {end}", **what), style="bold")
    if r.weekly_hours:
        line.append(", " + t(lang, "{hours} h a week", hours=f"{r.weekly_hours:g}"))
    if r.lang:
        line.append(", " + t(lang, "language {lang}", lang=r.lang))
    lines = [line]
    if r.switched_from:
        lines.append(Text(t(lang, "Switched from {old}: its progress stays there, and `studyplan undo` switches back.", old=r.switched_from)))
    lines.append(Text(t(lang, "Next: {command}", command=r.next_command), style="dim"))
    return Stack(*lines)
