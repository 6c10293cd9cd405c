"""Issue "nothing lost, nothing let in", point 5: one sanitiser wherever data meets an output.

A custom curriculum (every English text), a note and a log note carry terminal escapes
(CSI, OSC 8 links, OSC 52 clipboard writes, the 8-bit CSI 0x9B, DEL), a bidi override
(U+202E), a zero-width space (U+200B) and Markdown/HTML that could forge a report (a
table row, ``<script>``, a link). None of it may reach stdout as written: not through
the views, nor the outputs that skip them (``calendar``, ``export``, ``read``,
``report --format markdown``).
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
import yaml

from tests.conftest import BUNDLED

YAML_PAYLOAD = (r"\e[31mRED\e[0m \e]8;;http://evil.example\e\\L\e]8;;\e\\ \e]52;c;ZXZpbA==\a \x9b31m \x7f"
                r" \u202Egnp.exe \u200Bhidden | a | b | <script>alert(1)</script> [x](http://evil.example) ")
RAW_PAYLOAD = ("\x1b[31mRED\x1b[0m \x1b]8;;http://evil.example\x1b\\L\x1b]8;;\x1b\\ \x1b]52;c;ZXZpbA==\x07 \x9b31m \x7f"
               " \u202egnp.exe \u200bhidden | a | b | <script>alert(1)</script> [x](http://evil.example)")
FORBIDDEN = ("\x1b", "\x07", "\x9b", "\x7f", "\u202e", "\u200b")
MARKDOWN_FORGERIES = ("| a | b |", "<script>", "[x](")


@pytest.fixture
def hostile(tmp_path) -> Path:
    root = tmp_path / "evil"
    root.mkdir()
    for f in BUNDLED.iterdir():
        if f.is_file():
            (root / f.name).write_text(f.read_text(encoding="utf-8").replace('en: "', 'en: "' + YAML_PAYLOAD), encoding="utf-8")
    return root


def _bad(text: str, styled: bool = False) -> list[str]:
    rest = re.sub(r"\x1b\[[0-9;]*m", "", text) if styled else text
    return [c for c in FORBIDDEN if c in rest]


def _setup(sp, hostile: Path) -> None:
    sp("init", "--curriculum", str(hostile), "--start", "2026-01-05")
    sp("note", "ml-basics", RAW_PAYLOAD)
    sp("log", "30m", "--module", "ml-basics", "--note", RAW_PAYLOAD, "--date", "2026-01-06")


def _reading_id() -> str:
    return yaml.safe_load((BUNDLED / "readings.yaml").read_text(encoding="utf-8"))["readings"][0]["id"]


def _markdown_is_inert(md: str, where: str) -> None:
    from markdown_it import MarkdownIt

    for needle in MARKDOWN_FORGERIES:
        assert needle not in md, f"{where}: {needle!r} reached the Markdown unescaped"
    tokens = MarkdownIt("commonmark").enable("table").parse(md)
    kinds = {t.type for t in tokens} | {c.type for t in tokens for c in (t.children or ())}
    assert not kinds & {"link_open", "image", "html_inline", "html_block"}, f"{where}: data became {kinds & {'link_open', 'image', 'html_inline', 'html_block'}}"


def test_outputs_that_skip_the_views_strip_escapes(sp, hostile, monkeypatch):
    monkeypatch.setenv("COLUMNS", "400")
    _setup(sp, hostile)
    concept = sp.json("concepts")["concepts"][0]["id"]
    commands = (
        ("calendar",), ("calendar", "--sessions"), ("export",), ("read", _reading_id()), ("read", _reading_id(), "--json"),
        ("report", "--date", "2026-01-06", "--format", "markdown"), ("report", "--date", "2026-01-06", "--format", "json"),
        ("today", "--date", "2026-01-06"), ("show", "ml-basics"), ("show", "ml-basics", "--json"), ("concept", concept),
        ("history",), ("notes",), ("log", "--list"), ("plan",),
    )
    failures = {" ".join(args): bad for args in commands if (bad := _bad(sp(*args).stdout))}
    assert not failures, f"control/bidi/zero-width characters reached stdout: {failures}"


def test_a_real_terminal_gets_no_hyperlink_from_a_reading(sp, hostile, monkeypatch):
    monkeypatch.setenv("COLUMNS", "400")
    monkeypatch.delenv("NO_COLOR", raising=False)
    monkeypatch.setenv("FORCE_COLOR", "1")
    _setup(sp, hostile)
    out = sp("read", _reading_id()).stdout
    assert "\x1b[" in out  # styles are on
    assert "\x1b]8;" not in out, "a Markdown link in curriculum text became a hidden OSC 8 hyperlink"
    assert not _bad(out, styled=True)
    assert "[x](http://evil.example)" in out  # shown as written, not as a link


def test_markdown_outputs_cannot_be_forged_by_data(sp, hostile):
    _setup(sp, hostile)
    report = sp("report", "--date", "2026-01-06", "--format", "markdown").stdout
    _markdown_is_inert(report, "report --format markdown")
    for block in re.findall(r"(?:^\|.*\n)+", report, flags=re.M):  # each table keeps one shape
        widths = {len(re.findall(r"(?<!\\)\|", line)) for line in block.splitlines()}
        assert len(widths) == 1, f"a table row was forged:\n{block}"
    reading = sp.json("read", _reading_id())["markdown"]
    _markdown_is_inert(reading, "read")


def test_a_line_break_in_a_table_cell_cannot_add_a_row():
    from studyplan.domain.text import markdown_cell, markdown_text

    cell = markdown_cell("ok\n| forged | row |\n")
    assert "\n" not in cell and not re.search(r"(?<!\\)\|", cell)
    assert markdown_text("# heading\n- item\n1. one\n    code\n+ plus\n= setext") == (
        "\\# heading\n\\- item\n1\\. one\ncode\n\\+ plus\n\\= setext")
    assert markdown_text("a\\b *c* _d_ `e` ~f~ &amp;") == "a\\\\b \\*c\\* \\_d\\_ \\`e\\` \\~f\\~ \\&amp;"
    # brackets read as written, but never as a link, an image, a definition or a task box
    assert markdown_text("[bold] [x](u) ![i](s) [r][1] [^1]: d") == "[bold] [x\\](u) ![i\\](s) [r\\][1] [^1\\]: d"
    assert markdown_cell("[x] done") == "\\[x] done"


def test_export_to_a_terminal_escapes_c1_del_and_bidi_but_loses_nothing(sp, tmp_path):
    sp("init", "--start", "2026-01-05")
    sp("note", "ml-basics", RAW_PAYLOAD)
    out = sp("export").stdout
    assert not _bad(out), _bad(out)
    doc = json.loads(out)
    assert doc["tables"]["notes"][0]["text"] == RAW_PAYLOAD  # escaped as \\uXXXX, not dropped
    path = tmp_path / "e.json"
    path.write_text(out, encoding="utf-8")
    sp("--profile", "back", "import", str(path))
    assert sp.json("--profile", "back", "notes")["notes"][0]["text"] == RAW_PAYLOAD


def test_clean_strips_bidi_and_invisible_format_characters_but_keeps_joiners():
    from studyplan.domain.text import clean

    bidi = "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200e\u200f\u061c"
    invisible = "\u200b\u2060\u2061\u2062\u2063\u2064\ufeff\U000e0001\U000e0041\U000e007f\u206a\u206f"
    assert clean("a" + bidi + invisible + "b") == "ab"
    family = "\U0001f468\u200d\U0001f469\u200d\U0001f467"  # ZWJ emoji sequence
    persian = "\u0645\u06cc\u200c\u062e\u0648\u0627\u0647\u0645"  # ZWNJ inside a word
    assert clean(family) == family and clean(persian) == persian
    assert clean("Silben\u00adtrennung") == "Silben\u00adtrennung"  # soft hyphen kept
