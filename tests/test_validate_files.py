"""`curriculum validate FILE`: a file's own problems first, its folder's after, and never a `:0:` line.

The rule for locations: a problem in a file's content is ``file:line: message`` (lines
count from 1); a problem with a file as a whole, where no line applies (missing,
unreadable, not a regular file, not a curriculum file), is ``file: message``.
"""

from __future__ import annotations

import os
import re
import shutil
from pathlib import Path

import pytest

from studyplan.domain.loader import check_file, validate_directory
from studyplan.errors import CurriculumError

REPO = Path(__file__).resolve().parents[1]
EXAMPLE = REPO / "curricula" / "python-basics"
BROKEN = "id: broken\ntitle: Broken\nmonths: 6\nlevels: beginner: practitioner\nphases: []\n"  # a syntax error on line 4
UNCLOSED = "id: broken\ntitle: Broken\nmonths: 6\nlevels: [beginner, practitioner\nphases: []\n"  # a [ opened on line 4
ZERO = re.compile(r":0:")


def lines(result) -> list[str]:
    return [line for line in result.stdout.splitlines() if line.strip()]


def no_zero_lines(*outputs: str) -> None:
    for out in outputs:
        assert not ZERO.search(out), out


@pytest.fixture
def lone(tmp_path, monkeypatch):
    """A folder with one broken YAML file and no curriculum; the shell is in it."""
    folder = tmp_path / "notes"
    folder.mkdir()
    (folder / "broken.yaml").write_text(BROKEN, encoding="utf-8")
    monkeypatch.chdir(folder)
    return folder


@pytest.fixture
def course(tmp_path):
    root = tmp_path / "course"
    shutil.copytree(EXAMPLE, root)
    return root


def test_a_broken_file_alone_gets_its_own_error_and_the_layout_never_missing_neighbours(sp, lone):
    result = sp("curriculum", "validate", "broken.yaml", ok=False)
    assert result.exit_code == 2
    out = lines(result)
    assert out[0] == "broken.yaml:4: mapping values are not allowed in this context", out
    assert out[1].startswith("broken.yaml: not a curriculum file; a curriculum is a folder holding curriculum.yaml and modules.yaml")
    assert "concepts.yaml" in out[1] and "give that folder or one of its files" in out[1]
    assert len(out) == 2 and "required file is missing" not in result.stdout
    assert "broken.yaml: 2 problem(s) found" in result.stderr
    no_zero_lines(result.stdout, result.stderr)


def test_a_well_formed_file_alone_is_still_not_a_curriculum(sp, lone):
    (lone / "fine.yaml").write_text("a: 1\n", encoding="utf-8")
    (lone / "list.yaml").write_text("- 1\n- 2\n", encoding="utf-8")
    out = lines(sp("curriculum", "validate", "fine.yaml", ok=False))
    assert len(out) == 1 and out[0].startswith("fine.yaml: not a curriculum file;")
    out = lines(sp("curriculum", "validate", str(lone / "list.yaml"), ok=False))
    assert out[0] == f"{lone}/list.yaml:1: the file must hold a mapping at the top, not a list"
    assert out[1].startswith(f"{lone}/list.yaml: not a curriculum file;")


def test_a_broken_curriculum_file_comes_first_then_the_missing_neighbours(sp, lone):
    os.replace(lone / "broken.yaml", lone / "modules.yaml")
    result = sp("curriculum", "validate", "modules.yaml", ok=False)
    out = lines(result)
    assert out[0].startswith("modules.yaml:4: mapping values are not allowed")
    assert out[1] == "./curriculum.yaml: required file is missing"
    no_zero_lines(result.stdout, result.stderr)
    result = sp("curriculum", "validate", str(lone / "modules.yaml"), ok=False)
    out = lines(result)
    assert out[0].startswith(f"{lone}/modules.yaml:4: ") and out[1] == f"{lone}/curriculum.yaml: required file is missing"


def test_a_file_of_a_curriculum_brings_the_whole_curriculum_with_its_own_problems_first(sp, course):
    text = (course / "concepts.yaml").read_text(encoding="utf-8")
    (course / "concepts.yaml").write_text(text.replace("modules: [programs]", "modules: [nowhere]", 1), encoding="utf-8")
    text = (course / "modules.yaml").read_text(encoding="utf-8").splitlines()
    line = next(i for i, t in enumerate(text) if "level: beginner" in t)
    text[line] = text[line].replace("level: beginner", "level: expert")
    (course / "modules.yaml").write_text("\n".join(text) + "\n", encoding="utf-8")
    out = lines(sp("curriculum", "validate", str(course / "concepts.yaml"), ok=False))
    assert out[0].startswith(f"{course}/concepts.yaml:") and "unknown module 'nowhere'" in out[0]
    assert any(o.startswith(f"{course}/modules.yaml:{line + 1}: ") and "unknown level 'expert'" in o for o in out[1:]), out
    out = lines(sp("curriculum", "validate", str(course / "modules.yaml"), ok=False))
    assert out[0].startswith(f"{course}/modules.yaml:{line + 1}: ") and out[-1].startswith(f"{course}/concepts.yaml:")


