"""A table of thousands of rows, drawn line by line.

rich's ``Table`` measures every cell of every row (twice when printed off a terminal,
where the Console first measures what it prints): about 0.75 ms a row, so ten years of log
entries (36,500 rows) took 27 s of CPU before the first line showed. ``LongTable`` draws
the same layout as the ``Table`` of ``show_edge=False`` it stands in for (header, a heavy
rule, ``│`` between cells, the caption below) from column widths measured once, in well
under a second. Only the last column may wrap (content is never cut, see render/wrap.py);
the others are ids, dates and short words.
"""

from __future__ import annotations

from typing import Any, Iterable, Sequence

from rich.cells import cell_len
from rich.console import Console, ConsoleOptions
from rich.measure import Measurement
from rich.segment import Segment
from rich.style import Style

from studyplan.domain.text import clean
from studyplan.render.wrap import break_lines

HEADER = Style(bold=True)
CAPTION = Style(dim=True, italic=True)
NARROWEST_LAST = 12  # the last column never wraps narrower than this


class LongTable:
    def __init__(self, header: Sequence[str], rows: Iterable[Sequence[str]], caption: str = "") -> None:
        self.header = tuple(header)
        self.rows = [tuple(clean(c).replace("\n", " ").replace("\t", " ") for c in row) for row in rows]
        self.caption = caption
        self.widths = [max(map(cell_len, column)) for column in zip(self.header, *self.rows)]

    def _fixed(self) -> int:
        """The width of every column but the last, with their padding and separators."""
        return sum(w + 3 for w in self.widths[:-1])

    def __rich_measure__(self, console: Console, options: ConsoleOptions) -> Measurement:
        whole = self._fixed() + self.widths[-1] + 2
        return Measurement(min(whole, self._fixed() + NARROWEST_LAST + 2), whole)

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> Iterable[Any]:
        if self._fixed() + 2 + min(NARROWEST_LAST, self.widths[-1]) > options.max_width:
            yield self._as_table()  # a screen too narrow for the fixed columns: rich's layout, slow but whole
            return
        last = min(self.widths[-1], options.max_width - self._fixed() - 2)
        widths = [*self.widths[:-1], last]
        pads = [" " * w for w in widths]

        def line(cells: Sequence[str], sep: str) -> str:
            return sep.join(f" {c}{pads[i][cell_len(c):]} " for i, c in enumerate(cells))

        newline = Segment.line()
        yield Segment(line(self.header, "┃").rstrip(), HEADER)
        yield newline
        yield Segment("╇".join("━" * (w + 2) for w in widths).rstrip())
        yield newline
        blank = ("",) * (len(widths) - 1)
        for row in self.rows:
            if cell_len(row[-1]) <= last:
                yield Segment(line(row, "│").rstrip())
                yield newline
                continue
            parts = break_lines(row[-1], last) or [""]
            yield Segment(line((*row[:-1], parts[0]), "│").rstrip())
            yield newline
            for part in parts[1:]:
                yield Segment(line((*blank, part), "│").rstrip())
                yield newline
        if self.caption:
            total = sum(w + 3 for w in widths) - 1
            yield Segment(self.caption.center(max(total, cell_len(self.caption))).rstrip(), CAPTION)
            yield newline

    def _as_table(self) -> Any:
        from rich.table import Table

        from studyplan.render.wrap import wrapped

        table = Table(show_edge=False, caption=self.caption or None)
        for name in self.header[:-1]:
            table.add_column(name, no_wrap=True)
        table.add_column(self.header[-1])
        for row in self.rows:
            table.add_row(*row[:-1], wrapped(row[-1]))
        return table
