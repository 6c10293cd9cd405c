"""A set of lookups a learner types, each with the concept it must open or "no match".

Real terms in both languages, question forms, abbreviations, misspellings and nonsense.
``card`` means the concept's card is shown (an exact or a clear fuzzy hit); ``among``
means no card, but the concept is among the candidates listed; ``None`` means no match
(exit 1 and a hint that finds results).
"""

from __future__ import annotations

import pytest

CARD = [
    # terms, both languages
    ("perplexity", "perplexity"), ("パープレキシティ", "perplexity"), ("過学習", "overfitting"),
    ("Overfitting", "overfitting"), ("強化学習", "reinforcement-learning"), ("learning rate", "learning-rate"),
    ("self attention", "self-attention"), ("Self-Attention", "self-attention"),
    # question forms
    ("what is rlhf", "rlhf"), ("What is RLHF?", "rlhf"), ("what are transformers", "transformer"),
    ("what's overfitting", "overfitting"), ("define perplexity", "perplexity"), ("explain dropout", "dropout"),
    ("過学習とは", "overfitting"), ("過学習って何", "overfitting"), ("過学習とは何ですか？", "overfitting"),
    ("Transformerって何ですか？", "transformer"), ("パープレキシティの意味", "perplexity"),
    # abbreviations and aliases
    ("RLHF", "rlhf"), ("ＲＬＨＦ", "rlhf"), ("GAN", "gan"), ("AUC", "roc-auc"), ("ML", "machine-learning"),
    ("教師付き学習", "supervised-learning"), ("vanishing gradient", "exploding-vanishing-gradients"),
    # misspellings and a word's start
    ("overfiting", "overfitting"), ("perplexty", "perplexity"), ("transfomer", "transformer"),
    ("perplex", "perplexity"), ("reinforcement", "reinforcement-learning"),
]
AMONG = [
    ("attention", "self-attention"), ("gradient", "exploding-vanishing-gradients"),
    ("ROC curve", "roc-auc"), ("強化", "rlhf"),
]
NOTHING = ["hello world", "zzqqxxy-nothing", "qwerty", "lora", "backprop", "banana bread", "asdf", "今日の天気"]


@pytest.mark.parametrize("query, expected", CARD)
def test_the_lookup_opens_the_card(sp, query, expected):
    data = sp.json("concept", query)
    assert data["match"] in ("exact", "fuzzy") and data["card"]["id"] == expected, data["candidates"]


@pytest.mark.parametrize("query, expected", AMONG)
def test_a_broad_word_lists_candidates_instead_of_guessing(sp, query, expected):
    data = sp.json("concept", query)
    assert data["match"] == "ambiguous" and data["card"] is None
    assert expected in [c["id"] for c in data["candidates"]]


@pytest.mark.parametrize("query", NOTHING)
def test_nonsense_is_no_match_exit_1_with_a_hint(sp, query):
    result = sp("concept", query, ok=False)
    assert result.exit_code == 1 and result.stdout == ""
    assert f"no concept matches '{query}'" in result.stderr
    assert "`studyplan concepts`" in result.stderr and "Traceback" not in result.stderr
    assert len(sp.json("concepts")["concepts"]) == 100  # the hint's command finds results


def test_no_match_records_no_lookup(sp, db_path):
    import sqlite3

    sp("concept", "qwerty", ok=False)
    sp("concept", "what is rlhf")
    rows = sqlite3.connect(db_path).execute("SELECT concept, query FROM lookups").fetchall()
    assert rows == [("rlhf", "what is rlhf")]
