"""Use cases of `studyplan sync`: study on two machines through a folder another tool carries.

One sync, in one ``BEGIN IMMEDIATE`` transaction (``Store.transaction()``):

1. rows made here since the last sync get their ``sync_id`` (``store.sync.claim``);
2. every other device's file of this profile in the folder is read (bounded, checked row
   by row like `import`) and merged (``store.sync.Merger``); a file that cannot be read —
   cut short by a sync tool still copying it, damaged, from a newer studyplan — is skipped
   with a warning, and read again next time;
3. statuses, flags and review cards are recomputed from what was merged (the replay);
4. this device's own file is written from the same transaction, atomically, and only when
   its rows changed (a repeated sync rewrites nothing, so git or Dropbox see no change).

If anything fails, or the process is killed, the transaction rolls back and the folder
holds the previous file or the new one whole; the next sync does it all again. Merging is
idempotent and order-free (``domain.sync``), so doing it again is always safe.
"""

from __future__ import annotations

from datetime import UTC
from pathlib import Path

from studyplan import __version__
from studyplan.app import backup
from studyplan.app import sync_files as files
from studyplan.app.session import Session
from studyplan.domain import sync as rules
from studyplan.domain.backup import build_document
from studyplan.errors import StudyplanError, UsageError
from studyplan.fileio import atomic_write_text
from studyplan.locale import Msg, msg
from studyplan.record import Record
from studyplan.store import sync as store_sync
from studyplan.store.backup import export_profile, table_specs
from studyplan.store.migrations import SCHEMA_VERSION
from studyplan.store.progress import Store

CLOCK_SKEW_SECONDS = 300  # a device file written further in this device's future than this: its clock is wrong


class Merged(Record):
    device: str  # the other device's id (16 hex digits)
    file: str  # its file in the folder: <device>.<profile>.json
    exported_at: str | None  # when that device wrote the file (None: skipped)
    added: int  # rows this sync took from the file
    problem: Msg | None  # why the file was skipped (None: merged)


class SyncResult(Record):
    folder: str  # the sync folder (absolute)
    device: str  # this device's id
    profile: str
    merged: tuple[Merged, ...]  # every other device's file of the profile, by device id
    changed: int  # rows added or recomputed here
    wrote: bool  # this device's file changed
    file: str  # this device's file in the folder
    warnings: tuple[Msg, ...]  # files skipped, clocks that disagree


class DeviceSeen(Record):
    device: str  # the device's id
    this: bool  # it is this device
    file: str  # its file in the folder
    exported_at: str | None  # when that device last wrote a change into its file
    merged_at: str | None  # when this device last merged that file (None: never)
    pending: bool  # the file changed since this device last merged it


class SyncStatus(Record):
    folder: str | None  # the sync_dir setting (None: not syncing yet)
    device: str | None  # this device's id (None: it never synced)
    profile: str
    auto: bool  # sync_auto: commands that change something sync at their end
    last_sync: str | None  # when this device last synced this profile
    devices: tuple[DeviceSeen, ...]
    pending: dict[str, int]  # rows made here since the last sync, per table


def _folder_text(session: Session, given: str | None) -> str:
    if given is not None:
        return given
    configured = session.config.get("sync_dir")
    if not configured:
        raise UsageError(msg("no sync folder yet; give one: `studyplan sync ~/Sync/studyplan` (it is remembered as sync_dir)"))
    return configured


def _remember(session: Session, where: str) -> None:
    if session.config.get("sync_dir") != where:
        from studyplan.app.settings import (
            config_change,  # only the first sync (or a new folder) writes the config
        )

        config_change(session, "sync_dir", where)


