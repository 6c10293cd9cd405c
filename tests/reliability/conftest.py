"""Helpers for the adversarial suite: subprocesses, store snapshots, and permissions as root.

Everything here works when the tests run as root (the sandbox and CI do): root
ignores file modes, so a child that must feel ``chmod`` drops the capabilities that
let root bypass them (CAP_DAC_OVERRIDE, CAP_DAC_READ_SEARCH, CAP_FOWNER) from its
bounding set before it starts Python. That is a real permission check by the
kernel, not a mock.
"""

from __future__ import annotations

import ctypes
import hashlib
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
DRIVER = Path(__file__).resolve().parent / "driver.py"
PR_CAPBSET_DROP = 24
DAC_CAPS = (1, 2, 3)  # CAP_DAC_OVERRIDE, CAP_DAC_READ_SEARCH, CAP_FOWNER


def child_env(home: Path, **extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("STUDYPLAN_", "PYTEST_"))}
    env.update(
        STUDYPLAN_HOME=str(home), LANG="C.UTF-8", COLUMNS="100", NO_COLOR="1", TZ="UTC",
        PYTHONPATH=os.pathsep.join([str(REPO), env.get("PYTHONPATH", "")]).rstrip(os.pathsep),
    )
    env.update(extra)
    return env


def _drop_dac_capabilities() -> None:  # runs in the child between fork and exec
    libc = ctypes.CDLL(None, use_errno=True)
    for cap in DAC_CAPS:
        if libc.prctl(PR_CAPBSET_DROP, cap, 0, 0, 0) != 0:
            raise OSError(ctypes.get_errno(), "prctl(PR_CAPBSET_DROP)")


def can_drop_root_override() -> bool:
    try:
        result = subprocess.run([sys.executable, "-c", "pass"], preexec_fn=_drop_dac_capabilities, capture_output=True, timeout=30, check=False)
    except (OSError, subprocess.SubprocessError):
        return False
    return result.returncode == 0


def run_cli(home: Path, *args: str, honour_modes: bool = False, memory_mb: int | None = None, timeout: float = 60,
            input: str | None = None, **env: str) -> subprocess.CompletedProcess:
    """``python -m studyplan ARGS`` in a child.

    ``honour_modes`` makes root obey chmod too; ``memory_mb`` caps the child's
    address space (RLIMIT_AS), so "bounded memory" is enforced, not hoped for.
    """
    drop = honour_modes and os.geteuid() == 0

    def preexec() -> None:
        if memory_mb is not None:
            import resource

            limit = memory_mb * 1024 * 1024
            resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
        if drop:
            _drop_dac_capabilities()

    return subprocess.run(
        [sys.executable, "-m", "studyplan", *args], env=child_env(home, **env), cwd=str(home.parent),
        capture_output=True, text=True, timeout=timeout, input=input,
        preexec_fn=preexec if (drop or memory_mb is not None) else None, check=False,
    )


def assert_clean_error(result, *needles: str, code: int | None = None) -> str:
    """Exit != 0, one line on stderr starting ``studyplan:``, no traceback; returns the line."""
    err = result.stderr.strip()
    rc = result.returncode if hasattr(result, "returncode") else result.exit_code
    assert rc != 0, f"expected failure, got exit 0\n{result.stdout}"
    if code is not None:
        assert rc == code, (rc, err)
    assert "Traceback" not in result.stderr + result.stdout, result.stderr
    assert len(err.splitlines()) == 1, f"not one line:\n{err}"
    assert err.startswith("studyplan: "), err
    for needle in needles:
        assert needle in err, f"{needle!r} not in {err!r}"
    return err


def file_digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def snapshot(path: Path) -> dict[str, list[tuple]]:
    """Every row of every table (read through a read-only connection)."""
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        tables = [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")]
        out = {t: sorted(conn.execute(f'SELECT * FROM "{t}"').fetchall(), key=repr) for t in tables}
        out["__user_version"] = [(conn.execute("PRAGMA user_version").fetchone()[0],)]
        return out
    finally:
        conn.close()


def integrity(path: Path) -> str:
    conn = sqlite3.connect(str(path))
    try:
        return "; ".join(r[0] for r in conn.execute("PRAGMA integrity_check"))
    finally:
        conn.close()


@pytest.fixture
def home(isolated_home) -> Path:
    isolated_home.mkdir(parents=True, exist_ok=True)
    return isolated_home
