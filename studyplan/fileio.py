"""Atomic file writes: temp file in the same folder, fsync, ``os.replace``, fsync the folder.

Either the whole new content is in place or the old file is untouched: a crash, a
full disk or a denied write never leaves a half-written file, and the temp file is
removed on failure. A file that existed keeps its permission bits. An atomic write
never creates folders: the caller makes its own (the data, config and cache folders),
and a user's ``--output`` must name an existing one (``output_path``).

Reading what a user or another program can point at goes through ``read_regular_file``
(or ``open_regular``): regular files only, never blocking on a FIFO, and bounded, so
/dev/zero cannot make us read without end (ENGINEERING-NOTES, "Special files").
"""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path
from typing import BinaryIO

from studyplan.errors import StudyplanError, UsageError
from studyplan.locale import Msg, msg
from studyplan.paths import expand_user

# O_NONBLOCK: a FIFO without a writer opens at once instead of waiting forever (it has no
# effect on a regular file); O_NOCTTY: a terminal device never becomes our controlling tty.
_READ_FLAGS = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0) | getattr(os, "O_CLOEXEC", 0) | getattr(os, "O_BINARY", 0)


def kind_of(mode: int) -> str:
    """What a file that is not a regular one is, in words ("a FIFO (named pipe)")."""
    for test, name in (
        (stat.S_ISDIR, "a folder"), (stat.S_ISFIFO, "a FIFO (named pipe)"), (stat.S_ISCHR, "a character device"),
        (stat.S_ISBLK, "a block device"), (stat.S_ISSOCK, "a socket"), (stat.S_ISLNK, "a symbolic link"),
    ):
        if test(mode):
            return name
    return "a special file"


KIND_WORDS = {  # kind_of's words, for a message in the learner's language
    "a folder": msg("a folder", context="file kind"), "a FIFO (named pipe)": msg("a FIFO (named pipe)", context="file kind"),
    "a character device": msg("a character device", context="file kind"), "a block device": msg("a block device", context="file kind"),
    "a socket": msg("a socket", context="file kind"), "a symbolic link": msg("a symbolic link", context="file kind"),
    "a special file": msg("a special file", context="file kind"),
}


def kind_word(kind: str) -> str | Msg:
    return KIND_WORDS.get(kind, kind)


def _size(n: int) -> str:
    return f"{n // 2**20} MiB" if n >= 2**20 and n % 2**20 == 0 else f"{n // 1024} KiB" if n >= 1024 else f"{n} bytes"


class FileRefused(UsageError):
    """A file studyplan will not read: not a regular file, or larger than allowed.

    ``message`` is a complete line; ``reason`` the bare why ("a FIFO (named pipe), not a
    regular file") for a caller that words its own error; ``kind`` what the file is
    ("a folder", "a FIFO (named pipe)", "" for a regular file that is too big).
    """

    def __init__(self, message: str | Msg, reason: str, kind: str = "", too_big: bool = False) -> None:
        super().__init__(message)
        self.reason = reason
        self.kind = kind
        self.too_big = too_big


def _not_regular(path: Path, what: str | Msg, kind: str, fix: str | Msg) -> FileRefused:
    reason = f"{kind}, not a regular file"
    return FileRefused(msg("{path}: {what} is {kind}, not a regular file; studyplan reads only regular files and "
                           "read nothing — {fix}", path=path, what=what, kind=kind_word(kind), fix=fix), reason, kind)


def open_regular(path: Path, what: str | Msg, fix: str | Msg = msg("use a regular file instead")) -> BinaryIO:
    """``path`` opened for reading in binary, when it is a regular file; never blocks.

    ``stat`` first, so a FIFO, device, socket or folder is refused (FileRefused) without
    being opened; then the open itself uses O_NONBLOCK and is checked with ``fstat``, so
    a file swapped for a FIFO in between cannot hang us either. A symlink is followed
    (reading through one changes nothing). Errors of the open itself
    (FileNotFoundError, PermissionError …) pass through: the caller knows whether a
    missing file is fine. ``what`` names the file in the message ("the config file").
    """
    path = Path(path)
    mode = os.stat(path).st_mode
    if not stat.S_ISREG(mode):
        raise _not_regular(path, what, kind_of(mode), fix)
    try:
        fd = os.open(path, _READ_FLAGS)
    except OSError as exc:
        if exc.errno in (errno.ENXIO, errno.ENODEV):  # swapped for a socket or a device meanwhile
            raise _not_regular(path, what, "a special file", fix) from None
        raise
    try:
        mode = os.fstat(fd).st_mode
        if not stat.S_ISREG(mode):
            raise _not_regular(path, what, kind_of(mode), fix)
        return os.fdopen(fd, "rb")
    except BaseException:
        os.close(fd)
        raise


def read_regular_file(path: Path, limit: int, what: str | Msg, fix: str | Msg = msg("use a regular file instead")) -> bytes:
    """The bytes of the regular file ``path``: at most ``limit`` of them, never blocking.

    Opened through ``open_regular`` (a FIFO, device, socket or folder raises
    FileRefused before a byte is read); a file larger than ``limit`` raises
    FileRefused with ``too_big`` set, judged both by its size and by reading at most
    ``limit + 1`` bytes, so a file that grows while it is read is refused too.
    FileNotFoundError and other errors of the open pass through.
    """
    path = Path(path)
    too_big = FileRefused(
        msg("{path}: {what} is larger than {limit}, more than it can hold; nothing was read — {fix}", path=path, what=what, limit=_size(limit), fix=fix),
        f"larger than {_size(limit)}", too_big=True,
    )
    with open_regular(path, what, fix) as fh:
        if os.fstat(fh.fileno()).st_size > limit:
            raise too_big
        data = fh.read(limit + 1)
    if len(data) > limit:
        raise too_big
    return data


