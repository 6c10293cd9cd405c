"""Case 7: text from data is shown as written — rich markup escaped, terminal escapes stripped.

The payload goes in through every door (a curriculum, a note, a log note, an import,
a command-line argument echoed in an error) and comes out of every view. Markup must
appear literally; no ESC, BEL or C1 control may reach the terminal (OSC 8 links,
OSC 52 clipboard writes, ``ESC[2J`` screen clears, the single-byte CSI 0x9B).
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.conftest import BUNDLED

MARKUP = "[bold red]HOSTILE[/bold red] [link=https://evil.example]click[/link] [/]"
ESCAPES = "\x1b]52;c;ZXZpbA==\x07\x1b]8;;https://evil.example\x1b\\L\x1b]8;;\x1b\\\x1b[2J\x9b31m\x07\x7f"
PAYLOAD = MARKUP + " " + ESCAPES
YAML_PAYLOAD = MARKUP + r" \e]52;c;ZXZpbA==\a\e]8;;https://evil.example\e\\L\e]8;;\e\\\e[2J\x9b31m\a\x7f"
FORBIDDEN = ("\x1b", "\x07", "\x9b", "\x7f")


def _check(text: str, where: str, expect_markup: bool = True, styled: bool = False) -> None:
    if styled:  # a real terminal: rich's own styles are ESC[...m, nothing else may appear
        import re

        rest = re.sub(r"\x1b\[[0-9;]*m", "", text)
        bad = [c for c in FORBIDDEN if c in rest]
    else:
        bad = [c for c in FORBIDDEN if c in text]
    assert not bad, f"{where}: control characters {bad!r} reached the terminal"
    if expect_markup:
        assert MARKUP in text, f"{where}: markup was interpreted or mangled:\n{text[:2000]}"


@pytest.fixture
def hostile_curriculum(tmp_path) -> Path:
    root = tmp_path / "evil"
    root.mkdir()
    for f in BUNDLED.iterdir():
        if f.is_file():
            text = f.read_text(encoding="utf-8").replace('en: "', 'en: "' + YAML_PAYLOAD + " ")
            (root / f.name).write_text(text, encoding="utf-8")
    return root


VIEWS = (
    ("today", "--date", "2026-01-06"), ("plan",), ("show", "ml-basics"), ("concepts",), ("history",),
    ("timeline", "--date", "2026-01-06"), ("report", "--date", "2026-01-06"),
    ("report", "--date", "2026-01-06", "--format", "markdown"), ("notes",), ("log", "--list"), ("history", "--chart"),
)


def test_curriculum_notes_and_logs_are_shown_as_written(sp, hostile_curriculum, monkeypatch):
    monkeypatch.setenv("COLUMNS", "400")
    sp("init", "--curriculum", str(hostile_curriculum), "--start", "2026-01-05")
    sp("note", "ml-basics", PAYLOAD)
    sp("log", "30m", "--module", "ml-basics", "--note", PAYLOAD, "--date", "2026-01-06")
    for args in VIEWS:
        result = sp(*args)
        _check(result.stdout + result.stderr, " ".join(args), expect_markup=args[0] != "timeline")  # timeline shows ids only
    concept = sp.json("concepts")["concepts"][0]["id"]
    _check(sp("concept", concept).stdout, "concept")


def test_on_a_real_terminal_only_our_own_styles_are_emitted(sp, hostile_curriculum, monkeypatch):
    monkeypatch.setenv("COLUMNS", "400")
    monkeypatch.delenv("NO_COLOR", raising=False)
    monkeypatch.setenv("FORCE_COLOR", "1")
    sp("init", "--curriculum", str(hostile_curriculum), "--start", "2026-01-05")
    sp("note", "ml-basics", PAYLOAD)
    for args in (("today", "--date", "2026-01-06"), ("plan",), ("show", "ml-basics"), ("notes",)):
        out = sp(*args).stdout
        assert "\x1b[" in out  # styles are on…
        _check(out, " ".join(args), expect_markup=False, styled=True)  # …and nothing else gets through


def test_imported_text_is_shown_as_written(sp, tmp_path, monkeypatch):
    monkeypatch.setenv("COLUMNS", "400")
    sp("init", "--start", "2026-01-05")
    sp("note", "ml-basics", "placeholder")
    out = tmp_path / "export.json"
    sp("export", "--output", str(out))
    doc = json.loads(out.read_text(encoding="utf-8"))
    doc["tables"]["notes"][0]["text"] = PAYLOAD
    out.write_text(json.dumps(doc), encoding="utf-8")
    sp("--profile", "imported", "import", str(out))
    for args in (("notes",), ("show", "ml-basics")):
        result = sp("--profile", "imported", *args)
        _check(result.stdout, f"imported {args[0]}")


def test_errors_that_echo_input_show_it_as_written(sp):
    for args in (("done", PAYLOAD), ("concept", PAYLOAD), ("show", PAYLOAD), ("report", "--date", PAYLOAD)):
        result = sp(*args, ok=False)
        assert result.exit_code != 0
        err = result.stderr
        assert len(err.strip().splitlines()) == 1, err
        _check(err, args[0], expect_markup=False)
        assert "[bold red]HOSTILE[/bold red]" in err


def test_json_output_escapes_c0_controls(sp, hostile_curriculum):
    sp("init", "--curriculum", str(hostile_curriculum), "--start", "2026-01-05")
    sp("note", "ml-basics", PAYLOAD)
    for args in (("show", "ml-basics"), ("notes",), ("concepts",)):
        text = sp(*args, "--json").stdout
        assert "\x1b" not in text and "\x07" not in text, args
        assert MARKUP in json.dumps(json.loads(text), ensure_ascii=False)


def test_json_output_escapes_c1_controls_too(sp, hostile_curriculum):
    sp("init", "--curriculum", str(hostile_curriculum), "--start", "2026-01-05")
    text = sp("show", "ml-basics", "--json").stdout
    assert "\x9b" not in text and "\x7f" not in text


def test_clean_strips_every_control_but_newline_and_tab():
    from studyplan.domain.text import clean
    from studyplan.render.text import literal

    everything = "".join(chr(c) for c in range(0xA0))
    kept = clean(everything)
    assert kept == "\t\n" + "".join(chr(c) for c in range(0x20, 0x7F))
    assert literal(MARKUP).plain == MARKUP
    assert clean(None) == "" and clean(3) == "3"
