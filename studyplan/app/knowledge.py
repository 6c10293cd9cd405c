"""Use cases of the glossary, the history of the field and the readings."""

from __future__ import annotations

from studyplan.app import refs
from studyplan.app.session import Session
from studyplan.domain.glossary import (
    ConceptResult,
    ConceptRow,
    ConceptsResult,
    Glossary,
    GlossaryExport,
    card,
    glossary_export,
)
from studyplan.domain.history import (
    ChartResult,
    HistoryResult,
    all_tags,
    build_chart,
    build_history,
)
from studyplan.domain.readings import (
    ReadingList,
    ReadingResult,
    build_list,
    build_reading,
)
from studyplan.domain.text import stored_text
from studyplan.errors import NotFound, UsageError
from studyplan.locale import msg


def concept(session: Session, query: str, lang: str) -> ConceptResult:
    query = stored_text(query)  # it is stored with the lookup
    if not query.strip():
        raise UsageError(msg("give a term to look up, e.g. `studyplan concept perplexity`"))
    curriculum = session.curriculum
    if not curriculum.concepts:
        raise NotFound(msg("the curriculum '{curriculum}' has no glossary", curriculum=curriculum.id))
    found = Glossary(curriculum).lookup(query)
    if found.kind == "none":
        raise NotFound(msg("no concept matches '{query}'; `studyplan concepts` lists all {count}, "
                           "`studyplan concepts --search WORD` looks through their terms and "
                           "definitions", query=query, count=len(curriculum.concepts)))
    if found.kind == "ambiguous":
        candidates = tuple({"id": m.concept.id, "term": m.concept.term.get(lang), "score": float(m.score), "matched": m.matched} for m in found.matches)
        return ConceptResult(query, "ambiguous", lang, None, candidates)
    hit = found.matches[0].concept
    session.store.record_lookup(session.profile.id, hit.id, query, session.timestamp(), session.study_day())
    return ConceptResult(query, found.kind, lang, card(curriculum, hit, lang, refs.module_statuses(session)), ())


def _selected(session: Session, module: str | None, search: str | None) -> list:
    """The glossary's concepts, only those of ``module`` and matching ``search`` when given."""
    curriculum = session.curriculum
    items = list(curriculum.concepts)
    if module:
        mid = refs.resolve_module(session, module)
        items = [c for c in items if mid in c.modules]
    if search:
        allowed = {c.id for c in items}
        items = [c for c in Glossary(curriculum).search(search) if c.id in allowed]
    return items


def glossary(session: Session, lang: str, module: str | None, search: str | None) -> GlossaryExport:
    """The same concepts as ``concepts``, each in both languages with its definitions (for Anki)."""
    return glossary_export(session.curriculum.id, _selected(session, module, search), lang)


def concepts(session: Session, lang: str, module: str | None, search: str | None) -> ConceptsResult:
    items = _selected(session, module, search)
    seen = session.store.looked_up(session.profile.id)
    other = "ja" if lang != "ja" else "en"
    rows = tuple(ConceptRow(c.id, c.term.get(lang), c.term.get(other), c.modules, c.id in seen) for c in items)
    return ConceptsResult(lang, module, search, rows)


def history(session: Session, lang: str, from_year: int | None, to_year: int | None, tag: str | None) -> HistoryResult:
    curriculum = session.curriculum
    if tag is not None and tag not in all_tags(curriculum):
        raise UsageError(msg("no tag '{tag}'; tags: {tags}", tag=tag, tags=', '.join(all_tags(curriculum))))
    if from_year is not None and to_year is not None and from_year > to_year:
        raise UsageError(msg("--from {from_year} is after --to {to_year}; swap them", from_year=from_year, to_year=to_year))
    done = {m for m, s in refs.module_statuses(session).items() if s == "done"}
    return build_history(curriculum, lang, done, from_year, to_year, tag)


def chart(session: Session, lang: str) -> ChartResult:
    result = build_chart(session.curriculum, lang)
    if result is None:
        raise NotFound(msg("the curriculum '{curriculum}' has no chart", curriculum=session.curriculum.id))
    return result


def readings(session: Session, lang: str) -> ReadingList:
    return build_list(session.curriculum.readings, lang)


def reading(session: Session, reading_id: str, lang: str) -> ReadingResult:
    found = session.curriculum.reading(reading_id)
    if found is None:
        known = ", ".join(r.id for r in session.curriculum.readings) or "none"
        raise UsageError(msg("no reading '{reading_id}' (readings: {known})", reading_id=reading_id, known=known))
    return build_reading(found, lang)
