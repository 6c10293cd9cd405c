"""Views of log entries, reports (rich and Markdown), the timeline and replans."""

from __future__ import annotations

import re

from rich.console import Console, Group, RenderableType
from rich.table import Table
from rich.text import Text

from studyplan.domain.durations import format_minutes
from studyplan.domain.pace import Trend
from studyplan.domain.text import markdown_cell
from studyplan.locale import nmsg, t
from studyplan.render.text import literal
from studyplan.render.views import bar

VERDICT_STYLE = {"under": "yellow", "within": "green", "over": "magenta"}
HEAT = " ░▒▓█"


def log_view(r, deleted: bool = False) -> RenderableType:  # noqa: ANN001
    e = r.entry
    line = Text("Deleted" if deleted else "Logged", style="bold")
    line.append(f" #{e.id}: {format_minutes(e.minutes)} {e.kind} on {e.day}")
    if e.module:
        line.append_text(literal(f" · {e.module}", "cyan"))
    if e.note:
        line.append_text(literal(f" · {e.note}", "dim"))
    if deleted:
        line.append("  (studyplan undo brings it back)", style="dim")
    return line


def log_list_view(r) -> RenderableType:  # noqa: ANN001
    if not r.entries:
        span = f" from {r.start} to {r.end}" if r.start else ""
        return Text(f"No study time logged{span}. Log some: studyplan log 45m --kind theory", style="yellow")
    table = Table(show_edge=False)
    for col in ("id", "date", "time", "kind", "module", "note"):
        table.add_column(col, no_wrap=col != "note")
    for e in r.entries:
        table.add_row(str(e.id), str(e.day), format_minutes(e.minutes), e.kind, literal(e.module or ""), literal(e.note or ""))
    span = f"{r.start} → {r.end}: " if r.start else ""
    table.caption = f"{span}{len(r.entries)} entries, {format_minutes(r.total_minutes) if r.total_minutes else '0m'} in all"
    return table


