"""Which result record each command's ``--json`` prints: the one list that ``studyplan
schema``, docs/json.md (docs/generate.py) and the contract test (tests/test_json_contract.py)
read, so a schema is generated from the very record the command serialises.

A key is the command as it is typed, with the option that changes what it prints
(``log --list``); ``RESULTS`` holds every command that takes ``--json``.
"""

from __future__ import annotations

from typing import TypedDict

from studyplan.app import (
    backup,
    calendar,
    companion,
    doctor,
    focus,
    marks,
    profiles,
    settings,
    sync,
    tracking,
)
from studyplan.domain import (
    glossary,
    history,
    overview,
    readings,
    reports,
    timeline,
    today,
)
from studyplan.domain import review as rv
from studyplan.domain import status as status_line
from studyplan.domain.backup import FORMAT, VERSION, BackupDocument, TableSpec
from studyplan.store.backup import current_table_specs

# `status --json`: every field of the status line, built from the same spec the line is filled from
# (a field is a fact's type, or documented as "a number", or text).
StatusFields = TypedDict("StatusFields", {  # type: ignore[misc]
    name: status_line.FACTS.get(name) or (int if "a number" in doc else str) for name, doc in status_line.FIELDS.items()})
StatusFields.__doc__ = "Every field of the status line (docs/status.md); nothing is printed when there is nothing to say."
StatusFields.__field_docs__ = status_line.FIELDS  # type: ignore[attr-defined]

RESULTS: dict[str, type] = {
    "today": today.TodayResult,
    "status": StatusFields,
    "plan": overview.PlanResult,
    "show": overview.ShowResult,
    "start": marks.MarkResult,
    "done": marks.MarkResult,
    "skip": marks.MarkResult,
    "reset": marks.MarkResult,
    "undo": marks.UndoResult,
    "init": profiles.InitResult,
    "concept": glossary.ConceptResult,
    "concepts": glossary.ConceptsResult,
    "history": history.HistoryResult,
    "history --chart": history.ChartResult,
    "read": readings.ReadingResult,
    "read --list": readings.ReadingList,
    "review": rv.Queue,
    "review --stats": rv.ReviewStats,
    "log": tracking.LogResult,
    "log --list": tracking.LogList,
    "log --delete": tracking.LogResult,
    "focus --status": focus.FocusState,
    "focus --stop": focus.FocusStopped,
    "report": reports.ReportResult,
    "timeline": timeline.TimelineResult,
    "replan": tracking.ReplanResult,
    "note": companion.NoteResult,
    "notes": companion.NotesResult,
    "pause": companion.PauseResult,
    "pause --list": companion.PauseList,
    "pause --cancel": companion.PauseResult,
    "export": backup.ExportResult,
    "import": backup.ImportResult,
    "calendar": calendar.CalendarResult,
    "doctor": doctor.DoctorResult,
    "sync": sync.SyncResult,
    "sync --status": sync.SyncStatus,
    "config list": settings.ConfigList,
    "config get": settings.ConfigEntry,
    "config set": settings.ConfigChange,
    "config unset": settings.ConfigChange,
    "curriculum list": settings.CurriculumList,
    "curriculum validate": settings.ValidationResult,
}
# Not a command's result: the file `studyplan export` writes (docs/export-format.md).
EXPORT_FORMAT = "export-format"


class ExportFormat(TypedDict):
    """What the export file's schema is built from."""

    document: type
    profile: TableSpec
    tables: dict[str, TableSpec]
    name: str
    version: int


def export_format() -> ExportFormat:
    """The export file: its top-level keys and, from this studyplan's database schema, the profile
    and the tables (the same specs import checks a file against)."""
    profile, tables = current_table_specs()
    return ExportFormat(document=BackupDocument, profile=profile, tables=tables, name=FORMAT, version=VERSION)
