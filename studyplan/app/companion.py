"""Use cases for notes and pauses."""

from __future__ import annotations

import os
import shlex
import subprocess
import tempfile
from datetime import date
from pathlib import Path

from studyplan.app.refs import resolve_refs
from studyplan.app.session import Session
from studyplan.domain.schedule import MAX_PAUSE_DAYS
from studyplan.domain.text import stored_text
from studyplan.errors import UsageError
from studyplan.locale import msg
from studyplan.record import Record
from studyplan.store.progress import MAX_ROW_ID, Note, Revision

MAX_NOTE = 20_000
MAX_NOTE_BYTES = 4 * MAX_NOTE + 4096  # UTF-8 takes at most 4 bytes a character; room for the blank lines stripped


class NoteResult(Record):
    added: bool
    note: Note | None
    message: str


def editor_command() -> tuple[str, list[str]]:
    """The editor to run (``$VISUAL``, then ``$EDITOR``, then ``vi``): the variable's name and its words."""
    var = "VISUAL" if os.environ.get("VISUAL") else ("EDITOR" if os.environ.get("EDITOR") else None)
    editor = os.environ[var] if var else "vi"
    try:
        words = shlex.split(editor)
    except ValueError as exc:  # an unbalanced quote, a trailing backslash
        raise UsageError(msg("{var} '{editor}' cannot be read as a command ({reason}); check its "
                             "quotes, e.g. {var}='code --wait', or give the note text as an "
                             "argument", var=var, editor=editor, reason=str(exc).lower())) from None
    if not words:
        raise UsageError(msg("{var} '{editor}' names no program; set it to your editor, e.g. "
                             "{var}=nano, or give the note text as an argument", var=var, editor=editor))
    return var or "EDITOR", words


def edit_in_editor(initial: str = "") -> str:
    var, words = editor_command()
    editor = " ".join(words)
    fd, name = tempfile.mkstemp(prefix="studyplan-note-", suffix=".md")
    path = Path(name)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write(initial)
        try:
            done = subprocess.run([*words, str(path)], check=False)
        except OSError as exc:
            raise UsageError(msg("cannot start the editor '{editor}' ({reason}); set {var} or give "
                                 "the note text as an argument", editor=editor, reason=exc.strerror, var=var)) from None
        if done.returncode != 0:
            raise UsageError(msg("the editor '{editor}' exited with status {status}; the note was "
                                 "not saved", editor=editor, status=done.returncode))
        with open(path, "rb") as fh:  # the editor may have replaced the file: read no more than a note can hold
            raw = fh.read(MAX_NOTE_BYTES + 1)
    finally:
        path.unlink(missing_ok=True)
    if len(raw) > MAX_NOTE_BYTES:
        raise UsageError(msg("the note is longer than {max} characters; keep a note under {max} (the note was not saved)", max=MAX_NOTE))
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise UsageError(msg("the editor saved the note in an encoding that is not UTF-8 (byte "
                             "{byte} of the file); the note was not saved — set the editor to save "
                             "UTF-8 and try again", byte=exc.start + 1)) from None


def add_note(session: Session, ref: str, text: str | None, edit: bool) -> NoteResult:
    target = resolve_refs(session, [ref])[0]
    if edit:
        text = edit_in_editor(text or "")
    if text is None:
        raise UsageError(msg("give the note text, e.g. studyplan note ml-basics \"PCA finally "
                             "clicked\", or use --edit"))
    text = stored_text(text).strip()
    if not text:
        return NoteResult(False, None, "empty note: nothing saved")
    if len(text) > MAX_NOTE:
        raise UsageError(msg("the note is {length} characters; keep a note under {max}", length=len(text), max=MAX_NOTE))
    note = session.store.add_note(session.profile.id, target, text, session.timestamp(), session.study_day())
    return NoteResult(True, note, "saved")


class NotesResult(Record):
    ref: str | None
    search: str | None
    notes: tuple[Note, ...]


def list_notes(session: Session, ref: str | None, search: str | None) -> NotesResult:
    target = resolve_refs(session, [ref])[0] if ref else None
    return NotesResult(target, search, tuple(session.store.notes(session.profile.id, target, search)))


# -- pauses ----------------------------------------------------------------------------------
class PauseResult(Record):
    action: str  # added | cancelled
    pause: Revision


class PauseList(Record):
    pauses: tuple[Revision, ...]


def add_pause(session: Session, start: date, end: date, reason: str | None) -> PauseResult:
    if end < start:
        raise UsageError(msg("--to {end} is before --from {start}; a pause runs from its first to "
                             "its last day", end=end, start=start))
    days = (end - start).days + 1
    if days > MAX_PAUSE_DAYS:
        raise UsageError(msg("a pause of {days} days is longer than a year; use `studyplan init "
                             "--start` to restart the plan instead", days=days))
    reason = None if reason is None else stored_text(reason)
    if reason is not None and len(reason) > 500:
        raise UsageError(msg("--reason is longer than 500 characters; keep it short"))
    profile_id = session.profile.id
    # The overlap check reads stored pauses: read, decide and write under one write lock,
    # so two pauses added at once cannot both pass the check.
    with session.store.transaction():
        for r in session.store.revisions(profile_id):
            if r.kind == "pause" and r.pause_from and r.pause_to and not (end < r.pause_from or start > r.pause_to):
                raise UsageError(msg("overlaps pause #{id} ({start} → {end}); cancel it with "
                                     "`studyplan pause --cancel {id}` first", id=r.id, start=r.pause_from, end=r.pause_to))
        rev = session.store.add_revision(profile_id, "pause", start, days, session.timestamp(), session.study_day(), start, end, reason)
    return PauseResult("added", rev)


def list_pauses(session: Session) -> PauseList:
    return PauseList(tuple(r for r in session.store.revisions(session.profile.id) if r.kind == "pause"))


def cancel_pause(session: Session, pause_id: int) -> PauseResult:
    if not 1 <= pause_id <= MAX_ROW_ID:
        raise UsageError(msg("no active pause {id}; `studyplan pause --list` shows the ids", id=pause_id))
    return PauseResult("cancelled", session.store.cancel_revision(session.profile.id, pause_id, "pause", session.timestamp(), session.study_day()))


