"""The export document: its shape, and validation of a document read back.

An export is one JSON object::

    {
      "format": "studyplan-export",      # always this string
      "version": 1,                      # the document format; a newer one is refused
      "schema_version": 4,               # the database schema of the studyplan that wrote it
      "studyplan": "0.1.0",              # informational
      "exported_at": "2026-03-02T12:00:00+09:00",
      "profile": {"name": ..., "curriculum": ..., "start_date": ..., "months": ...,
                  "weekly_hours": ..., "lang": ..., "created_at": ...},
      "tables": {"statuses": [{"ref": ..., "status": ..., "updated_at": ...}, ...],
                 "journal": [...], "activity": [...], "time_log": [...], "lookups": [...],
                 "plan_revisions": [...], "review_cards": [...], "reviews": [...], "notes": [...]}
    }

Rows carry every column of their table except ``profile_id`` (ids included, so
journal entries still point at the rows they changed). Which tables and columns
exist is not written down here: the store derives a :class:`TableSpec` for each
table from the live schema and passes it in, so a table added by a migration is
validated (and exported) without anyone remembering to list it.

Everything here is pure: no SQL, no files, no clock.
"""

from __future__ import annotations

import math
import re
from datetime import date, datetime
from typing import Any

from studyplan.errors import UsageError, first_problem
from studyplan.record import Record

FORMAT = "studyplan-export"
VERSION = 1

PROFILE_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9_.-]{0,63}")
LANGS = ("en", "ja", "zh-Hant")
MIN_MONTHS, MAX_MONTHS = 6, 12

# Columns checked for their meaning as well as their SQL type (wherever they appear).
DATE_COLUMNS = frozenset({"day", "start_date", "anchor", "pause_from", "pause_to", "introduced_day"})
TIMESTAMP_COLUMNS = frozenset({"at", "created_at", "updated_at"})
FLAG_COLUMNS = frozenset({"deleted", "cancelled", "undone"})


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


class ExportDocument(Record):
    """A validated export: the profile's settings and every table's rows (plain dicts)."""

    version: int
    schema_version: int
    exported_at: str | None
    profile: dict[str, Any]
    tables: dict[str, list[dict[str, Any]]]

    def count(self, table: str) -> int:
        return len(self.tables.get(table, ()))


class ExportInvalid(UsageError):
    """The document is not a valid export; ``problems`` names each one by its JSON path."""

    def __init__(self, problems: list[str]) -> None:
        self.problems = problems
        super().__init__(first_problem(problems, "not a valid studyplan export"))


class ExportTooNew(UsageError):
    """Written by a newer studyplan: refused before anything else is looked at."""


# ---------------------------------------------------------------------------
# Building a document (the store reads the rows; this only arranges them).
# ---------------------------------------------------------------------------


def build_document(profile: dict[str, Any], tables: dict[str, list[dict[str, Any]]], schema_version: int,
                   exported_at: str, app_version: str) -> dict[str, Any]:
    return {
        "format": FORMAT,
        "version": VERSION,
        "schema_version": schema_version,
        "studyplan": app_version,
        "exported_at": exported_at,
        "profile": profile,
        "tables": tables,
    }


def parse_json(text: str) -> Any:
    """Parse JSON strictly: no NaN/Infinity, no duplicate keys. Raises ValueError with a position."""

    def pairs(items: list[tuple[str, Any]]) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for k, v in items:
            if k in out:
                raise ValueError(f"duplicate key '{k}'")
            out[k] = v
        return out

    def constant(name: str) -> Any:
        raise ValueError(f"{name} is not a JSON number")

    import json  # --help loads every command module: json (~2 ms) only when a backup is read

    return json.loads(text, object_pairs_hook=pairs, parse_constant=constant)


# ---------------------------------------------------------------------------
# Validation
# ---------------------------------------------------------------------------


def _kind(value: Any) -> str:
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


def _is_int(v: Any) -> bool:
    return isinstance(v, int) and not isinstance(v, bool)


def _is_number(v: Any) -> bool:
    return (_is_int(v) or isinstance(v, float)) and not (isinstance(v, float) and not math.isfinite(v))


