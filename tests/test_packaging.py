"""pyproject.toml: the SPDX licence, a setuptools that understands it, and project URLs the
help texts agree with (an installed wheel has no docs/ folder to point at)."""

from __future__ import annotations

import subprocess
import sys
import tomllib
import zipfile
from pathlib import Path

import pytest

from studyplan.cli.common import PROJECT_URL, doc

REPO = Path(__file__).resolve().parents[1]
PROJECT = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))


def test_the_licence_is_an_spdx_expression_and_the_build_backend_supports_it():
    assert PROJECT["project"]["license"] == "MIT"
    requires = PROJECT["build-system"]["requires"]
    setuptools = next(r for r in requires if r.startswith("setuptools"))
    floor = tuple(int(x) for x in setuptools.split(">=", 1)[1].split(",")[0].split("."))
    assert floor >= (77,), setuptools  # setuptools 77 reads `license = "MIT"` (PEP 639)


def test_project_urls_and_the_help_texts_name_the_same_project():
    urls = PROJECT["project"]["urls"]
    assert set(urls) >= {"Homepage", "Documentation", "Issues"}
    assert urls["Homepage"] == PROJECT_URL
    assert all(u.startswith(PROJECT_URL + "/") for k, u in urls.items() if k != "Homepage")
    assert doc("json.md") == f"docs/json.md at {PROJECT_URL}"
    assert (REPO / "docs" / "json.md").is_file() and (REPO / "docs" / "curriculum-format.md").is_file()


def test_no_help_text_points_at_a_bare_docs_path():
    for path in (REPO / "studyplan" / "cli").glob("*.py"):
        text = path.read_text(encoding="utf-8")
        assert "(shape: docs/json.md)" not in text and "(format: docs/curriculum-format.md)" not in text, path


@pytest.mark.slow
def test_the_wheel_metadata_has_the_licence_expression_and_the_urls(tmp_path):
    dist = tmp_path / "dist"
    subprocess.run([sys.executable, "-m", "build", "--wheel", "--no-isolation", "--outdir", str(dist), str(REPO)],
                   check=True, capture_output=True, cwd=tmp_path)
    wheel = next(dist.glob("studyplan-*.whl"))
    with zipfile.ZipFile(wheel) as zf:
        meta = zf.read(next(n for n in zf.namelist() if n.endswith(".dist-info/METADATA"))).decode("utf-8")
    assert "License-Expression: MIT" in meta
    assert f"Project-URL: Homepage, {PROJECT_URL}" in meta
    assert f"Project-URL: Documentation, {PROJECT_URL}/tree/main/docs" in meta
    assert f"Project-URL: Issues, {PROJECT_URL}/issues" in meta
