"""The bundled curriculum's content, read against its sources (/work/shared/seeds, see its README).

One test per content correction. The curriculum is read the way a learner meets it,
through the CLI (`sp`), or as the raw YAML files (yaml.safe_load); studyplan's own
modules are not imported, so these tests do not depend on where the code lives.
"""

from __future__ import annotations

import json
import re
import unicodedata
from pathlib import Path

import pytest
import yaml

BUNDLED = Path(__file__).resolve().parents[1] / "curricula" / "ml-dl-gpt"
FILES = ("curriculum.yaml", "modules.yaml", "concepts.yaml", "history.yaml", "readings.yaml")


def raw(name: str):
    return yaml.safe_load((BUNDLED / name).read_text(encoding="utf-8"))


def strings(node, path=()):
    """Every string in a YAML document, with where it is (keys and list indexes)."""
    if isinstance(node, dict):
        for key, value in node.items():
            yield from strings(value, (*path, str(key)))
    elif isinstance(node, list):
        for i, value in enumerate(node):
            yield from strings(value, (*path, str(i)))
    elif isinstance(node, str):
        yield ".".join(path), node


# Han (with extensions and compatibility ideographs), Hiragana, Katakana (with the
# phonetic extensions), and fullwidth punctuation: CJK Symbols and Punctuation and
# Halfwidth and Fullwidth Forms.
CJK = (
    "\u3000-\u303f"  # CJK symbols and punctuation: 、。「」〜
    "\u3040-\u309f"  # Hiragana
    "\u30a0-\u30ff"  # Katakana, with ・ and ー
    "\u31f0-\u31ff"  # Katakana phonetic extensions
    "\u3400-\u4dbf"  # CJK unified ideographs extension A
    "\u4e00-\u9fff"  # CJK unified ideographs
    "\uf900-\ufaff"  # CJK compatibility ideographs
    "\uff00-\uffef"  # halfwidth and fullwidth forms: （）：，
    "\U00020000-\U0003134f"  # CJK unified ideographs extensions B-G
)
SPACE_BETWEEN_CJK = re.compile(f"[{CJK}]\\s+[{CJK}]")


def test_the_cjk_class_is_what_the_check_needs():
    for good in ("漢字", "ひらがな", "カタカナー", "、。「」", "（）：，", "學習"):
        assert all(re.fullmatch(f"[{CJK}]", ch) for ch in good), good
    assert not re.search(f"[{CJK}]", "ASCII text, 2024 (x) - e.g.")
    assert SPACE_BETWEEN_CJK.search("参照して ください") and SPACE_BETWEEN_CJK.search("を\n初心者")
    assert not SPACE_BETWEEN_CJK.search("Ioffe と Szegedy") and not SPACE_BETWEEN_CJK.search("基礎概念 (初心者レベル)")


@pytest.mark.parametrize("name", FILES)
def test_no_whitespace_between_two_cjk_characters(name):
    """YAML folding joins lines with a space; between CJK characters that space is a typo."""
    bad = [f"{where}: …{text[max(0, m.start() - 6):m.end() + 6]!r}…"
           for where, text in strings(raw(name)) for m in SPACE_BETWEEN_CJK.finditer(text)]
    assert bad == [], f"{name}: whitespace between CJK characters:\n" + "\n".join(bad)


