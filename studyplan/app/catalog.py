"""Find curricula (bundled and the user's own) and load them through a cache.

The cache holds the validated plain data in the user cache dir, keyed by a hash
of the files' bytes (not their mtimes), so a normal start reads no YAML. A
damaged or stale cache is ignored and rebuilt; it is written atomically.

The data is only dicts, lists, strings and numbers, stored with ``marshal`` (the
format of Python's own .pyc files). Against the JSON it replaced, measured on
``today``: loading takes ~4 ms instead of ~6 (no json module to import, a faster
decoder) and peak memory is ~0.1 MiB lower, which counts with the memory target
at 1.2x the floor. Unlike pickle, unmarshalling never runs code: the file can
only yield data. A CRC-32 of the payload turns a damaged file into a cache miss,
and the key names the Python and marshal versions, since marshal's format may
change between versions.
"""

from __future__ import annotations

import marshal
import stat
import sys
import zlib
from pathlib import Path
from typing import Callable, TypeVar

from studyplan import paths
from studyplan.domain.content import FILES, MAX_FILE_BYTES
from studyplan.domain.curriculum import Curriculum
from studyplan.errors import CurriculumError, UsageError
from studyplan.fileio import FileRefused, atomic_write_bytes, read_regular_file
from studyplan.locale import msg
from studyplan.record import Record

T = TypeVar("T")


def content_files(root: Path) -> list[Path]:
    return [root / name for name in FILES if (root / name).is_file()]


# A cache file holds the data of at most every curriculum file (each at most
# MAX_FILE_BYTES); marshal's framing stays well under four times the YAML.
MAX_CACHE_BYTES = 4 * len(FILES) * MAX_FILE_BYTES
CACHE_FORMAT = 3  # 1: JSON; 2: marshal behind a checksum; 3: the glossary in its own file
_MAGIC = b"studyplan-curriculum-cache\n"


class _NoKey(Exception):
    """A curriculum file that must not be read whole (too big, not a regular file)."""
DEFAULT_CURRICULUM = "ml-dl-gpt"


class CurriculumRef(Record):
    id: str
    path: Path
    origin: str  # bundled | user | path


def available() -> list[CurriculumRef]:
    found: list[CurriculumRef] = []
    for origin, base in (("bundled", paths.bundled_curricula_dir()), ("user", paths.user_curricula_dir())):
        if base.is_dir():
            for child in sorted(base.iterdir()):
                if (child / "curriculum.yaml").is_file():
                    found.append(CurriculumRef(child.name, child, origin))
    return found


def resolve(spec: str) -> CurriculumRef:
    """A curriculum id (bundled or user) or a path to a curriculum directory."""
    for ref in reversed(available()):  # the user's own shadows a bundled one of the same id
        if ref.id == spec:
            return ref
    candidate = paths.expand_user(spec, f"curriculum '{spec}'")
    if ("/" in spec or spec.startswith(".") or candidate.is_dir()) and candidate.is_dir():
        return CurriculumRef(candidate.name, candidate.resolve(), "path")
    known = ", ".join(r.id for r in available()) or "none"
    raise UsageError(msg("no curriculum '{spec}' (known: {known}); give an id from `studyplan "
                         "curriculum list` or a folder path", spec=spec, known=known))


def content_key(root: Path) -> str:
    """A hash of the curriculum files' names and bytes (CRC-32 and length of each:
    enough to notice any edit, and zlib is already loaded where hashlib's OpenSSL
    binding would add start-up time)."""
    parts = [f"v{CACHE_FORMAT}", f"py{sys.version_info[0]}.{sys.version_info[1]}", f"marshal{marshal.version}"]
    buffer = bytearray(64 * 1024)  # read through one small buffer: the files are never held whole
    view = memoryview(buffer)
    for f in content_files(root):
        st = f.stat()
        if not stat.S_ISREG(st.st_mode) or st.st_size > MAX_FILE_BYTES:
            # Not something to read whole: no cache key, so the loader reports the file.
            raise _NoKey(f.name)
        crc = size = 0
        with f.open("rb") as fh:
            while n := fh.readinto(buffer):
                crc = zlib.crc32(view[:n], crc)
                size += n
        parts.append(f"{f.name}:{size}:{crc:08x}")
    return ";".join(parts)


def _cache_file(root: Path, part: str = "") -> Path:
    tag = f"{zlib.crc32(str(root.resolve()).encode()):08x}"
    return paths.cache_dir() / f"curriculum-{tag}{part}.cache"


# Parts of a curriculum cached in files of their own, each read only by the commands
# that use it: the glossary (not `plan`, `report`, `log`…), history and readings
# (only `history`, `concept`, `show` and `read`). The core file holds the rest.
PARTS = {"concepts": ("concepts",), "extras": ("history", "readings")}
_PART_TYPES = {"concepts": (list, type(None)), "history": (dict, type(None)), "readings": (list, type(None))}
_BUILD_ERRORS = (KeyError, TypeError, IndexError, AttributeError, ValueError)


def display_root(ref: CurriculumRef) -> str:
    if ref.origin == "bundled":
        return f"curricula/{ref.id}"
    return str(ref.path)


