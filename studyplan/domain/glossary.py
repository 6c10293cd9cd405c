"""Concept lookup: exact (any language, any width, any hyphenation) then fuzzy.

Normalisation folds case, full-width forms (NFKC) and separators, so ``top p``,
``Top-P`` and ``ｔｏｐ－ｐ`` are the same key. Fuzzy ranking uses rapidfuzz over
terms and aliases in both languages and, with less weight, the definitions.
"""

from __future__ import annotations

import re
import unicodedata

from studyplan.domain.content import Concept
from studyplan.domain.curriculum import Curriculum
from studyplan.record import Record

_SEPARATORS = re.compile(r"[\s\-_‐‑‒–—―・·.'’()（）/]+")
CLEAR_WIN = 85.0  # a fuzzy best match at or above this, well ahead of the next, is shown as a card
MARGIN = 8.0
CANDIDATE = 60.0  # below this nothing is "close"


def normalize(text: str) -> str:
    return _SEPARATORS.sub("", unicodedata.normalize("NFKC", text).casefold())


class Match(Record):
    concept: Concept
    score: float
    matched: str  # the term, alias or "definition" that matched


class Lookup(Record):
    query: str
    kind: str  # exact | fuzzy | ambiguous | none
    matches: tuple[Match, ...]


class Glossary:
    def __init__(self, curriculum: Curriculum) -> None:
        self.curriculum = curriculum
        self.keys: dict[str, str] = {}
        self.names: list[tuple[str, str, str]] = []  # (normalized, shown, concept id)
        for c in curriculum.concepts:
            shown = [c.id, *c.term.values.values(), *c.aliases]
            for s in shown:
                key = normalize(s)
                if key:
                    self.keys.setdefault(key, c.id)
                    self.names.append((key, s, c.id))

    def exact(self, query: str) -> Concept | None:
        cid = self.keys.get(normalize(query))
        return self.curriculum.concept(cid) if cid else None

    def lookup(self, query: str, limit: int = 5) -> Lookup:
        hit = self.exact(query)
        if hit is not None:
            return Lookup(query, "exact", (Match(hit, 100.0, query),))
        ranked = self.rank(query, limit)
        close = [m for m in ranked if m.score >= CANDIDATE]
        if not close:
            return Lookup(query, "none", ())
        if close[0].score >= CLEAR_WIN and (len(close) == 1 or close[0].score - close[1].score >= MARGIN):
            return Lookup(query, "fuzzy", (close[0],))
        return Lookup(query, "ambiguous", tuple(close))

    def rank(self, query: str, limit: int = 5) -> list[Match]:
        from rapidfuzz import fuzz, process  # only when no term matches exactly

        key = normalize(query)
        if not key:
            return []
        best: dict[str, tuple[float, str]] = {}
        choices = [n[0] for n in self.names]
        for _choice, score, index in process.extract(key, choices, scorer=fuzz.WRatio, limit=limit * 8, score_cutoff=40):
            _, shown, cid = self.names[index]
            # Very short keys (RL, ML) must not fuzzy-match everything that contains them.
            if len(key) <= 3 and score < 100:
                score *= 0.8
            if score > best.get(cid, (0.0, ""))[0]:
                best[cid] = (score, shown)
        if len(key) >= 4:
            texts = [normalize(" ".join(c.definition.values.values())) for c in self.curriculum.concepts]
            for _choice, score, index in process.extract(key, texts, scorer=fuzz.partial_ratio, limit=limit * 2, score_cutoff=80):
                cid = self.curriculum.concepts[index].id
                weighted = score * 0.75
                if weighted > best.get(cid, (0.0, ""))[0]:
                    best[cid] = (weighted, "definition")
        ordered = sorted(best.items(), key=lambda kv: (-kv[1][0], kv[0]))[:limit]
        return [Match(self.curriculum.concept(cid), round(score, 1), shown) for cid, (score, shown) in ordered]

    def search(self, text: str) -> list[Concept]:
        """Concepts whose term, alias or definition contains ``text`` (normalised)."""
        key = normalize(text)
        out = []
        for c in self.curriculum.concepts:
            hay = [normalize(s) for s in (c.id, *c.term.values.values(), *c.aliases, *c.definition.values.values())]
            if any(key in h for h in hay):
                out.append(c)
        if out:
            return out
        return [m.concept for m in self.rank(text, 10) if m.score >= CANDIDATE]


# -- results -------------------------------------------------------------------------
class Ref(Record):
    id: str
    title: str
    status: str | None = None


class EventRef(Record):
    id: str
    year: int
    name: str


class ConceptCard(Record):
    id: str
    term_en: str
    term_ja: str
    lang: str
    definition: str
    aliases: tuple[str, ...]
    related: tuple[Ref, ...]
    modules: tuple[Ref, ...]
    events: tuple[EventRef, ...]
    source: int | None


class ConceptResult(Record):
    query: str
    match: str  # exact | fuzzy | ambiguous
    lang: str
    card: ConceptCard | None
    candidates: tuple[dict, ...]


def card(curriculum: Curriculum, concept: Concept, lang: str, module_status: dict[str, str]) -> ConceptCard:
    return ConceptCard(
        id=concept.id, term_en=concept.term.get("en"), term_ja=concept.term.get("ja"), lang=lang,
        definition=concept.definition.get(lang), aliases=concept.aliases,
        related=tuple(Ref(r, curriculum.concept(r).term.get(lang)) for r in concept.related if curriculum.concept(r)),
        modules=tuple(Ref(m, curriculum.module(m).title.get(lang), module_status.get(m, "todo")) for m in concept.modules if curriculum.module(m)),
        events=tuple(EventRef(e.id, e.year, e.name.get(lang)) for e in curriculum.events_of_concept(concept.id)),
        source=concept.source,
    )


class ConceptRow(Record):
    id: str
    term: str
    other_term: str
    modules: tuple[str, ...]
    looked_up: bool


class ConceptsResult(Record):
    lang: str
    module: str | None
    search: str | None
    concepts: tuple[ConceptRow, ...]