def _check_type(col: Column, value: Any) -> str | None:
    """A problem with ``value`` for ``col``, or None."""
    if value is None:
        if col.notnull:
            return "must not be null"
        return None
    if col.type == "INTEGER" and not _is_int(value):
        return f"must be a whole number, not {_kind(value)}"
    if col.type == "REAL" and not _is_number(value):
        return f"must be a number, not {_kind(value)}"
    if col.type == "TEXT" and not isinstance(value, str):
        return f"must be text, not {_kind(value)}"
    if col.type not in ("INTEGER", "REAL", "TEXT") and not (isinstance(value, (str, float)) or _is_int(value)):
        return f"must be text or a number, not {_kind(value)}"
    if _is_int(value) and not -(2**63) <= value < 2**63:
        return f"must fit in 64 bits, not {value}"
    if isinstance(value, str):
        if "\x00" in value:
            return "must not contain NUL characters"
        try:
            value.encode("utf-8")
        except UnicodeEncodeError:
            return "must be valid Unicode text (it holds a lone surrogate escape)"
    if col.name in DATE_COLUMNS:
        try:
            date.fromisoformat(value)
        except (TypeError, ValueError):
            return f"must be a date (YYYY-MM-DD), not {_kind(value)}"
    if col.name in TIMESTAMP_COLUMNS:
        try:
            datetime.fromisoformat(value)
        except (TypeError, ValueError):
            return f"must be an ISO 8601 timestamp, not {_kind(value)}"
    if col.name in FLAG_COLUMNS and value not in (0, 1):
        return f"must be 0 or 1, not {_kind(value)}"
    if col.name == "id" and value < 1:
        return f"must be 1 or more, not {value}"
    return None


# Meaning of particular columns of particular tables, beyond their type.
def _check_meaning(table: str, name: str, value: Any) -> str | None:
    if value is None:
        return None
    if table == "statuses" and name == "status" and value not in ("in-progress", "done", "skipped"):
        return f"must be in-progress, done or skipped, not {_kind(value)}"
    if table == "statuses" and name == "ref" and not value.strip():
        return "must not be empty"
    if table == "time_log" and name == "minutes" and value <= 0:
        return f"must be more than 0, not {value}"
    if table == "reviews" and name == "rating" and not 1 <= value <= 4:
        return f"must be 1 to 4, not {value}"
    if table == "plan_revisions" and name == "kind" and value not in ("replan", "pause"):
        return f"must be replan or pause, not {_kind(value)}"
    if table == "journal" and name == "batch" and value < 1:
        return f"must be 1 or more, not {value}"
    if table == "review_cards" and name == "card":
        import json  # as in parse_json()

        try:
            json.loads(value)
        except ValueError:
            return "must hold the card as JSON text"
    return None


def _check_profile(raw: Any, spec: TableSpec, problems: list[str]) -> dict[str, Any]:
    path = "$.profile"
    if not isinstance(raw, dict):
        problems.append(f"{path}: must be an object with the profile's settings, not {_kind(raw)}")
        return {}
    out: dict[str, Any] = {}
    columns = {c.name: c for c in spec.columns if c.name != "id"}
    for key in raw:
        if key not in columns:
            problems.append(f"{path}.{key}: unknown setting (known: {', '.join(columns)})")
    for name, col in columns.items():
        if name not in raw:
            if col.notnull and not col.has_default:
                problems.append(f"{path}.{name}: missing")
            continue
        value = raw[name]
        problem = _check_type(col, value)
        if problem is None and value is not None:
            if name == "name" and not PROFILE_NAME.fullmatch(value):
                problem = "must be letters, digits, '-', '_' or '.' (at most 64)"
            elif name == "curriculum" and not value.strip():
                problem = "must name a curriculum"
            elif name == "months" and not MIN_MONTHS <= value <= MAX_MONTHS:
                problem = f"must be {MIN_MONTHS} to {MAX_MONTHS}, not {value}"
            elif name == "weekly_hours" and not 1 <= value <= 100:
                problem = f"must be 1 to 100 hours, not {value}"
            elif name == "lang" and value not in LANGS:
                problem = f"must be one of {', '.join(LANGS)}, not {_kind(value)}"
        if problem:
            problems.append(f"{path}.{name}: {problem}")
        else:
            out[name] = value
    return out


