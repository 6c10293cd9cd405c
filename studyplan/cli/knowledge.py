"""``concept``, ``concepts``, ``history`` and ``read``: the knowledge around the plan."""

from __future__ import annotations

from typing import Annotated, Optional

import typer

from studyplan.cli.common import JsonOpt, LangOpt, emit, session_of
from studyplan.cli.completion import concept_terms

# Use cases and views are imported inside each command: `--help` and completion load every
# command module, and only the command being run should pay for its own (cli/__init__.py).


def _complete_concepts(incomplete: str) -> list[str]:
    return [t for t in concept_terms() if t.lower().startswith(incomplete.lower())]


def concept(
    ctx: typer.Context,
    query: Annotated[list[str], typer.Argument(help="A term, abbreviation or alias in English or Japanese.", autocompletion=_complete_concepts, show_default=False)],
    lang: LangOpt = None,
    json_: JsonOpt = False,
) -> None:
    """What does this term mean? Exact match first, then the closest concepts.

    Example: studyplan concept perplexity   ·   studyplan concept 過学習
    """
    from studyplan.app import knowledge
    from studyplan.render.knowledge import concept_view

    session = session_of(ctx)
    emit(ctx, knowledge.concept(session, " ".join(query), session.lang(lang)), concept_view, json_)


def concepts(
    ctx: typer.Context,
    module: Annotated[Optional[str], typer.Option("--module", "-m", help="Only concepts taught in this module.", show_default=False)] = None,
    search: Annotated[Optional[str], typer.Option("--search", "-s", help="Only concepts whose term, alias or definition contains this.", show_default=False)] = None,
    lang: LangOpt = None,
    json_: JsonOpt = False,
) -> None:
    """A table of the glossary's concepts.

    Example: studyplan concepts --module dl-intro
    """
    from studyplan.app import knowledge
    from studyplan.render.knowledge import concepts_view

    session = session_of(ctx)
    emit(ctx, knowledge.concepts(session, session.lang(lang), module, search), concepts_view, json_)


def history(
    ctx: typer.Context,
    from_year: Annotated[Optional[int], typer.Option("--from", help="First year to show.", show_default=False)] = None,
    to_year: Annotated[Optional[int], typer.Option("--to", help="Last year to show.", show_default=False)] = None,
    tag: Annotated[Optional[str], typer.Option("--tag", help="Only events with this tag (vision, language, scaling, …).", show_default=False)] = None,
    chart: Annotated[bool, typer.Option("--chart", help="Draw the map's chart: model size (log) and ImageNet error, 2010–2024.")] = False,
    lang: Annotated[Optional[str], typer.Option("--lang", help="en, ja or zh-Hant.", show_default=False)] = None,
    json_: JsonOpt = False,
) -> None:
    """The breakthroughs of 2012–2024, by era; events your finished modules cover are marked.

    Example: studyplan history --from 2017 --tag language --lang zh-Hant
    """
    from studyplan.app import knowledge
    from studyplan.render.knowledge import chart_view, history_view

    session = session_of(ctx)
    language = session.lang(lang, allowed=("en", "ja", "zh-Hant"))
    if chart:
        emit(ctx, knowledge.chart(session, language if language != "zh-Hant" else "en"), chart_view, json_)
        return
    emit(ctx, knowledge.history(session, language, from_year, to_year, tag), history_view, json_)


def read(
    ctx: typer.Context,
    reading: Annotated[str, typer.Argument(help="A reading id, e.g. pace-of-progress (listed by `studyplan show MODULE`).")],
    lang: LangOpt = None,
    json_: JsonOpt = False,
) -> None:
    """Read a text attached to a module, rendered as Markdown.

    Example: studyplan read pace-of-progress --lang ja
    """
    from studyplan.app import knowledge
    from studyplan.render.knowledge import reading_view

    session = session_of(ctx)
    emit(ctx, knowledge.reading(session, reading, session.lang(lang)), reading_view, json_)
