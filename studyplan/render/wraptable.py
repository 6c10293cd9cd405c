"""``WrapTable``: a rich ``Table`` that shares out its width so whole words stay whole.

For the views drawn on rich's Console (bordered tables, headers). The daily views use
``render/layout.py``'s ``Grid`` instead, which shares out its width the same way
(``raise_evenly``) without importing ``rich.table``.
"""

from __future__ import annotations

from rich.table import Table

from studyplan.render.layout import raise_evenly


class WrapTable(Table):
    """A ``Table`` that, when its columns do not fit, gives each its narrowest width (whole
    words, ``Wrapped.__rich_measure__``), then raises the narrowest ones evenly; rich's own
    Table shrinks the widest columns first and folds words that would have fit."""

    def _calculate_column_widths(self, console, options):  # noqa: ANN001, ANN202 - rich's internal hook
        ranges = [self._measure_column(console, options, c) for c in self.columns]
        room = options.max_width
        if sum(r.maximum for r in ranges) <= room or self.expand:
            return super()._calculate_column_widths(console, options)
        lows = [r.maximum if c.no_wrap else r.minimum for r, c in zip(ranges, self.columns)]
        if sum(lows) > room:
            return super()._calculate_column_widths(console, options)
        # A column of decorative cells (a bar: ``yields_first``) widens only once the others are whole.
        last = [bool(c._cells) and all(getattr(cell, "yields_first", False) for cell in c._cells) for c in self.columns]
        return raise_evenly(lows, ranges, room, last)
