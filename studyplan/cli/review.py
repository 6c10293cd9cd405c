"""``studyplan review``: spaced-repetition flashcards of the glossary, scheduled by FSRS.

The command is the interactive loop and nothing more: the queue, each rating and
the summary come from ``studyplan.app.review``. On a terminal it reads single
keys; otherwise it reads one answer per line from stdin (``1``-``4`` or
``again/hard/good/easy``, ``h`` for a hint, an empty line for the definition,
``q`` to quit), so sessions can be scripted. Every rating is saved as it is
made; Ctrl-C or the end of input ends the session with its summary.
"""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING, Annotated, Optional

import typer

from studyplan.cli.common import LangOpt, console_of, emit, session_of

if TYPE_CHECKING:
    from rich.console import Console

    from studyplan.app.session import Session
    from studyplan.domain.review import Queue

# Use cases and views are imported inside each command: `--help` and completion load every
# command module, and only the command being run should pay for its own (cli/__init__.py).

QUIT = ("q", "quit", "exit")
HINT = ("h", "hint", "?")


class LineInput:
    """Answers read line by line (stdin is not a terminal)."""

    interactive = False

    def __init__(self, stream) -> None:  # noqa: ANN001
        self.stream = stream

    def read(self) -> str | None:
        if self.stream is None:
            return None
        try:
            line = self.stream.readline()
        except (OSError, ValueError):  # stdin closed or unreadable: the session ends
            return None
        if not line:
            return None  # end of input
        return line.strip().lower()


class KeyInput:
    """Single key presses from the terminal; space or Enter reveals the definition."""

    interactive = True

    def read(self) -> str | None:
        try:
            ch = typer.getchar()  # Ctrl-C raises KeyboardInterrupt, Ctrl-D EOFError
        except EOFError:
            return None
        if not ch:
            return None  # the terminal went away
        if ch in (" ", "\r", "\n"):
            return ""
        return ch.strip().lower() or ""  # pasted "3\n" counts as 3; escape sequences match nothing


def open_input() -> LineInput | KeyInput:
    stdin = sys.stdin
    try:
        tty = stdin is not None and stdin.isatty()
    except (AttributeError, ValueError, OSError):
        tty = False
    return KeyInput() if tty else LineInput(stdin)


def _ask(source, console: Console, face, lang: str) -> int | None:  # noqa: ANN001
    """The rating for the card on screen, or None to end the session (q or end of input)."""
    from studyplan.domain.review import parse_rating
    from studyplan.render.review import back_view, hint_view, keys_line, not_a_rating

    revealed = False
    if source.interactive:
        console.print(keys_line(lang, False))
    while True:
        token = source.read()
        if token is None or token in QUIT:
            return None
        if token in HINT:
            console.print(hint_view(face, lang))
            continue
        rating = parse_rating(token)
        if token == "" or rating is not None:
            if not revealed:
                console.print(back_view(face))
                revealed = True
                if source.interactive and rating is None:
                    console.print(keys_line(lang, True))
            if rating is not None:
                return rating
            continue
        if not source.interactive:
            print(f"studyplan: {not_a_rating(token, lang)}", file=sys.stderr)


def review(
    ctx: typer.Context,
    limit: Annotated[Optional[int], typer.Option("--limit", "-n", metavar="N", help="At most this many cards in this session.", show_default=False)] = None,
    module: Annotated[Optional[str], typer.Option("--module", "-m", metavar="MODULE", help="Only the concepts taught in this module.", show_default=False)] = None,
    all_: Annotated[bool, typer.Option("--all", help="Take every concept of the glossary, not only those of modules you started or finished.")] = False,
    stats: Annotated[bool, typer.Option("--stats", help="Cards by state, reviews per day and retention over the last 30 days.")] = False,
    direction: Annotated[Optional[str], typer.Option("--direction", "-d", metavar="DIRECTION", help="What a card asks: term-definition, ja-en (the Japanese term for the English one) or en-ja (default: the review_direction setting).", show_default=False)] = None,
    lang: LangOpt = None,
    json_: Annotated[bool, typer.Option("--json", help="Print today's queue as one JSON object (its cards: concept, term, due, state, new) without reviewing; with --stats, the statistics.")] = False,
) -> None:
    """Review the glossary as flashcards: the term, then the definition, then rate it 1-4.

    Ratings: 1 again, 2 hard, 3 good, 4 easy; FSRS picks the next due date (for the
    desired_retention setting). A card rated again comes back in the same session. New
    cards come at most new_cards_per_day a day. Without a terminal, answers are read
    one per line from stdin.

    Example: studyplan review --limit 20   ·   printf '3\\n1\\n' | studyplan review
    """
    from studyplan.app import review as use_cases
    from studyplan.render.review import stats_view

    session = session_of(ctx)
    language = session.lang(lang)
    asks = use_cases.direction(session, direction)  # checked before anything else runs
    if stats:
        emit(ctx, use_cases.stats(session, language, module), stats_view, json_)
        return
    queue = use_cases.queue(session, language, limit=limit, module=module, everything=all_)
    if json_:  # the queue as an object (its cards, and the counts the session would start with)
        emit(ctx, queue, lambda q: q, True)
        return
    _session(session, console_of(ctx), queue, language, asks)


def _session(session: Session, console: Console, queue: Queue, lang: str, direction: str) -> None:
    from studyplan.app import review as use_cases
    from studyplan.domain.review_session import SessionQueue
    from studyplan.render.review import (
        empty_view,
        front_view,
        help_line,
        queue_head,
        rated_view,
        summary_view,
    )

    per_day = session.config.get("new_cards_per_day")
    if not queue.cards:
        console.print(empty_view(queue, per_day))
        return
    source = open_input()
    marker = use_cases.session_start(session)
    console.print(queue_head(queue))
    if not source.interactive:
        console.print(help_line(lang))
    interrupted = False
    cards = SessionQueue(queue.cards)  # today's queue, then the cards a rating brings back
    ends = use_cases.day_end(session, queue.day)
    try:
        while (card := cards.next(session.now)) is not None:
            face = use_cases.face(session, card.concept, lang, direction)
            console.print(front_view(card, face, cards.shown, cards.planned(), lang))
            rating = _ask(source, console, face, lang)
            if rating is None:
                break
            rated = use_cases.rate(session, card.concept, rating)
            back = cards.rated(card, rated.state, rated.due, ends)
            console.print(rated_view(rated, lang, back))
    except KeyboardInterrupt:
        interrupted = True
    planned = tuple(c.concept for c in queue.cards)
    console.print(summary_view(use_cases.summary(session, marker, planned, interrupted, lang), per_day))
    if interrupted:
        raise typer.Exit(130)
