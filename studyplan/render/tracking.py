"""Views of log entries, reports (rich and Markdown), the timeline and replans."""

from __future__ import annotations

import re

from rich.console import Console, Group, RenderableType
from rich.measure import Measurement
from rich.table import Table
from rich.text import Text

from studyplan.domain.pace import Trend
from studyplan.domain.text import markdown_cell
from studyplan.locale import Msg, catalog, msg, nmsg, nt, t
from studyplan.render.messages import (
    duration,
    kind_word,
    status_word,
    verdict_word,
    weekday_word,
)
from studyplan.render.text import literal
from studyplan.render.views import Bar
from studyplan.render.wrap import flowing, wrapped
from studyplan.render.wraptable import WrapTable

VERDICT_STYLE = {"under": "yellow", "within": "green", "over": "magenta"}
HEAT = " ░▒▓█"


def log_view(r, lang: str = "en", deleted: bool = False) -> RenderableType:  # noqa: ANN001
    e = r.entry
    what = {"id": e.id, "time": duration(lang, e.minutes), "kind": kind_word(e.kind, lang), "day": e.day.isoformat()}
    line = Text(t(lang, "Deleted #{id}: {time} {kind} on {day}", **what) if deleted
                else t(lang, "Logged #{id}: {time} {kind} on {day}", **what), style="bold")
    if e.module:
        line.append_text(literal(f" · {e.module}", "cyan"))
    if e.note:
        line.append_text(literal(f" · {e.note}", "dim"))
    if deleted:
        line.append("  " + t(lang, "(studyplan undo brings it back)"), style="dim")
    return line


LONG_LIST = 1000  # more rows than this: drawn by LongTable (render/longtable.py), not rich's Table


def log_list_view(r, lang: str = "en", fast: bool = False) -> RenderableType:  # noqa: ANN001
    """The entries as a table; ``fast``: a list of more than LONG_LIST entries is drawn line by
    line (the same layout, in a fraction of the time; ``--plain`` reads the rich Table)."""
    if not r.entries:
        if r.start and r.end:
            return Text(t(lang, "No study time logged from {start} to {end}. Log some: studyplan log 45m --kind theory",
                          start=r.start.isoformat(), end=r.end.isoformat()), style="yellow")
        return Text(t(lang, "No study time logged. Log some: studyplan log 45m --kind theory"), style="yellow")
    header = ("id", t(lang, "date", context="column"), t(lang, "time", context="column"), t(lang, "kind", context="column"),
              t(lang, "module", context="column"), t(lang, "note", context="column"))
    span = (f"{r.start} → {r.end}: " if r.start and r.end else t(lang, "since {day}", day=r.start.isoformat()) + ": " if r.start
            else t(lang, "until {day}", day=r.end.isoformat()) + ": " if r.end else "")
    caption = span + nt(lang, "{n} entry, {time} in all", "{n} entries, {time} in all", len(r.entries),
                        time=duration(lang, r.total_minutes or 0))
    if fast and len(r.entries) > LONG_LIST:
        from studyplan.render.longtable import LongTable

        kinds = {k: kind_word(k, lang) for k in {e.kind for e in r.entries}}
        rows = ((str(e.id), str(e.day), duration(lang, e.minutes), kinds[e.kind], e.module or "", e.note or "") for e in r.entries)
        return LongTable(header, rows, caption)
    table = Table(show_edge=False)
    for col in header[:-1]:
        table.add_column(col, no_wrap=True)
    table.add_column(header[-1])
    for e in r.entries:
        table.add_row(str(e.id), str(e.day), duration(lang, e.minutes), kind_word(e.kind, lang), literal(e.module or ""), wrapped(literal(e.note or "")))
    table.caption = caption
    return table