def load(ref: CurriculumRef, use_cache: bool = True, write_cache: bool = True) -> Curriculum:
    """The curriculum at ``ref``, through the cache. ``write_cache=False`` reads a cache that
    is there but never writes one (shell completion: a TAB creates no file)."""
    try:
        key: str | None = content_key(ref.path)
    except _NoKey:
        key = None  # the loader refuses the file with file:line and a reason
    except OSError as exc:
        raise CurriculumError([f"{ref.path}: cannot read curriculum ({exc.strerror})"]) from None
    use_cache = use_cache and key is not None
    if use_cache:
        core = _read_cache(_cache_file(ref.path), key)
        if core is not None:
            try:
                return Curriculum.from_data(core, parts=lambda name, build: _part(ref, key, name, build, write_cache))
            except _BUILD_ERRORS:
                pass  # a cache that parses but is not ours: rebuild
    data = _validated(ref, key if use_cache else None)  # use_cache=False: the YAML itself, validated
    if use_cache and write_cache:
        apart = {k for keys in PARTS.values() for k in keys}
        _write_cache(_cache_file(ref.path), key, {k: v for k, v in data.items() if k not in apart})
        for name, keys in PARTS.items():
            _write_cache(_cache_file(ref.path, f".{name}"), key, {k: data.get(k) for k in keys})
    return Curriculum.from_data(data)


def _validated(ref: CurriculumRef, key: str | None) -> dict:
    """The curriculum's validated data: what the package ships for a bundled one when it is
    exactly that (app/prebuilt.py: the first run on a new home reads no YAML), else validated."""
    if ref.origin == "bundled" and key is not None:
        from studyplan.app import prebuilt  # json, only when no cache answers

        data = prebuilt.read(ref.path, _files_part(key))
        if data is not None:
            return data
    from studyplan.domain.loader import (
        validate_directory,  # yaml (~20 ms) only on a cache miss
    )

    return validate_directory(ref.path, display_root(ref))


def _files_part(key: str) -> str:
    """What a content key says of the files (not of the cache format, Python or marshal)."""
    return key.split(";", 3)[3] if key.count(";") >= 3 else ""


def write_prebuilt() -> list[Path]:
    """Each bundled curriculum's ``prebuilt.json`` written anew from its YAML (app/prebuilt.py)."""
    from studyplan.app import prebuilt
    from studyplan.domain.loader import validate_directory

    written = []
    for ref in available():
        if ref.origin == "bundled":
            data = validate_directory(ref.path, display_root(ref))
            target = ref.path / prebuilt.FILE_NAME
            target.write_bytes(prebuilt.encode(_files_part(content_key(ref.path)), data))  # a file of the package: not private
            written.append(target)
    return written


def _read_cache(path: Path, key: str | None) -> dict | None:
    """The cached data when the file is whole and of this content; None otherwise.

    Only a regular file is read, and at most MAX_CACHE_BYTES of it: a FIFO, a device or
    a huge file in its place is a cache miss, and the write that follows replaces it."""
    try:
        raw = read_regular_file(path, MAX_CACHE_BYTES, "a curriculum cache file")
        head = len(_MAGIC) + 4
        body = memoryview(raw)[head:]  # no copy of the payload
        if raw[: len(_MAGIC)] != _MAGIC or int.from_bytes(raw[len(_MAGIC) : head], "big") != zlib.crc32(body):
            return None
        payload = marshal.loads(body)
        if isinstance(payload, dict) and payload.get("key") == key and isinstance(payload.get("data"), dict):
            return payload["data"]
    except (OSError, FileRefused, ValueError, EOFError, TypeError):
        pass
    return None


def _write_cache(path: Path, key: str | None, data: dict) -> None:
    try:
        payload = marshal.dumps({"key": key, "data": data})
        path.parent.mkdir(parents=True, exist_ok=True)  # ours to create: atomic writes never create folders
        # not durable (no fsyncs, ~4 ms of a first run): a file lost to a power cut, or left
        # damaged, fails its checksum and is rebuilt
        atomic_write_bytes(path, _MAGIC + zlib.crc32(payload).to_bytes(4, "big") + payload, durable=False)
    except Exception:  # noqa: BLE001 - a cache that cannot be written is only slower
        pass


def _part(ref: CurriculumRef, key: str | None, name: str, build: Callable[[dict], T], write_cache: bool = True) -> T:
    """Part ``name`` built from its cache file, or from the curriculum validated afresh
    when that file is missing, damaged or not what ``build`` expects."""
    keys = PARTS[name]
    cached = _read_cache(_cache_file(ref.path, f".{name}"), key)
    if cached is not None and all(isinstance(cached.get(k, 0), _PART_TYPES[k]) for k in keys):
        try:
            return build(cached)
        except _BUILD_ERRORS:
            pass
    data = _validated(ref, key)
    part = {k: data.get(k) for k in keys}
    if write_cache:
        _write_cache(_cache_file(ref.path, f".{name}"), key, part)
    return build(part)


if __name__ == "__main__":  # python -m studyplan.app.catalog: after editing a bundled curriculum or the loader
    for path in write_prebuilt():
        print(f"wrote {path}")
