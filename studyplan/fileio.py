"""Atomic file writes: temp file in the same folder, fsync, ``os.replace``, fsync the folder.

Either the whole new content is in place or the old file is untouched: a crash, a
full disk or a denied write never leaves a half-written file, and the temp file is
removed on failure. A file that existed keeps its permission bits.
"""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path

from studyplan.errors import StudyplanError


def _why(exc: OSError, path: Path) -> str:
    reason = exc.strerror or str(exc)
    if exc.errno == errno.ENOSPC:
        return f"{path}: cannot write ({reason}); nothing was changed — free some space and try again"
    if exc.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        return f"{path}: cannot write ({reason}); nothing was changed — make {path.parent} writable or choose another place"
    if exc.errno == errno.ENOENT:
        return f"{path}: cannot write ({reason}); nothing was changed — check the folder {path.parent} exists"
    return f"{path}: cannot write ({reason}); nothing was changed"


def fsync_dir(folder: Path) -> None:
    """Make a rename or a new file in ``folder`` durable (where the platform allows)."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return  # not possible on every platform (Windows); the replace is still atomic
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def temp_beside(path: Path, suffix: str = ".tmp") -> Path:
    """A new, empty, hidden file in ``path``'s folder (same filesystem, so it can replace ``path``)."""
    import tempfile  # only when a file is written

    fd, name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=suffix, dir=path.parent)
    os.close(fd)
    return Path(name)


def atomic_write_bytes(path: Path, data: bytes) -> None:
    path = Path(path)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        import tempfile  # only when writing a file

        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    except OSError as exc:
        raise StudyplanError(_why(exc, path)) from None
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        try:
            mode = stat.S_IMODE(os.stat(path).st_mode)
        except OSError:
            mode = None
        if mode is not None:
            os.chmod(tmp, mode)
        os.replace(tmp, path)
    except OSError as exc:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise StudyplanError(_why(exc, path)) from None
    fsync_dir(path.parent)


def atomic_write_text(path: Path, text: str) -> None:
    atomic_write_bytes(path, text.encode("utf-8"))