def _heat(minutes: int, active: bool) -> str:
    if minutes <= 0:
        return HEAT[1] if active else "·"
    return HEAT[min(4, 1 + minutes // 60)]


def _delta_text(plan, lang: str) -> str:  # noqa: ANN001
    if plan.standing == "behind":
        return t(lang, "behind by {days} ({topics})", days=nmsg("{n} day", "{n} days", -plan.days_delta),
                 topics=nmsg("{n} topic", "{n} topics", -plan.items_delta))
    if plan.standing == "ahead":
        return t(lang, "ahead by {days}", days=nmsg("{n} day", "{n} days", plan.days_delta))
    return t(lang, "on track")


def _title(r, lang: str) -> str:  # noqa: ANN001
    return t(lang, "Week {label}", label=r.label) if r.kind == "week" else t(lang, "Month {label}", label=r.label)


def _counts(lang: str, completed: int, started: int, skipped: int) -> str:
    return t(lang, "{completed} completed, {started} started, {skipped} skipped", completed=completed, started=started, skipped=skipped)


def _hours(lang: str, hours: float) -> str:
    """Hours logged as a learner reads a length of time: ``1h40m``, not ``1.67 h``."""
    return duration(lang, round(hours * 60))


def report_view(r) -> RenderableType:  # noqa: ANN001
    lang = r.lang
    parts: list[RenderableType] = [Text(f"{_title(r, lang)} ({r.start} → {r.end})", style="bold")]
    hours = WrapTable(title=Text(t(lang, "Hours against the routine"), style="bold"), title_justify="left", box=None, padding=(0, 1))
    for i, col in enumerate((t(lang, "kind", context="column"), t(lang, "hours", context="column"), t(lang, "target", context="column"), "",
                             t(lang, "verdict", context="column"))):
        hours.add_column(col, no_wrap=i not in (0, 3))  # the label wraps and the bar shrinks; nothing is cut
    for h in r.hours:
        pct = 100 * h.hours / h.max_hours if h.max_hours else 0
        hours.add_row(wrapped(literal(h.label)), _hours(lang, h.hours), t(lang, "{lo}–{hi} h", lo=f"{h.min_hours:g}", hi=f"{h.max_hours:g}"),
                      Bar(pct, 16), Text(verdict_word(h.verdict, lang), style=VERDICT_STYLE[h.verdict]))
    parts += [Text(""), hours]
    parts.append(Text(t(lang, "Items: {counts}", counts=_counts(lang, r.completed, r.started, r.skipped)), style="bold"))
    for m in r.modules:
        line = literal(f"  {m.module}", "cyan")
        line.append(f"  ✔ {len(m.completed)}  ▶ {len(m.started)}  – {len(m.skipped)}")
        parts.append(line)
    p = r.plan
    parts.append(Text(""))
    plan = Text(t(lang, "Plan position:") + " ", style="bold")
    plan.append(t(lang, "expected {expected}%, actual {actual}% — {delta}", expected=f"{p.expected_percent:g}",
                  actual=f"{p.actual_percent:g}", delta=_delta_text(p, lang)))
    parts.append(plan)
    parts.append(Text(t(lang, "Streak: {days} (best {best}) · active days in period: {active}", days=_days(r.streak_current),
                        best=r.streak_best, active=r.active_days), style="bold"))
    parts.append(_heatmap(r, lang))
    if r.reviews and r.reviews.reviews:
        parts.append(Text(t(lang, "Reviews: {n} · retention {retention}", n=r.reviews.reviews, retention=_pct(r.reviews.retention)), style="bold"))
    if r.concepts:
        c = Text(t(lang, "Concepts looked up:") + " ", style="bold")
        c.append_text(literal(", ".join(r.concepts)))
        parts.append(c)
    if r.at_risk:
        c = Text(t(lang, "Most at risk of being forgotten:") + " ", style="bold")
        c.append_text(literal(", ".join(f"{x.concept} ({_pct(x.retrievability)})" for x in r.at_risk)))
        parts.append(c)
    if r.pace:
        parts.append(Text(t(lang, "Pace: {trend}", trend=_pace_text(r.pace, lang)), style="bold"))
    if r.next_focus or r.next_topics:
        n = Text(t(lang, "Next:") + " ", style="bold")
        n.append_text(literal("; ".join(list(r.next_focus) + ([", ".join(r.next_topics)] if r.next_topics else []))))
        parts.append(n)
    return Group(*flowing(parts))


def _days(n: int) -> Msg:
    return nmsg("{n} day", "{n} days", n)


def _pct(x) -> str:  # noqa: ANN001
    return "–" if x is None else f"{100 * x:.0f}%"


def _pace_text(p: Trend, lang: str) -> str:
    weeks = p.weeks
    trend = " ".join(f"{w.topics}" for w in weeks)
    return t(lang, "topics finished per week, oldest first: {trend}", trend=trend) if weeks else t(lang, "no finished topics yet")


def _heatmap(r, lang: str) -> RenderableType:  # noqa: ANN001
    if r.kind == "week":
        line = Text("  ")
        for cell in r.heatmap:
            line.append(f"{weekday_word(cell.date.weekday(), lang)} ")
            line.append(_heat(cell.minutes, cell.active), style="green" if cell.active else "dim")
            line.append("  ")
        return line
    table = Table(box=None, padding=(0, 1), show_header=True)
    for name in _week_header(r, lang):
        table.add_column(name, justify="center", no_wrap=True)
    week: list[Text] = []
    for cell in r.heatmap:
        if not cell.in_period:
            week.append(Text(""))
        else:
            day = Text(f"{cell.date.day:>2}", style="dim")
            day.append(_heat(cell.minutes, cell.active), style="green" if cell.active else "dim")
            week.append(day)
        if len(week) == 7:
            table.add_row(*week)
            week = []
    return table


def _week_header(r, lang: str) -> list[str]:  # noqa: ANN001
    """The weekday names of a month's heatmap columns, in the order its cells come (first_day_of_week)."""
    first = r.heatmap[0].date.weekday() if r.heatmap else 0
    return [weekday_word((first + i) % 7, lang) for i in range(7)]


def _code(ident: str) -> str:
    """An id as inline code; anything that could leave the code span is escaped text instead."""
    return f"`{ident}`" if re.fullmatch(r"[\w./:@+-]+", str(ident)) else markdown_cell(ident)


def report_markdown(r) -> str:  # noqa: ANN001
    """A clean document a learner can paste into a journal; text from data is escaped (markdown_cell)."""
    lang = r.lang
    cols = [t(lang, "kind", context="column"), t(lang, "hours", context="column"), t(lang, "target", context="column"),
            t(lang, "verdict", context="column")]
    out = [f"# {_title(r, lang)}", "", f"{r.start} → {r.end} · {t(lang, 'profile {name}', name=markdown_cell(r.profile))}", "",
           f"## {t(lang, 'Hours')}", "", "| " + " | ".join(cols) + " |", "| --- | ---: | ---: | --- |"]
    for h in r.hours:
        out.append(f"| {markdown_cell(h.label)} | {h.hours:g} | {h.min_hours:g}–{h.max_hours:g} | {verdict_word(h.verdict, lang)} |")
    out += [f"| **{t(lang, 'total')}** | **{r.total_hours:g}** | | |", "", f"## {t(lang, 'Items')}", "",
            t(lang, "{completed} completed, {started} started, {skipped} skipped.", completed=r.completed, started=r.started,
              skipped=r.skipped), ""]
    for m in r.modules:
        out.append(f"- **{markdown_cell(m.title)}** ({_code(m.module)}): {_counts(lang, len(m.completed), len(m.started), len(m.skipped))}")
        for ref in m.completed:
            out.append(f"  - {status_word('done', lang)}: {_code(ref)}")
    p = r.plan
    if r.modules:
        out.append("")  # end the list; without modules the line above is already blank
    delta = _delta_text(p, lang)
    week = [f"{weekday_word(c.date.weekday(), lang)} {c.date.day:02d}" for c in r.heatmap[:7]] if r.kind == "week" else _week_header(r, lang)
    out += [f"## {t(lang, 'Plan')}", "",
            "- " + t(lang, "Expected by {day}: {percent}% ({done}/{total} topics)", day=r.end.isoformat(),
                     percent=f"{p.expected_percent:g}", done=p.expected_topics, total=p.total_topics),
            "- " + t(lang, "Actual: {percent}% ({done}/{total} topics)", percent=f"{p.actual_percent:g}", done=p.done_topics, total=p.total_topics),
            f"- {delta[:1].upper()}{delta[1:]}", "",
            f"## {t(lang, 'Streak')}", "", "- " + t(lang, "Current: {days}, best: {best}", days=_days(r.streak_current), best=_days(r.streak_best)),
            "- " + t(lang, "Active days in the period: {n}", n=r.active_days), "",
            "| " + " | ".join(week) + " |",
            "| " + " | ".join("---" for _ in range(7)) + " |"]
    cells = [c for c in r.heatmap]
    for i in range(0, len(cells), 7):
        row = []
        for c in cells[i:i + 7]:
            if not c.in_period:
                row.append(" ")
            else:
                mark = duration(lang, c.minutes) if c.minutes else ("✓" if c.active else "·")
                row.append(mark if r.kind == "week" else f"{c.date.day}: {mark}")
        out.append("| " + " | ".join(row) + " |")
    if r.reviews and r.reviews.reviews:
        out += ["", f"## {t(lang, 'Reviews')}", "", "- " + t(lang, "Reviews: {n}", n=r.reviews.reviews),
                "- " + t(lang, "Retention: {percent}", percent=_pct(r.reviews.retention))]
    if r.concepts:
        out += ["", f"## {t(lang, 'Concepts looked up')}", ""] + [f"- {markdown_cell(c)}" for c in r.concepts]
    if r.at_risk:
        out += ["", f"## {t(lang, 'At risk of being forgotten')}", ""] + [f"- {markdown_cell(x.concept)}: {_pct(x.retrievability)}" for x in r.at_risk]
    if r.pace:
        out += ["", f"## {t(lang, 'Pace')}", "", f"- {_pace_text(r.pace, lang)}"]
    if r.next_focus or r.next_topics:
        out += ["", f"## {t(lang, 'Next')}", ""] + [f"- {markdown_cell(f)}" for f in r.next_focus] + [f"- {_code(ref)}" for ref in r.next_topics]
    return "\n".join(out).replace("\n\n\n", "\n\n") + "\n"


def plain_text(renderable: RenderableType, width: int = 100) -> str:
    console = Console(width=width, no_color=True, force_terminal=False, record=True, file=open("/dev/null", "w"))  # noqa: SIM115
    console.print(renderable)
    return console.export_text()


class _Timeline:
    """The month-by-month bars, fitted to the terminal: a month takes 3 cells and a gap, or
    2, or 2 without the gap (then every other month is labelled), or 1; no month is
    dropped and no id is cut. Piped, the widest form."""

    FORMS = ((3, 1, 1), (2, 1, 1), (2, 0, 2), (1, 0, 3))  # cells per month, gap, label every n-th month

    def __init__(self, r) -> None:  # noqa: ANN001 - a TimelineResult
        self.r = r
        self.names = [literal(("" if b.kind == "phase" else "  ") + b.id, "bold" if b.kind == "phase" else "cyan") for b in r.bars]
        self.name_width = max((n.cell_len for n in self.names), default=4) + 1

    def _width(self, form: tuple[int, int, int]) -> int:
        return self.name_width + len(self.r.columns) * (form[0] + form[1])

    def __rich_measure__(self, console, options) -> Measurement:  # noqa: ANN001 - rich's protocol
        return Measurement(self._width(self.FORMS[-1]), self._width(self.FORMS[0]))

    def __rich_console__(self, console, options):  # noqa: ANN001, ANN204 - rich's protocol
        r = self.r
        cells_per, gap, every = next((f for f in self.FORMS if self._width(f) <= options.max_width), self.FORMS[-1])
        name_w = max((n.cell_len for n in self.names), default=0)
        if name_w + gap + len(r.columns) * (cells_per + gap) - gap <= options.max_width:
            yield self._lines(name_w, cells_per, gap, every)  # fits: drawn as text (a table of 550 modules costs rich ~0.5 s)
        else:
            yield self._table(cells_per, gap, every)

    def _table(self, cells_per: int, gap: int, every: int) -> Table:
        """The same as a rich table: what rich makes of a screen narrower than even the narrowest form."""
        r = self.r
        table = Table(box=None, padding=(0, gap, 0, 0), show_header=True, pad_edge=False)
        table.add_column("", no_wrap=True)
        for n, c in enumerate(r.columns):
            label = self._label(n, c, cells_per, every)
            table.add_column(label, no_wrap=True, justify="left", min_width=cells_per, max_width=cells_per)
        for name, b in zip(self.names, r.bars):
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
                cells.append(Text(ch * cells_per, style=style))
            table.add_row(name, *cells)
        return table


    def _label(self, n: int, c, cells_per: int, every: int) -> str:  # noqa: ANN001 - a column
        if c.index == self.r.here_column:
            return "▼"
        return c.start.strftime("%m")[-cells_per:] if n % every == 0 else ""  # month numbers; the title line gives the years

    def _lines(self, name_w: int, cells_per: int, gap: int, every: int) -> Text:
        """The table as lines of text, laid out as rich lays out the table below (no box, the names
        ``name_w`` wide, months ``cells_per`` with ``gap`` cells between), at a fraction of the cost."""
        r = self.r
        pad = " " * gap
        last = len(r.columns) - 1
        out = Text(no_wrap=True, overflow="ignore")
        out.append(" " * name_w + pad, style="bold")
        for n, c in enumerate(r.columns):
            label = self._label(n, c, cells_per, every)
            out.append(label + " " * (cells_per - len(label)) + (pad if n < last else ""), style="bold")
        for name, b in zip(self.names, r.bars):
            out.append("\n")
            out.append_text(name)
            out.append(" " * (name_w - name.cell_len) + pad)
            done = b.status == "done"
            ch = "█" if done else ("▓" if b.kind == "phase" else "░")
            if not done and b.percent > 0:
                ch = "▒"
            style = "green" if done else ("yellow" if b.percent > 0 else "")
            for n, c in enumerate(r.columns):
                tail = pad if n < last else ""
                if c.index not in b.columns:
                    mark = "│" if c.index == r.here_column else ""
                    out.append(mark + " " * (cells_per - len(mark)), style="red")
                else:
                    out.append(ch * cells_per, style=style)
                out.append(tail)
        return out


def timeline_view(r) -> RenderableType:  # noqa: ANN001
    lang = r.lang
    table = _Timeline(r)
    head = t(lang, "Plan {start} → {end} (columns: months) · you are here: {day} (▼)", start=r.start.isoformat(),
             end=r.end.isoformat(), day=r.date.isoformat())
    parts: list[RenderableType] = [Text(head, style="bold"), table,
                                   Text(t(lang, "█ done  ▒ in progress  ░ to do  ▓ phase"), style="dim")]
    if r.revisions:
        parts.append(Text(t(lang, "Shifted {days} in all (planned end {end}):", days=_days(r.shifted_days), end=r.planned_end.isoformat()),
                          style="bold"))
        kinds = {"pause": msg("pause", context="revision"), "replan": msg("replan", context="revision")}
        for rev in r.revisions:
            line = Text(f"  #{rev.id} {catalog(lang).text(kinds.get(rev.kind, rev.kind))} {rev.at[:10]}: ")
            line.append(nt(lang, "+{n} day from {anchor}", "+{n} days from {anchor}", rev.days, anchor=rev.anchor.isoformat()))
            if rev.reason:
                line.append_text(literal(f" — {rev.reason}", "dim"))
            parts.append(line)
    return Group(*flowing(parts))


def replan_view(r, lang: str = "en") -> RenderableType:  # noqa: ANN001
    if r.outcome == "all-done":
        return Text(t(lang, "Nothing to replan: everything is done."))
    if not r.changed:
        return Text(t(lang, "Nothing to replan: you are not behind on {day}.", day=r.from_day.isoformat()))
    days = nmsg("{n} day", "{n} days", r.days)
    return Group(Text(t(lang, "Replanned: the rest of the plan moved {days} later; your next topic is due {day}.",
                        days=days, day=r.from_day.isoformat()), style="bold"),
                 Text(t(lang, "Plan end: {old} → {new}. `studyplan undo` reverts it.", old=r.old_end.isoformat(), new=r.new_end.isoformat())))
