"""The status line's cache entry: what the facts were computed from, and the checks that it still holds.

An entry (one file per ``--profile`` in the cache folder, ``status-<crc>.cache``) is a
marshal'd dict behind a magic line and a CRC-32, read with a bound (a FIFO, a huge
file, a damaged or foreign one is a miss) and replaced atomically without fsync (a
power cut can only cost a recomputation: the checksum and the checks below catch it).

Why a matching entry cannot be stale. The facts are a function of: the database rows
of the profile (``store/fingerprint.py`` ``TABLES``), the settings (file and
``STUDYPLAN_*`` and locale variables), the curriculum's files and where it is found, the study
day, the time zone and the code. The entry records each of them, observed *before*
the thing itself was read, so whatever it records is no newer than what the facts saw:

* the question and environment in ``key`` (compared whole);
* the settings file's bytes (compared whole: it is small);
* the study day and the ``day_starts_at`` it was reckoned with; the counts are all of a
  study day (cards due before the day ends, topics due by it, the streak to it), so
  the clock matters only through the day;
* the stat of each curriculum file and folder, and of the database and its ``-wal``:
  (device, inode, mode, size, mtime, ctime). Every write changes the mtime, but only
  to the kernel's current clock tick, so two writes within one tick may leave equal
  stats. An mtime older than ``RACY_NS`` when it was observed cannot be repeated by a
  later write; an entry with a recent ("racy") curriculum stat is never written, and
  one with a racy database stat is used only after its digest is checked;
* the digest of the profile's rows, which decides whenever the database's stats do not.
"""

from __future__ import annotations

import marshal
import os
import time
import zlib

from studyplan import __version__, paths
from studyplan.domain import status as text
from studyplan.fileio import FileRefused, read_regular_file

CACHE_ENV = "STUDYPLAN_STATUS_CACHE"  # "0": always compute afresh
CACHE_FORMAT = 2  # 2: the facts carry the words in the learner's language
MAX_CACHE_BYTES = 64 * 1024
MAX_CONFIG_BYTES = 64 * 1024
RACY_NS = 2 * 10**9  # above any timestamp resolution (a kernel tick; 1 s on some filesystems)
_MAGIC = b"studyplan-status-cache\n"
_HEAD = len(_MAGIC) + 4


def sig(path: str) -> tuple | None:
    """What changes whenever ``path`` is written (None: missing)."""
    try:
        st = os.stat(path)
    except (FileNotFoundError, NotADirectoryError):
        return None
    except OSError as exc:
        return ("error", exc.errno)
    return (st.st_dev, st.st_ino, st.st_mode, st.st_size, st.st_mtime_ns, st.st_ctime_ns)


def racy(sigs: tuple, observed_ns: int) -> bool:
    """Some stat in ``sigs`` ((path, sig) pairs) is too recent to tell a later write from it."""
    return any(s is not None and len(s) == 6 and max(s[4], s[5]) >= observed_ns - RACY_NS for _, s in sigs)


def db_sigs() -> tuple:
    db = str(paths.database_path())
    return ((db, sig(db)), (db + "-wal", sig(db + "-wal")))


def config_bytes() -> bytes | None:
    try:
        return read_regular_file(paths.config_path(), MAX_CONFIG_BYTES, "the config file")
    except FileNotFoundError:
        return None


def study_day(now: float, day_starts_at: str) -> str:
    """The study day at ``now`` as ``Session.study_day`` reckons it: the local date of the
    wall clock moved back by ``day_starts_at`` (without importing datetime)."""
    lt = time.localtime(now)
    h, m = (int(x) for x in day_starts_at.split(":"))
    y, mo, d = lt.tm_year, lt.tm_mon, lt.tm_mday
    if (lt.tm_hour, lt.tm_min) < (h, m):
        if d > 1:
            d -= 1
        else:
            y, mo = (y - 1, 12) if mo == 1 else (y, mo - 1)
            leap = y % 4 == 0 and (y % 100 != 0 or y % 400 == 0)
            d = (31, 29 if leap else 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)[mo - 1]
    return f"{y:04d}-{mo:02d}-{d:02d}"


def key(profile: str | None, env: dict[str, str], now: float, lang: str | None = None) -> tuple:
    """The question and what it is asked in: compared whole."""
    lt = time.localtime(now)
    settings = tuple(sorted((k, v) for k, v in env.items()
                            if (k.startswith("STUDYPLAN_") and k != CACHE_ENV) or k in ("LC_ALL", "LC_MESSAGES", "LANG")))
    return (CACHE_FORMAT, __version__, profile, lang, settings, env.get("TZ"), lt.tm_gmtoff, lt.tm_zone,
            str(paths.database_path()), str(paths.config_path()))


def file_for(profile: str | None) -> str:
    tag = zlib.crc32((profile if profile is not None else "\0").encode("utf-8", "surrogateescape"))
    return os.path.join(paths.cache_dir(), f"status-{tag:08x}.cache")


def read(path: str) -> dict | None:
    """The entry in the cache file when it is whole; None for anything else."""
    try:
        raw = read_regular_file(path, MAX_CACHE_BYTES, "the status cache")
        body = memoryview(raw)[_HEAD:]
        if raw[: len(_MAGIC)] != _MAGIC or int.from_bytes(raw[len(_MAGIC):_HEAD], "big") != zlib.crc32(body):
            return None
        entry = marshal.loads(body)
    except (OSError, FileRefused, ValueError, EOFError, TypeError):
        return None
    return entry if isinstance(entry, dict) else None


def write(path: str, entry: dict) -> None:
    from studyplan.fileio import atomic_write_bytes  # the writing path only

    try:
        payload = marshal.dumps(entry)
        os.makedirs(os.path.dirname(path), exist_ok=True)  # ours to create: atomic writes never create folders
        atomic_write_bytes(path, _MAGIC + zlib.crc32(payload).to_bytes(4, "big") + payload, durable=False)
    except Exception:  # noqa: BLE001 - a cache that cannot be written is only slower
        pass


def matches(entry: dict | None, question: tuple, now: float) -> bool:
    """Everything but the database is as the entry records it (the caller checks the database)."""
    try:
        if entry is None or entry["key"] != question or not isinstance(entry["db"], tuple):
            return False
        facts = entry["facts"]
        if (facts is not None and not text.valid_facts(facts)) or not isinstance(entry["digest"], bytes):
            return False
        if study_day(now, entry["day_starts_at"]) != entry["study_day"] or config_bytes() != entry["config"]:
            return False
        return all(sig(p) == s for p, s in entry["files"])
    except Exception:  # noqa: BLE001 - any surprise in a file we did not write: a miss
        return False
