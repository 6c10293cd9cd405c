"""Use cases of ``studyplan export`` and ``studyplan import``.

The document's shape and its validation live in ``studyplan.domain.backup``; all
SQL (and what ``--merge`` does, table by table) in ``studyplan.store.backup``.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

from studyplan import __version__
from studyplan.app import catalog
from studyplan.app.session import Session
from studyplan.domain.backup import (
    ExportDocument,
    ExportInvalid,
    ExportTooNew,
    build_document,
    parse_json,
    validate,
)
from studyplan.errors import StudyplanError, UsageError
from studyplan.fileio import atomic_write_text
from studyplan.record import Record
from studyplan.store.backup import apply_import, export_profile, table_specs
from studyplan.store.migrations import SCHEMA_VERSION

MAX_IMPORT_BYTES = 512 * 1024 * 1024
MODES = ("replace", "merge")


class TableCount(Record):
    table: str
    rows: int


class ExportResult(Record):
    profile: str
    curriculum: str
    output: str | None  # None: written to standard output
    exported_at: str
    schema_version: int
    tables: tuple[TableCount, ...]


class TableImport(Record):
    table: str
    in_file: int
    added: int
    updated: int
    skipped: int
    deleted: int


class ImportResult(Record):
    file: str
    profile: str
    mode: str  # replace | merge
    dry_run: bool
    profile_action: str  # created | replaced | kept (merge keeps the profile's own settings)
    exported_at: str | None
    tables: tuple[TableImport, ...]
    warnings: tuple[str, ...]


# -- export ------------------------------------------------------------------------------
def export(session: Session) -> tuple[ExportResult, dict[str, Any]]:
    """The selected profile as an export document (and a summary of it)."""
    name = session.profile.name
    profile, tables = export_profile(session.store, name)
    at = session.timestamp()
    doc = build_document(profile, tables, SCHEMA_VERSION, at, __version__)
    counts = tuple(TableCount(t, len(rows)) for t, rows in tables.items())
    return ExportResult(name, profile["curriculum"], None, at, SCHEMA_VERSION, counts), doc


def dumps(doc: dict[str, Any]) -> str:
    import json  # --help and completion load every command module: json (~2 ms) only when a backup is written

    return json.dumps(doc, ensure_ascii=False, indent=2) + "\n"


def write_export(session: Session, output: str) -> ExportResult:
    result, doc = export(session)
    path = Path(output).expanduser()
    if path.is_dir():
        raise UsageError(f"--output {output} is a folder; give a file name, e.g. {Path(output) / 'studyplan-export.json'}")
    atomic_write_text(path, dumps(doc))
    return result._replace(output=str(path))


# -- import ------------------------------------------------------------------------------
def read_document(file: str) -> Any:
    """The parsed JSON of ``file`` (``-`` for standard input); a clean error otherwise."""
    name = "<stdin>" if file == "-" else file
    try:
        if file == "-":
            raw = sys.stdin.buffer.read(MAX_IMPORT_BYTES + 1) if hasattr(sys.stdin, "buffer") else sys.stdin.read().encode("utf-8")
        else:
            path = Path(file).expanduser()
            if path.is_dir():
                raise UsageError(f"{name}: is a folder; give the file written by `studyplan export`")
            if path.stat().st_size > MAX_IMPORT_BYTES:
                raise UsageError(f"{name}: larger than {MAX_IMPORT_BYTES // 2**20} MiB, so not a studyplan export; nothing was changed")
            raw = path.read_bytes()
    except FileNotFoundError:
        raise UsageError(f"{name}: no such file; give the path of a file written by `studyplan export`") from None
    except PermissionError:
        raise UsageError(f"{name}: cannot read it (permission denied); check the file's permissions") from None
    except OSError as exc:
        raise UsageError(f"{name}: cannot read it ({exc.strerror or exc})") from None
    if len(raw) > MAX_IMPORT_BYTES:
        raise UsageError(f"{name}: larger than {MAX_IMPORT_BYTES // 2**20} MiB, so not a studyplan export; nothing was changed")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise UsageError(f"{name}: not UTF-8 text, so not a studyplan export; nothing was changed") from None
    from json import JSONDecodeError  # as in dumps(): only when a backup is read

    try:
        return parse_json(text)
    except JSONDecodeError as exc:
        raise UsageError(f"{name}:{exc.lineno}:{exc.colno}: not valid JSON ({exc.msg}); the file is damaged or not an export — nothing was changed") from None
    except (ValueError, RecursionError) as exc:
        raise UsageError(f"{name}: not valid JSON ({exc or 'nested too deeply'}); the file is damaged or not an export — nothing was changed") from None


def check_document(session: Session, file: str) -> ExportDocument:
    """Read and validate the whole file; nothing is written."""
    doc = read_document(file)
    file = "<stdin>" if file == "-" else file
    profile_spec, specs = table_specs(session.store)
    try:
        return validate(doc, specs, profile_spec, SCHEMA_VERSION)
    except ExportTooNew as exc:
        raise UsageError(f"{file}: {exc.message}") from None
    except ExportInvalid as exc:
        problems = [f"{file}: {p}" for p in exc.problems]
        err = ExportInvalid(problems)
        if len(problems) == 1:
            err.message = f"{problems[0]}; nothing was changed"
        else:
            err.message = f"{file}: not a valid studyplan export ({len(problems)} problems); nothing was changed — fix them or export again"
        raise err from None


def import_(session: Session, file: str, mode: str | None, dry_run: bool) -> ImportResult:
    if mode is not None and mode not in MODES:
        raise UsageError(f"unknown import mode '{mode}'; use --replace or --merge")
    document = check_document(session, file)
    name = session.profile_name or session.env.get("STUDYPLAN_PROFILE") or document.profile["name"]
    existing = session.store.profile(name)
    refuse = None
    if mode is None:
        refuse = (f"profile '{name}' already has progress; add --replace to overwrite it with {file}, "
                  f"or --merge to combine them (nothing was changed; `studyplan export -o backup.json` keeps a copy first)")
    outcome = apply_import(session.store, name, document.profile, document.tables, mode or "replace", dry_run=dry_run, refuse_if_not_empty=refuse)
    tables = tuple(
        TableImport(c.table, document.count(c.table), c.added, c.updated, c.skipped, c.deleted) for c in outcome.changes
    )
    curriculum = existing.curriculum if (existing is not None and outcome.profile_action == "kept") else document.profile["curriculum"]
    warnings = _warnings(document, curriculum, existing.curriculum if existing is not None else None, outcome.profile_action)
    return ImportResult(file, name, mode or "replace", dry_run, outcome.profile_action, document.exported_at, tables, tuple(warnings))


def _warnings(document: ExportDocument, curriculum: str, existing_curriculum: str | None, action: str) -> list[str]:
    out: list[str] = []
    if action == "kept" and existing_curriculum and existing_curriculum != document.profile.get("curriculum"):
        out.append(f"the file follows curriculum '{document.profile.get('curriculum')}' but the profile keeps '{existing_curriculum}'")
    try:
        loaded = catalog.load(catalog.resolve(curriculum))
    except StudyplanError as exc:
        out.append(f"curriculum '{curriculum}' is not available here ({exc.message}); "
                   "put it in the user curricula folder (`studyplan curriculum list`) or run `studyplan init --curriculum ID|PATH`")
        return out
    unknown = sorted({r["ref"] for r in document.tables.get("statuses", ()) if not loaded.has_ref(r["ref"])})
    if unknown:
        out.append(f"{len(unknown)} imported statuses name items curriculum '{loaded.id}' does not have (e.g. '{unknown[0]}'); they are kept but not shown")
    return out
