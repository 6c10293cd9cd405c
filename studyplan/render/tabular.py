"""Rows for the tools around the shell: TSV for grep, cut and awk; CSV for spreadsheets.

``--plain`` (``tsv_of``): the rows of the table a view draws, tab-separated, with a header
line and no box drawing. One implementation for every table command: the rich ``Table``
the view builds is read back column by column, so the plain rows are the same rows the
terminal shows (``plan``, which draws aligned lines rather than a Table, and ``history``,
which draws a table per era, give theirs with ``plan_rows`` and ``history_rows``). A cell never holds a tab or a line break (they become spaces), so
every line splits into the same number of fields.

``--format csv`` (``log_csv``, ``report_csv``): written with the ``csv`` module, comma
separated, a header line, fields quoted when they need it, ``\\n`` line ends, UTF-8
without a byte-order mark. Numbers are plain numbers (minutes, hours) so a spreadsheet
can sum them. A text cell that a spreadsheet would run as a formula (one starting with
``=``, ``+``, ``-`` or ``@``) is written with a leading ``'``, so a note from an imported
backup can never become a live formula.

Text from data goes through ``domain.text.clean`` in every cell.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence
from typing import Any

from rich.console import Group
from rich.table import Table
from rich.text import Text

from studyplan.domain.text import clean

Rows = tuple[tuple[str, ...], list[tuple[Any, ...]]]  # a header and the rows under it

_BREAKS = str.maketrans({"\t": " ", "\n": " ", "\r": " ", "\u2028": " ", "\u2029": " "})


# -- TSV (--plain) -----------------------------------------------------------------------------
def tsv_cell(value: Any) -> str:
    """A cell on one line: cleaned, tabs and line breaks as spaces."""
    if isinstance(value, Text):
        value = value.plain
    return clean("" if value is None else value).translate(_BREAKS).strip()


def tsv(header: Sequence[str], rows: Iterable[Sequence[Any]]) -> str:
    lines = ["\t".join(tsv_cell(h) for h in header)]
    lines += ["\t".join(tsv_cell(c) for c in row) for row in rows]
    return "\n".join(lines) + "\n"


def _tables(renderable: Any) -> list[Table]:
    if isinstance(renderable, Table):
        return [renderable]
    if isinstance(renderable, Group):
        return [t for r in renderable.renderables for t in _tables(r)]
    return []


def table_rows(renderable: Any) -> Rows | None:
    """The header and rows of the one Table in a view (a Table, or a Group holding one); None
    when the view drew no table (an empty list's message)."""
    tables = _tables(renderable)
    if len(tables) != 1:
        return None
    table = tables[0]
    header = tuple(tsv_cell(c.header) for c in table.columns)
    rows = list(zip(*(list(c.cells) for c in table.columns)))
    return header, rows


def tsv_of(renderable: Any) -> str | None:
    """``--plain``: the view's table as TSV, or None when it drew none."""
    found = table_rows(renderable)
    return None if found is None else tsv(*found)


def plan_rows(r) -> Rows:  # noqa: ANN001 - PlanResult
    """``plan --plain``: one row per module, its phase first (the rich view draws lines, not a Table)."""
    header = ("phase", "months", "module", "title", "status", "percent", "done", "total", "start", "end")
    rows = [(p.id, f"{p.months[0]}-{p.months[1]}", m.id, m.title, m.status, f"{m.percent:g}", m.done, m.total, m.start, m.end)
            for p in r.phases for m in p.modules]
    return header, rows


def history_rows(r) -> Rows:  # noqa: ANN001 - HistoryResult
    """``history --plain``: one row per breakthrough, its era first (the rich view draws one table per era)."""
    header = ("era", "year", "year_end", "id", "name", "who", "tags", "covered", "description")
    rows = [(era.id, e.year, e.year_end, e.id, e.name, e.who, " ".join(e.tags), "yes" if e.covered else "no", e.description)
            for era in r.eras for e in era.events]
    return header, rows


# -- CSV (--format csv) --------------------------------------------------------------------------
_FORMULA_START = ("=", "+", "-", "@")


def csv_cell(value: Any) -> Any:
    """Numbers as they are; text cleaned, with a ``'`` before what a spreadsheet would run as a formula."""
    if value is None:
        return ""
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return value
    text = clean(value)
    return "'" + text if text.startswith(_FORMULA_START) else text


def csv_text(header: Sequence[str], rows: Iterable[Sequence[Any]]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(header)
    for row in rows:
        writer.writerow([csv_cell(c) for c in row])
    return out.getvalue()


LOG_COLUMNS = ("id", "date", "minutes", "kind", "module", "note")


def log_csv(r) -> str:  # noqa: ANN001 - LogList
    """``log --list --format csv``: one row per entry; minutes as a whole number, module and note empty when unset."""
    return csv_text(LOG_COLUMNS, ((e.id, e.day.isoformat(), e.minutes, e.kind, e.module, e.note) for e in r.entries))


def _number(x: float) -> int | float:
    """2.0 as 2, 1.5 as itself."""
    return int(x) if float(x).is_integer() else x


REPORT_COLUMNS = ("section", "start", "end", "id", "name", "hours", "min_hours", "max_hours", "verdict", "completed", "started", "skipped")


def report_csv(r) -> str:  # noqa: ANN001 - ReportResult
    """``report --format csv``: the report's two tables in one sheet, told apart by ``section``.

    ``hours`` rows: one per kind of study (id theory/coding/updates, its label, hours logged,
    the routine's target range, under/within/over). ``items`` rows: one per module worked on
    (id, title, items completed, started and skipped). Every row carries the period's start
    and end, so the files of several weeks can be stacked into one sheet; a column a
    section does not use is empty. No total rows: a spreadsheet sums a filtered column.
    """
    start, end = r.start.isoformat(), r.end.isoformat()
    rows: list[tuple[Any, ...]] = [
        ("hours", start, end, h.kind, h.label, _number(h.hours), _number(h.min_hours), _number(h.max_hours), h.verdict, None, None, None)
        for h in r.hours
    ]
    rows += [
        ("items", start, end, m.module, m.title, None, None, None, None, len(m.completed), len(m.started), len(m.skipped)) for m in r.modules
    ]
    return csv_text(REPORT_COLUMNS, rows)
