"""Views of review: a card's front and back, a rating, the session summary, the queue, the stats.

Text from the curriculum goes through ``literal``; only our own words carry styles, and every
one of them comes from the message catalog (``t``/``nt``), so a Japanese learner reads Japanese.
"""

from __future__ import annotations

from datetime import datetime

from rich.console import Group, RenderableType
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from studyplan.domain.text import clean
from studyplan.locale import msg, nt, t
from studyplan.render.messages import word
from studyplan.render.text import literal
from studyplan.render.wrap import flowing, label_hang, wrapped

STATE_WORDS = {  # a card's state
    "new": msg("new", context="card state"),
    "learning": msg("learning", context="card state"),
    "review": msg("review", context="card state"),
    "relearning": msg("relearning", context="card state"),
}
RATING_WORDS = {
    "again": msg("again", context="rating"),
    "hard": msg("hard", context="rating"),
    "good": msg("good", context="rating"),
    "easy": msg("easy", context="rating"),
}


def state_word(state: str, lang: str) -> str:
    return word(STATE_WORDS, state, lang)


def rating_word(rating: str, lang: str) -> str:
    return word(RATING_WORDS, rating, lang)


def _pct(x: float | None) -> str:
    return "–" if x is None else f"{100 * x:.0f}%"


def when(moment: datetime | None) -> str:
    return "–" if moment is None else moment.strftime("%Y-%m-%d %H:%M")


def interval(seconds: int, lang: str) -> str:
    """A wait as a learner says it: 1 min, 5 h, 3 days."""
    if seconds < 3570:  # what rounds to 60 minutes reads as 1 h
        return t(lang, "{n} min", n=max(1, round(seconds / 60)))
    if round(seconds / 3600) < 24:
        return t(lang, "{n} h", n=round(seconds / 3600))
    return nt(lang, "{n} day", "{n} days", round(seconds / 86400))


RATING_STYLE = {"again": "red", "hard": "yellow", "good": "green", "easy": "cyan"}


def _alone(line: Text) -> Group:
    """A wrapped line printed on its own: ``Console.print`` joins bare Texts into a plain one,
    which would lose the line breaking of ``wrapped``; inside a Group it keeps it."""
    return Group(line)


# -- the session ----------------------------------------------------------------------------
def help_line(lang: str) -> RenderableType:
    return _alone(wrapped(t(lang, "Rate each card: 1 again · 2 hard · 3 good · 4 easy (or the words); "
                                "h shows a hint, an empty line the answer, q quits."), style="dim"))


def front_view(card, face, index: int, total: int, lang: str) -> RenderableType:  # noqa: ANN001
    title = Text(f"{index}/{total} · ", style="dim")
    title.append(state_word(card.state, lang), style="yellow" if card.new else "dim")
    body = literal(face.term, "bold")
    if face.answer:  # a card that asks for the other language's term says so
        ask = t(lang, "In English?") if face.direction.endswith("-en") else t(lang, "In Japanese?")
        body.append(f"   {ask}", style="dim")
    return Panel(wrapped(body), title=title, title_align="left")


def keys_line(lang: str, revealed: bool) -> Text:
    if revealed:
        return Text(t(lang, "1 again · 2 hard · 3 good · 4 easy · q: quit"), style="dim")
    return Text(t(lang, "space: show the answer · h: hint · q: quit"), style="dim")


def hint_view(face, lang: str) -> RenderableType:  # noqa: ANN001
    if not face.hint:
        return Text(t(lang, "No hint for this card."), style="dim")
    label = t(lang, "Hint (related concepts): ") if face.direction == "term-definition" else t(lang, "Hint: ")
    line = Text(label, style="bold")
    line.append_text(literal(face.hint))
    return _alone(wrapped(line, hang=label_hang(label)))


def back_view(face) -> RenderableType:  # noqa: ANN001
    """The answer (the other term, for a term card), the definition, then the concept id (shown
    only now: ids are English, so they would hint)."""
    text = Text()
    if face.answer:
        text.append_text(literal(face.answer, "bold"))
        text.append("\n")
    text.append_text(literal(face.definition))
    text.append_text(literal(f"  ({face.concept})", "cyan"))
    return _alone(wrapped(text))


def not_a_rating(text: str, lang: str) -> str:
    return t(lang, "'{text}' is not a rating: use 1-4 (again, hard, good, easy), h for a hint or q to quit", text=clean(text)[:40])


def rated_view(r, lang: str, again: bool = False) -> RenderableType:  # noqa: ANN001
    """The rating and when the card is due; ``again``: it comes back in this session."""
    line = Text("→ ")
    line.append(rating_word(r.rating, lang), style=RATING_STYLE.get(r.rating, ""))
    line.append(" · " + t(lang, "next {when} (in {wait})", when=when(r.due), wait=interval(r.interval_seconds, lang)), style="dim")
    if again:
        line.append(" · " + t(lang, "comes back in this session"), style="dim")
    return _alone(wrapped(line, hang=2))


def _ratings(ratings: dict[str, int], lang: str) -> Text:
    text = Text()
    for n, (name, count) in enumerate(ratings.items()):
        if n:
            text.append(" · ")
        text.append(f"{rating_word(name, lang)} {count}", style=RATING_STYLE.get(name, "") if count else "dim")
    return text