def sync(session: Session, given: str | None = None) -> SyncResult:
    """Merge every other device's file into this profile and write this device's own."""
    where = files.folder(_folder_text(session, given), create=given is not None)
    if given is not None:
        _remember(session, str(where))
    device = files.device_id()
    assert device is not None
    profile = session.profile
    store = session.store
    _, specs = table_specs(store)
    own = where / rules.file_name(device, profile.name)
    others = [f for f in files.device_files(where, profile.name) if f.device != device]
    merged: list[Merged] = []
    warnings: list[Msg] = []
    state = files.load_state()
    seen = state.setdefault(profile.name, {}).setdefault("merged", {})
    now = session.now
    with store.transaction() as conn:
        changed = store_sync.claim(conn, profile.id, device, specs)
        merger = store_sync.Merger(conn, profile.id, specs)
        for other in others:
            try:
                raw = backup.read_document(str(other.path))
                doc = backup.parse_document(session, raw, str(other.path))
            except StudyplanError as exc:
                problem = msg("{file}: skipped ({reason}); it is read again at the next sync", file=other.path.name, reason=exc.msg)
                warnings.append(problem)
                merged.append(Merged(other.device, other.path.name, None, 0, problem))
                continue
            added = merger.merge(other.device, doc)
            changed += added
            stamp = doc.exported_at
            merged.append(Merged(other.device, other.path.name, stamp, added, None))
            seen[other.device] = {"digest": files.digest(raw), "exported_at": stamp, "merged_at": session.timestamp()}
            if stamp and (rules.moment(stamp) - now.astimezone(UTC)).total_seconds() > CLOCK_SKEW_SECONDS:
                warnings.append(msg("{file} was written at {at}, later than this device's clock says it is now: one of the two "
                                    "clocks is wrong, and its changes win or lose by that time", file=other.path.name, at=stamp))
        changed += store_sync.replay(conn, profile.id, device)
        changed += store_sync.recompute_cards(conn, profile.id, device, merger.reviewed, session.config.get("desired_retention"))
        wrote = _write_own(store, profile.name, own, session.timestamp())
    state[profile.name].update({"folder": str(where), "device": device, "synced_at": session.timestamp()})
    files.save_state(state)
    session.synced = True
    return SyncResult(str(where), device, profile.name, tuple(merged), changed, wrote, own.name, tuple(warnings))


def _write_own(store: Store, name: str, own: Path, at: str) -> bool:
    """This device's file from the open transaction, replaced only when its rows changed.

    Only a sync of this device writes this file, and only while it holds the database's write
    lock: a temp file of it found now was left by a sync that was killed, and is removed."""
    files.remove_leftovers(own)
    data, tables = export_profile(store, name)
    try:
        old = backup.read_document(str(own))
    except StudyplanError:
        old = None
    if old is not None:
        same = backup.dumps(build_document(data, tables, SCHEMA_VERSION, files.stamp_of(old) or at, __version__))
        if same.encode("utf-8") == old:
            return False
    atomic_write_text(own, backup.dumps(build_document(data, tables, SCHEMA_VERSION, at, __version__)))
    return True


def auto_sync(session: Session) -> None:
    """At the end of a command that changed something: sync when sync_dir is set and sync_auto is on.
    Never fails the command: a problem is a warning, and the next sync does it again."""
    try:
        if session.synced or not session.config.get("sync_dir") or session.config.get("sync_auto") != "on":
            return
        result = sync(session)
    except (Exception, KeyboardInterrupt) as exc:  # noqa: BLE001 - the command itself succeeded; its changes are safe
        reason = exc.msg if isinstance(exc, StudyplanError) else (str(exc) or type(exc).__name__)
        session.warn(str(msg("sync after this command did not finish ({reason}); run `studyplan sync` to try again", reason=reason)))
        return
    for w in result.warnings:
        session.warn(str(w))


# -- sync --status ---------------------------------------------------------------------------------
def status(session: Session) -> SyncStatus:
    """The devices seen in the folder, when each last wrote and was merged here, what is waiting."""
    configured = session.config.get("sync_dir")
    device = files.device_id(create=False)
    profile = session.profile
    state = files.load_state().get(profile.name, {})
    _, specs = table_specs(session.store)
    pending = store_sync.unclaimed(session.store.db.conn, profile.id, specs)
    seen: list[DeviceSeen] = []
    if configured:
        where = files.folder(configured, create=False)
        merged = state.get("merged", {}) if isinstance(state.get("merged"), dict) else {}
        for f in files.device_files(where, profile.name):
            try:
                raw = backup.read_document(str(f.path))
            except StudyplanError:
                raw = b""
            mine = merged.get(f.device) if isinstance(merged.get(f.device), dict) else {}
            this = f.device == device
            waiting = not this and mine.get("digest") != files.digest(raw)
            seen.append(DeviceSeen(f.device, this, f.path.name, files.stamp_of(raw), mine.get("merged_at"), waiting))
    last = state.get("synced_at") if isinstance(state.get("synced_at"), str) else None
    return SyncStatus(configured, device, profile.name, session.config.get("sync_auto") == "on", last, tuple(seen), pending)

