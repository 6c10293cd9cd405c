"""Content that was loaded but never shown, and the plan's position after a replan (issues 15 and 16).

The expected sentences are the sources' own (seeds 000, 001 and 002, as encoded in
curricula/ml-dl-gpt); the tests read only studyplan's output.
"""

from __future__ import annotations

import re

SPACE = re.compile(r"\s+")


def squeeze(text: str) -> str:
    return SPACE.sub("", text)


def test_plan_shows_the_maps_description_duration_levels_and_tracks(sp):
    sp("init", "--start", "2026-01-05")
    ja = squeeze(sp("plan", "--lang", "ja").stdout)
    assert "構造化された学習パス、リソース、実践的なアプリケーションを含み" in ja  # the description (seed 002 line 11)
    assert "期間:6〜12ヶ月(事前知識と時間的コミットメントによる)" in ja  # section 5's duration line
    assert "基礎概念(初心者レベル):ML、DL、およびGPTモデルの文脈における強固な理論的および実践的基盤を構築する。" in ja
    assert "分野:機械学習,深層学習,GPTと言語モデル,応用,情報のアップデート" in ja
    en = sp("plan").stdout
    assert "How long: 6–12 months (depending on prior knowledge and the time you commit)" in en
    assert "Advanced: Master state-of-the-art techniques" in en
    assert "Your plan: 2026-01-05 → 2027-01-04 (12 months)" in en
    data = sp.json("plan", "--lang", "ja")
    assert data["duration"].startswith("6〜12ヶ月") and data["description"].startswith("機械学習（ML）")
    assert [lv["id"] for lv in data["levels"]] == ["foundations", "intermediate", "advanced", "applied"]


def test_history_has_the_sources_intro_trends_heading_and_closing(sp):
    sp("init", "--start", "2026-01-05")
    expected = {
        "ja": ("以下は、2010年から私の知識がカットオフとなる2024年10月までの", "この期間を通した主要なトレンド",
               "この期間は、おそらく人類史上どの分野よりも速い技術的進歩を表しており、MLを専門的な学問分野から、地球規模の影響力を持つ汎用技術へと変貌させました。"),
        "zh-Hant": ("以下是深度學習、機器學習及GPT領域從2010年至2024年10月知識截止期間的重大突破時間軸", "關鍵發展趨勢",
                    "這段時期可能是人類歷史上任何技術領域中最快速的進步歷程，將機器學習從專業學術學科轉變為具有全球影響力的通用技術。"),
        "en": ("from 2010 up to October 2024, the knowledge cut-off of its source", "Key trends throughout this period",
               "transforming ML from a specialised academic discipline into a general-purpose technology with global impact."),
    }
    for lang, (intro, heading, closing) in expected.items():
        out = sp("history", "--lang", lang).stdout
        flat = squeeze(out)
        assert squeeze(intro) in flat and squeeze(heading) in flat and squeeze(closing) in flat, out
        # in order: the intro first, then the eras, the trends under their heading, the closing sentence
        assert flat.index(squeeze(intro)) < flat.index(squeeze(heading)) < flat.index(squeeze(closing))
        data = sp.json("history", "--lang", lang)
        assert (squeeze(intro) in squeeze(data["intro"]), data["trends_title"], squeeze(closing) in squeeze(data["closing"])) == (True, heading, True)
    assert "Key trends of the period" not in sp("history").stdout  # the renderer's own heading is gone


def test_the_trends_heading_is_not_shown_for_a_tag(sp):
    sp("init", "--start", "2026-01-05")
    out = sp("history", "--tag", "vision").stdout
    assert "Key trends throughout this period" not in out and "general-purpose technology" not in out


def test_after_a_replan_plan_and_show_say_planned_and_shifted_honestly(sp, frozen):
    frozen("2026-02-20")
    sp("init", "--start", "2026-01-05")
    sp("replan")
    data = sp.json("plan")
    assert data["months"] == 12 and data["shifted_days"] > 0 and data["planned_end"] == "2027-01-04"
    moved = data["shifted_days"]
    out = sp("plan").stdout
    assert f"{data['end']}: 12 months as planned, moved {moved} days later by replans and pauses (planned end 2027-01-04)" in " ".join(out.split())
    assert "(12 months)" not in out
    show = sp.json("show", "ml-basics")
    assert show["phase_months"] == [1, 2] and show["plan_months"] == 12
    assert show["planned_start"] == "2026-01-05" and show["planned_end"] == "2026-03-04"
    assert show["shifted_days"] == moved and show["phase_end"] != show["planned_end"]
    text = " ".join(sp("show", "ml-basics").stdout.split())
    assert "(months 1–2 of 12)" in text
    assert f"Planned for 2026-01-05 → 2026-03-04; replans and pauses moved this phase {moved} days later, to {show['phase_start']} → {show['phase_end']}." in text
    ja = squeeze(sp("show", "ml-basics", "--lang", "ja").stdout)
    assert "(12ヶ月中1–2ヶ月目)" in ja and "months" not in ja
    assert f"このフェーズは{moved}日後ろの" in ja


def test_plan_and_show_count_the_months_of_a_shorter_plan(sp):
    sp("init", "--start", "2026-01-05", "--months", "6")
    show = sp.json("show", "ml-basics")
    assert show["phase_months"] == [1, 1] and show["shifted_days"] == 0  # months 1–2 of the map are month 1 of 6
    out = sp("show", "ml-basics").stdout
    assert "(month 1 of 6)" in out and "Planned for" not in out
    assert sp.json("show", "dl-intro")["phase_months"] == [2, 2]  # months 3–4 of the map
    plan = sp("plan").stdout
    assert "Phase, month 1: Master the ML basics" in plan and "Phase, months 5–6: Tackle GPT-3/4" in plan
    assert "フェーズ (4–5ヶ月目): 高度なDLの探求" in sp("plan", "--lang", "ja").stdout
    assert [p["plan_months"] for p in sp.json("plan")["phases"]] == [[1, 1], [2, 2], [3, 3], [4, 5], [5, 6]]
    assert "(6ヶ月中 2ヶ月目)" in sp("show", "dl-intro", "--lang", "ja").stdout


def test_show_names_the_modules_track(sp):
    sp("init", "--start", "2026-01-05")
    assert "Track: GPT and language models" in sp("show", "gpt-context").stdout
    assert "分野: 深層学習" in sp("show", "dl-intro", "--lang", "ja").stdout
