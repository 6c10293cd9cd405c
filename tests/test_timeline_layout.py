"""`timeline` draws its month bars as text lines: the same layout rich's table gives, at any size."""

from __future__ import annotations

from datetime import date

import pytest
from rich.console import Console

from studyplan.app import tracking
from studyplan.app.session import Session
from studyplan.render.tracking import _Timeline


def _plain(renderable, width: int) -> str:
    console = Console(width=width, record=True, color_system=None, file=open("/dev/null", "w"))  # noqa: SIM115
    console.print(renderable)
    return console.export_text()


@pytest.mark.parametrize("form", _Timeline.FORMS)
def test_the_text_lines_match_the_table_in_every_form(sp, form):
    sp("init", "--start", "2026-01-05")
    sp("done", "ml-basics")
    sp("start", "dl-intro/neural-networks")
    session = Session()
    try:
        result = tracking.timeline(session, date(2026, 3, 20), "en")
    finally:
        session.close()
    drawn = _Timeline(result)
    cells_per, gap, every = form
    name_w = max(n.cell_len for n in drawn.names)
    assert _plain(drawn._lines(name_w, cells_per, gap, every), 300) == _plain(drawn._table(cells_per, gap, every), 300)


def test_timeline_fits_every_width_from_40_columns(sp, monkeypatch):
    import re

    sp("init", "--start", "2026-01-05")
    monkeypatch.setenv("STUDYPLAN_COLOR", "always")  # laid out as on a terminal of that width
    for width in (40, 60, 80, 120):
        monkeypatch.setenv("COLUMNS", str(width))
        out = re.sub(r"\x1b\[[0-9;]*m", "", sp("timeline", "--date", "2026-03-20").stdout)
        assert "ml-basics" in out and "▼" in out
        bars = [line for line in out.splitlines() if "█" in line or "▓" in line or "░" in line]
        assert bars and all(len(line.rstrip()) <= width for line in bars), width
