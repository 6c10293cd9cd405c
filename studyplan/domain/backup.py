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

import re
from typing import Any, TypedDict

from studyplan.domain import import_rules as rules
from studyplan.domain.backup_rows import (  # noqa: F401 - Column and TableSpec are part of this module's interface
    CheckedRows,
    Column,
    TableCheck,
    TableSpec,
    check_type,
    is_int,
    kind,
)
from studyplan.errors import UsageError, first_problem
from studyplan.locale import msg
from studyplan.record import Record

FORMAT = "studyplan-export"
VERSION = 1  # the document format: raised when a reader of the old format could not read the new (docs/export-format.md)

PROFILE_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9_.-]{0,63}")
LANGS = ("en", "ja", "zh-Hant")
MIN_MONTHS, MAX_MONTHS = 6, 12


class BackupDocument(TypedDict):
    """An export file as studyplan writes it (docs/export-format.md)."""  # a plain dict; rows follow the live schema

    format: str  # always "studyplan-export"
    version: int  # the version of this format; import refuses a newer one
    schema_version: int  # the database schema of the studyplan that wrote it; import refuses a newer one
    studyplan: str  # the studyplan version that wrote it (informational)
    exported_at: str  # ISO 8601 timestamp with offset
    profile: dict[str, Any]  # the profile's settings: a column each
    tables: dict[str, list[dict[str, Any]]]  # table name -> its rows, a column each


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
        super().__init__(first_problem(problems, msg("not a valid studyplan export")))


class ExportTooNew(UsageError):
    """Written by a newer studyplan: refused before anything else is looked at."""


# ---------------------------------------------------------------------------
# Building a document (the store reads the rows; this only arranges them).
# ---------------------------------------------------------------------------


def build_document(profile: dict[str, Any], tables: dict[str, list[dict[str, Any]]], schema_version: int,
                   exported_at: str, app_version: str) -> BackupDocument:
    return {
        "format": FORMAT,
        "version": VERSION,
        "schema_version": schema_version,
        "studyplan": app_version,
        "exported_at": exported_at,
        "profile": profile,
        "tables": tables,
    }


# Reading a file (bounded, row by row, strict JSON) is ``domain.backup_reader``.


# ---------------------------------------------------------------------------
# Validation
# ---------------------------------------------------------------------------


# One table's rows: backup_rows.TableCheck; the profile and the document: here.
_kind = kind


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
        problem = check_type(col, value)
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


def _check_table(spec: TableSpec, rows: Any, problems: list[str]) -> CheckedRows:
    if isinstance(rows, CheckedRows):  # checked row by row as the file was read (domain.backup_reader)
        return rows
    check = TableCheck(spec, problems)
    if not isinstance(rows, list):
        problems.append(f"{check.path}: must be a list of rows, not {_kind(rows)}")
        check.rows.positions = []  # every row lost: no journal target is judged by this table
        return check.rows
    for i, row in enumerate(rows):
        check.add(row, i)
    return check.rows


def _check_version(doc: dict, field: str, known: int, schema: bool) -> int:
    """A version field: a whole number 1 or more, and none newer than this studyplan knows."""
    found = doc.get(field)
    if not is_int(found) or found < 1:
        raise ExportInvalid([f"$.{field}: must be a whole number 1 or more, not {_kind(found)}"])
    if found > known:
        what = (msg("database schema {found}, this one knows {known}", found=found, known=known) if schema
                else msg("export format {found}, this one reads {known}", found=found, known=known))
        raise ExportTooNew(msg("written by a newer studyplan ({what}); upgrade studyplan (pip install -U studyplan) and import "
                               "again — nothing was changed", what=what))
    return found


def check_header(doc: Any, schema_version: int) -> tuple[int, int]:
    """The document is an export this studyplan can read: (format version, schema version); raised first."""
    if not isinstance(doc, dict):
        raise ExportInvalid([f"$: a studyplan export is a JSON object, not {_kind(doc)}"])
    if doc.get("format") != FORMAT:
        found = _kind(doc.get("format")) if "format" in doc else "no 'format'"
        raise ExportInvalid([f"$.format: not a studyplan export (expected \"{FORMAT}\", found {found})"])
    version = _check_version(doc, "version", VERSION, schema=False)
    return version, _check_version(doc, "schema_version", schema_version, schema=True)


def validate(doc: Any, specs: dict[str, TableSpec], profile_spec: TableSpec, schema_version: int,
             found: tuple[str, ...] | list[str] = ()) -> ExportDocument:
    """Check the whole document; return it, or raise ExportInvalid listing every problem.

    ``specs`` are the profile tables of this studyplan's schema (from the store),
    ``schema_version`` the schema this studyplan knows; ``found``, problems the reader
    already found in rows it checked as it read them (``CheckedRows``).
    """
    version, written = check_header(doc, schema_version)
    problems: list[str] = list(found)
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
    problems += rules.link_problems(tables, {t: getattr(rows, "positions", None) for t, rows in tables.items()})
    if problems:
        raise ExportInvalid(problems)
    return ExportDocument(version, written, exported_at, profile, tables)
