"""``concept``, ``concepts``, ``history`` and ``read``: the knowledge around the plan."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Optional

import typer

from studyplan.cli import fast
from studyplan.cli.common import JsonOpt, LangOpt, PlainOpt, emit, run_of, session_of
from studyplan.errors import UsageError
from studyplan.locale import msg, nt

# Use cases and views are imported inside each command: `--help` and completion load every
# command module, and only the command being run should pay for its own (cli/__init__.py).


def concept(
    ctx: typer.Context,
    query: Annotated[list[str], typer.Argument(metavar="TERM...", help="A term, abbreviation or alias in English or Japanese.", show_default=False)],
    lang: LangOpt = None,
    json_: JsonOpt = False,
) -> None:
    """What does this term mean? Exact match first, then the closest concepts.

    Example: studyplan concept perplexity   ·   studyplan concept 過学習
    """
    fast.concept(run_of(ctx), query, lang, json_)  # the body cli/fast.py runs without typer


def concepts(
    ctx: typer.Context,
    module: Annotated[Optional[str], typer.Option("--module", "-m", metavar="MODULE", help="Only concepts taught in this module.", show_default=False)] = None,
    search: Annotated[Optional[str], typer.Option("--search", "-s", metavar="WORDS", help="Only concepts whose term, alias or definition contains this.", show_default=False)] = None,
    lang: LangOpt = None,
    format_: Annotated[str, typer.Option("--format", "-f", metavar="FORMAT", help="table, or anki: a text file for Anki's File > Import, one note per concept.")] = "table",
    output: Annotated[Optional[Path], typer.Option("--output", "-o", metavar="FILE", help="With --format anki: write to this file (atomically); - for standard output.", show_default=False)] = None,
    plain: PlainOpt = False,
    json_: JsonOpt = False,
) -> None:
    """A table of the glossary's concepts.

    `--format anki` writes Anki's text import format (tab-separated, HTML with
    everything from data escaped; Anki 2.1.54+): a note per concept for the Basic
    note type. Front: the term, in --lang then the other language; Back: both
    definitions; Tags: the modules, as studyplan::MODULE. Re-importing a newer file
    updates the notes (Anki matches the first field).

    Example: studyplan concepts --format anki --output glossary.txt
    """
    from studyplan.app import knowledge
    from studyplan.render.knowledge import concepts_view

    if format_ not in ("table", "anki"):
        raise UsageError(msg("--format '{format}' is not a format of `concepts`; use table or anki", format=format_))
    if output is not None and format_ != "anki":
        raise UsageError(msg("--output writes the Anki file; add --format anki"))
    if format_ == "anki" and (json_ or plain):
        raise UsageError(msg("--format anki and {option} exclude each other; pick one", option='--json' if json_ else '--plain'))
    session = session_of(ctx)
    if format_ == "anki":
        from studyplan.cli.output import deliver, target_of
        from studyplan.render.anki import anki_text

        target = target_of(output, "glossary.txt")
        language = session.lang(lang)
        result = knowledge.glossary(session, language, module, search)
        deliver(ctx, anki_text(result), target, nt(language, ": {n} note for Anki (File > Import)", ": {n} notes for Anki (File > Import)",
                                                   len(result.entries)), language)
        return
    emit(ctx, knowledge.concepts(session, session.lang(lang), module, search), concepts_view, json_, plain, page=True)


def history(
    ctx: typer.Context,
    from_year: Annotated[Optional[int], typer.Option("--from", metavar="YEAR", help="First year to show.", show_default=False)] = None,
    to_year: Annotated[Optional[int], typer.Option("--to", metavar="YEAR", help="Last year to show.", show_default=False)] = None,
    tag: Annotated[Optional[str], typer.Option("--tag", metavar="TAG", help="Only events with this tag (vision, language, scaling, …).", show_default=False)] = None,
    chart: Annotated[bool, typer.Option("--chart", help="Draw the map's chart: model size (log) and ImageNet error, 2010–2024.")] = False,
    lang: Annotated[Optional[str], typer.Option("--lang", metavar="LANG", help="en, ja or zh-Hant.", show_default=False)] = None,
    plain: Annotated[bool, typer.Option("--plain", help="Tab-separated rows under a header line (era, year, year_end, id, name, who, tags, covered, description).")] = False,
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
        if plain:
            raise UsageError(msg("--plain lists the breakthroughs as rows; leave out --chart"))
        emit(ctx, knowledge.chart(session, language if language != "zh-Hant" else "en"), chart_view, json_)
        return
    from studyplan.render.tabular import history_rows

    emit(ctx, knowledge.history(session, language, from_year, to_year, tag), history_view, json_, plain, rows=history_rows, page=True)


def read(
    ctx: typer.Context,
    reading: Annotated[Optional[str], typer.Argument(metavar="READING", help="A reading id, e.g. pace-of-progress (without one: the list of readings).", show_default=False)] = None,
    list_: Annotated[bool, typer.Option("--list", help="List the readings: id, module and title (the default without READING).")] = False,
    lang: LangOpt = None,
    plain: PlainOpt = False,
    json_: JsonOpt = False,
) -> None:
    """Read a text attached to a module, rendered as Markdown; without READING, list them.

    Example: studyplan read pace-of-progress --lang ja   ·   studyplan read
    """
    from studyplan.app import knowledge
    from studyplan.render.knowledge import reading_list_view, reading_view

    session = session_of(ctx)
    if reading is None or list_:
        if reading is not None:
            raise UsageError(msg("--list lists every reading; leave out READING, or read it with `studyplan read {reading}`", reading=reading))
        emit(ctx, knowledge.readings(session, session.lang(lang)), reading_list_view, json_, plain)
        return
    if plain:
        raise UsageError(msg("--plain lists the readings as rows; leave out READING"))
    emit(ctx, knowledge.reading(session, reading, session.lang(lang)), reading_view, json_, page=True)
