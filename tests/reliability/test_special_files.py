"""Special files where studyplan reads: a FIFO never hangs us, a device never makes us read without end.

The database, the config file, the curriculum cache and curriculum files are opened
only when they are regular files (``studyplan.fileio.read_regular_file`` /
``open_regular``), and read with a bound.
"""

from __future__ import annotations

import os
import stat
import subprocess
import sys
import time
from pathlib import Path

import pytest

from studyplan.errors import StudyplanError
from tests.reliability.conftest import assert_clean_error, child_env, run_cli

MEMORY_MB = 1024
TIMEOUT = 20  # every case here answers in about a second; a hang is killed and reported


def _run(home: Path, *args: str, **env: str) -> subprocess.CompletedProcess:
    try:
        return run_cli(home, *args, memory_mb=MEMORY_MB, timeout=TIMEOUT, **env)
    except subprocess.TimeoutExpired:
        pytest.fail(f"`studyplan {' '.join(args)}` hung for {TIMEOUT} s (it blocked on a special file)")


# -- the helper ------------------------------------------------------------------------
def _in_child(code: str, *argv: str) -> subprocess.CompletedProcess:
    """Run ``code`` in a child with a memory cap and a timeout (a blocked open cannot hang the suite)."""
    limit = MEMORY_MB * 2**20
    prelude = f"import resource; resource.setrlimit(resource.RLIMIT_AS, ({limit}, {limit}))\n"
    try:
        return subprocess.run([sys.executable, "-c", prelude + code, *argv], env=child_env(Path(argv[0]).parent),
                              capture_output=True, text=True, timeout=TIMEOUT, check=False)
    except subprocess.TimeoutExpired:
        pytest.fail(f"read_regular_file blocked for {TIMEOUT} s on {argv[0]}")


HELPER = (
    "import sys\nfrom pathlib import Path\nfrom studyplan.fileio import read_regular_file, FileRefused\n"
    "try:\n    data = read_regular_file(Path(sys.argv[1]), 1024, 'the test file')\n    print('read', len(data))\n"
    "except FileRefused as e:\n    print('refused', e.message)\n"
)


def test_read_regular_file_refuses_a_fifo_without_blocking(tmp_path):
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    result = _in_child(HELPER, str(fifo))
    assert result.stdout.startswith("refused"), result.stdout + result.stderr
    assert "FIFO" in result.stdout and str(fifo) in result.stdout


def test_read_regular_file_refuses_a_device(tmp_path):
    link = tmp_path / "zero"
    link.symlink_to("/dev/zero")
    result = _in_child(HELPER, str(link))
    assert result.stdout.startswith("refused") and "device" in result.stdout, result.stdout + result.stderr


def test_read_regular_file_reads_at_most_its_limit(tmp_path):
    from studyplan.fileio import FileRefused, read_regular_file

    exact, over = tmp_path / "exact", tmp_path / "over"
    exact.write_bytes(b"x" * 1024)
    over.write_bytes(b"x" * 1025)
    assert read_regular_file(exact, 1024, "the test file") == b"x" * 1024
    with pytest.raises(FileRefused) as caught:
        read_regular_file(over, 1024, "the test file")
    assert caught.value.too_big and isinstance(caught.value, StudyplanError)
    assert str(over) in caught.value.message and "larger than" in caught.value.message


def test_read_regular_file_passes_a_missing_file_through(tmp_path):
    from studyplan.fileio import read_regular_file

    with pytest.raises(FileNotFoundError):
        read_regular_file(tmp_path / "nothing", 10, "the test file")


# -- the database ----------------------------------------------------------------------
def test_a_fifo_as_the_database_is_refused_not_waited_on(home):
    db = home / "studyplan.db"
    os.mkfifo(db)
    result = _run(home, "plan")
    assert_clean_error(result, str(db), "FIFO", "not a regular file", code=3)
    assert stat.S_ISFIFO(os.lstat(db).st_mode)


def test_a_device_as_the_database_is_refused_as_a_device(home):
    db = home / "studyplan.db"
    db.symlink_to("/dev/zero")
    result = _run(home, "plan")
    assert_clean_error(result, str(db), "device", "not a regular file", code=3)


# -- the config file -------------------------------------------------------------------
def test_a_fifo_as_the_config_file_is_refused_not_waited_on(home):
    config = home / "config.toml"
    os.mkfifo(config)
    result = _run(home, "plan")
    assert_clean_error(result, str(config), "FIFO", code=2)


def test_a_device_as_the_config_file_is_not_read_without_end(home):
    (home / "config.toml").symlink_to("/dev/zero")
    started = time.monotonic()
    result = _run(home, "plan")
    assert_clean_error(result, "config.toml", "device", code=2)
    assert time.monotonic() - started < TIMEOUT


def test_an_oversized_config_file_is_refused(home):
    config = home / "config.toml"
    config.write_text("# padding\n" * 200_000 + 'lang = "en"\n')  # ~2 MB of valid TOML
    result = _run(home, "plan")
    assert_clean_error(result, str(config), "larger than", code=2)


def test_a_regular_config_file_still_works(home):
    (home / "config.toml").write_text('new_cards_per_day = 7\n')
    result = _run(home, "config", "get", "new_cards_per_day")
    assert result.returncode == 0 and "7" in result.stdout, result.stdout + result.stderr


# -- the curriculum cache --------------------------------------------------------------
READERS = (("plan",), ("concepts",), ("history",))  # the core, concepts and extras cache files


def _read_every_part(home: Path) -> None:
    for command in READERS:
        result = _run(home, *command)
        assert result.returncode == 0, result.stderr


def _warm_cache(home: Path) -> list[Path]:
    _read_every_part(home)
    files = sorted((home / "cache").glob("curriculum-*.cache"))
    assert len(files) == 3, files
    return files


def test_fifo_cache_files_are_ignored_and_rebuilt(home):
    files = _warm_cache(home)
    for f in files:
        f.unlink()
        os.mkfifo(f)
    _read_every_part(home)
    for f in files:
        assert stat.S_ISREG(os.lstat(f).st_mode), f"{f.name} was not rebuilt"


def test_device_cache_files_are_not_read_without_end(home):
    files = _warm_cache(home)
    for f in files:
        f.unlink()
        f.symlink_to("/dev/zero")
    _read_every_part(home)
    for f in files:
        assert stat.S_ISREG(os.lstat(f).st_mode), f"{f.name} was not rebuilt"


# -- curriculum files ------------------------------------------------------------------
def test_a_fifo_curriculum_file_is_refused_not_waited_on(home):
    bundled = Path(__file__).resolve().parents[2] / "curricula" / "ml-dl-gpt"
    root = home / "mine"
    root.mkdir()
    for f in bundled.iterdir():
        (root / f.name).write_bytes(f.read_bytes())
    (root / "modules.yaml").unlink()
    os.mkfifo(root / "modules.yaml")
    result = _run(home, "init", "--curriculum", str(root))
    assert_clean_error(result, "modules.yaml", code=2)


# -- STUDYPLAN_HOME --------------------------------------------------------------------
@pytest.mark.parametrize("command", [("plan",), ("config", "path")])
def test_an_unknown_user_in_studyplan_home_is_a_clear_error(home, command):
    result = _run(home, *command, STUDYPLAN_HOME="~nosuchuser-xyz/x")
    assert_clean_error(result, "STUDYPLAN_HOME", "nosuchuser-xyz", code=2)


def test_a_known_user_in_studyplan_home_is_expanded(home):
    result = _run(home, "config", "path", STUDYPLAN_HOME="~/sub", HOME=str(home))
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == str(home / "sub" / "config.toml")
