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
    BackupDocument,
    ExportDocument,
    ExportInvalid,
    ExportTooNew,
    build_document,
)
from studyplan.domain.backup_reader import JSONSyntax, NotText, read_export
from studyplan.domain.text import json_safe
from studyplan.errors import StudyplanError, UsageError
from studyplan.fileio import (
    FileRefused,
    atomic_write_text,
    output_path,
    read_regular_file,
)
from studyplan.locale import Msg, msg, nmsg
from studyplan.paths import expand_user
from studyplan.record import Record
from studyplan.store.backup import apply_import, export_profile, table_specs
from studyplan.store.migrations import SCHEMA_VERSION

# The largest file import reads. Measured: ten years of heavy daily use (30 reviews, 10
# lookups, 4 logs, 3 notes of ~500 characters and 6 status changes every day) exports
# 52 MiB, so 128 MiB holds any real backup 2.5 times over. Reading is bounded too: the
# file's bytes plus the rows kept (≈ 2.5× a real export; domain.backup_reader), so a
# file just under the cap imports in well under 1 GiB (tests/reliability/test_import_size.py).
MAX_IMPORT_BYTES = 128 * 2**20
MAX_IMPORT_SHOWN = f"{MAX_IMPORT_BYTES // 2**20} MiB"
MODES = ("replace", "merge")


class TableCount(Record):
    table: str
    rows: int


class ExportResult(Record):
    profile: str
    curriculum: str
    output: str | None  # the file written; null: no file (the export is in document)
    exported_at: str
    schema_version: int
    tables: tuple[TableCount, ...]
    document: BackupDocument | None = None  # --json without --output: the export itself


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
    warnings: tuple[Msg, ...]  # shown in the learner's language; JSON has their English text


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

    # DEL, C1, bidi and invisible characters as \uXXXX escapes: the same text, inert on a terminal
    return json_safe(json.dumps(doc, ensure_ascii=False, indent=2)) + "\n"


def backup_name(session: Session, avoid: str | None = None) -> str:
    """A file name for a new export, dated by the study day; never ``avoid`` (the file being restored)."""
    day = session.study_day().isoformat()
    name = f"studyplan-backup-{day}.json"
    if avoid is not None and Path(avoid).name == name:
        name = f"studyplan-backup-{day}-before-import.json"
    return name


def write_export(session: Session, output: str, force: bool = False) -> ExportResult:
    """The export written to ``output``; an existing file is replaced only with ``force``."""
    path = output_path(output, backup_name(session))  # checked before the export is built
    if not force and path.exists():
        raise UsageError(msg("--output {path}: the file exists; nothing was written — add --force to replace it, "
                             "or write a new one, e.g. `studyplan export -o {example}`", path=str(path), example=backup_name(session)))
    result, doc = export(session)
    atomic_write_text(path, dumps(doc))
    return result._replace(output=str(path))


# -- import ------------------------------------------------------------------------------
def _too_big(name: str) -> UsageError:
    return UsageError(msg("{name}: larger than {limit}, the most studyplan imports (ten "
                          "years of heavy daily use export about 50 MiB), so not a studyplan "
                          "export; nothing was changed", name=name, limit=MAX_IMPORT_SHOWN))


def read_document(file: str) -> bytes:
    """The bytes of ``file`` (``-`` for standard input), at most MAX_IMPORT_BYTES of them;
    only a regular file is opened (a FIFO or a device could block or never end)."""
    name = "<stdin>" if file == "-" else file
    try:
        if file == "-":
            stream = getattr(sys.stdin, "buffer", None)
            raw = stream.read(MAX_IMPORT_BYTES + 1) if stream is not None else sys.stdin.read(MAX_IMPORT_BYTES + 1).encode("utf-8", "surrogateescape")
        else:
            raw = read_regular_file(expand_user(file, name), MAX_IMPORT_BYTES, msg("the file to import"),
                                    msg("give the file written by `studyplan export`, or - for standard input"))
    except FileRefused as exc:
        if exc.too_big:
            raise _too_big(name) from None
        raise
    except FileNotFoundError:
        raise UsageError(msg("{name}: no such file; give the path of a file written by `studyplan "
                             "export`", name=name)) from None
    except PermissionError:
        raise UsageError(msg("{name}: cannot read it (permission denied); check the file's "
                             "permissions", name=name)) from None
    except OSError as exc:
        raise UsageError(msg("{name}: cannot read it ({reason})", name=name, reason=exc.strerror or exc)) from None
    if len(raw) > MAX_IMPORT_BYTES:
        raise _too_big(name)
    return raw


