"""A plain (non-editable) install ships the curricula: `studyplan today` works from anywhere."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import venv
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]


@pytest.mark.slow
def test_wheel_install_runs_today_from_another_directory(tmp_path):
    dist = tmp_path / "dist"
    subprocess.run([sys.executable, "-m", "build", "--wheel", "--no-isolation", "--outdir", str(dist), str(REPO)],
                   check=True, capture_output=True, cwd=tmp_path)
    wheel = next(dist.glob("studyplan-*.whl"))
    import zipfile

    names = zipfile.ZipFile(wheel).namelist()
    assert "studyplan/curricula/ml-dl-gpt/modules.yaml" in names
    assert "studyplan/curricula/ml-dl-gpt/concepts.yaml" in names
    env_dir = tmp_path / "venv"
    venv.EnvBuilder(with_pip=False).create(env_dir)
    py = env_dir / "bin" / "python"
    site = Path(subprocess.run([str(py), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
                               capture_output=True, text=True, check=True).stdout.strip())
    # Only studyplan goes into the new venv (unpacked from the wheel); its dependencies are
    # borrowed from the running environment through a .pth file, so the test needs no network.
    with zipfile.ZipFile(wheel) as zf:
        zf.extractall(site)
    deps = [p for p in sys.path if p.endswith("site-packages")]
    (site / "borrowed-deps.pth").write_text("\n".join(deps) + "\n")
    script = env_dir / "bin" / "studyplan"
    script.write_text(f"#!{py}\nfrom studyplan.__main__ import main\nmain()\n")
    script.chmod(0o755)
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    env = dict(os.environ, STUDYPLAN_HOME=str(tmp_path / "home"), PYTHONPATH="")
    out = subprocess.run([str(env_dir / "bin" / "studyplan"), "today", "--json"], cwd=elsewhere, env=env, capture_output=True, text=True)
    assert out.returncode == 0, out.stderr
    data = json.loads(out.stdout)
    assert data["state"] == "active" and data["items"]
    # the JSON Schemas ship with the wheel (generated from its records at run time, descriptions included)
    schema = subprocess.run([str(env_dir / "bin" / "studyplan"), "schema", "today"], cwd=elsewhere, env=env, capture_output=True, text=True)
    assert schema.returncode == 0, schema.stderr
    today = json.loads(schema.stdout)
    assert set(data) == set(today["properties"]) and today["properties"]["state"].get("description")
    where = subprocess.run([str(py), "-c", "import studyplan, sys; print(studyplan.__file__)"], cwd=elsewhere, env=env, capture_output=True, text=True)
    assert str(env_dir) in where.stdout
