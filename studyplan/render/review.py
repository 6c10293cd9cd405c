"""Views of review: a card's front and back, a rating, the session summary, the queue, the stats.

Text from the curriculum goes through ``literal``; only our own words carry styles.
"""

from __future__ import annotations

from datetime import datetime

from rich.console import Group, RenderableType
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from studyplan.domain.text import clean
from studyplan.render.text import literal

_WORDS: dict[str, tuple[str, str]] = {
    "help_lines": ("Rate each card: 1 again · 2 hard · 3 good · 4 easy (or the words); "
                   "h shows a hint, an empty line the definition, q quits.",
                   "各カードを評価: 1 again · 2 hard · 3 good · 4 easy (単語でも可)。h でヒント、空行で定義、q で終了。"),
    "front_keys": ("space: show the definition · h: hint · q: quit", "スペース: 定義を表示 · h: ヒント · q: 終了"),
    "back_keys": ("1 again · 2 hard · 3 good · 4 easy · q: quit",
                  "1 もう一度 (again) · 2 難しい (hard) · 3 正解 (good) · 4 簡単 (easy) · q: 終了"),
    "hint": ("Hint: ", "ヒント: "),
    "new": ("new", "新規"),
    "learning": ("learning", "学習中"),
    "review": ("review", "復習"),
    "relearning": ("relearning", "再学習"),
    "again": ("again", "もう一度"),
    "hard": ("hard", "難しい"),
    "good": ("good", "正解"),
    "easy": ("easy", "簡単"),
    "next": ("next {when}", "次回 {when}"),
    "not_rating": ("'{text}' is not a rating: use 1-4 (again, hard, good, easy), h for a hint or q to quit",
                   "「{text}」は評価ではありません: 1-4 (again, hard, good, easy)、ヒントは h、終了は q"),
    "summary": ("Reviewed {n} card{s}", "{n} 枚を復習しました"),
    "interrupted": ("Interrupted: every rating above is saved; the card on screen was not rated.",
                    "中断しました: ここまでの評価は保存済みです (表示中のカードは未評価)。"),
    "left": ("{n} card{s} of this session {were} not reviewed; `studyplan review` picks them up.",
             "このセッションの {n} 枚は未復習です。`studyplan review` で続けられます。"),
    "due_now": ("Still due today: {n} (learning steps bring cards back the same day)", "今日まだ復習できるカード: {n} 枚 (学習ステップ)"),
    "due_tomorrow": ("Due by the end of tomorrow: {n}", "明日までに期限: {n} 枚"),
    "next_due": ("Next card due: {when}", "次の期限: {when}"),
    "new_waiting": ("New cards waiting: {n} (at most {per_day} a day)", "未導入の新規カード: {n} 枚 (1日最大 {per_day} 枚)"),
    "nothing": ("Nothing to review today.", "今日復習するカードはありません。"),
    "no_cards": ("No cards yet: cards are the glossary concepts of the modules you have started or finished "
                 "(`studyplan start MODULE`); `studyplan review --all` takes every concept.",
                 "まだカードがありません: 開始・完了したモジュールの用語がカードになります (`studyplan start MODULE`)。"
                 "`studyplan review --all` ですべての用語を対象にできます。"),
    "limit_reached": ("Today's new cards are done ({n} a day, setting new_cards_per_day); {waiting} more wait for the coming days.",
                      "今日の新規カードは上限に達しました (1日 {n} 枚、設定 new_cards_per_day)。残り {waiting} 枚は明日以降に。"),
    "queue_head": ("Review · {day}: {due} due, {new} new", "復習 · {day}: 期限 {due} 枚、新規 {new} 枚"),
    "session_of": (" (this session: {n})", " (今回: {n} 枚)"),
    "stats_head": ("Review statistics · {day}", "復習の統計 · {day}"),
    "cards": ("Cards", "カード"),
    "due_today": ("Due today: {due} · new today: {new}", "今日の期限: {due} 枚 · 今日の新規: {new} 枚"),
    "last_30": ("Last 30 days: {n} review{s} on {days} day{ds} · rated again {again} · retention {retention}",
                "過去30日: {n} 回 ({days} 日) · again {again} · 定着率 {retention}"),
    "per_day": ("Reviews per day", "日ごとの復習"),
    "ignored": ("{n} stored card{s} {are} not in this curriculum any more and {are} left out.",
                "{n} 枚のカードは現在のカリキュラムにないため除外しています。"),
    "no_reviews": ("No reviews in the last 30 days.", "過去30日の復習はありません。"),
}


def w(key: str, lang: str, **kwargs: object) -> str:
    en, ja = _WORDS[key]
    text = ja if lang == "ja" else en
    return text.format(**kwargs) if kwargs else text


def _s(n: int) -> str:
    return "" if n == 1 else "s"


def _pct(x: float | None) -> str:
    return "–" if x is None else f"{100 * x:.0f}%"


def when(moment: datetime | None) -> str:
    return "–" if moment is None else moment.strftime("%Y-%m-%d %H:%M")


def interval(seconds: int) -> str:
    if seconds < 3600:
        return f"{max(1, round(seconds / 60))} min"
    if seconds < 86400:
        return f"{round(seconds / 3600)} h"
    days = round(seconds / 86400)
    return f"{days} day" + ("s" if days != 1 else "")


RATING_STYLE = {"again": "red", "hard": "yellow", "good": "green", "easy": "cyan"}


# -- the session ----------------------------------------------------------------------------
def help_line(lang: str) -> Text:
    return Text(w("help_lines", lang), style="dim")


