"""Content is never cut: every view that shows curriculum content, laid out as on a real
terminal (``color = always``, so rich fits the width it is given) at 60, 80 and 120
columns, in English and Japanese (and Traditional Chinese for the history).

Two checks per view: no "…" anywhere (rich's mark of a cut cell), and every content
string the view shows (titles, topics, terms, definitions, descriptions) is there whole
once the layout is undone: line breaks, indents and box characters removed. A table
with box borders is read column by column, so a wrapped cell reads back in one piece.
"""

from __future__ import annotations

import re

import pytest

from studyplan.domain.curriculum import Curriculum
from studyplan.domain.loader import validate_directory
from tests.conftest import BUNDLED

CURRICULUM = Curriculum.from_data(validate_directory(BUNDLED))
WIDTHS = (60, 80, 120)
LANGS = ("en", "ja")
DAY = "2026-03-02"

ANSI = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]|\x1b\][^\x07]*\x07")
BOX = re.compile(r"[\u2500-\u257f]")  # box drawing: table and panel borders
SPACE = re.compile(r"\s+")


def squeeze(text: str) -> str:
    return SPACE.sub("", text)


def readings_of(output: str) -> list[str]:
    """The output as streams of text with the layout undone: the lines outside bordered
    tables joined, and each column of a bordered table (or a panel) joined down the column."""
    plain: list[str] = []
    columns: dict[tuple[int, int], list[str]] = {}
    block = 0
    for line in ANSI.sub("", output).splitlines():
        cells = re.split(r"[│┃]", line)
        if len(cells) > 2:
            for i, cell in enumerate(cells[1:-1]):
                columns.setdefault((block, i), []).append(cell)
        else:
            block += 1
            plain.append(BOX.sub("", line))
    return [squeeze("".join(plain))] + [squeeze("".join(c)) for c in columns.values()]


def assert_whole(output: str, contents, where: str) -> None:  # noqa: ANN001
    clean = ANSI.sub("", output)
    assert "…" not in clean, f"{where}: a cut line\n{clean}"
    streams = readings_of(output)
    for content in contents:
        if not content:
            continue
        want = squeeze(content)
        assert any(want in s for s in streams), f"{where}: {content!r} is not shown whole\n{clean}"


@pytest.fixture
def terminal(sp, frozen, monkeypatch):
    """A learner two months in (marks, time, lookups, notes, a pause, reviews), and a run
    of the CLI as on a terminal of a given width."""
    frozen(DAY)
    sp("init", "--start", "2026-01-05")
    sp("done", "ml-basics/definition", "ml-basics/types-of-ml")
    sp("start", "ml-basics/key-algorithms")
    sp("log", "1h30m", "--kind", "coding", "--module", "ml-basics", "--note", "trees")
    sp("log", "45m", "--date", "2026-02-27")
    sp("concept", "overfitting")
    sp("note", "ml-basics", "機械学習の基礎をもう一度読み直して、交差検証の意味を自分の言葉で説明できるようにする。")
    sp("pause", "--from", "2026-04-01", "--to", "2026-04-05", "--reason", "trip")
    sp("review", "--limit", "3", input="3\n1\n4\n")
    monkeypatch.setenv("STUDYPLAN_COLOR", "always")

    def run(width: int, *args: str) -> str:
        monkeypatch.setenv("COLUMNS", str(width))
        return sp(*args).stdout

    return run