def test_the_ja_texts_named_in_the_issue_read_as_the_source(sp):
    """Seed 002 line 251 (the xAI note) and line 11 (the description), without stray spaces."""
    notes = sp.json("show", "staying-current", "--lang", "ja")["notes"]
    xai = next(n for n in notes if n["id"] == "xai-products")
    assert xai["lines"][0][1] == (
        "Grok 3には、grok.com、x.com、またはモバイルアプリ (iOS/Android) からアクセスできます。"
        "無料プランには使用制限があります。SuperGrokはより高いクォータを提供します (詳細は https://x.ai/grok を参照)。"
        "APIアクセスについては、https://x.ai/api を参照してください。注: 2024年10月現在、Grok 3.5は利用できません。"
    )
    assert raw("curriculum.yaml")["description"]["ja"] == (
        "機械学習（ML）、深層学習（DL）、Generative Pre-trained Transformers（GPT）の包括的な学習マップです。"
        "初心者から上級者までを導くように設計されており、2010年から2024年までのブレークスルーのタイムラインを基に、"
        "主要な概念、ツール、マイルストーンを体系化しています。構造化された学習パス、リソース、実践的なアプリケーションを含み、"
        "これらの分野を徹底的に理解できるようにします。"
    )


# -- history (seeds 000 and 001) -----------------------------------------------------------------
def _events(sp, lang: str) -> dict[str, dict]:
    return {e["id"]: e for era in sp.json("history", "--lang", lang)["eras"] for e in era["events"]}


def test_mixtral_has_no_figures_the_sources_do_not_state(sp):
    """'8x7B' is part of a name (000 line 67, 001 line 67); neither source gives an expert count or size."""
    moe = _events(sp, "en")["mixture-of-experts"]
    assert moe["figures"] == []
    assert "8x7B" in moe["description"]
    out = sp("history", "--from", "2023", "--to", "2023").stdout
    assert "experts:" not in out and "parameters-per-expert" not in out


@pytest.mark.parametrize("event, seed_001", [
    ("bert", "谷歌的雙向編碼器表示轉換器在自然語言理解任務中達到最先進成果"),  # 001 line 37
    ("gpt-3", "OpenAI發布1750億參數模型，在無需微調的情況下展現卓越的少樣本學習能力"),  # 001 line 45
    ("chinchilla", "DeepMind提出最佳化擴展定律，顯示更多數據訓練的較小模型可勝過較大模型"),  # 001 line 57
    ("claude", "Anthropic發布基於憲法AI的模型，專注於有益性、無害性與誠實性"),  # 001 line 63
], ids=["bert", "gpt-3", "chinchilla", "claude"])
def test_zh_hant_descriptions_follow_seed_001_not_000(sp, event, seed_001):
    """Only a closing 。 is added; no English gloss or phrase taken from the ja timeline."""
    assert _events(sp, "zh-Hant")[event]["description"] == seed_001 + "。"


def test_trend_titles_follow_each_source(sp):
    ja = [t["title"] for t in sp.json("history", "--lang", "ja")["trends"]]
    zh = [t["title"] for t in sp.json("history", "--lang", "zh-Hant")["trends"]]
    assert ja == ["スケーリング則", "創発能力", "マルチモーダル化", "人間のフィードバックからの強化学習 (RLHF)", "民主化"]  # 000 lines 79-83
    assert zh == ["擴展定律", "湧現能力", "多模態整合", "人類反饋強化學習（RLHF）", "技術民主化"]  # 001 lines 79-87


# -- the plan (seed 002 section 5) ---------------------------------------------------------------------
def _phase_of(plan: dict) -> dict[str, str]:
    return {m["id"]: p["id"] for p in plan["phases"] for m in p["modules"]}


def test_placement_follows_section_5(sp):
    """Months 1-2 are ML basics only; what needs deep learning comes after it."""
    sp("init", "--start", "2026-01-01")
    plan = sp.json("plan")
    order = [p["id"] for p in plan["phases"]]
    phase = _phase_of(plan)
    assert [m["id"] for m in plan["phases"][0]["modules"]] == ["ml-basics"]
    # ml-advanced teaches Deep Q-Networks, OpenAI Gym and fast.ai's deep-learning course.
    assert order.index(phase["ml-advanced"]) > order.index(phase["dl-intro"])
    assert order.index(phase["ml-frontier"]) >= order.index(phase["ml-advanced"])
    assert phase["dl-architectures"] == "deep-learning"  # CNN, RNN: months 3-4 (002 line 188)
    assert phase["dl-multimodal"] == "advanced-dl"  # diffusion models: months 7-9 (002 line 190)
    assert phase["llm-advanced"] == phase["applications-trends"] == "llms-and-projects"  # 002 line 191