def front_view(card, face, index: int, total: int, lang: str) -> RenderableType:  # noqa: ANN001
    title = Text(f"{index}/{total} · ", style="dim")
    title.append(w(card.state, lang), style="yellow" if card.new else "dim")
    return Panel(literal(face.term, "bold"), title=title, title_align="left")


def keys_line(lang: str, revealed: bool) -> Text:
    return Text(w("back_keys" if revealed else "front_keys", lang), style="dim")


def hint_view(face, lang: str) -> Text:  # noqa: ANN001
    line = Text(w("hint", lang), style="bold")
    line.append_text(literal(face.hint))
    return line


def back_view(face) -> RenderableType:  # noqa: ANN001
    """The definition, then the concept id (shown only now: ids are English, so they would hint)."""
    text = literal(face.definition)
    text.append_text(literal(f"  ({face.concept})", "cyan"))
    return text


def not_a_rating(text: str, lang: str) -> str:
    return w("not_rating", lang, text=clean(text)[:40])


def rated_view(r, lang: str) -> Text:  # noqa: ANN001
    line = Text("→ ")
    line.append(w(r.rating, lang), style=RATING_STYLE.get(r.rating, ""))
    line.append(f" · {w('next', lang, when=when(r.due))} (+{interval(r.interval_seconds)})", style="dim")
    return line


def _ratings(ratings: dict[str, int], lang: str) -> Text:
    text = Text()
    for n, (name, count) in enumerate(ratings.items()):
        if n:
            text.append(" · ")
        text.append(f"{w(name, lang)} {count}", style=RATING_STYLE.get(name, "") if count else "dim")
    return text


def summary_view(s, per_day: int | None = None) -> RenderableType:  # noqa: ANN001
    lang = s.lang
    parts: list[RenderableType] = [Text("")]
    head = Text(w("summary", lang, n=s.reviewed, s=_s(s.reviewed)), style="bold")
    if s.reviewed:
        head.append(": ")
        head.append_text(_ratings(s.ratings, lang))
    parts.append(head)
    if s.interrupted:
        parts.append(Text(w("interrupted", lang), style="yellow"))
    if s.left:
        parts.append(Text(w("left", lang, n=s.left, s=_s(s.left), were="was" if s.left == 1 else "were"), style="dim"))
    if s.due_now:
        parts.append(Text(w("due_now", lang, n=s.due_now)))
    parts.append(Text(w("due_tomorrow", lang, n=s.due_tomorrow)))
    if s.next_due is not None:
        parts.append(Text(w("next_due", lang, when=when(s.next_due))))
    if s.new_waiting:
        parts.append(Text(w("new_waiting", lang, n=s.new_waiting, per_day=per_day if per_day is not None else "?"), style="dim"))
    return Group(*parts)


def empty_view(q, per_day: int) -> RenderableType:  # noqa: ANN001
    lang = q.lang
    parts: list[RenderableType] = [Text(w("nothing", lang), style="bold")]
    if q.next_due is not None:
        parts.append(Text(w("next_due", lang, when=when(q.next_due))))
    if q.new_waiting and q.new_left == 0:
        parts.append(Text(w("limit_reached", lang, n=per_day, waiting=q.new_waiting), style="dim"))
    if q.next_due is None and not q.new_waiting:
        parts.append(Text(w("no_cards", lang), style="dim"))
    return Group(*parts)


def queue_head(q) -> Text:  # noqa: ANN001
    head = Text(w("queue_head", q.lang, day=q.day.isoformat(), due=q.due, new=q.new), style="bold")
    if q.module:
        head.append_text(literal(f" · {q.module}", "cyan"))
    if len(q.cards) < q.due + q.new:
        head.append(w("session_of", q.lang, n=len(q.cards)), style="dim")
    return head


# -- statistics ------------------------------------------------------------------------------
def stats_view(s, width: int = 30) -> RenderableType:  # noqa: ANN001
    lang = s.lang
    parts: list[RenderableType] = [Text(w("stats_head", lang, day=s.day.isoformat()) + (f" · {s.module}" if s.module else ""), style="bold")]
    cards = Table(title=w("cards", lang), title_justify="left", show_header=False, box=None, padding=(0, 1))
    for state, n in s.cards.items():
        cards.add_row(Text(w(state, lang) if state in _WORDS else state), Text(str(n), justify="right"))
    parts.append(cards)
    parts.append(Text(w("due_today", lang, due=s.due_today, new=s.new_today)))
    p = s.last_30_days
    parts.append(Text(""))
    if p.reviews:
        parts.append(Text(w("last_30", lang, n=p.reviews, s=_s(p.reviews), days=p.days, ds=_s(p.days), again=_pct(p.again_share), retention=_pct(p.retention)), style="bold"))
        top = max(d.reviews for d in s.per_day)
        chart = Table(title=w("per_day", lang), title_justify="left", show_header=False, box=None, padding=(0, 1))
        for d in s.per_day:
            filled = max(1, round(width * d.reviews / top))
            again = round(filled * d.again / d.reviews) if d.reviews else 0
            bar = Text("█" * (filled - again), style="green") + Text("█" * again, style="red")
            chart.add_row(Text(d.day.isoformat()), bar, Text(f"{d.reviews}" + (f" ({d.again} again)" if d.again else "")))
        parts.append(chart)
    else:
        parts.append(Text(w("no_reviews", lang), style="dim"))
    if s.ignored:
        parts.append(Text(w("ignored", lang, n=s.ignored, s=_s(s.ignored), are="is" if s.ignored == 1 else "are"), style="dim"))
    return Group(*parts)
