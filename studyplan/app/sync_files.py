"""The files of `studyplan sync`: this device's id, the sync folder's device files, the local state.

* The device id is 16 hex digits made once (``secrets``) and kept in the data folder
  (``paths.device_id_path``), linked into place so two first syncs at once agree on one.
* The folder holds one file per device and profile, ``<device>.<profile>.json``
  (``domain.sync.file_name``): an export of that device's profile, written by that device
  alone, atomically (temp file, fsync, ``os.replace``). Anything else in the folder — temp
  files, a sync tool's conflict copies, other files — is not read.
* The state (``paths.sync_state_path``) remembers when each device's file was merged here
  and its digest, for `sync --status`; merging never depends on it.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import secrets
from pathlib import Path
from typing import Any

from studyplan import paths
from studyplan.domain import sync as rules
from studyplan.errors import StoreError, UsageError
from studyplan.fileio import (
    atomic_write_bytes,
    fsync_dir,
    read_regular_file,
    temp_beside,
)
from studyplan.locale import msg
from studyplan.record import Record

MAX_STATE_BYTES = 2**20
_STAMP = re.compile(rb'"exported_at": "([^"\\]{1,64})"')


# -- this device -------------------------------------------------------------------------------
def device_id(create: bool = True) -> str | None:
    """This device's id; made (once, race-free) when ``create``, else None when there is none yet."""
    path = paths.device_id_path()
    try:
        text = read_regular_file(path, 64, "the device id file").decode("ascii", "replace").strip()
    except FileNotFoundError:
        if not create:
            return None
        return _new_device_id(path)
    if not rules.DEVICE_ID.fullmatch(text):
        raise StoreError(msg("{path}: not a device id (16 hex digits); remove the file and run `studyplan sync` again "
                             "(this device then syncs as a new one)", path=path))
    return text


def _new_device_id(path: Path) -> str:
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = temp_beside(path)
    except OSError as exc:
        raise StoreError(msg("{path}: cannot write the device id ({reason})", path=path, reason=exc.strerror or exc)) from None
    try:
        with open(tmp, "w", encoding="ascii") as fh:
            fh.write(secrets.token_hex(8) + "\n")
            fh.flush()
            os.fsync(fh.fileno())
        try:
            os.link(tmp, path)  # never over a file: another studyplan that made one first wins
        except FileExistsError:
            pass
        fsync_dir(path.parent)
    finally:
        tmp.unlink(missing_ok=True)
    made = device_id(create=False)
    assert made is not None
    return made


# -- the folder ---------------------------------------------------------------------------------
class DeviceFile(Record):
    device: str
    path: Path


def folder(text: str, create: bool) -> Path:
    """The sync folder ``text`` as an absolute path; created when ``create`` (given on the command line)."""
    path = paths.expand_user(text, f"sync folder {text!r}")
    path = path if path.is_absolute() else Path.cwd() / path
    if create and not path.exists():
        try:
            path.mkdir(parents=True)
        except OSError as exc:
            raise UsageError(msg("{path}: cannot create the sync folder ({reason}); nothing was changed",
                                 path=path, reason=exc.strerror or exc)) from None
    if not path.is_dir():
        raise UsageError(msg("{path}: the sync folder is not there (not mounted, or moved?); nothing was changed — "
                             "run `studyplan sync DIR` with the folder your sync tool keeps", path=path))
    return path


def device_files(where: Path, profile: str) -> list[DeviceFile]:
    """Every device file of ``profile`` in the folder, by device id."""
    out = []
    try:
        names = os.listdir(where)
    except OSError as exc:
        raise UsageError(msg("{path}: cannot read the sync folder ({reason}); nothing was changed",
                             path=where, reason=exc.strerror or exc)) from None
    for name in names:
        parsed = rules.parse_file_name(name)
        if parsed is not None and parsed[1] == profile:
            out.append(DeviceFile(parsed[0], where / name))
    return sorted(out, key=lambda f: f.device)


def remove_leftovers(own: Path) -> None:
    """Temp files of ``own`` (``.<name>.….tmp``, fileio's atomic writes) that a killed sync left."""
    prefix = f".{own.name}."
    try:
        names = [n for n in os.listdir(own.parent) if n.startswith(prefix) and n.endswith(".tmp")]
    except OSError:
        return
    for n in names:
        (own.parent / n).unlink(missing_ok=True)


def stamp_of(raw: bytes) -> str | None:
    """The ``exported_at`` of a device file (near its start), without reading the rest."""
    m = _STAMP.search(raw[:4096])
    return m.group(1).decode("utf-8", "replace") if m else None


def digest(raw: bytes) -> str:
    return hashlib.sha256(raw).hexdigest()


# -- what was merged here -------------------------------------------------------------------------
def load_state() -> dict[str, Any]:
    try:
        data = json.loads(read_regular_file(paths.sync_state_path(), MAX_STATE_BYTES, "the sync state file"))
    except (OSError, ValueError, UsageError):
        return {}  # only `sync --status` reads it: a missing or damaged one is "nothing merged yet"
    return data if isinstance(data, dict) else {}


def save_state(state: dict[str, Any]) -> None:
    try:
        atomic_write_bytes(paths.sync_state_path(), json.dumps(state, sort_keys=True, indent=1).encode("utf-8"), durable=False)
    except Exception:  # noqa: BLE001, S110 - the state only feeds `sync --status`; the sync itself is done
        pass
