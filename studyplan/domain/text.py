"""The one sanitiser for text from data (curricula, notes, imports, config).

Curricula, notes and imports may hold ESC sequences and characters that hide or
reorder text. ``clean`` strips, so none of them ever reaches an output:

* C0 controls except newline and tab (U+0000-U+0008, U+000B-U+001F), DEL (U+007F)
  and the C1 controls (U+0080-U+009F, including the 8-bit CSI U+009B): escape
  sequences (colours, OSC 8 links, OSC 52 clipboard writes, screen clears);
* bidirectional controls, which make text read in another order than it is stored
  ("Trojan Source"): U+202A-U+202E (LRE, RLE, PDF, LRO, RLO), U+2066-U+2069 (LRI,
  RLI, FSI, PDI), U+200E/U+200F (LRM, RLM) and U+061C (ALM);
* invisible format characters that can hide text or make two strings look alike:
  U+200B (zero-width space), U+2060-U+2064 (word joiner, invisible operators),
  U+206A-U+206F (deprecated format controls), U+FEFF (BOM / zero-width no-break
  space), U+FFF9-U+FFFB (interlinear annotation) and the tag characters
  U+E0000-U+E007F ("ASCII smuggling"; a subdivision flag falls back to a plain flag).

Kept on purpose: U+200C ZWNJ and U+200D ZWJ (written inside words in Persian and
Indic scripts, and inside emoji sequences), U+00AD soft hyphen (a hyphenation
hint, shown as at most a hyphen), variation selectors, and U+2028/U+2029 (which
``one_line`` shows as ``\\u2028``). ``one_line`` also shows line breaks as
``\\n`` for error messages, which are one line by promise.

``markdown_text`` and ``markdown_cell`` escape cleaned text for a Markdown
document, so data can never become a heading, a list, a link, an image, raw HTML
or a table row. ``json_safe`` escapes the stripped set inside JSON text as
``\\uXXXX`` (lossless: a backup keeps every character, a terminal acts on none).
Pure and free of rich, so every layer and every output (terminal, Markdown,
iCalendar, JSON) can use it.
"""

from __future__ import annotations

import re

_HIDDEN = "\u061c\u200b\u200e\u200f\u202a-\u202e\u2060-\u2064\u2066-\u206f\ufeff\ufff9-\ufffb\U000e0000-\U000e007f"
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f" + _HIDDEN + "]")
_JSON_RAW = re.compile("[\x7f-\x9f" + _HIDDEN + "]")  # json.dumps escapes C0 itself


def clean(value: object) -> str:
    return _CONTROL.sub("", "" if value is None else str(value))


_LINE_BREAKS = {"\n": "\\n", "\t": " ", "\u2028": "\\u2028", "\u2029": "\\u2029"}


def one_line(value: object) -> str:
    """``clean`` for a message that must stay on one line: line breaks are shown as ``\\n``."""
    text = clean(value)
    for ch, shown in _LINE_BREAKS.items():
        text = text.replace(ch, shown)
    return text


_MD_INLINE = re.compile(r"([\\`*_<>|#~&])")
# Brackets stay as written ("[bold]" reads as itself) except where they could make a link:
# "](" an inline link or image, "][" a reference, "]:" a definition, "[x]" a task box.
_MD_LINK = re.compile(r"\](?=[(\[:])|^\[(?=[ xX]\])")
_MD_BLOCK_START = re.compile(r"^([-+=])|^(\d+)([.)])")


def markdown_text(value: object) -> str:
    """Cleaned text for a Markdown paragraph, shown as written: no emphasis, code, link,
    image, raw HTML, entity, table pipe, heading, list, quote, rule or code block."""
    lines = []
    for line in clean(value).split("\n"):
        line = _MD_INLINE.sub(r"\\\1", line.lstrip(" \t"))  # leading indentation would make a code block
        line = _MD_LINK.sub(lambda m: "\\" + m.group(), line)
        lines.append(_MD_BLOCK_START.sub(lambda m: "\\" + m.group(1) if m.group(1) else m.group(2) + "\\" + m.group(3), line))
    return "\n".join(lines)


def markdown_cell(value: object) -> str:
    """``markdown_text`` on one line: for a table cell, a heading or a list item (a line break cannot add a row)."""
    return markdown_text(" ".join(clean(value).splitlines()).strip())


def _json_escape(m: re.Match) -> str:
    code = ord(m.group())
    if code > 0xFFFF:  # JSON spells astral characters as a surrogate pair
        code -= 0x10000
        return f"\\u{0xD800 + (code >> 10):04x}\\u{0xDC00 + (code & 0x3FF):04x}"
    return f"\\u{code:04x}"


def json_safe(text: str) -> str:
    """JSON text with DEL, C1 and the hidden characters ``clean`` strips spelled ``\\uXXXX``
    (json.dumps leaves them raw; it escapes C0 itself). Lossless: parsing gives them back."""
    return _JSON_RAW.sub(_json_escape, text)


def stored_text(value: str) -> str:
    """Free text as a command stores it (a note, a log note, a pause reason, a lookup).

    The one input rule: line breaks become ``\\n`` (an editor's CRLF or CR), and NUL
    is removed (it is never text: SQLite's ``LIKE`` and ``length()`` stop at it, so
    ``notes --search`` could not see past it). Everything else is kept as typed
    (``export`` keeps it, ``import`` gives it back) and ``clean`` neutralises it on
    every output, so a stored escape sequence never reaches a terminal.
    """
    return value.replace("\r\n", "\n").replace("\r", "\n").replace("\x00", "")
