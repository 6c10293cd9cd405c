"""The validated data shipped beside a bundled curriculum (prebuilt.json): used on the first
run of a new home instead of validating the YAML, and only while it is exactly what
validating that YAML with this loader gives."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from studyplan import paths
from studyplan.app import catalog, prebuilt
from studyplan.domain.loader import validate_directory
from studyplan.errors import CurriculumError

BUNDLED = paths.bundled_curricula_dir()


def _bundled_copy(tmp_path: Path) -> catalog.CurriculumRef:
    root = tmp_path / "bundled" / "ml-dl-gpt"
    shutil.copytree(BUNDLED / "ml-dl-gpt", root)
    return catalog.CurriculumRef("ml-dl-gpt", root, "bundled")


def _summary(c) -> tuple:  # noqa: ANN001
    return (c.id, [m.id for m in c.modules], [t.ref for t in c.scheduled_topics()], [x.id for x in c.concepts],
            [e.id for e in c.events], c.concept("perplexity"), c.module("ml-basics"))


def _without_loader(load):  # noqa: ANN001, ANN202
    """``load()``, telling whether it imported the YAML validator."""
    saved = {m: sys.modules.pop(m) for m in list(sys.modules) if m.startswith("studyplan.domain.loader")}
    try:
        result = load()
        return result, any(m.startswith("studyplan.domain.loader") for m in sys.modules)
    finally:
        sys.modules.update(saved)


@pytest.mark.parametrize("ref", [r for r in catalog.available() if r.origin == "bundled"], ids=lambda r: r.id)
def test_each_bundled_curriculum_ships_its_validated_data_up_to_date(ref):
    key = catalog._files_part(catalog.content_key(ref.path))
    assert prebuilt.read(ref.path, key) == validate_directory(ref.path, catalog.display_root(ref)), (
        f"{ref.path / prebuilt.FILE_NAME} is out of date: run `python -m studyplan.app.catalog`")


def test_the_first_load_reads_no_yaml_and_gives_what_the_yaml_gives(tmp_path, isolated_home):
    ref = _bundled_copy(tmp_path)
    first, validated = _without_loader(lambda: catalog.load(ref))
    assert not validated
    assert _summary(first) == _summary(catalog.load(ref, use_cache=False))
    assert list((isolated_home / "cache").glob("curriculum-*.cache"))  # the usual cache is written from it


def test_a_changed_yaml_file_is_validated_not_taken_from_the_shipped_data(tmp_path, isolated_home):
    ref = _bundled_copy(tmp_path)
    modules = ref.path / "modules.yaml"
    modules.write_text(modules.read_text(encoding="utf-8").replace('"Machine learning basics"', '"ML basics, edited"', 1), encoding="utf-8")
    loaded, validated = _without_loader(lambda: catalog.load(ref))
    assert validated
    assert loaded.module("ml-basics").title.get("en") == "ML basics, edited"


def test_a_broken_yaml_file_is_reported_even_with_the_shipped_data_beside_it(tmp_path, isolated_home):
    ref = _bundled_copy(tmp_path)
    (ref.path / "modules.yaml").write_text("modules: [\n", encoding="utf-8")
    with pytest.raises(CurriculumError, match=r"modules\.yaml:\d+"):
        catalog.load(ref)


def _rewrite(ref: catalog.CurriculumRef, change) -> None:  # noqa: ANN001
    target = ref.path / prebuilt.FILE_NAME
    head, body = target.read_bytes().split(b"\n", 1)
    header = json.loads(head)
    header, body = change(header, body)
    target.write_bytes(json.dumps(header).encode() + b"\n" + body)


def _tampered(header: dict, body: bytes) -> tuple[dict, bytes]:
    return header, body.replace(b'"Machine learning basics"', b'"Tampered title!!!!!!!!"', 1)


@pytest.mark.parametrize("change", [
    _tampered,  # damaged data: its CRC no longer matches
    lambda h, b: ({**h, "loader": "00000000"}, b),  # made by another version of the loader
    lambda h, b: ({**h, "files": h["files"].replace("modules.yaml:", "modules.yaml:1", 1)}, b),  # from other YAML
    lambda h, b: ({**h, "format": 99}, b),
    lambda h, b: (h, b[: len(b) // 2]),  # cut short
], ids=["damaged", "other-loader", "other-yaml", "other-format", "truncated"])
def test_shipped_data_that_is_not_exactly_right_is_never_used(tmp_path, isolated_home, change):
    ref = _bundled_copy(tmp_path)
    _rewrite(ref, change)
    loaded, validated = _without_loader(lambda: catalog.load(ref))
    assert validated
    assert _summary(loaded) == _summary(catalog.load(ref, use_cache=False))


def test_a_folder_of_the_learners_own_is_always_validated(tmp_path, isolated_home):
    root = tmp_path / "mine" / "ml-dl-gpt"
    shutil.copytree(BUNDLED / "ml-dl-gpt", root)
    _, validated = _without_loader(lambda: catalog.load(catalog.CurriculumRef("ml-dl-gpt", root, "path")))
    assert validated


def test_the_first_command_on_a_new_home_imports_no_yaml(tmp_path):
    code = ("import sys\nsys.argv = ['studyplan', 'today', '--date', '2026-03-02', '--json']\n"
            "from studyplan.__main__ import main\n"
            "try:\n    main()\nexcept SystemExit:\n    pass\n"
            "sys.stderr.write('\\nYAML ' + str(any(m == 'yaml' or m.startswith('studyplan.domain.loader') for m in sys.modules)) + '\\n')\n")
    env = dict(os.environ, STUDYPLAN_HOME=str(tmp_path / "new-home"), NO_COLOR="1")
    proc = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True)
    assert json.loads(proc.stdout)["date"] == "2026-03-02", proc.stderr
    assert "YAML False" in proc.stderr
    assert list((tmp_path / "new-home" / "cache").glob("curriculum-*.cache"))
