"""`--output` writes regular files only: never over a FIFO, device or symlink, never into a made-up folder.

Every command with ``--output`` (export, calendar, report) goes through one check
(``studyplan.fileio.output_path``); ``-o -`` writes to standard output.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from studyplan.errors import StudyplanError
from studyplan.fileio import atomic_write_bytes
from tests.reliability.conftest import assert_clean_error, run_cli

COMMANDS = {
    "export": ("export", "--force"),  # --force: these files exist on purpose (or must be refused for what they are)
    "calendar": ("calendar",),
    "report": ("report", "--format", "markdown"),
}
MEMORY_MB = 1024


def _run(home: Path, command: str, output: str):
    return run_cli(home, *COMMANDS[command], "--output", output, memory_mb=MEMORY_MB, timeout=60)


@pytest.mark.parametrize("command", COMMANDS)
def test_a_missing_folder_is_refused_and_not_created(home, command):
    target = home / "nonexistent" / "dir" / "out.txt"
    result = _run(home, command, str(target))
    assert_clean_error(result, str(home / "nonexistent" / "dir"), "does not exist", code=2)
    assert not (home / "nonexistent").exists(), "a folder was created"


@pytest.mark.parametrize("command", COMMANDS)
def test_a_fifo_is_refused_and_left_a_fifo(home, command):
    target = home / "out.fifo"
    os.mkfifo(target)
    result = _run(home, command, str(target))
    assert_clean_error(result, str(target), "FIFO", code=2)
    assert stat.S_ISFIFO(os.lstat(target).st_mode), "the FIFO was replaced"


@pytest.mark.parametrize("command", COMMANDS)
def test_a_symlink_is_refused_and_neither_it_nor_its_target_changes(home, command):
    real = home / "real.txt"
    real.write_text("keep me\n")
    link = home / "link.txt"
    link.symlink_to(real)
    result = _run(home, command, str(link))
    assert_clean_error(result, str(link), "symbolic link", code=2)
    assert link.is_symlink() and os.readlink(link) == str(real)
    assert real.read_text() == "keep me\n"


@pytest.mark.parametrize("command", COMMANDS)
def test_a_device_is_refused_and_left_a_device(home, command):
    """As root the old code turned a device node into a regular file (`export -o /dev/null`).

    Tested on a private copy of /dev/null's node (never the real one)."""
    node = home / "null"
    try:
        os.mknod(node, stat.S_IFCHR | 0o666, os.makedev(1, 3))
    except (PermissionError, OSError) as exc:
        pytest.skip(f"cannot make a device node here ({exc})")
    result = _run(home, command, str(node))
    assert_clean_error(result, str(node), "device", code=2)
    assert stat.S_ISCHR(os.lstat(node).st_mode), "the device node was replaced"


@pytest.mark.parametrize("command", COMMANDS)
def test_a_folder_is_refused(home, command):
    folder = home / "somewhere"
    folder.mkdir()
    result = _run(home, command, str(folder))
    assert_clean_error(result, str(folder), "folder", code=2)
    assert folder.is_dir() and not any(folder.iterdir())


@pytest.mark.parametrize("command", COMMANDS)
def test_a_parent_that_is_a_file_is_refused(home, command):
    (home / "plain").write_text("x")
    result = _run(home, command, str(home / "plain" / "out.txt"))
    assert_clean_error(result, str(home / "plain"), "not a folder", code=2)
    assert (home / "plain").read_text() == "x"


@pytest.mark.parametrize("command", COMMANDS)
def test_dash_writes_to_standard_output_and_no_file(home, command):
    result = run_cli(home, *COMMANDS[command], "-o", "-", timeout=60)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip(), "nothing on standard output"
    assert "Wrote" not in result.stdout
    assert not (home.parent / "-").exists() and not (home / "-").exists(), "a file named '-' was written"


@pytest.mark.parametrize("command", COMMANDS)
def test_a_regular_file_is_still_replaced(home, command):
    target = home / "out.txt"
    target.write_text("old\n")
    result = _run(home, command, str(target))
    assert result.returncode == 0, result.stderr
    assert stat.S_ISREG(os.lstat(target).st_mode) and target.read_text() != "old\n"


def test_atomic_writes_never_create_folders(tmp_path):
    target = tmp_path / "missing" / "file.txt"
    with pytest.raises(StudyplanError) as caught:
        atomic_write_bytes(target, b"data")
    assert "does not exist" in caught.value.message
    assert not (tmp_path / "missing").exists()
