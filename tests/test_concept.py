"""`studyplan concept` / `concepts`: exact in any language, aliases, fuzzy, no match."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from studyplan.domain.curriculum import Curriculum
from studyplan.domain.glossary import Glossary, normalize
from studyplan.domain.loader import validate_directory

BUNDLED = Path(__file__).resolve().parents[1] / "curricula" / "ml-dl-gpt"
CURRICULUM = Curriculum.from_data(validate_directory(BUNDLED))


def test_the_glossary_has_all_100_definitions_linked_both_ways():
    concepts = CURRICULUM.concepts
    assert len(concepts) == 100 and sorted(c.source for c in concepts) == list(range(1, 101))
    for c in concepts:
        assert c.term.values["en"] and c.term.values["ja"] and c.definition.values["en"] and c.definition.values["ja"], c.id
        assert c.modules, c.id
    for m in CURRICULUM.modules:
        assert CURRICULUM.concepts_of(m.id), f"module {m.id} lists no concepts"


@pytest.mark.parametrize("concept", CURRICULUM.concepts, ids=lambda c: c.id)
def test_every_concept_is_found_by_its_english_and_japanese_term(concept):
    g = Glossary(CURRICULUM)
    assert g.lookup(concept.term.values["en"]).matches[0].concept.id == concept.id
    assert g.lookup(concept.term.values["ja"]).matches[0].concept.id == concept.id
    assert g.lookup(concept.term.values["en"]).kind == "exact"


@pytest.mark.parametrize("alias, expected", [
    ("RLHF", "rlhf"), ("ＲＬＨＦ", "rlhf"), ("GAN", "gan"), ("LSTM", "lstm-gru"), ("GRU", "lstm-gru"),
    ("AUC", None), ("top-p", "top-k-top-p"), ("Top P", "top-k-top-p"),
    ("top p", "top-k-top-p"), ("nucleus sampling", "top-k-top-p"), ("過学習", "overfitting"), ("勾配消失", "exploding-vanishing-gradients"),
    ("precision", "precision-recall"), ("再現率", "precision-recall"),
])
def test_aliases_and_two_concept_lines(alias, expected):
    match = Glossary(CURRICULUM).lookup(alias)
    assert match.kind == "exact", alias
    if expected:
        assert match.matches[0].concept.id == expected


def test_normalisation_folds_width_case_and_separators():
    assert normalize("Top-P") == normalize("top p") == normalize("ｔｏｐ－ｐ") == "topp"


def test_card_shows_both_terms_modules_with_status_and_records_the_lookup(sp, db_path):
    sp("start", "gpt-context")
    out = sp("concept", "perplexity").stdout
    assert "Perplexity" in out and "パープレキシティ" in out and "gpt-context" in out and "in progress" in out
    assert "(gpt-context ▶ in progress)" in out
    ja = sp("concept", "perplexity", "--lang", "ja").stdout
    assert "パープレキシティ" in ja and "確率モデル" in ja
    rows = sqlite3.connect(db_path).execute("SELECT concept, query FROM lookups").fetchall()
    assert rows == [("perplexity", "perplexity"), ("perplexity", "perplexity")]


def test_a_misspelling_finds_the_concept(sp):
    data = sp.json("concept", "overfiting")
    assert data["match"] == "fuzzy" and data["card"]["id"] == "overfitting"
    data = sp.json("concept", "perplexty")
    assert data["card"]["id"] == "perplexity"


def test_history_events_are_on_the_card(sp):
    data = sp.json("concept", "GAN")
    assert any(e["id"] == "gan" and e["year"] == 2014 for e in data["card"]["events"])


def test_no_match_exits_1_with_a_hint(sp, db_path):
    result = sp("concept", "zzzzqqqxx", ok=False)
    assert result.exit_code == 1
    assert "studyplan concepts --search" in result.stderr and "Traceback" not in result.stderr


def test_concepts_that_match_nothing_say_so(sp):
    assert "No concepts match --search zzzz." in sp("concepts", "--search", "zzzz").stdout
    assert "該当する概念はありません(--search zzzz)" in sp("concepts", "--search", "zzzz", "--lang", "ja").stdout
    assert sp.json("concepts", "--search", "zzzz")["concepts"] == []


def test_concepts_table_filters_and_json(sp):
    data = sp.json("concepts", "--module", "dl-intro")
    ids = {c["id"] for c in data["concepts"]}
    assert "overfitting" in ids and all("dl-intro" in c["modules"] for c in data["concepts"])
    found = sp.json("concepts", "--search", "nucleus")
    assert [c["id"] for c in found["concepts"]] == ["top-k-top-p"]
    assert len(sp.json("concepts")["concepts"]) == 100
    text = sp("concepts", "--search", "nucleus").stdout
    assert "top-k-top-p" in text


def test_a_term_written_the_same_in_both_languages_is_named_once(sp):
    out = sp("concept", "rlhf").stdout
    assert "RLHF / RLHF" not in out and "RLHF" in out
    assert "Overfitting / 過学習" in sp("concept", "overfitting").stdout