def _module_contents(m, lang: str) -> list[str]:  # noqa: ANN001 - a Module
    out = [m.title.get(lang), m.goal.get(lang)]
    for item in m.items:
        out.append(item.title.get(lang))
        out += [d.get(lang) for d in item.details]
    out += [t.get(lang) for t in m.tools]
    for note in CURRICULUM.notes_of(m.id):
        out.append(note.title.get(lang))
        out += [x for e in note.items for x in (e.label.get(lang), e.text.get(lang))]
    out += [c.term.get(lang) for c in CURRICULUM.concepts_of(m.id)]
    phase = CURRICULUM.phase_of(m.id)
    if phase:
        out += [phase.focus.get(lang), phase.why.get(lang)]
    return out


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("width", WIDTHS)
def test_show_each_module(terminal, width, lang):
    for m in CURRICULUM.modules:
        assert_whole(terminal(width, "show", m.id, "--lang", lang), _module_contents(m, lang), f"show {m.id} --lang {lang} at {width}")


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("width", WIDTHS)
def test_plan(terminal, width, lang):
    c = CURRICULUM
    contents = [c.title.get(lang), c.description.get(lang), c.duration.get(lang)]
    contents += [m.title.get(lang) for m in c.modules] + [p.focus.get(lang) for p in c.phases]
    contents += [x for lv in c.levels for x in (lv.title.get(lang), lv.goal.get(lang))] + [tr.title.get(lang) for tr in c.tracks]
    assert c.description.get(lang) and c.duration.get(lang)  # the map's own words are part of the plan
    assert_whole(terminal(width, "plan", "--lang", lang), contents, f"plan --lang {lang} at {width}")


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("width", WIDTHS)
def test_today(terminal, sp, width, lang):
    out = terminal(width, "today", "--lang", lang)
    data = sp.json("today", "--lang", lang)
    contents = [data["phase_focus"]] + [x for i in data["items"] for x in (i["title"], i["module_title"], *i["details"])]
    if data.get("resource"):
        contents.append(data["resource"]["title"])
    if data.get("project"):
        contents.append(data["project"]["title"])
    assert data["items"], "the fixture is meant to have topics due"
    assert_whole(out, contents, f"today --lang {lang} at {width}")


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("width", WIDTHS)
def test_concepts_and_concept_cards(terminal, width, lang):
    other = "ja" if lang == "en" else "en"
    terms = [x for c in CURRICULUM.concepts for x in (c.term.get(lang), c.term.get(other))]
    assert_whole(terminal(width, "concepts", "--lang", lang), terms, f"concepts --lang {lang} at {width}")
    longest = sorted(CURRICULUM.concepts, key=lambda c: -len(c.term.get("en") + c.term.get("ja") + c.definition.get(lang)))[:3]
    for cid in ("masked-language-modeling", "roc-auc", "overfitting", *(c.id for c in longest)):
        c = CURRICULUM.concept(cid)
        out = terminal(width, "concept", cid, "--lang", lang)
        assert_whole(out, [c.term.get("en"), c.term.get("ja"), c.definition.get(lang)], f"concept {cid} --lang {lang} at {width}")


@pytest.mark.parametrize("lang", ("en", "ja", "zh-Hant"))
@pytest.mark.parametrize("width", WIDTHS)
def test_history(terminal, width, lang):
    c = CURRICULUM
    framing = c.history_text
    contents = [framing.intro.get(lang), framing.trends_title.get(lang), framing.closing.get(lang)]
    contents += [e.title.get(lang) for e in c.eras]
    contents += [x for e in c.events for x in (e.name.get(lang), e.description.get(lang))]
    contents += [x for tr in c.trends for x in (tr.title.get(lang), tr.description.get(lang))]
    assert all(contents[:3])  # the intro, the trends heading and the closing sentence are shown
    assert_whole(terminal(width, "history", "--lang", lang), contents, f"history --lang {lang} at {width}")


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("width", WIDTHS)
def test_reading(terminal, width, lang):
    for r in CURRICULUM.readings:
        out = terminal(width, "read", r.id, "--lang", lang)
        assert_whole(out, [r.title.get(lang)] + [s.heading.get(lang) for s in r.sections], f"read {r.id} --lang {lang} at {width}")


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("width", WIDTHS)
def test_timeline_report_and_review_cut_nothing(terminal, width, lang):
    for args in (("timeline",), ("report",), ("report", "--month"), ("review", "--stats")):
        assert_whole(terminal(width, *args, "--lang", lang), [], f"{' '.join(args)} --lang {lang} at {width}")
    report = terminal(width, "report", "--month", "--lang", lang)
    focus = [p.focus.get(lang) for p in CURRICULUM.phases]
    assert any(squeeze(f) in readings_of(report)[0] for f in focus), report  # "Next" names the phase whole


def test_the_known_cuts_are_gone(terminal):
    """The cuts the issue found: a plan title, AlexNet's 15.3%, a bullet alone, a Japanese term."""
    plan = ANSI.sub("", terminal(80, "plan", "--lang", "ja"))
    assert "深層学習とマルチモーダリティ" in squeeze(plan)
    history = ANSI.sub("", terminal(80, "history", "--lang", "ja"))
    assert "26%から15.3%に減少" in squeeze(history)
    assert not re.search(r"^\s*[、。」）・ー]", history, re.MULTILINE)  # no line starts with a closing mark
    show = ANSI.sub("", terminal(60, "show", "ml-basics", "--lang", "ja"))
    assert not re.search(r"^\s*•\s*$", show, re.MULTILINE)  # a bullet never stands alone on its line
    concepts = ANSI.sub("", terminal(80, "concepts", "--lang", "ja"))
    assert "ディープラーニング" in squeeze("".join(readings_of(concepts)))
