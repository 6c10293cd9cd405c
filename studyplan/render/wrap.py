"""Line breaking for content: words whole, Japanese by its basic kinsoku rules, hanging indents.

rich wraps at spaces only and folds a word longer than the line per character: a run of
Japanese or Chinese (one "word" with no spaces) goes to a line of its own, leaves the
Latin word before it alone on the line above, and is then cut anywhere, so a line can
start with 、 or 」 and a bullet can sit alone on its line. Here a line may break

* at a space (the spaces are dropped at the break),
* between two characters when either is a wide (CJK) character,
* and, only in a line with no such break, after a hyphen or a slash inside a Latin word,
  before a letter (``masked-`` / ``language-modeling``),

but never before a character that may not start a line (``NO_START``: 、。，．」』）
・ー ！？ small kana …) nor after one that may not end it (``NO_END``: 「『（ …). A Latin
word is never split unless it is longer than the whole line (then it is folded, the only
way to show it whole). Lines are filled greedily; when the last character that fits would
break a rule, the break moves back (追い出し) so the line stays within its width.

A wrapped line keeps its hanging indent: the leading spaces of the paragraph and a
bullet (``•``, ``-``, ``1.``) or, given as ``hang``, the width of a label
(``Goal: ``). ``wrapped()`` makes a rich ``Text`` that wraps this way wherever rich
lays it out (a Group, a Table cell, a Panel); ``break_lines`` is the same on a plain
string. ``WrapTable`` (render/wraptable.py) and ``Grid`` (render/layout.py) share out a
table's width so those words stay whole. Only rich's text modules are used here: the
daily views draw without ``rich.console`` or ``rich.table`` (cli/lite_console.py).
"""

from __future__ import annotations

import re
from bisect import bisect_right
from itertools import accumulate, pairwise

from rich.cells import cell_len, get_character_cell_size
from rich.measure import Measurement
from rich.text import Lines, Text

# May not start a line: closing brackets and quotes, punctuation, the prolonged sound
# mark, the middle dot, iteration marks and small kana (JIS X 4051 行頭禁則, the basic set).
NO_START = frozenset(
    "、。，．,.:;!?)]}」』）］｝〕〉》】〙〗〟’”｠»・ー－‐゠〜～！？：；‥…ヽヾゝゞ々〻%％"
    "ぁぃぅぇぉっゃゅょゎゕゖァィゥェォッャュョヮヵヶㇰㇱㇲㇳㇴㇵㇶㇷㇸㇹㇺㇻㇼㇽㇾㇿ"
)
# May not end a line: opening brackets and quotes (行末禁則).
NO_END = frozenset("([{「『（［｛〔〈《【〘〖〝‘“｟«")

_BULLET = re.compile(r"(?:[•\-*·・▶✔–]|\d{1,3}[.)]) ")
# A word, up to a hyphen or slash: characters below U+1100 (not wide) that are not spaces.
# Spelled as a range with a look-ahead: the negated class [^\s\-/\u1100-\U0010ffff] means
# the same but took 4-5 ms to compile on every start of a command that draws a view.
_LATIN_RUN = re.compile(r"(?:(?![\s\-/])[\x00-\u10ff])*(?!\s)[\x00-\u10ff]")
_FOLDABLE = 4  # the narrowest a decorative cell (an id) measures: it may fold
_MIN_UNIT = 24  # a longer Latin run (a URL) may be folded rather than widen a table


def _wide(ch: str) -> bool:
    return get_character_cell_size(ch) == 2


def _letter(ch: str) -> bool:
    return ch.isalpha() and not _wide(ch)


def _may_break(text: str, b: int, inside_words: bool = False) -> bool:
    """May a line end before ``text[b]`` (``0 < b < len(text)``)? ``inside_words``: after a
    hyphen or slash inside a Latin word, the second choice (a line with no other break)."""
    a, c = text[b - 1], text[b]
    if c == " ":
        j = b
        while j < len(text) and text[j] == " ":
            j += 1
        return a != " " and a not in NO_END and (j == len(text) or text[j] not in NO_START)
    if a == " ":
        i = b - 1
        while i >= 0 and text[i] == " ":
            i -= 1
        return c not in NO_START and (i < 0 or text[i] not in NO_END)
    if c in NO_START or a in NO_END:
        return False
    if _wide(a) or _wide(c):
        return not inside_words
    return inside_words and a in "-/" and _letter(c) and b >= 2 and text[b - 2] not in " -/"


