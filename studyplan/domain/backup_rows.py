"""One table of an export, and its rows checked one at a time.

``TableSpec`` is a table as the export sees it (the store derives it from the live
schema); ``TableCheck`` checks a table's rows one by one — each column's type and
meaning, the rules across a row (``import_rules``), keys unique — so the reader can
check a row as soon as it is parsed and keep only what is valid
(``domain.backup_reader``), and ``domain.backup.validate`` can check a parsed list.

Pure: no SQL, no files, no clock.
"""

from __future__ import annotations

import math
from typing import Any

from studyplan.domain import import_rules as rules
from studyplan.record import Record

# Columns checked for their meaning as well as their SQL type (wherever they appear).
DATE_COLUMNS = frozenset({"day", "start_date", "anchor", "pause_from", "pause_to", "introduced_day"})
TIMESTAMP_COLUMNS = frozenset({"at", "created_at", "updated_at"})
FLAG_COLUMNS = frozenset({"deleted", "cancelled", "undone"})
# (table, column) pairs with a rule of their own in check_meaning
MEANING = frozenset({("statuses", "status"), ("statuses", "ref"), ("time_log", "minutes"), ("reviews", "rating"),
                     ("plan_revisions", "kind"), ("journal", "batch"), ("review_cards", "card"), *rules.VALUE_RULES})


class Column(Record):
    name: str
    type: str  # INTEGER | REAL | TEXT (SQLite's declared type, upper-cased)
    notnull: bool
    has_default: bool
    pk: bool


class TableSpec(Record):
    """One table as the export sees it (``profile_id`` left out)."""

    name: str
    columns: tuple[Column, ...]

    @property
    def names(self) -> tuple[str, ...]:
        return tuple(c.name for c in self.columns)

    @property
    def id_keyed(self) -> bool:
        """Rows are identified by an ``id INTEGER PRIMARY KEY`` (renumbered on import when taken)."""
        return any(c.name == "id" and c.pk and c.type == "INTEGER" for c in self.columns)

    @property
    def key(self) -> tuple[str, ...]:
        """Columns that identify a row within one profile."""
        if self.id_keyed:
            return ("id",)
        return tuple(c.name for c in self.columns if c.pk)

    @property
    def content(self) -> tuple[str, ...]:
        """Columns that say what a row is (not its id, nor state flipped later such as ``deleted``)."""
        return tuple(c.name for c in self.columns if not (c.name == "id" and self.id_keyed) and not c.has_default)


def kind(value: Any) -> str:
    """How a value is named in a problem: "the text 'x'", "the number 3", "a list" …"""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, (int, float)):
        return f"the number {value!r}"
    if isinstance(value, str):
        shown = value if len(value) <= 40 else value[:37] + "..."
        return f"the text {shown!r}"
    if isinstance(value, dict):
        return "an object"
    if isinstance(value, list):
        return "a list"
    return type(value).__name__


def is_int(v: Any) -> bool:
    return isinstance(v, int) and not isinstance(v, bool)


def _is_number(v: Any) -> bool:
    return (is_int(v) or isinstance(v, float)) and not (isinstance(v, float) and not math.isfinite(v))


def check_type(col: Column, value: Any) -> str | None:
    """A problem with ``value`` for ``col``, or None."""
    if value is None:
        if col.notnull:
            return "must not be null"
        return None
    if col.type == "INTEGER" and not is_int(value):
        return f"must be a whole number, not {kind(value)}"
    if col.type == "REAL" and not _is_number(value):
        return f"must be a number, not {kind(value)}"
    if col.type == "TEXT" and not isinstance(value, str):
        return f"must be text, not {kind(value)}"
    if col.type not in ("INTEGER", "REAL", "TEXT") and not (isinstance(value, (str, float)) or is_int(value)):
        return f"must be text or a number, not {kind(value)}"
    if is_int(value) and not -(2**63) <= value < 2**63:
        return f"must fit in 64 bits, not {value}"
    if isinstance(value, str) and not value.isascii():
        try:  # every other character is kept: whatever export wrote, import gives back
            value.encode("utf-8")
        except UnicodeEncodeError:
            return "must be valid Unicode text (it holds a lone surrogate escape)"
    if col.name in DATE_COLUMNS:
        return rules.date_problem(value, kind)
    if col.name in TIMESTAMP_COLUMNS and (problem := rules.timestamp_problem(value, kind)):
        return problem
    if col.name in FLAG_COLUMNS and value not in (0, 1):
        return f"must be 0 or 1, not {kind(value)}"
    if col.name == "id" and value < 1:
        return f"must be 1 or more, not {value}"
    return None