def test_the_plan_tells_the_learner_where_resnet_and_gans_are_taught(sp):
    """The months 7-9 focus names ResNet and GAN (002 line 190); their module is in months 3-4."""
    for lang, words in (("en", ("ResNet", "GANs", "3–4")), ("ja", ("ResNet", "GAN", "3–4ヶ月目"))):
        data = sp.json("show", "dl-multimodal", "--lang", lang)
        assert data["phase_id"] == "advanced-dl"
        assert all(w in data["phase_why"] for w in words), data["phase_why"]


def test_phase_why_texts_make_no_claim_the_sources_do_not(sp):
    """GPT-3 used no RLHF, and the map never says intermediate ML continues the scikit-learn track."""
    phases = raw("curriculum.yaml")["phases"]
    texts = [(p["id"], lang, p["why"][lang]) for p in phases if "why" in p for lang in ("en", "ja")]
    assert texts
    for pid, lang, text in texts:
        for claim in ("rests on scaling laws and RLHF", "スケーリング則とRLHFに基づく",
                      "same scikit-learn track", "同じScikit-learnの流れ"):
            assert claim not in text, (pid, lang)
        assert "studyplan" in text, f"{pid}.why.{lang} does not say it is studyplan's scheduling note"
    for p in phases:
        for module in p["modules"]:
            shown = sp.json("show", module)["phase_why"]
            assert shown == (p["why"]["en"] if "why" in p else None)


# -- modules (seed 002 sections 1-3) ------------------------------------------------------------------
def test_islr_shows_the_book_seed_002_lists_in_both_languages(sp):
    """002 line 37: 「統計的学習の基礎」 James et al. — that title is The Elements of Statistical Learning."""
    for lang, title in (("en", "The Elements of Statistical Learning"), ("ja", "統計的学習の基礎")):
        book = next(r for r in sp.json("show", "ml-basics", "--lang", lang)["resources"] if r["id"] == "islr")
        assert (book["title"], book["authors"], book["resource_kind"]) == (title, "James et al.", "book")
        assert "Introduction to Statistical Learning" not in book["title"]


def test_every_module_has_its_own_title(sp):
    """Both ML modules of levels 2 and 3 are 「高度な機械学習」 in 002 (lines 73, 116); the level tells them apart."""
    for lang in ("en", "ja"):
        titles = [m["title"] for p in sp.json("plan", "--lang", lang)["phases"] for m in p["modules"]]
        assert len(titles) == len(set(titles)) == 11, titles
    assert sp.json("show", "ml-advanced", "--lang", "ja")["title"] == "高度な機械学習 (中級概念)"
    assert sp.json("show", "ml-frontier", "--lang", "ja")["title"] == "高度な機械学習 (上級概念)"


# -- glossary aliases (seed 003) ---------------------------------------------------------------------------
_SEPARATORS = re.compile(r"[\s\-_‐‑‒–—―・·.'’()（）/]+")


def _key(text: str) -> str:
    """The lookup's folding: width and case (NFKC, casefold) and separators."""
    return _SEPARATORS.sub("", unicodedata.normalize("NFKC", text).casefold())


def _card(sp, query: str) -> str | None:
    result = sp("concept", query, "--json", ok=False)
    if result.exit_code != 0:
        return None
    data = json.loads(result.stdout)
    return data["card"]["id"] if data["match"] == "exact" and data["card"] else None


