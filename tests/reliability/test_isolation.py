"""Case: the test suite never touches the user's own data, even when a test undoes its isolation."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from studyplan import paths
from tests.isolation import real_folders

REPO = Path(__file__).resolve().parents[2]


def test_undoing_a_tests_isolation_still_leaves_the_run_in_its_temporary_folder(monkeypatch, sp):
    monkeypatch.undo()  # also undoes this test's own STUDYPLAN_HOME
    here = Path(os.environ["STUDYPLAN_HOME"])
    assert here.name == "studyplan-home" and here.parent.name.startswith("studyplan-tests-")
    assert paths.database_path().is_relative_to(here.parent)
    sp("done", "ml-basics")  # lands in the run's folder, not in the user's
    assert (here / "studyplan.db").exists()


def test_the_data_folders_of_the_run_are_temporary():
    home = Path(os.environ["HOME"])
    assert home.parent.name.startswith("studyplan-tests-")
    for folder in real_folders(dict(os.environ)):
        assert folder.is_relative_to(home.parent), folder


def test_a_run_that_writes_to_the_users_folders_fails(tmp_path):
    """The guard itself: a run whose test writes into the (here: stand-in) user's data fails."""
    user = tmp_path / "user"
    data = user / ".local" / "share" / "studyplan"
    data.mkdir(parents=True)
    (data / "studyplan.db").write_bytes(b"the learner's own progress")
    probe = tmp_path / "test_probe.py"
    probe.write_text(
        "from pathlib import Path\n"
        f"def test_writes():\n    Path({str(data / 'studyplan.db')!r}).write_bytes(b'overwritten')\n",
        encoding="utf-8",
    )
    env = {k: v for k, v in os.environ.items() if not k.startswith(("XDG_", "STUDYPLAN_", "PYTEST_"))}
    env.update(HOME=str(user), PYTHONPATH=str(REPO))
    done = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "tests.isolation", "-p", "no:cacheprovider", str(probe), "--rootdir", str(tmp_path)],
        cwd=tmp_path, env=env, capture_output=True, text=True, timeout=120,
    )
    assert done.returncode == 1, done.stdout + done.stderr
    assert "wrote outside its temporary folders" in done.stdout and "studyplan.db" in done.stdout
    assert "1 passed" in done.stdout  # the test itself passed: the guard failed the run