def output_path(output: str, example: str, option: str = "--output") -> Path:
    """Where ``option`` ``output`` goes, checked before anything is computed or written.

    The one check of every ``--output``. The folder must exist and be a folder (nothing
    is created). The target may be missing, or a regular file, which is then replaced
    atomically. Anything else is refused with one line: a symlink (replacing it would
    cut the link, writing through it would change a file somewhere else), a FIFO,
    device or socket (``os.replace`` would swap the special file itself for a regular
    one; as root ``-o /dev/null`` turned /dev/null into a file) and a folder.
    ``example`` is a file name to suggest for a folder. ``-`` (standard output) is the
    caller's to handle before this.
    """
    label = f"{option} {output}"
    path = expand_user(output, label)
    parent = path.parent
    try:
        parent_mode = os.stat(parent).st_mode
    except FileNotFoundError:
        raise UsageError(msg("{label}: the folder {parent} does not exist; nothing was written — "
                             "create it first (mkdir -p '{parent}') or choose another folder", label=label, parent=parent)) from None
    except NotADirectoryError:
        raise UsageError(msg("{label}: {parent} is not a folder (part of it is a file); nothing "
                             "was written — choose a file in an existing folder", label=label, parent=parent)) from None
    except OSError as exc:
        raise UsageError(msg("{label}: cannot reach the folder {parent} ({reason}); nothing was "
                             "written — choose another folder", label=label, parent=parent, reason=exc.strerror or exc)) from None
    if not stat.S_ISDIR(parent_mode):
        raise UsageError(msg("{label}: {parent} is not a folder; nothing was written — choose a "
                             "file in an existing folder", label=label, parent=parent))
    try:
        mode = os.lstat(path).st_mode
    except FileNotFoundError:
        return path
    except OSError as exc:
        raise UsageError(msg("{label}: cannot check {path} ({reason}); nothing was written — "
                             "choose another file", label=label, path=path, reason=exc.strerror or exc)) from None
    if stat.S_ISREG(mode):
        return path
    if stat.S_ISLNK(mode):
        raise UsageError(msg("{label}: is a symbolic link; studyplan writes only regular files and "
                             "neither replaces nor follows a link — give the real file's path or "
                             "another name", label=label))
    if stat.S_ISDIR(mode):
        raise UsageError(msg("{label}: is a folder; give a file name, e.g. {example}", label=label, example=path / example))
    raise UsageError(msg("{label}: is {kind}, not a regular file; studyplan writes only regular "
                         "files and left it alone — choose another name, or -o - for standard "
                         "output", label=label, kind=kind_word(kind_of(mode))))


def _why(exc: OSError, path: Path) -> Msg:
    reason = exc.strerror or str(exc)
    if exc.errno == errno.ENOSPC:
        return msg("{path}: cannot write ({reason}); nothing was changed — free some space and try again", path=path, reason=reason)
    if exc.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        return msg("{path}: cannot write ({reason}); nothing was changed — make {folder} writable or choose another place",
                   path=path, reason=reason, folder=path.parent)
    if exc.errno in (errno.ENOENT, errno.ENOTDIR):
        return msg("{path}: cannot write: the folder {folder} does not exist; nothing was changed — create it first or "
                   "choose another place", path=path, folder=path.parent)
    return msg("{path}: cannot write ({reason}); nothing was changed", path=path, reason=reason)


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


def mkstemp_beside(path: Path, suffix: str = ".tmp") -> tuple[int, str]:
    """``tempfile.mkstemp`` in ``path``'s folder, a hidden name after ``path``'s: a new file
    only this call created (O_EXCL, mode 0600), open for writing. Without importing
    tempfile, whose random and shutil imports were ~4 ms of the first command on a new home."""
    flags = os.O_RDWR | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_BINARY", 0)
    for _ in range(100):
        name = os.path.join(path.parent, f".{path.name}.{os.urandom(6).hex()}{suffix}")
        try:
            return os.open(name, flags, 0o600), name
        except FileExistsError:
            continue
    raise FileExistsError(errno.EEXIST, "no free temporary name", str(path.parent))


def temp_beside(path: Path, suffix: str = ".tmp") -> Path:
    """A new, empty, hidden file in ``path``'s folder (same filesystem, so it can replace ``path``)."""
    fd, name = mkstemp_beside(path, suffix)
    os.close(fd)
    return Path(name)


def atomic_write_bytes(path: Path, data: bytes, durable: bool = True) -> None:
    """``durable=False`` skips both fsyncs (~12 ms here): the replace is as atomic, but a
    power cut may lose the new content. Only for a cache that checks its own bytes."""
    path = Path(path)
    try:  # never mkdir here: a missing folder is the caller's to create or refuse
        fd, tmp = mkstemp_beside(path)
    except OSError as exc:
        raise StudyplanError(_why(exc, path)) from None
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            if durable:
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
    if durable:
        fsync_dir(path.parent)


def atomic_write_text(path: Path, text: str) -> None:
    atomic_write_bytes(path, text.encode("utf-8"))