def _heat(minutes: int, active: bool) -> str:
    if minutes <= 0:
        return HEAT[1] if active else "·"
    return HEAT[min(4, 1 + minutes // 60)]


def _delta_text(plan) -> str:  # noqa: ANN001
    if plan.standing == "behind":
        return f"behind by {-plan.days_delta} days ({-plan.items_delta} topics)"
    if plan.standing == "ahead":
        return f"ahead by {plan.days_delta} days"
    return "on track"


def report_view(r) -> RenderableType:  # noqa: ANN001
    title = f"{'Week' if r.kind == 'week' else 'Month'} {r.label} ({r.start} → {r.end})"
    parts: list[RenderableType] = [Text(title, style="bold")]
    hours = Table(title=Text("Hours against the routine", style="bold"), title_justify="left", box=None, padding=(0, 1))
    for col in ("kind", "hours", "target", "", "verdict"):
        hours.add_column(col, no_wrap=True)
    for h in r.hours:
        pct = 100 * h.hours / h.max_hours if h.max_hours else 0
        hours.add_row(literal(h.label), f"{h.hours:g} h", f"{h.min_hours:g}–{h.max_hours:g} h", bar(pct, 16), Text(h.verdict, style=VERDICT_STYLE[h.verdict]))
    parts += [Text(""), hours]
    parts.append(Text(f"Items: {r.completed} completed, {r.started} started, {r.skipped} skipped", style="bold"))
    for m in r.modules:
        line = literal(f"  {m.module}", "cyan")
        line.append(f"  ✔ {len(m.completed)}  ▶ {len(m.started)}  – {len(m.skipped)}")
        parts.append(line)
    p = r.plan
    parts.append(Text(""))
    plan = Text("Plan position: ", style="bold")
    plan.append(f"expected {p.expected_percent:g}%, actual {p.actual_percent:g}% — {_delta_text(p)}")
    parts.append(plan)
    parts.append(Text(f"Streak: {_days(r.streak_current)} (best {r.streak_best}) · active days in period: {r.active_days}", style="bold"))
    parts.append(_heatmap(r))
    if r.reviews and r.reviews.reviews:
        parts.append(Text(f"Reviews: {r.reviews.reviews} · retention {_pct(r.reviews.retention)}", style="bold"))
    if r.concepts:
        c = Text("Concepts looked up: ", style="bold")
        c.append_text(literal(", ".join(r.concepts)))
        parts.append(c)
    if r.at_risk:
        c = Text("Most at risk of being forgotten: ", style="bold")
        c.append_text(literal(", ".join(f"{x.concept} ({_pct(x.retrievability)})" for x in r.at_risk)))
        parts.append(c)
    if r.pace:
        parts.append(Text(f"Pace: {_pace_text(r.pace)}", style="bold"))
    if r.next_focus or r.next_topics:
        n = Text("Next: ", style="bold")
        n.append_text(literal("; ".join(list(r.next_focus) + ([", ".join(r.next_topics)] if r.next_topics else []))))
        parts.append(n)
    return Group(*parts)


def _days(n: int) -> str:
    return f"{n} day" if n == 1 else f"{n} days"


def _pct(x) -> str:  # noqa: ANN001
    return "–" if x is None else f"{100 * x:.0f}%"


def _pace_text(p: Trend) -> str:
    weeks = p.weeks
    trend = " ".join(f"{w.topics}" for w in weeks)
    return f"topics finished per week, oldest first: {trend}" if weeks else "no finished topics yet"


def _heatmap(r) -> RenderableType:  # noqa: ANN001
    if r.kind == "week":
        line = Text("  ")
        for cell in r.heatmap:
            line.append(f"{cell.date.strftime('%a')} ")
            line.append(_heat(cell.minutes, cell.active), style="green" if cell.active else "dim")
            line.append("  ")
        return line
    table = Table(box=None, padding=(0, 1), show_header=True)
    for name in ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"):
        table.add_column(name, justify="center", no_wrap=True)
    week: list[Text] = []
    for cell in r.heatmap:
        if not cell.in_period:
            week.append(Text(""))
        else:
            t = Text(f"{cell.date.day:>2}", style="dim")
            t.append(_heat(cell.minutes, cell.active), style="green" if cell.active else "dim")
            week.append(t)
        if len(week) == 7:
            table.add_row(*week)
            week = []
    return table


def _code(ident: str) -> str:
    """An id as inline code; anything that could leave the code span is escaped text instead."""
    return f"`{ident}`" if re.fullmatch(r"[\w./:@+-]+", str(ident)) else markdown_cell(ident)


def report_markdown(r) -> str:  # noqa: ANN001
    """A clean document a learner can paste into a journal; text from data is escaped (markdown_cell)."""
    out = [f"# {'Week' if r.kind == 'week' else 'Month'} {r.label}", "", f"{r.start} → {r.end} · profile {markdown_cell(r.profile)}", "",
           "## Hours", "", "| kind | hours | target | verdict |", "| --- | ---: | ---: | --- |"]
    for h in r.hours:
        out.append(f"| {markdown_cell(h.label)} | {h.hours:g} | {h.min_hours:g}–{h.max_hours:g} | {h.verdict} |")
    out += [f"| **total** | **{r.total_hours:g}** | | |", "", "## Items", "",
            f"{r.completed} completed, {r.started} started, {r.skipped} skipped.", ""]
    for m in r.modules:
        out.append(f"- **{markdown_cell(m.title)}** ({_code(m.module)}): {len(m.completed)} completed, {len(m.started)} started, {len(m.skipped)} skipped")
        for ref in m.completed:
            out.append(f"  - done: {_code(ref)}")
    p = r.plan
    if r.modules:
        out.append("")  # end the list; without modules the line above is already blank
    out += ["## Plan", "",
            f"- Expected by {r.end}: {p.expected_percent:g}% ({p.expected_topics}/{p.total_topics} topics)",
            f"- Actual: {p.actual_percent:g}% ({p.done_topics}/{p.total_topics} topics)",
            f"- {_delta_text(p).capitalize()}", "",
            "## Streak", "", f"- Current: {_days(r.streak_current)}, best: {_days(r.streak_best)}",
            f"- Active days in the period: {r.active_days}", "",
            "| " + " | ".join(c.date.strftime("%a %d") for c in r.heatmap[:7]) + " |" if r.kind == "week" else "| Mon | Tue | Wed | Thu | Fri | Sat | Sun |",
            "| " + " | ".join("---" for _ in range(7)) + " |"]
    cells = [c for c in r.heatmap]
    for i in range(0, len(cells), 7):
        row = []
        for c in cells[i:i + 7]:
            if not c.in_period:
                row.append(" ")
            else:
                mark = format_minutes(c.minutes) if c.minutes else ("✓" if c.active else "·")
                row.append(mark if r.kind == "week" else f"{c.date.day}: {mark}")
        out.append("| " + " | ".join(row) + " |")
    if r.reviews and r.reviews.reviews:
        out += ["", "## Reviews", "", f"- Reviews: {r.reviews.reviews}", f"- Retention: {_pct(r.reviews.retention)}"]
    if r.concepts:
        out += ["", "## Concepts looked up", ""] + [f"- {markdown_cell(c)}" for c in r.concepts]
    if r.at_risk:
        out += ["", "## At risk of being forgotten", ""] + [f"- {markdown_cell(x.concept)}: {_pct(x.retrievability)}" for x in r.at_risk]
    if r.pace:
        out += ["", "## Pace", "", f"- {_pace_text(r.pace)}"]
    if r.next_focus or r.next_topics:
        out += ["", "## Next", ""] + [f"- {markdown_cell(f)}" for f in r.next_focus] + [f"- {_code(t)}" for t in r.next_topics]
    return "\n".join(out).replace("\n\n\n", "\n\n") + "\n"


def plain_text(renderable: RenderableType, width: int = 100) -> str:
    console = Console(width=width, no_color=True, force_terminal=False, record=True, file=open("/dev/null", "w"))  # noqa: SIM115
    console.print(renderable)
    return console.export_text()


def timeline_view(r) -> RenderableType:  # noqa: ANN001
    table = Table(box=None, padding=(0, 1, 0, 0), show_header=True, pad_edge=False)
    table.add_column("", no_wrap=True)
    for c in r.columns:
        label = c.start.strftime("%m")  # month numbers; the title line gives the years
        if c.index == r.here_column:
            label = "▼"
        table.add_column(label, no_wrap=True, justify="left", min_width=3, max_width=3)
    for b in r.bars:
        name = literal(("" if b.kind == "phase" else "  ") + b.id, "bold" if b.kind == "phase" else "cyan")
        cells = []
        for c in r.columns:
            if c.index not in b.columns:
                cells.append(Text("│" if c.index == r.here_column else "", style="red"))
                continue
            done = b.status == "done"
            ch = "█" if done else ("▓" if b.kind == "phase" else "░")
            if not done and b.percent > 0:
                ch = "▒"
            style = "green" if done else ("yellow" if b.percent > 0 else "")
            cell = Text(ch * 3, style=style)
            cells.append(cell)
        table.add_row(name, *cells)
    parts: list[RenderableType] = [Text(f"Plan {r.start} → {r.end} (columns: months) · you are here: {r.date} (▼)", style="bold"), table,
                                   Text("█ done  ▒ in progress  ░ to do  ▓ phase", style="dim")]
    if r.revisions:
        parts.append(Text(f"Shifted {r.shifted_days} days in all (planned end {r.planned_end}):", style="bold"))
        for rev in r.revisions:
            line = Text(f"  #{rev.id} {rev.kind} {rev.at[:10]}: +{rev.days} days from {rev.anchor}")
            if rev.reason:
                line.append_text(literal(f" — {rev.reason}", "dim"))
            parts.append(line)
    return Group(*parts)


def replan_view(r, lang: str = "en") -> RenderableType:  # noqa: ANN001
    if r.outcome == "all-done":
        return Text(t(lang, "Nothing to replan: everything is done."))
    if not r.changed:
        return Text(t(lang, "Nothing to replan: you are not behind on {day}.", day=r.from_day.isoformat()))
    days = nmsg("{n} day", "{n} days", r.days)
    return Group(Text(t(lang, "Replanned: the rest of the plan moved {days} later; your next topic is due {day}.",
                        days=days, day=r.from_day.isoformat()), style="bold"),
                 Text(t(lang, "Plan end: {old} → {new}. `studyplan undo` reverts it.", old=r.old_end.isoformat(), new=r.new_end.isoformat())))