def line_starts(text: str, width: int, rest_width: int | None = None) -> list[int]:
    """Where each line after the first starts in ``text`` (one paragraph, no newline).

    The first line holds at most ``width`` cells, the others ``rest_width`` (default:
    ``width``); spaces at a break are dropped (a line starts after them and its
    trailing ones do not count). Every line holds at least one character.
    """
    rest_width = width if rest_width is None else rest_width
    starts: list[int] = []
    n, pos, limit = len(text), 0, max(1, width)
    # The cells before each character, summed once (printable ASCII: one cell each), so the
    # end of each line is a bisection, not a walk over its characters (a long paragraph
    # of a big curriculum is thousands of them).
    prefix = None if text.isascii() and text.isprintable() else [0, *accumulate(map(get_character_cell_size, text))]
    while True:
        # The furthest end whose characters hold at most ``limit`` cells (zero-width ones included).
        end = min(n, pos + limit) if prefix is None else bisect_right(prefix, prefix[pos] + limit, pos, n + 1) - 1
        if end >= n:
            return starts
        b = next((b for b in range(end, pos, -1) if _may_break(text, b)), None)
        if b is None:
            b = next((b for b in range(end, pos, -1) if _may_break(text, b, inside_words=True)), None)
        if b is None:  # one unit longer than the line: fold it, keeping the rules where it can
            b = max(end, pos + 1)
            if b >= n:  # the last character alone is wider than the line: it is the last line
                return starts
            while b > pos + 1 and (text[b] in NO_START or text[b - 1] in NO_END):
                b -= 1
            if text[b] in NO_START or text[b - 1] in NO_END:
                b = max(end, pos + 1)
        while b < n and text[b] == " ":  # the next line starts after the spaces of the break
            b += 1
        if b >= n:  # only spaces were left
            return starts
        starts.append(b)
        pos, limit = b, max(1, rest_width)


def auto_hang(line: str) -> int:
    """The hanging indent of a paragraph: its leading spaces and a bullet after them."""
    body = line.lstrip(" ")
    indent = len(line) - len(body)
    m = _BULLET.match(body)
    return indent + (cell_len(m.group(0)) if m else 0)


def break_lines(text: str, width: int, hang: int | None = None) -> list[str]:
    """``text`` (one paragraph) as lines of at most ``width`` cells, continuation lines
    indented by ``hang`` cells (default: the paragraph's own, ``auto_hang``)."""
    h = min(auto_hang(text) if hang is None else hang, width // 2)
    starts = line_starts(text, width, width - h)
    bounds = [0, *starts, len(text)]
    lines = [text[a:b].rstrip(" ") for a, b in pairwise(bounds)]
    return [lines[0]] + [" " * h + line for line in lines[1:]]


class Wrapped(Text):
    """A rich ``Text`` laid out by ``line_starts``: whole words, kinsoku, hanging indents.

    ``hang`` is the first paragraph's hanging indent in cells (a label's width); None
    takes it from the paragraph (``auto_hang``), as every later paragraph does.
    """

    hang: int | None = None
    foldable = False  # decorative (ids): may fold to let the content beside it keep its words

    def wrap(self, console, width, *, justify=None, overflow=None, tab_size=8, no_wrap=None) -> Lines:  # noqa: ANN001, D102 - rich's signature
        lines = Lines()
        if no_wrap or self.no_wrap:
            return super().wrap(console, width, justify=justify, overflow=overflow, tab_size=tab_size, no_wrap=no_wrap)
        for n, para in enumerate(self.split("\n", allow_blank=True)):
            if "\t" in para.plain:
                para.expand_tabs(tab_size)
            plain = para.plain
            h = self.hang if n == 0 and self.hang is not None else auto_hang(plain)
            h = min(h, width // 2)
            parts = para.divide(line_starts(plain, width, width - h))
            for i, part in enumerate(parts):
                part.rstrip()
                if i:
                    part.pad_left(h)
            if justify in ("center", "right", "full"):
                parts.justify(console, width, justify=justify, overflow="fold")
            lines.extend(parts)
        return lines

    def __rich_measure__(self, console, options) -> Measurement:  # noqa: ANN001, D105 - rich's protocol
        # The same cell is measured several times a print (off a terminal the view is measured
        # to fit, then each table measures its columns): the result depends only on these.
        key = (self.plain, self.hang, self.foldable)
        memo = self.__dict__.get("_measured")
        if memo is not None and memo[0] == key:
            return memo[1]
        measured = self._measure()
        self.__dict__["_measured"] = (key, measured)
        return measured

    def _measure(self) -> Measurement:
        widest = narrowest = 0
        for n, line in enumerate(self.plain.split("\n")):
            widest = max(widest, cell_len(line))
            h = self.hang if n == 0 and self.hang is not None else auto_hang(line)
            unit = max((cell_len(w) for w in _LATIN_RUN.findall(line)), default=0)
            unit = max(min(unit, _MIN_UNIT), 2 if any(_wide(ch) for ch in line) else 1)
            narrowest = max(narrowest, h + unit)
        if self.foldable:
            narrowest = _FOLDABLE
        return Measurement(min(narrowest, widest), widest)


def wrapped(text: Text | str, hang: int | None = None, style: str = "", foldable: bool = False) -> Wrapped:
    """``text`` (a rich Text keeps its styles; a str is taken as written) as a ``Wrapped``;
    ``foldable`` for a decorative cell (an id), which gives way first in a table."""
    if isinstance(text, str):
        text = Text(text, style=style)
    out = Wrapped(text.plain, style=text.style, justify=text.justify, end=text.end)
    out._spans[:] = text._spans
    out.hang = hang
    out.foldable = foldable
    return out


def label_hang(label: str | Text) -> int:
    """The hanging indent for text after ``label`` (``Goal: ``): its width in cells."""
    return cell_len(label.plain if isinstance(label, Text) else label)


def flowing(parts: list) -> list:  # noqa: ANN001 - renderables
    """A view's parts with every plain ``Text`` made ``Wrapped`` (its indent kept as the hang)."""
    return [wrapped(p) if type(p) is Text else p for p in parts]
