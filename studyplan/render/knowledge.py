"""Views of concepts, the history, the chart and readings."""

from __future__ import annotations

from rich.console import Group, RenderableType
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from studyplan.domain.text import clean
from studyplan.render.text import literal
from studyplan.render.views import status_text


def concept_view(r) -> RenderableType:  # noqa: ANN001
    ja = r.lang == "ja"
    if r.card is None:
        lines = [Text(f"「{clean(r.query)}」に近い概念:" if ja else f"Several concepts are close to '{clean(r.query)}':", style="bold")]
        for n, c in enumerate(r.candidates, start=1):
            line = Text(f"{n}. ")
            line.append_text(literal(c["term"], "bold"))
            line.append_text(literal(f"  studyplan concept {c['id']}", "dim"))
            lines.append(line)
        return Group(*lines)
    c = r.card
    title = literal(c.term_en, "bold")
    title.append(" / ")
    title.append_text(literal(c.term_ja, "bold"))
    body: list[RenderableType] = [literal(c.definition)]
    if c.aliases:
        body.append(literal(("別名: " if ja else "Also: ") + ", ".join(c.aliases), "dim"))
    if c.related:
        line = Text("関連: " if ja else "Related: ", style="bold")
        line.append_text(literal(", ".join(f"{x.title} ({x.id})" for x in c.related)))
        body.append(line)
    if c.modules:
        line = Text("学ぶモジュール: " if ja else "Taught in: ", style="bold")
        for i, m in enumerate(c.modules):
            if i:
                line.append(", ")
            line.append_text(literal(m.title))
            line.append_text(literal(f" ({m.id} ", "dim"))
            line.append_text(status_text(m.status or "todo", r.lang))
            line.append(")", style="dim")
        body.append(line)
    if c.events:
        line = Text("歴史: " if ja else "In history: ", style="bold")
        line.append_text(literal(", ".join(f"{e.year} {e.name}" for e in c.events)))
        body.append(line)
    if r.match == "fuzzy":
        body.append(Text(f"(closest match for '{clean(r.query)}')" if not ja else f"(「{clean(r.query)}」に最も近い概念)", style="dim"))
    return Panel(Group(*body), title=title, title_align="left", subtitle=Text(c.id, style="cyan"), subtitle_align="right")


def concepts_view(r) -> RenderableType:  # noqa: ANN001
    if not r.concepts:
        what = " ".join(x for x in (f"--search {r.search}" if r.search else "", f"--module {r.module}" if r.module else "") if x)
        if r.lang == "ja":
            return literal(f"該当する概念はありません({what})。" if what else "このカリキュラムには用語集がありません。", "yellow")
        return literal(f"No concepts match {what}." if what else "This curriculum has no glossary.", "yellow")
    table = Table(show_lines=False)
    table.add_column("id", style="cyan", no_wrap=True)
    table.add_column("用語" if r.lang == "ja" else "term")
    table.add_column("English" if r.lang == "ja" else "日本語")
    table.add_column("modules" if r.lang != "ja" else "モジュール")
    for c in r.concepts:
        mark = " ✓" if c.looked_up else ""
        table.add_row(literal(c.id), literal(c.term + mark), literal(c.other_term), literal(", ".join(c.modules)))
    caption = f"{len(r.concepts)} concepts" if r.lang != "ja" else f"{len(r.concepts)} 件"
    table.caption = caption + (" · ✓ looked up" if r.lang != "ja" else " · ✓ 調べた概念")
    return table


def history_view(r) -> RenderableType:  # noqa: ANN001
    if r.total == 0:
        if r.first_year is None:
            return Text({"ja": "このカリキュラムには歴史がありません。", "zh-Hant": "此課程沒有歷史資料。"}.get(
                r.lang, "This curriculum has no history of the field."), style="yellow")
        span = f"{r.first_year}–{r.last_year}"
        return Text({"ja": f"条件に合うブレークスルーはありません(収録期間: {span})。",
                     "zh-Hant": f"沒有符合條件的突破(收錄期間:{span})。"}.get(
                         r.lang, f"No breakthroughs match; the history covers {span}."), style="yellow")
    parts: list[RenderableType] = []
    for era in r.eras:
        parts.append(literal(era.title, "bold underline"))
        table = Table(box=None, show_header=False, padding=(0, 1))
        table.add_column(no_wrap=True, style="bold")
        table.add_column(overflow="fold")
        for e in era.events:
            year = f"{e.year}–{e.year_end}" if e.year_end else str(e.year)
            head = literal(e.name, "bold")
            if e.covered:
                head.append(" ✓", style="green")
            if e.who:
                head.append_text(literal(f" — {e.who}", "dim"))
            body = Text()
            body.append_text(head)
            body.append("\n")
            body.append_text(literal(e.description))
            for f in e.figures:
                body.append("\n  ")
                body.append_text(literal(f.text, "yellow"))
            if e.tags:
                body.append("\n  ")
                body.append_text(literal("#" + " #".join(e.tags), "dim"))
            table.add_row(Text(year), body)
        parts.append(table)
        parts.append(Text(""))
    if r.trends:
        parts.append(Text({"ja": "この期間の主要なトレンド", "zh-Hant": "此期間的主要趨勢"}.get(r.lang, "Key trends of the period"), style="bold underline"))
        for n, tr in enumerate(r.trends, start=1):
            line = Text(f"{n}. ")
            line.append_text(literal(tr.title, "bold"))
            line.append(": ")
            line.append_text(literal(tr.description))
            parts.append(line)
        parts.append(Text(""))
    covered = {"ja": f"学習済みモジュールで扱ったブレークスルー: {r.covered}/{r.total}",
               "zh-Hant": f"已完成模組涵蓋的突破: {r.covered}/{r.total}"}.get(r.lang, f"Breakthroughs covered by your finished modules: {r.covered}/{r.total} (✓)")
    parts.append(Text(covered, style="dim"))
    return Group(*parts)


def chart_view(r, width: int = 40) -> RenderableType:  # noqa: ANN001
    parts: list[RenderableType] = [literal(r.title, "bold")]
    for s in r.series:
        scale = " (log scale)" if s.scale == "log" and r.lang != "ja" else (" (対数目盛)" if s.scale == "log" else "")
        parts.append(Text(""))
        parts.append(literal(s.label + scale, "bold"))
        for b in s.bars:
            cells = b.fraction * width
            full = int(cells)
            rest = "▏▎▍▌▋▊▉"[min(6, int((cells - full) * 7))] if cells - full >= 1 / 7 else ""
            line = Text(f"{b.label} ")
            line.append("█" * full + rest, style="green" if s.scale == "log" else "blue")
            line.append(" " * (width - full - len(rest) + 1))
            line.append(f"{b.value:g}")
            parts.append(line)
    return Group(*parts)


def reading_view(r) -> RenderableType:  # noqa: ANN001
    from rich.markdown import Markdown  # ~70 ms, only `read` draws Markdown

    # The Markdown escapes curriculum text (domain/readings.py); hyperlinks=False as well, so
    # nothing from data can ever become a hidden OSC 8 link on the terminal.
    return Markdown(clean(r.markdown), hyperlinks=False)
