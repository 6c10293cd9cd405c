"""Concept lookup that knows when it does not know.

In order, stopping at the first that answers:

1. the question words are dropped ("what is …", "define …", "…とは", "…って何");
2. a whole term, id, alias or abbreviation (the "(AUC)" of a term) in any language —
   normalised, so ``top p``, ``Top-P`` and ``ｔｏｐ－ｐ`` are one key — is an *exact* hit;
3. the start of exactly one term ("perplex") is a hit;
4. a misspelling close to one term or alias (rapidfuzz's ``ratio`` and
   ``token_sort_ratio``, no partial matching) is a *fuzzy* hit, and several close
   ones are *ambiguous* candidates;
5. the query's words inside longer terms, then a whole word (or, in Japanese, a run
   of characters) of the definitions in both languages, give candidates;
6. nothing above the threshold is *none*: the CLI says there is no match (exit 1).
"""

from __future__ import annotations

import re
import unicodedata
from typing import TypedDict

from studyplan.domain.content import Concept
from studyplan.domain.curriculum import Curriculum
from studyplan.record import Record

_SEPARATORS = re.compile(r"[\s\-_‐‑‒–—―・·.'’()（）/]+")
_ABBREVIATION = re.compile(r"[(（]([^()（）]{2,12})[)）]")
_QUESTION_BEFORE = re.compile(
    r"^\s*(?:(?:what|who)(?:\s+(?:is|are|was|were)|'s|’s)|define|definition\s+of|meaning\s+of|explain|tell\s+me\s+about)\s+"
    r"(?:(?:an?|the)\s+)?", re.IGNORECASE)
_QUESTION_AFTER = re.compile(
    r"(?:\s*(?:とは(?:何|なに|なん)?(?:ですか|でしょうか)?|って(?:何|なに|なん)(?:ですか|でしょうか)?|は(?:何|なに)(?:ですか)?"
    r"|の意味(?:は)?|について(?:教えて(?:ください)?)?|を教えて(?:ください)?|\s+mean(?:s)?))?\s*[?？!！。]*\s*$", re.IGNORECASE)
_LATIN_WORD = re.compile(r"^[0-9a-z][0-9a-z\s\-]*$")
CLEAR_WIN = 85.0  # a fuzzy best match at or above this, well ahead of the next, is shown as a card
MARGIN = 8.0
CANDIDATE = 75.0  # below this nothing is "close"
PREFIX_MIN = 5  # "perplex" names one term; "gra" names many
PREFIX_SHARE = 0.6  # and most of it: "perplex" is perplexity, "gradient" is not gradient boosting
TERM_WORD_SCORE = 80.0  # the query's words inside a longer term: a candidate
DEFINITION_SCORE = 70.0  # a word found in a definition: a candidate, never a card


def normalize(text: str) -> str:
    return _SEPARATORS.sub("", unicodedata.normalize("NFKC", text).casefold())


