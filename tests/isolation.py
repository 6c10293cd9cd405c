"""The whole test run lives in a temporary folder, and a run that writes outside it fails.

Loaded as a pytest plugin (``pytest_plugins`` in tests/conftest.py), before any test is
collected. It points HOME, the XDG folders, STUDYPLAN_HOME and pytest's own temporary
folder (``tmp_path``) at one folder of the run
by setting ``os.environ`` itself, not through ``monkeypatch``: a test that calls
``monkeypatch.undo()`` gets this run's folders back, never the user's. Child processes
inherit them too.

At the end it compares the user's real studyplan folders (data, config, cache, and
``$STUDYPLAN_HOME`` as it was when pytest started) with what they held at the start;
any file created, changed or removed there fails the run, naming the paths.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

import pytest

APP = "studyplan"
_VARS = ("HOME", "XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_CACHE_HOME", "XDG_STATE_HOME", "STUDYPLAN_HOME")


def real_folders(env: dict[str, str]) -> list[Path]:
    """Where studyplan would keep a user's files under ``env`` (Linux and macOS layouts)."""
    home = Path(env.get("HOME") or Path("~").expanduser())
    folders = [
        Path(env.get("XDG_DATA_HOME") or home / ".local" / "share") / APP,
        Path(env.get("XDG_CONFIG_HOME") or home / ".config") / APP,
        Path(env.get("XDG_CACHE_HOME") or home / ".cache") / APP,
        Path(env.get("XDG_STATE_HOME") or home / ".local" / "state") / APP,
        home / "Library" / "Application Support" / APP,
        home / "Library" / "Caches" / APP,
    ]
    if env.get("STUDYPLAN_HOME"):
        folders.append(Path(env["STUDYPLAN_HOME"]).expanduser())
    return folders


def snapshot(folders: list[Path]) -> dict[str, tuple[int, int]]:
    """Every file under ``folders``: (size, mtime in ns)."""
    seen: dict[str, tuple[int, int]] = {}
    for folder in folders:
        if folder.is_dir():
            for path in folder.rglob("*"):
                try:
                    st = path.lstat()
                except OSError:
                    continue
                seen[str(path)] = (st.st_size, st.st_mtime_ns)
        elif folder.exists():
            st = folder.lstat()
            seen[str(folder)] = (st.st_size, st.st_mtime_ns)
    return seen


class Isolation:
    def __init__(self) -> None:
        self.original = {k: os.environ[k] for k in _VARS if k in os.environ}
        self.watched = real_folders(dict(os.environ))
        self.before = snapshot(self.watched)
        self.root = Path(tempfile.mkdtemp(prefix="studyplan-tests-"))
        home = self.root / "home"
        paths = {
            "HOME": home,
            "XDG_DATA_HOME": home / ".local" / "share",
            "XDG_CONFIG_HOME": home / ".config",
            "XDG_CACHE_HOME": home / ".cache",
            "XDG_STATE_HOME": home / ".local" / "state",
            "STUDYPLAN_HOME": self.root / "studyplan-home",
        }
        for name, path in paths.items():
            path.mkdir(parents=True, exist_ok=True)
            os.environ[name] = str(path)

    def written_outside(self) -> list[str]:
        after = snapshot(self.watched)
        changed = {p for p in self.before.keys() | after.keys() if self.before.get(p) != after.get(p)}
        return sorted(changed)

    def close(self) -> None:
        shutil.rmtree(self.root, ignore_errors=True)
        for name in _VARS:
            if name in self.original:
                os.environ[name] = self.original[name]
            else:
                os.environ.pop(name, None)


def pytest_configure(config: pytest.Config) -> None:
    isolation = Isolation()
    config._studyplan_isolation = isolation  # type: ignore[attr-defined]
    if not config.option.basetemp:  # tmp_path and friends live in the run's folder too
        config.option.basetemp = str(isolation.root / "pytest")


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    isolation: Isolation | None = getattr(session.config, "_studyplan_isolation", None)
    if isolation is None:
        return
    written = isolation.written_outside()
    if written:
        shown = ", ".join(written[:10]) + (f" and {len(written) - 10} more" if len(written) > 10 else "")
        session.config._studyplan_written = shown  # type: ignore[attr-defined]
        session.exitstatus = pytest.ExitCode.TESTS_FAILED


def pytest_terminal_summary(terminalreporter, exitstatus, config: pytest.Config) -> None:  # noqa: ANN001
    shown = getattr(config, "_studyplan_written", None)
    if shown:
        terminalreporter.write_line(f"FAILED: the test run wrote outside its temporary folders: {shown}", red=True)


def pytest_unconfigure(config: pytest.Config) -> None:
    isolation: Isolation | None = getattr(config, "_studyplan_isolation", None)
    if isolation is not None:
        isolation.close()
