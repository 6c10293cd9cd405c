"""Light building blocks for the daily views: ``Stack``, ``Grid`` and ``Card``.

``today``, ``plan``, ``show`` and ``concept`` run before a learner's first thought of the
day, so their start-up counts (issue 18). rich's ``Group``, ``Table`` and ``Panel`` bring
``rich.console``, ``rich.table`` and ``rich.panel`` with them (about 16 ms of every start);
these three blocks draw the same layout with rich's ``Text`` and ``Segment`` alone.

They speak rich's renderable protocol (``__rich_console__`` and ``__rich_measure__``), and
ask the console they are drawn on for nothing but ``render``, ``render_lines`` and
``get_style``: the same block draws on a rich ``Console`` (the gallery, a test's console)
and on ``cli/lite_console.py``'s ``LiteConsole`` (a daily command), line for line alike
(tests/test_lite_console.py).

* ``Stack(*parts)``: the parts one under the other (rich's ``Group``).
* ``Grid``: a table without borders, rows of cells with one space of padding each side
  (``Table(box=None, show_header=False, padding=(0, 1))``), an optional title above it,
  columns that share out the width as ``render/wrap.py``'s ``WrapTable`` does (every
  column's whole words first), never cutting a cell.
* ``Card``: content in a rounded border, a title in the top border and a subtitle in the
  bottom one (rich's ``Panel``, full width).
"""

from __future__ import annotations

from typing import Any

from rich.cells import cell_len
from rich.measure import Measurement
from rich.segment import Segment
from rich.text import Text


def measure(console: Any, options: Any, renderable: Any) -> Measurement:
    """rich's ``Measurement.get`` for a renderable object (not a string to read as markup),
    without the ``rich.console`` import that one makes on every call."""
    if options.max_width < 1:
        return Measurement(0, 0)
    get = getattr(renderable, "__rich_measure__", None)
    if get is None:
        return Measurement(0, options.max_width)
    measured = get(console, options).normalize().with_maximum(options.max_width)
    return Measurement(0, 0) if measured.maximum < 1 else measured.normalize()


class Stack:
    """Renderables one under the other."""

    def __init__(self, *parts: Any) -> None:
        self.parts = list(parts)

    def light_parts(self) -> list[Any]:  # cli/lite_console.py draws
        return self.parts

    def __rich_measure__(self, console: Any, options: Any) -> Measurement:
        measured = [measure(console, options, p) for p in self.parts]
        if not measured:
            return Measurement(1, 1)
        return Measurement(max(m.minimum for m in measured), max(m.maximum for m in measured))

    def __rich_console__(self, console: Any, options: Any):  # noqa: ANN204 - rich's protocol
        yield from self.parts


def ratio_reduce(total: int, ratios: list[int], maximums: list[int], values: list[int]) -> list[int]:
    """``values`` less ``total`` in all, shared by ``ratios``, no value losing more than its maximum."""
    ratios = [r if m else 0 for r, m in zip(ratios, maximums)]
    total_ratio = sum(ratios)
    if not total_ratio:
        return values[:]
    remaining, result = total, []
    for ratio, maximum, value in zip(ratios, maximums, values):
        if ratio and total_ratio > 0:
            taken = min(maximum, round(ratio * remaining / total_ratio))
            result.append(value - taken)
            remaining -= taken
            total_ratio -= ratio
        else:
            result.append(value)
    return result


class Grid:
    """Rows of cells without borders, one space of padding each side of every cell."""

    PAD = 2  # one space left, one right

    def __init__(self, title: Text | None = None) -> None:
        self.title = title
        self.no_wrap: list[bool] = []
        self.rows: list[list[Any]] = []

    def light_parts(self) -> list[Any]:  # cli/lite_console.py draws
        return [*([self.title] if self.title is not None else []), *(cell for row in self.rows for cell in row)]

    def add_column(self, no_wrap: bool = False) -> None:
        self.no_wrap.append(no_wrap)

    def add_row(self, *cells: Any) -> None:
        while len(self.no_wrap) < len(cells):
            self.add_column()
        self.rows.append([*cells, *[Text("")] * (len(self.no_wrap) - len(cells))])

    def _ranges(self, console: Any, options: Any, widths: list[int] | None = None) -> list[Measurement]:
        """Each column's narrowest and widest, padding included."""
        out = []
        for i in range(len(self.no_wrap)):
            room = options.max_width if widths is None else widths[i]
            inner = options.update_width(max(1, room - self.PAD))
            cells = [measure(console, inner, row[i]) for row in self.rows]
            low = max((m.minimum for m in cells), default=1) + self.PAD
            high = max((m.maximum for m in cells), default=room - self.PAD) + self.PAD
            out.append(Measurement(low, high).with_maximum(room))
        return out

    def widths(self, console: Any, options: Any, ranges: list[Measurement] | None = None) -> list[int]:
        """The columns' widths in ``options.max_width`` (``ranges``: the columns' ``_ranges`` there,
        when measured already): each its widest when all fit; else each its narrowest (whole
        words), the narrowest raised first, a decorative column (a bar: ``yields_first``) last;
        when even whole words do not fit, every column shrinks in proportion (down to one cell
        of content) and its words fold: narrower, never cut."""
        room = options.max_width
        ranges = self._ranges(console, options) if ranges is None else ranges
        widths = [r.maximum or 1 for r in ranges]
        if sum(widths) <= room:
            return widths
        lows = [r.maximum if nw else r.minimum for r, nw in zip(ranges, self.no_wrap)]
        if sum(lows) <= room:
            return raise_evenly(lows, ranges, room, [self._yields(i) for i in range(len(lows))])
        least = self.PAD + 1
        return ratio_reduce(sum(lows) - room, lows, [max(0, w - least) for w in lows], lows)

    def _yields(self, column: int) -> bool:
        return bool(self.rows) and all(getattr(row[column], "yields_first", False) for row in self.rows)

    def __rich_measure__(self, console: Any, options: Any) -> Measurement:
        if not self.no_wrap:
            return Measurement(0, 0)
        widths = self.widths(console, options)
        ranges = self._ranges(console, options.update_width(sum(widths)))
        return Measurement(sum(r.minimum for r in ranges), sum(r.maximum for r in ranges))

    def __rich_console__(self, console: Any, options: Any):  # noqa: ANN204 - rich's protocol
        if not self.no_wrap:
            yield Segment("\n")
            return
        ranges = self._ranges(console, options)
        widths = self.widths(console, options, ranges)
        # A column narrower than its widest cell folds, even one that does not wrap (an id):
        # shown over two lines rather than cut.
        whole = [r.maximum <= w for r, w in zip(ranges, widths)]
        table_options = options.update_width(sum(widths))
        if self.title is not None:
            title = self.title.copy()
            title.justify = "left"  # padded to the grid's width, as rich pads a table's title
            yield from console.render(title, table_options)
        for row in self.rows:
            cells = []
            for cell, width, no_wrap, fits in zip(row, widths, self.no_wrap, whole):
                inner = table_options.update_width(max(1, width - self.PAD))
                if no_wrap and fits:
                    inner = inner.update(no_wrap=True)
                lines = console.render_lines(cell, inner, pad=True)
                cells.append([[Segment(" "), *line, Segment(" ")] for line in lines])
            height = max(len(c) for c in cells)
            for c, width in zip(cells, widths):
                c.extend([Segment(" " * width)] for _ in range(height - len(c)))
            for n in range(height):
                for c in cells:
                    yield from c[n]
                yield Segment("\n")