def refused(file: str, exc: ExportInvalid) -> ExportInvalid:
    """``exc``'s problems named by the file, and one line that sums them up."""
    problems = [f"{file}: {p}" for p in exc.problems]
    err = ExportInvalid(problems)
    if len(problems) == 1:
        err.msg = msg("{problem}; nothing was changed", problem=problems[0])
    else:
        err.msg = nmsg("{file}: not a valid studyplan export ({n} problem); nothing was changed — fix them or export again",
                       "{file}: not a valid studyplan export ({n} problems); nothing was changed — fix them or export again",
                       len(problems), file=file)
    err.message = str(err.msg)
    return err


def check_document(session: Session, file: str) -> ExportDocument:
    """Read and validate the whole file (row by row, in bounded memory); nothing is written."""
    return parse_document(session, read_document(file), "<stdin>" if file == "-" else file)


def parse_document(session: Session, raw: bytes, name: str) -> ExportDocument:
    """Validate the bytes of an export (``name`` says where they came from in a problem)."""
    profile_spec, specs = table_specs(session.store)
    try:
        return read_export(raw, specs, profile_spec, SCHEMA_VERSION)
    except NotText as exc:
        raise UsageError(msg("{name}:{line}:{column}: not UTF-8 text, so not a studyplan export; "
                             "nothing was changed", name=name, line=exc.line, column=exc.column)) from None
    except JSONSyntax as exc:
        raise UsageError(msg("{name}:{line}:{column}: not valid JSON ({reason}); the file is "
                             "damaged or not an export — nothing was changed", name=name, line=exc.line, column=exc.column, reason=exc.msg)) from None
    except ExportTooNew as exc:
        raise UsageError(msg("{name}: {reason}", name=name, reason=exc.msg)) from None
    except ExportInvalid as exc:
        raise refused(name, exc) from None


def import_(session: Session, file: str, mode: str | None, dry_run: bool) -> ImportResult:
    if mode is not None and mode not in MODES:
        raise UsageError(msg("unknown import mode '{mode}'; use --replace or --merge", mode=mode))
    document = check_document(session, file)
    name = session.profile_name or session.env.get("STUDYPLAN_PROFILE") or document.profile["name"]
    refuse = None
    if mode is None:
        refuse = msg("profile '{name}' already has progress; add --replace to overwrite it with {file}, or --merge to combine "
                     "them (nothing was changed; `studyplan export -o {copy}` keeps a copy first)",
                     name=name, file=file, copy=backup_name(session, file))
    # apply_import reads the profile, decides (create, replace, merge, refuse) and writes in
    # one transaction; the profile it kept is read back afterwards, not before the lock.
    try:
        outcome = apply_import(session.store, name, document.profile, document.tables, mode or "replace", dry_run=dry_run, refuse_if_not_empty=refuse)
    except ExportInvalid as exc:  # --merge: the file's rows against the profile's own (pauses that would overlap)
        raise refused("<stdin>" if file == "-" else file, exc) from None
    existing = session.store.profile(name) if outcome.profile_action == "kept" else None
    tables = tuple(
        TableImport(c.table, document.count(c.table), c.added, c.updated, c.skipped, c.deleted) for c in outcome.changes
    )
    curriculum = existing.curriculum if (existing is not None and outcome.profile_action == "kept") else document.profile["curriculum"]
    warnings = _warnings(document, curriculum, existing.curriculum if existing is not None else None, outcome.profile_action)
    return ImportResult(file, name, mode or "replace", dry_run, outcome.profile_action, document.exported_at, tables, tuple(warnings))


def _warnings(document: ExportDocument, curriculum: str, existing_curriculum: str | None, action: str) -> list[Msg]:
    out: list[Msg] = []
    if action == "kept" and existing_curriculum and existing_curriculum != document.profile.get("curriculum"):
        out.append(msg("the file follows curriculum '{file}' but the profile keeps '{kept}'", file=document.profile.get("curriculum"),
                       kept=existing_curriculum))
    try:
        loaded = catalog.load(catalog.resolve(curriculum))
    except StudyplanError as exc:
        out.append(msg("curriculum '{curriculum}' is not available here ({reason}); put it in the user curricula folder "
                       "(`studyplan curriculum list`) or run `studyplan init --curriculum ID|PATH`", curriculum=curriculum, reason=exc.msg))
        return out
    unknown = sorted({r["ref"] for r in document.tables.get("statuses", ()) if not loaded.has_ref(r["ref"])})
    if unknown:
        out.append(nmsg("{n} imported status names an item curriculum '{curriculum}' does not have (e.g. '{example}'); it is kept but not shown",
                        "{n} imported statuses name items curriculum '{curriculum}' does not have (e.g. '{example}'); they are kept but not shown",
                        len(unknown), curriculum=loaded.id, example=unknown[0]))
    return out
