"""`studyplan history`, its chart, and `studyplan read`."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from studyplan.domain.curriculum import Curriculum
from studyplan.domain.loader import validate_directory

BUNDLED = Path(__file__).resolve().parents[1] / "curricula" / "ml-dl-gpt"
CURRICULUM = Curriculum.from_data(validate_directory(BUNDLED))


def test_every_event_has_three_languages_and_an_era():
    assert len(CURRICULUM.events) >= 27
    eras = {e.id for e in CURRICULUM.eras}
    for e in CURRICULUM.events:
        assert e.era in eras
        for text in (e.name, e.description):
            assert all(text.values.get(lang) for lang in ("en", "ja", "zh-Hant")), e.id
    assert len(CURRICULUM.trends) == 5


def _figures(event_id):
    event = next(e for e in CURRICULUM.events if e.id == event_id)
    return {(f.metric, f.value, f.unit, f.from_value, f.at_least) for f in event.figures}


def test_the_figures_are_numbers_with_units():
    assert ("imagenet-error", 15.3, "percent", 26, False) in _figures("alexnet")
    assert ("layers", 152, "layers", None, True) in _figures("resnet")
    assert ("imagenet-error", 3.57, "percent", None, False) in _figures("resnet")
    assert ("parameters", 117_000_000, "parameters", None, False) in _figures("gpt-1")
    assert ("parameters", 1_500_000_000, "parameters", None, False) in _figures("gpt-2")
    assert ("parameters", 175_000_000_000, "parameters", None, False) in _figures("gpt-3")
    assert ("parameters", 540_000_000_000, "parameters", None, False) in _figures("palm")
    chatgpt = next(e for e in CURRICULUM.events if e.id == "chatgpt").figures[0]
    assert (chatgpt.value, chatgpt.unit, chatgpt.period_value, chatgpt.period_unit) == (100_000_000, "users", 2, "months")


def test_history_filters_and_json_match_the_view(sp):
    data = sp.json("history", "--from", "2020", "--to", "2022")
    years = [e["year"] for era in data["eras"] for e in era["events"]]
    assert years and all(2020 <= y <= 2022 for y in years)
    text = sp("history", "--from", "2020", "--to", "2022").stdout
    for era in data["eras"]:
        for e in era["events"]:
            assert e["name"] in text
    assert "26% → 15.3%" in sp("history", "--to", "2012").stdout
    tagged = sp.json("history", "--tag", "vision")
    assert all("vision" in e["tags"] for era in tagged["eras"] for e in era["events"])
    bad = sp("history", "--tag", "nope", ok=False)
    assert bad.exit_code == 2 and "tags:" in bad.stderr


def test_no_match_says_what_the_history_covers(sp):
    out = sp("history", "--from", "2030").stdout
    assert "No breakthroughs match; the history covers 2012–2024." in out and "Key trends" not in out
    data = sp.json("history", "--from", "2030")
    assert (data["total"], data["eras"], data["first_year"], data["last_year"]) == (0, [], 2012, 2024)
    assert "収録期間: 2012–2024" in sp("history", "--from", "2030", "--lang", "ja").stdout


def test_a_curriculum_without_history_says_so(sp):
    sp("init", "--curriculum", "python-basics")
    assert "This curriculum has no history of the field." in sp("history").stdout


def test_history_in_japanese_and_chinese(sp):
    assert "2010年代前半" in sp("history", "--lang", "ja").stdout
    assert "奠基時期" in sp("history", "--lang", "zh-Hant").stdout


def test_finished_modules_mark_events_covered(sp):
    before = sp.json("history")
    sp("done", "dl-architectures")
    after = sp.json("history")
    assert after["covered"] > before["covered"]
    alexnet = next(e for era in after["eras"] for e in era["events"] if e["id"] == "alexnet")
    assert alexnet["covered"] is True
    assert "✓" in sp("history", "--to", "2012").stdout


def test_chart_renders_without_colour(isolated_home):
    env = dict(os.environ, NO_COLOR="1", STUDYPLAN_HOME=str(isolated_home))
    out = subprocess.run([sys.executable, "-m", "studyplan", "history", "--chart"], env=env, capture_output=True, text=True, check=True).stdout
    assert "\x1b[" not in out
    assert "2010" in out and "2024" in out and "1000" in out and "15.3" in out and "█" in out
    assert "log scale" in out


def test_reading_in_both_languages_keeps_its_caveat(sp):
    en = sp("read", "pace-of-progress").stdout
    assert "generative AI" in en and "IEEE Spectrum" in en
    ja = sp("read", "pace-of-progress", "--lang", "ja").stdout
    assert "生成AI" in ja and "参考文献" in ja
    data = sp.json("read", "pace-of-progress")
    assert data["module"] == "staying-current" and len(data["references"]) == 8
    assert "pace-of-progress" in sp("show", "staying-current").stdout