def summary_view(s, per_day: int | None = None) -> RenderableType:  # noqa: ANN001
    lang = s.lang
    parts: list[RenderableType] = [Text("")]
    if s.reviewed != s.cards:
        head = Text(nt(lang, "Reviewed {n} card ({reviews} reviews)", "Reviewed {n} cards ({reviews} reviews)", s.cards, reviews=s.reviewed), style="bold")
    else:
        head = Text(nt(lang, "Reviewed {n} card", "Reviewed {n} cards", s.cards), style="bold")
    if s.reviewed:
        head.append(": ")
        head.append_text(_ratings(s.ratings, lang))
    parts.append(head)
    if s.interrupted:
        parts.append(Text(t(lang, "Interrupted: every rating above is saved; the card on screen was not rated."), style="yellow"))
    if s.left:
        parts.append(Text(nt(lang, "{n} card of this session was not reviewed; `studyplan review` picks it up.",
                             "{n} cards of this session were not reviewed; `studyplan review` picks them up.", s.left), style="dim"))
    if s.due_now:
        parts.append(Text(nt(lang, "{n} card is due now: `studyplan review` takes it.",
                             "{n} cards are due now: `studyplan review` takes them.", s.due_now)))
    if s.due_later_today:
        parts.append(Text(nt(lang, "Later today: {n} card (learning steps bring cards back the same day)",
                             "Later today: {n} cards (learning steps bring cards back the same day)", s.due_later_today)))
    parts.append(Text(t(lang, "Due by the end of tomorrow: {n}", n=s.due_tomorrow)))
    if s.next_due is not None:
        wait = interval(int((s.next_due - s.now).total_seconds()), lang)
        parts.append(Text(t(lang, "Next card due: {when} (in {wait})", when=when(s.next_due), wait=wait)))
    if s.new_waiting:
        parts.append(Text(t(lang, "New cards waiting: {n} (at most {per_day} a day)", n=s.new_waiting,
                            per_day=per_day if per_day is not None else "?"), style="dim"))
    return Group(*flowing(parts))


def empty_view(q, per_day: int) -> RenderableType:  # noqa: ANN001
    lang = q.lang
    parts: list[RenderableType] = [Text(t(lang, "Nothing to review today."), style="bold")]
    if q.next_due is not None:
        parts.append(Text(t(lang, "Next card due: {when}", when=when(q.next_due))))
    if q.new_waiting and q.new_left == 0:
        parts.append(Text(t(lang, "Today's new cards are done ({n} a day, setting new_cards_per_day); {waiting} more wait for the coming days.",
                            n=per_day, waiting=q.new_waiting), style="dim"))
    if q.next_due is None and not q.new_waiting:
        parts.append(Text(t(lang, "No cards yet: cards are the glossary concepts of the modules you have started or finished "
                                  "(`studyplan start MODULE`); `studyplan review --all` takes every concept."), style="dim"))
    return Group(*flowing(parts))


def queue_head(q) -> Text:  # noqa: ANN001
    lang = q.lang
    head = Text(t(lang, "Review · {day}: {due} due, {new} new", day=q.day.isoformat(), due=q.due, new=q.new), style="bold")
    if q.module:
        head.append_text(literal(f" · {q.module}", "cyan"))
    if len(q.cards) < q.due + q.new:
        head.append(t(lang, " (this session: {n})", n=len(q.cards)), style="dim")
    return head


# -- statistics ------------------------------------------------------------------------------
def stats_view(s, width: int = 30) -> RenderableType:  # noqa: ANN001
    lang = s.lang
    parts: list[RenderableType] = [Text(t(lang, "Review statistics · {day}", day=s.day.isoformat()) + (f" · {s.module}" if s.module else ""), style="bold")]
    cards = Table(title=t(lang, "Cards"), title_justify="left", show_header=False, box=None, padding=(0, 1))
    for state, n in s.cards.items():
        cards.add_row(Text(state_word(state, lang)), Text(str(n), justify="right"))
    parts.append(cards)
    parts.append(Text(t(lang, "Due today: {due} · new cards left for today: {left} · introduced today: {introduced}",
                        due=s.due_today, left=s.new_today, introduced=s.introduced_today)))
    p = s.last_30_days
    parts.append(Text(""))
    if p.reviews:
        reviews = nt(lang, "{n} review", "{n} reviews", p.reviews)
        days = nt(lang, "{n} day", "{n} days", p.days)
        parts.append(Text(t(lang, "Last 30 days: {reviews} on {days} · rated again {again} · retention {retention}",
                            reviews=reviews, days=days, again=_pct(p.again_share), retention=_pct(p.retention)), style="bold"))
        top = max(d.reviews for d in s.per_day)
        chart = Table(title=t(lang, "Reviews per day"), title_justify="left", show_header=False, box=None, padding=(0, 1))
        for d in s.per_day:
            filled = max(1, round(width * d.reviews / top))
            again = round(filled * d.again / d.reviews) if d.reviews else 0
            bar = Text("█" * (filled - again), style="green") + Text("█" * again, style="red")
            count = t(lang, "{n} ({again} again)", n=d.reviews, again=d.again) if d.again else str(d.reviews)
            chart.add_row(Text(d.day.isoformat()), bar, Text(count))
        parts.append(chart)
    else:
        parts.append(Text(t(lang, "No reviews in the last 30 days."), style="dim"))
    if s.ignored:
        parts.append(Text(nt(lang, "{n} stored card is not in this curriculum any more and is left out.",
                             "{n} stored cards are not in this curriculum any more and are left out.", s.ignored), style="dim"))
    return Group(*parts)
