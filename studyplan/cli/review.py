"""``studyplan review``: spaced-repetition flashcards of the glossary, scheduled by FSRS.

The command is the interactive loop and nothing more: the queue, each rating and
the summary come from ``studyplan.review_service``. On a terminal it reads single
keys; otherwise it reads one answer per line from stdin (``1``-``4`` or
``again/hard/good/easy``, ``h`` for a hint, an empty line for the definition,
``q`` to quit), so sessions can be scripted. Every rating is saved as it is
made; Ctrl-C or the end of input ends the session with its summary.
"""

from __future__ import annotations

import sys
from typing import Annotated, Optional

import typer

from studyplan.cli.common import LangOpt, app_context, emit

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


def _ask(source, app, face, lang: str) -> int | None:  # noqa: ANN001
    """The rating for the card on screen, or None to end the session (q or end of input)."""
    from studyplan.domain.review import parse_rating
    from studyplan.render.review import back_view, hint_view, keys_line, not_a_rating

    console = app.console
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
    limit: Annotated[Optional[int], typer.Option("--limit", "-n", help="At most this many cards in this session.", show_default=False)] = None,
    module: Annotated[Optional[str], typer.Option("--module", "-m", help="Only the concepts taught in this module.", show_default=False)] = None,
    all_: Annotated[bool, typer.Option("--all", help="Take every concept of the glossary, not only those of modules you started or finished.")] = False,
    stats: Annotated[bool, typer.Option("--stats", help="Cards by state, reviews per day and retention over the last 30 days.")] = False,
    lang: LangOpt = None,
    json_: Annotated[bool, typer.Option("--json", help="Print today's queue as JSON (concept, term, due, state, new) without reviewing; with --stats, the statistics.")] = False,
) -> None:
    """Review the glossary as flashcards: the term, then the definition, then rate it 1-4.

    Ratings: 1 again, 2 hard, 3 good, 4 easy; FSRS picks the next due date. New cards
    come at most new_cards_per_day a day. Without a terminal, answers are read one
    per line from stdin.

    Example: studyplan review --limit 20   ·   printf '3\\n1\\n' | studyplan review
    """
    from studyplan import review_service
    from studyplan.render.review import stats_view

    app = app_context(ctx)
    language = app.lang(lang)
    if stats:
        emit(app, review_service.stats(app, language, module), stats_view, json_)
        return
    queue = review_service.queue(app, language, limit=limit, module=module, everything=all_)
    if json_:
        from studyplan.render.json import dumps

        sys.stdout.write(dumps(queue.cards) + "\n")  # the queue itself: a list of cards
        return
    _session(app, queue, language)


def _session(app, queue, lang: str) -> None:  # noqa: ANN001
    from studyplan import review_service
    from studyplan.render.review import (
        empty_view,
        front_view,
        help_line,
        queue_head,
        rated_view,
        summary_view,
    )

    console = app.console
    per_day = app.config.get("new_cards_per_day")
    if not queue.cards:
        console.print(empty_view(queue, per_day))
        return
    source = open_input()
    marker = review_service.session_start(app)
    console.print(queue_head(queue))
    if not source.interactive:
        console.print(help_line(lang))
    interrupted = False
    total = len(queue.cards)
    try:
        for index, card in enumerate(queue.cards, start=1):
            face = review_service.face(app, card.concept, lang)
            console.print(front_view(card, face, index, total, lang))
            rating = _ask(source, app, face, lang)
            if rating is None:
                break
            console.print(rated_view(review_service.rate(app, card.concept, rating), lang))
    except KeyboardInterrupt:
        interrupted = True
    console.print(summary_view(review_service.summary(app, marker, total, interrupted, lang), per_day))
    if interrupted:
        raise typer.Exit(130)