SPELLINGS = [
    ("教師付き学習", "supervised-learning"),  # was: self-supervised learning (fuzzy on 自己教師付き学習)
    ("教師有り学習", "supervised-learning"), ("教師無し学習", "unsupervised-learning"),
    ("トランスフォーマーアーキテクチャ", "transformer"), ("エンコーダー・デコーダー", "encoder-decoder"),
    ("残差結合", "residual-connections"), ("スキップ結合", "residual-connections"),
    ("ベイズ手法", "bayesian-methods"), ("勾配ブースティング木", "gbdt"), ("GBM", "gbdt"),
    ("埋め込み表現", "vector-embeddings"), ("パラメーター数", "parameter-count"), ("オプティマイザー", "optimizers"),
    ("オーバーフィッティング", "overfitting"), ("データ増強", "data-augmentation"),
    ("ポジショナルエンコーディング", "positional-encoding"), ("トランスファーラーニング", "transfer-learning"),
]


@pytest.mark.parametrize("query, expected", SPELLINGS, ids=[f"{i}-{c}" for i, (_, c) in enumerate(SPELLINGS)])
def test_the_spellings_a_learner_types_open_the_right_card(sp, query, expected):
    assert _card(sp, query) == expected, query


OTHER_THINGS = [
    ("計算量", "time-complexity"),  # the map's 計算量 is compute (002 line 118, 000 line 79)
    ("xAI", "explainable-ai"),  # the company of the map's Grok API; case folding made it XAI
    ("XAI", "explainable-ai"),
    ("BERT", "masked-language-modeling"),  # an example of MLM (003 no. 29), not a name for it
    ("ResNet", "residual-connections"), ("SGD", "optimizers"), ("TensorFlow", "open-source-frameworks"),
]


@pytest.mark.parametrize("query, wrong", OTHER_THINGS, ids=[f"{i}-not-{c}" for i, (_, c) in enumerate(OTHER_THINGS)])
def test_a_word_that_names_something_else_opens_no_card(sp, query, wrong):
    assert _card(sp, query) != wrong, query


# Examples the definitions give with など / のような / such as, which the （例：…） scan below cannot see.
EXAMPLES = {
    "optimizers": ["SGD", "stochastic gradient descent", "確率的勾配降下法", "Adam", "RMSProp"],  # 003 no. 37
    "residual-connections": ["ResNet"],  # no. 45
    "privacy-preserving-ml": ["differential privacy", "差分プライバシー", "homomorphic encryption", "準同型暗号"],  # no. 84
    "gbdt": ["XGBoost"],  # 002 line 75, an implementation
    "transformer": ["Attention Is All You Need"],  # the paper (no. 13), not a name of the architecture
    "confusion-matrix": ["true positive", "false positive", "true negative", "false negative", "真陽性", "偽陽性", "偽陰性", "真陰性"],
}


def _examples_in(definition: dict) -> list[str]:
    found = []
    for inner in re.findall(r"（例：([^）]*)）", definition["ja"]):
        found += re.split(r"[、,]", inner)
    for inner in re.findall(r"\(e\.g\.,? ([^)]*)\)", definition["en"]):
        found += re.split(r",| and | or ", inner)
    return [f.strip() for f in found if f.strip()]


def test_aliases_are_names_not_examples():
    """An alias is another name for the concept; the definition's examples are not aliases."""
    concepts = raw("concepts.yaml")["concepts"]
    assert "examples" not in {k for c in concepts for k in c}  # no such field in the schema
    scanned = 0
    for c in concepts:
        aliases = {_key(a) for a in c.get("aliases", [])}
        examples = _examples_in(c["definition"]) + EXAMPLES.get(c["id"], [])
        scanned += len(examples)
        assert not [e for e in examples if _key(e) in aliases], c["id"]
    assert scanned > 40  # the scan found the examples (BERT, T5, pruning, TensorFlow, ...)


def test_no_alias_names_two_concepts():
    owner: dict[str, str] = {}
    for c in raw("concepts.yaml")["concepts"]:
        for name in {_key(n) for n in (c["id"], *c["term"].values(), *c.get("aliases", []))}:
            assert owner.setdefault(name, c["id"]) == c["id"], f"{name!r}: {owner[name]} and {c['id']}"