def _check_table(spec: TableSpec, rows: Any, problems: list[str]) -> list[dict[str, Any]]:
    path = f"$.tables.{spec.name}"
    if not isinstance(rows, list):
        problems.append(f"{path}: must be a list of rows, not {_kind(rows)}")
        return []
    columns = {c.name: c for c in spec.columns}
    out: list[dict[str, Any]] = []
    seen: dict[tuple, int] = {}
    for i, row in enumerate(rows):
        where = f"{path}[{i}]"
        if not isinstance(row, dict):
            problems.append(f"{where}: must be an object, not {_kind(row)}")
            continue
        ok = True
        for key in row:
            if key not in columns:
                problems.append(f"{where}.{key}: unknown column (the table has {', '.join(columns)})")
                ok = False
        clean: dict[str, Any] = {}
        for name, col in columns.items():
            if name not in row:
                if (col.notnull and not col.has_default) or col.pk:
                    problems.append(f"{where}.{name}: missing")
                    ok = False
                continue
            value = row[name]
            problem = _check_type(col, value) or _check_meaning(spec.name, name, value)
            if col.pk and value is None:
                problem = "must not be null"
            if problem:
                problems.append(f"{where}.{name}: {problem}")
                ok = False
            else:
                clean[name] = value
        if not ok:
            continue
        key = tuple(clean[k] for k in spec.key)
        if key in seen:
            label = ", ".join(f"{k} {v!r}" for k, v in zip(spec.key, key))
            problems.append(f"{where}: duplicate row ({label}; first at {path}[{seen[key]}])")
            continue
        seen[key] = i
        out.append(clean)
    return out


def _check_version(doc: dict, field: str, known: int, what: str) -> int:
    """A version field: a whole number 1 or more, and none newer than this studyplan knows."""
    found = doc.get(field)
    if not _is_int(found) or found < 1:
        raise ExportInvalid([f"$.{field}: must be a whole number 1 or more, not {_kind(found)}"])
    if found > known:
        raise ExportTooNew(
            f"written by a newer studyplan ({what.format(found=found, known=known)}); "
            "upgrade studyplan (pip install -U studyplan) and import again — nothing was changed"
        )
    return found


def validate(doc: Any, specs: dict[str, TableSpec], profile_spec: TableSpec, schema_version: int) -> ExportDocument:
    """Check the whole document; return it, or raise ExportInvalid listing every problem.

    ``specs`` are the profile tables of this studyplan's schema (from the store),
    ``schema_version`` the schema this studyplan knows.
    """
    if not isinstance(doc, dict):
        raise ExportInvalid([f"$: a studyplan export is a JSON object, not {_kind(doc)}"])
    if doc.get("format") != FORMAT:
        found = _kind(doc.get("format")) if "format" in doc else "no 'format'"
        raise ExportInvalid([f"$.format: not a studyplan export (expected \"{FORMAT}\", found {found})"])
    version = _check_version(doc, "version", VERSION, "export format {found}, this one reads {known}")
    written = _check_version(doc, "schema_version", schema_version, "database schema {found}, this one knows {known}")

    problems: list[str] = []
    known = {"format", "version", "schema_version", "studyplan", "exported_at", "profile", "tables"}
    for key in doc:
        if key not in known:
            problems.append(f"$.{key}: unknown key (known: {', '.join(sorted(known))})")
    exported_at = doc.get("exported_at")
    if exported_at is not None and not isinstance(exported_at, str):
        problems.append(f"$.exported_at: must be text, not {_kind(exported_at)}")
        exported_at = None
    if "studyplan" in doc and not isinstance(doc["studyplan"], str):
        problems.append(f"$.studyplan: must be text, not {_kind(doc['studyplan'])}")
    if "profile" not in doc:
        problems.append("$.profile: missing")
        profile: dict[str, Any] = {}
    else:
        profile = _check_profile(doc["profile"], profile_spec, problems)

    tables: dict[str, list[dict[str, Any]]] = {}
    raw_tables = doc.get("tables")
    if not isinstance(raw_tables, dict):
        problems.append(f"$.tables: must be an object of tables, not {_kind(raw_tables) if 'tables' in doc else 'missing'}")
        raw_tables = {}
    for name in raw_tables:
        if name not in specs:
            problems.append(f"$.tables.{name}: unknown table (known: {', '.join(specs)})")
    for name, spec in specs.items():
        if name not in raw_tables:
            # An older studyplan did not have every table; one of ours must be complete.
            if written == schema_version and raw_tables:
                problems.append(f"$.tables.{name}: missing (an export lists every table, [] when empty)")
            tables[name] = []
            continue
        tables[name] = _check_table(spec, raw_tables[name], problems)
    if problems:
        raise ExportInvalid(problems)
    return ExportDocument(version, written, exported_at, profile, tables)