def strip_question(text: str) -> str:
    """The term inside a question: "what is RLHF?" -> "RLHF", "過学習とは" -> "過学習"."""
    plain = unicodedata.normalize("NFKC", text).strip()
    inner = _QUESTION_AFTER.sub("", _QUESTION_BEFORE.sub("", plain))
    return inner.strip() or plain


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
            shown += [m.group(1) for t in c.term.values.values() for m in _ABBREVIATION.finditer(t)]
            shown += [_ABBREVIATION.sub("", t).strip() for t in c.term.values.values() if _ABBREVIATION.search(t)]
            for s in shown:
                key = normalize(s)
                if key:
                    self.keys.setdefault(key, c.id)
                    self.names.append((key, s, c.id))

    def exact(self, query: str) -> Concept | None:
        cid = self.keys.get(normalize(query)) or self.keys.get(normalize(strip_question(query)))
        return self.curriculum.concept(cid) if cid else None

    def lookup(self, query: str, limit: int = 5) -> Lookup:
        hit = self.exact(query)
        if hit is not None:
            return Lookup(query, "exact", (Match(hit, 100.0, query),))
        asked = strip_question(query)
        key = normalize(asked)
        if len(key) >= PREFIX_MIN:
            starts = {cid for k, _s, cid in self.names if k.startswith(key) and len(key) >= PREFIX_SHARE * len(k)}
            if len(starts) == 1:
                found = self.curriculum.concept(starts.pop())
                return Lookup(query, "fuzzy", (Match(found, 90.0, asked),))
        ranked = self.rank(asked, limit)
        close = [m for m in ranked if m.score >= CANDIDATE]
        if close and close[0].score >= CLEAR_WIN and (len(close) == 1 or close[0].score - close[1].score >= MARGIN):
            return Lookup(query, "fuzzy", (close[0],))
        candidates = close
        for extra in (self.in_terms(asked), self.in_definitions(asked)):
            seen = {c.concept.id for c in candidates}
            candidates = candidates + [m for m in extra if m.concept.id not in seen]
        candidates = candidates[:limit]
        if not candidates:
            return Lookup(query, "none", ())
        return Lookup(query, "ambiguous", tuple(candidates))

    def rank(self, query: str, limit: int = 5) -> list[Match]:
        """Terms and aliases spelled like ``query``: whole strings compared, never a part of one."""
        from rapidfuzz import fuzz, process  # only when no term matches exactly

        key = normalize(query)
        if not key:
            return []
        words = " ".join(unicodedata.normalize("NFKC", query).casefold().split())
        best: dict[str, tuple[float, str]] = {}
        choices = [n[0] for n in self.names]
        for _choice, score, index in process.extract(key, choices, scorer=fuzz.ratio, limit=limit * 8, score_cutoff=60):
            _, shown, cid = self.names[index]
            if len(key) <= 3:  # very short keys (RL, ML) must not fuzzy-match every short alias
                score *= 0.8
            if score > best.get(cid, (0.0, ""))[0]:
                best[cid] = (score, shown)
        if " " in words:
            spelled = [" ".join(n[1].casefold().split()) for n in self.names]
            for _choice, score, index in process.extract(words, spelled, scorer=fuzz.token_sort_ratio, limit=limit * 4, score_cutoff=60):
                _, shown, cid = self.names[index]
                if score > best.get(cid, (0.0, ""))[0]:
                    best[cid] = (score, shown)
        ordered = sorted(best.items(), key=lambda kv: (-kv[1][0], kv[0]))[:limit]
        return [Match(self.curriculum.concept(cid), round(score, 1), shown) for cid, (score, shown) in ordered]

    def in_terms(self, query: str) -> list[Match]:
        """Concepts with a term or alias holding every word of ``query`` as a whole word."""
        text = unicodedata.normalize("NFKC", query).casefold().strip()
        if not _LATIN_WORD.match(text) or len(normalize(text)) < 3:
            return []
        patterns = [re.compile(rf"\b{re.escape(w)}\b") for w in text.replace("-", " ").split()]
        out: dict[str, Match] = {}
        for _key, shown, cid in self.names:
            if cid not in out and all(p.search(shown.casefold()) for p in patterns):
                out[cid] = Match(self.curriculum.concept(cid), TERM_WORD_SCORE, shown)
        return list(out.values())

    def in_definitions(self, query: str) -> list[Match]:
        """Concepts whose definition (English or Japanese) holds ``query`` as a whole word
        (a run of characters for Japanese); every word of a longer query must be there."""
        text = unicodedata.normalize("NFKC", query).casefold().strip()
        if len(normalize(text)) < 2 or (_LATIN_WORD.match(text) and len(normalize(text)) < 4):
            return []
        if _LATIN_WORD.match(text):
            patterns = [re.compile(rf"\b{re.escape(w)}\b") for w in text.replace("-", " ").split()]
        else:
            patterns = [re.compile(re.escape(text))]
        out = []
        for c in self.curriculum.concepts:
            hay = " ".join(unicodedata.normalize("NFKC", d).casefold() for d in c.definition.values.values())
            if all(p.search(hay) for p in patterns):
                out.append(Match(c, DEFINITION_SCORE, "definition"))
        return out

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


class Candidate(TypedDict):
    """A concept an ambiguous query may mean."""  # a plain dict, typed for --json

    id: str
    term: str
    score: float  # 0-100: how closely the query matched
    matched: str  # the term, alias or "definition" that matched


class ConceptResult(Record):
    query: str
    match: str  # exact | fuzzy | ambiguous
    lang: str
    card: ConceptCard | None
    candidates: tuple[Candidate, ...]


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


class GlossaryEntry(Record):
    """A concept in two languages, for a flashcard export (``concepts --format anki``)."""

    id: str
    term: str  # in the chosen language
    other_term: str  # in the other one (en <-> ja)
    definition: str
    other_definition: str
    modules: tuple[str, ...]


class GlossaryExport(Record):
    curriculum: str
    lang: str
    other_lang: str
    entries: tuple[GlossaryEntry, ...]


def glossary_export(curriculum_id: str, concepts: list[Concept], lang: str) -> GlossaryExport:
    other = "ja" if lang != "ja" else "en"
    entries = tuple(GlossaryEntry(c.id, c.term.get(lang), c.term.get(other), c.definition.get(lang), c.definition.get(other), c.modules)
                    for c in concepts)
    return GlossaryExport(curriculum_id, lang, other, entries)