def raise_evenly(lows: list[int], ranges: list[Measurement], room: int, last: list[bool]) -> list[int]:
    """``lows`` raised one cell at a time, the narrowest first, up to each column's widest;
    the ``last`` columns only once the others are whole."""
    widths, spare = list(lows), room - sum(lows)
    for turn in (False, True):
        while spare > 0:
            growing = [i for i, (w, r) in enumerate(zip(widths, ranges)) if w < r.maximum and last[i] == turn]
            if not growing:
                break
            level = min(widths[i] for i in growing)
            for i in growing:
                if widths[i] == level and spare > 0:
                    widths[i] += 1
                    spare -= 1
    return widths


# The border: rounded corners, or plain ASCII where the output cannot encode them.
ROUNDED = ("╭", "─", "╮", "│", "╰", "╯")
ASCII = ("+", "-", "+", "|", "+", "+")


class Card:
    """``body`` in a rounded border as wide as the room, ``title`` in its top border (left) and
    ``subtitle`` in its bottom border (right); the body has one space of padding each side.
    A label wider than its border is left out (``fits`` tells), never cut."""

    def __init__(self, body: Any, title: Text | None = None, subtitle: Text | None = None) -> None:
        self.body, self.title, self.subtitle = body, title, subtitle

    def light_parts(self) -> list[Any]:  # cli/lite_console.py draws
        return [p for p in (self.body, self.title, self.subtitle) if p is not None]

    def __rich_measure__(self, console: Any, options: Any) -> Measurement:
        parts = [self.body] + ([self._label(self.title)] if self.title is not None else [])
        inner = options.update_width(options.max_width - 4)
        width = max(measure(console, inner, p).maximum for p in parts) + 4
        return Measurement(width, width)

    @classmethod
    def fits(cls, label: Text, width: int) -> bool:
        """Whether ``label`` shows whole in a border of a card ``width`` cells wide."""
        return cls._label(label).cell_len <= width - 4

    @staticmethod
    def _label(text: Text) -> Text:
        label = text.copy()
        label.end = ""
        label.plain = label.plain.replace("\n", " ")
        label.no_wrap = True
        label.pad(1)
        return label

    def __rich_console__(self, console: Any, options: Any):  # noqa: ANN204 - rich's protocol
        top_left, line, top_right, side, bottom_left, bottom_right = (
            ASCII if getattr(options, "ascii_only", False) else ROUNDED)
        width = options.max_width
        child = options.update_width(max(1, width - 4))
        yield from self._border(console, options, top_left, line, top_right, self.title, "left")
        for row in console.render_lines(self.body, child, pad=True):
            yield Segment(side + " ")
            yield from row
            yield Segment(" " + side)
            yield Segment("\n")
        yield from self._border(console, options, bottom_left, line, bottom_right, self.subtitle, "right")

    def _border(self, console: Any, options: Any, left: str, line: str, right: str, label: Text | None, align: str):  # noqa: ANN202
        width, room = options.max_width, options.max_width - 4
        text = self._label(label) if label is not None else None
        if text is None or text.cell_len > room:  # a label is never cut: the view shows what does not fit in the body
            yield Segment(left + line * max(0, width - 2) + right)
            yield Segment("\n")
            return
        rest = line * (room - cell_len(text.plain))
        text = Text.assemble(text, rest, no_wrap=True, end="") if align == "left" else Text.assemble(rest, text, no_wrap=True, end="")
        yield Segment(left + line)
        yield from console.render(text, options.update_width(room))
        yield Segment(line + right)
        yield Segment("\n")