def test_a_file_of_a_valid_curriculum_is_valid(sp, course):
    result = sp("curriculum", "validate", str(course / "modules.yaml"))
    assert "valid — curriculum 'python-basics'" in result.stdout
    assert sp.json("curriculum", "validate", str(course / "curriculum.yaml"))["valid"] is True


def test_a_stray_file_in_a_curriculum_folder_is_checked_and_the_folder_too(sp, course):
    (course / "broken.yaml").write_text(BROKEN, encoding="utf-8")
    result = sp("curriculum", "validate", str(course / "broken.yaml"), ok=False)
    out = lines(result)
    assert out[0].startswith(f"{course}/broken.yaml:4: ")
    assert f"warning: {course}/broken.yaml is not one of a curriculum's files" in result.stdout
    (course / "broken.yaml").write_text("notes: fine\n", encoding="utf-8")
    data = sp.json("curriculum", "validate", str(course / "broken.yaml"))
    assert data["valid"] is True and data["id"] == "python-basics" and "not one of a curriculum's files" in data["warnings"][0]


def test_each_problem_of_the_given_file_is_shown_once(sp, lone):
    os.replace(lone / "broken.yaml", lone / "curriculum.yaml")
    out = lines(sp("curriculum", "validate", "curriculum.yaml", ok=False))
    assert len(out) == len(set(out)) == 2 and out[1] == "./modules.yaml: required file is missing"


def test_a_folder_keeps_its_file_line_messages_and_missing_files_have_no_line(sp, course):
    (course / "curriculum.yaml").unlink()
    (course / "modules.yaml").unlink()
    result = sp("curriculum", "validate", str(course), ok=False)
    assert lines(result) == [f"{course}/curriculum.yaml: required file is missing", f"{course}/modules.yaml: required file is missing"]
    no_zero_lines(result.stdout, result.stderr)


def test_special_and_unreadable_files_have_no_line_zero(sp, course, tmp_path):
    os.mkfifo(tmp_path / "pipe.yaml")
    result = sp("curriculum", "validate", str(tmp_path / "pipe.yaml"), ok=False)
    assert lines(result)[0] == f"{tmp_path}/pipe.yaml: not a regular file (a device, pipe or folder); a curriculum file must be a plain YAML file"
    no_zero_lines(result.stdout, result.stderr)
    (course / "modules.yaml").unlink()
    (course / "modules.yaml").mkdir()
    with pytest.raises(CurriculumError) as err:
        validate_directory(course)
    no_zero_lines(*err.value.problems)
    with pytest.raises(CurriculumError) as err:
        validate_directory(tmp_path / "nothing-here")
    assert err.value.problems == [f"{tmp_path}/nothing-here: not a curriculum folder; a curriculum is a folder holding "
                                  "curriculum.yaml and modules.yaml (and, if it has them, concepts.yaml, history.yaml and readings.yaml)"]


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads any file")
def test_an_unreadable_file_says_so_without_a_line(tmp_path):
    target = tmp_path / "modules.yaml"
    target.write_text("a: 1\n", encoding="utf-8")
    target.chmod(0)
    try:
        problems = check_file(target, "modules.yaml")
    finally:
        target.chmod(0o644)
    assert problems == ["modules.yaml: cannot read file: Permission denied"]


def test_check_file_alone(tmp_path):
    (tmp_path / "a.yaml").write_text("", encoding="utf-8")
    assert check_file(tmp_path / "a.yaml", "a.yaml") == ["a.yaml:1: file is empty"]
    (tmp_path / "b.yaml").write_text("x: 1\n", encoding="utf-8")
    assert check_file(tmp_path / "b.yaml", "b.yaml") == []
    (tmp_path / "c.yaml").write_text(UNCLOSED, encoding="utf-8")
    [problem] = check_file(tmp_path / "c.yaml", "c.yaml")
    # found on the next line; where the [ was opened is said too
    assert problem == "c.yaml:5: did not find expected ',' or ']' (while parsing a flow sequence that starts on line 4)"
