"""The line breaker (studyplan/render/wrap.py): kinsoku, whole words, hanging indents."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st
from rich.cells import cell_len
from rich.console import Console
from rich.text import Text

from studyplan.render.wrap import NO_END, NO_START, break_lines, wrapped
from studyplan.render.wraptable import WrapTable

KANJI = "機械学習深層推論計算量残差接続導入画像生成"
KANA = "のがをにはでともしたるいうかなりあらせ"
SMALL = "っゃゅょァィッャュョ"
CLOSING = "、。」』）・ー！？"
OPENING = "「『（"
LATIN = ["GPT", "ImageNet", "15.3%", "Transformer", "RLHF", "scaling", "He", "Le"]


# A text a typesetter could break by the rules: no run of closing marks longer than two,
# an opening bracket always followed by a character that may start a line.
@st.composite
def japanese(draw) -> str:  # noqa: ANN001
    out = []
    for _ in range(draw(st.integers(5, 40))):
        kind = draw(st.sampled_from(["kanji", "kana", "small", "closing", "opening", "latin", "space"]))
        if kind == "kanji":
            out.append(draw(st.text(KANJI, min_size=1, max_size=4)))
        elif kind == "kana":
            out.append(draw(st.text(KANA, min_size=1, max_size=3)))
        elif kind == "small":
            out.append(draw(st.sampled_from(KANA)) + draw(st.sampled_from(SMALL)))
        elif kind == "closing":
            out.append(draw(st.sampled_from(KANJI)) + draw(st.text(CLOSING, min_size=1, max_size=2)))
        elif kind == "opening":
            out.append(draw(st.sampled_from(OPENING)) + draw(st.sampled_from(KANJI)))
        elif kind == "latin":
            out.append(draw(st.sampled_from(LATIN)))
        elif out and not out[-1].endswith(" "):
            out.append(" ")
    return "".join(out).strip(" ")


@settings(max_examples=300, deadline=None)
@given(japanese(), st.integers(12, 60))
def test_no_line_breaks_a_rule_and_nothing_is_lost(text, width):
    lines = break_lines(text, width, hang=0)
    for i, line in enumerate(lines):
        assert cell_len(line) <= width, (line, width)
        assert line.strip(" "), lines
        if i:
            assert line[0] not in NO_START, (lines, i)
        if i < len(lines) - 1:
            assert line.rstrip(" ")[-1] not in NO_END, (lines, i)
    # Joining the lines gives the text back: nothing dropped but the spaces at the breaks.
    _assert_joins_back(lines, text)


def _assert_joins_back(lines: list[str], text: str) -> None:
    pos = 0
    for line in lines:
        while text[pos] == " ":
            pos += 1
        assert text[pos:pos + len(line)] == line, (lines, text)
        pos += len(line)
    assert pos == len(text)


@settings(max_examples=200, deadline=None)
@given(japanese(), st.integers(16, 60), st.integers(0, 8))
def test_continuation_lines_keep_the_hanging_indent(text, width, hang):
    lines = break_lines(text, width, hang=hang)
    assert all(cell_len(line) <= width for line in lines)
    for line in lines[1:]:
        assert line.startswith(" " * hang) and line[hang] != " " and line[hang] not in NO_START
    _assert_joins_back([lines[0]] + [line[hang:] for line in lines[1:]], text)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(LATIN + ["learning", "a", "of", "multimodal"]), min_size=1, max_size=30), st.integers(12, 50))
def test_english_words_stay_whole(words, width):
    text = " ".join(words)
    lines = break_lines(text, width, hang=0)
    assert all(cell_len(line) <= width for line in lines)
    assert " ".join(lines).split() == words  # no word split: every line ends at a space
    _assert_joins_back(lines, text)


def test_the_known_cuts_read_whole():
    # history --lang ja at 60 columns: "He" stayed alone on its line, 、 started one.
    text = "He らが残差接続を導入し、はるかに深いネットワーク（152層以上）の学習を可能にし、3.57%のエラーレートでImageNetで優勝した。"
    lines = break_lines(text, 20, hang=0)
    assert lines[0].startswith("He らが")  # the Latin word stays with its neighbour
    assert all(line[0] not in NO_START for line in lines)
    assert "3.57%" in "".join(lines) and "ImageNet" in "".join(lines)  # Latin words never split
    # 導入し fills 10 cells and 、 comes next: し goes down with it.
    assert break_lines("…を導入し、はるかに深い", 10, hang=0)[:2] == ["…を導入", "し、はるか"]


def test_a_closing_mark_pulls_the_character_before_it_to_the_next_line():
    # 10 cells hold 機械学習深層 (12 cells would overflow with 。): 。 may not start a line.
    assert break_lines("機械学習深。推論", 10, hang=0) == ["機械学習", "深。推論"]
    assert break_lines("機械学習「深層", 10, hang=0) == ["機械学習", "「深層"]  # 「 never ends a line


def test_hanging_indent_english_and_japanese():
    en = break_lines("  • Supervised learning (regression, classification and much more)", 24)
    assert en[0].startswith("  • ") and all(line.startswith("    ") and line[4] != " " for line in en[1:])
    ja = break_lines("• 教師なし学習 (クラスタリング、次元削減などの手法)", 20)
    assert len(ja) > 1 and all(line.startswith("  ") and line[2] != " " for line in ja[1:])
    label = break_lines("Goal: Build a solid theoretical and practical foundation in ML.", 30, hang=6)
    assert all(line.startswith(" " * 6) for line in label[1:])
    ja_label = break_lines("目標: ML、DL、およびGPTモデルの文脈における強固な理論的基盤を構築する。", 30, hang=6)
    assert len(ja_label) > 1 and all(line.startswith(" " * 6) and line[6] != " " for line in ja_label[1:])


def _render(renderable, width: int) -> list[str]:
    console = Console(width=width, color_system=None, record=True, file=open("/dev/null", "w"))  # noqa: SIM115
    console.print(renderable)
    return [line.rstrip() for line in console.export_text().splitlines()]


def test_wrapped_text_in_a_table_keeps_bullets_and_styles():
    body = Text("定義", style="bold")
    body.append("\n• AIのサブセットとしてのML、明示的なプログラミングなしでデータから学習するシステム。")
    table = WrapTable(box=None, show_header=False, padding=(0, 1))
    table.add_column(no_wrap=True)
    table.add_column()
    table.add_row(Text("· todo"), wrapped(body))
    lines = _render(table, 40)
    assert lines[1].lstrip().startswith("• AI")  # the bullet is not alone on its line
    assert all(not line.strip().startswith(tuple(NO_START)) for line in lines)
    text = "".join(line.strip() for line in lines[1:]).replace(" ", "")
    assert "明示的なプログラミングなしでデータから学習するシステム。" in text
    assert wrapped(body).spans == body.spans  # styles kept


def test_a_table_keeps_words_whole_before_folding_an_id():
    table = WrapTable()
    table.add_column("id")
    table.add_column("term")
    for cid, term in (("reinforcement-learning", "Reinforcement learning"), ("masked-language-modeling", "Masked language modeling")):
        table.add_row(wrapped(cid, foldable=True), wrapped(term))
    out = "\n".join(_render(table, 30))
    for word in ("Reinforcement", "learning", "Masked", "language", "modeling"):
        assert word in out


def _walked_line_starts(text: str, width: int, rest_width: int) -> list[int]:
    """line_starts as first written: each line's end found by walking its characters."""
    from rich.cells import get_character_cell_size

    from studyplan.render import wrap

    starts: list[int] = []
    n, pos, limit = len(text), 0, max(1, width)
    while True:
        cells, end = 0, pos
        while end < n and cells + get_character_cell_size(text[end]) <= limit:
            cells += get_character_cell_size(text[end])
            end += 1
        if end >= n:
            return starts
        b = next((b for b in range(end, pos, -1) if wrap._may_break(text, b)), None)
        if b is None:
            b = next((b for b in range(end, pos, -1) if wrap._may_break(text, b, inside_words=True)), None)
        if b is None:
            b = max(end, pos + 1)
            if b >= n:  # the last character alone is wider than the line: it is the last line
                return starts
            while b > pos + 1 and (text[b] in NO_START or text[b - 1] in NO_END):
                b -= 1
            if text[b] in NO_START or text[b - 1] in NO_END:
                b = max(end, pos + 1)
        while b < n and text[b] == " ":
            b += 1
        if b >= n:
            return starts
        starts.append(b)
        pos, limit = b, max(1, rest_width)


# Latin, CJK, kana, punctuation, a combining accent and a zero-width joiner (no cells).
MIXED = st.text(st.sampled_from(list("ab cd-/e") + list(KANJI[:4]) + list(KANA[:4]) + ["、", "。", "「", "」", "\u0301", "\u200d", "é"]),
                max_size=60)


@settings(max_examples=400, deadline=None)
@given(text=MIXED, width=st.integers(min_value=1, max_value=30), rest=st.integers(min_value=1, max_value=30))
def test_finding_line_ends_by_bisection_breaks_where_walking_did(text, width, rest):
    from studyplan.render.wrap import line_starts

    assert line_starts(text, width, rest) == _walked_line_starts(text, width, rest)