def check_meaning(table: str, name: str, value: Any) -> str | None:
    """The meaning of particular columns of particular tables (MEANING), beyond their type."""
    if value is None:
        return None
    if table == "statuses" and name == "status" and value not in ("in-progress", "done", "skipped"):
        return f"must be in-progress, done or skipped, not {kind(value)}"
    if table == "statuses" and name == "ref" and not value.strip():
        return "must not be empty"
    if table == "time_log" and name == "minutes" and value <= 0:
        return f"must be more than 0, not {value}"
    if table == "reviews" and name == "rating" and not 1 <= value <= 4:
        return f"must be 1 to 4, not {value}"
    if table == "plan_revisions" and name == "kind" and value not in ("replan", "pause"):
        return f"must be replan or pause, not {kind(value)}"
    if table == "journal" and name == "batch" and value < 1:
        return f"must be 1 or more, not {value}"
    if table == "review_cards" and name == "card":
        import json  # --help loads every command module: json (~2 ms) only when a backup is read

        try:
            json.loads(value)
        except ValueError:
            return "must hold the card as JSON text"
    return rules.value_problem(table, name, value)


def _fast(table: str, col: Column) -> type | None:
    """The type whose plain values need no check but their class (ASCII text, a 64-bit whole number)."""
    if (table, col.name) in MEANING or col.name in DATE_COLUMNS | TIMESTAMP_COLUMNS | FLAG_COLUMNS:
        return None
    return {"TEXT": str, "INTEGER": int}.get(col.type)


class CheckedRows(list):
    """A table's rows that passed its ``TableCheck``, in file order; ``positions[k]`` is the
    file index of row k when some rows were left out (None when every row was kept)."""

    positions: list[int] | None = None


class TableCheck:
    """One table's rows checked one at a time (``add``); the valid ones collect in ``rows``."""

    def __init__(self, spec: TableSpec, problems: list[str]) -> None:
        self.name, self.problems = spec.name, problems
        self.path = f"$.tables.{spec.name}"
        self.names = frozenset(spec.names)
        self.listed = ", ".join(spec.names)
        # (column, must be present, has a rule of its own, its fast check): worked out once, used for every row
        self.columns = [(c, (c.notnull and not c.has_default) or c.pk, (spec.name, c.name) in MEANING, _fast(spec.name, c))
                        for c in spec.columns]
        self.key = spec.key
        self.seen: dict[Any, int] = {}
        self.rows = CheckedRows()
        # The last value each column passed with: the reader shares equal short texts between
        # rows (the day, the timestamp, the action), so most values are that very object again.
        self.passed: list[Any] = [object()] * len(self.columns)

    def add(self, row: Any, index: int) -> None:
        kept = self._check(row, index)
        rows = self.rows
        if kept is None:
            if rows.positions is None:
                rows.positions = list(range(len(rows)))
            return
        if rows.positions is not None:
            rows.positions.append(index)
        rows.append(kept)

    def _check(self, row: Any, index: int) -> dict[str, Any] | None:
        """The row itself (only known columns) or None, its problems added."""
        where = f"{self.path}[{index}]"
        if not isinstance(row, dict):
            self.problems.append(f"{where}: must be an object, not {kind(row)}")
            return None
        ok = True
        for name in row:
            if name not in self.names:
                self.problems.append(f"{where}.{name}: unknown column (the table has {self.listed})")
                ok = False
        passed = self.passed
        for i, (col, required, meaningful, fast) in enumerate(self.columns):
            if col.name not in row:
                if required:
                    self.problems.append(f"{where}.{col.name}: missing")
                    ok = False
                continue
            value = row[col.name]
            if value is passed[i]:  # immutable, and checked already
                continue
            if fast is str and value.__class__ is str and value.isascii():
                continue
            if fast is int and value.__class__ is int and (1 if col.name == "id" else -(2**63)) <= value < 2**63:
                continue
            problem = check_type(col, value) or (check_meaning(self.name, col.name, value) if meaningful else None)
            if col.pk and value is None:
                problem = "must not be null"
            if problem:
                self.problems.append(f"{where}.{col.name}: {problem}")
                ok = False
            else:
                passed[i] = value
        if ok:
            for name, problem in rules.row_problems(self.name, row):
                self.problems.append(f"{where}{'.' + name if name else ''}: {problem}")
                ok = False
        if not ok or not self.key:
            return row if ok else None
        key = row[self.key[0]] if len(self.key) == 1 else tuple(row[k] for k in self.key)
        if key in self.seen:
            label = ", ".join(f"{k} {v!r}" for k, v in zip(self.key, key if len(self.key) > 1 else (key,)))
            self.problems.append(f"{where}: duplicate row ({label}; first at {self.path}[{self.seen[key]}])")
            return None
        self.seen[key] = index
        return row
