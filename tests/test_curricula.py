"""Custom curricula: the shipped example, `curriculum list`, and `curriculum validate` with line numbers."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from studyplan.domain.curriculum import Curriculum
from studyplan.domain.loader import validate_directory, warnings_for

REPO = Path(__file__).resolve().parents[1]
EXAMPLE = REPO / "curricula" / "python-basics"


def copy_example(dest: Path) -> Path:
    shutil.copytree(EXAMPLE, dest)
    return dest


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def line_of(path: Path, needle: str) -> int:
    return next(i for i, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1) if needle in line)


# -- the example ------------------------------------------------------------------------------------------
def test_the_example_is_small_valid_bilingual_and_tiles_six_months():
    data = validate_directory(EXAMPLE)
    assert warnings_for(data) == []
    c = Curriculum.from_data(data)
    assert c.id == "python-basics" and c.months == 6
    assert len(c.modules) == 3 and len(c.phases) == 3 and 3 <= len(c.concepts) <= 10
    assert [(p.first_month, p.last_month) for p in c.phases] == [(1, 2), (3, 4), (5, 6)]
    texts = [c.title, c.description, *(m.title for m in c.modules), *(m.goal for m in c.modules),
             *(i.title for m in c.modules for i in m.topics), *(p.focus for p in c.phases),
             *(x.term for x in c.concepts), *(x.definition for x in c.concepts)]
    assert all(t.values.get("en") and t.values.get("ja") for t in texts)


def test_the_example_can_be_studied(sp):
    sp("init", "--curriculum", "python-basics", "--months", "6", "--start", "2026-01-05")
    plan = sp.json("plan")
    assert plan["curriculum"] == "python-basics" and [len(p["modules"]) for p in plan["phases"]] == [1, 1, 1]
    assert plan["end"] == "2026-07-04"
    sp("done", "python-syntax/running-python")
    today = sp.json("today", "--date", "2026-01-20")
    assert today["state"] == "active"
    assert "Variable" in sp("concept", "variable").stdout
    assert "変数" in sp("concept", "variable", "--lang", "ja").stdout


# -- list ---------------------------------------------------------------------------------------------------------
def test_list_shows_bundled_and_user_curricula(sp, isolated_home):
    user = isolated_home / "curricula"
    user.mkdir(parents=True)
    copy_example(user / "python-basics")  # shadows the bundled one
    broken = copy_example(user / "broken-course")
    (broken / "modules.yaml").write_text("modules: [\n", encoding="utf-8")
    data = sp.json("curriculum", "list")
    rows = [(c["id"], c["origin"], c["valid"], c["shadowed"]) for c in data["curricula"]]
    assert ("ml-dl-gpt", "bundled", True, False) in rows
    assert ("python-basics", "bundled", True, True) in rows
    assert ("python-basics", "user", True, False) in rows
    assert ("broken-course", "user", False, False) in rows
    assert data["user_dir"] == str(user)
    text = sp("curriculum", "list").stdout
    assert "Python programming basics" in text and "invalid" in text and "(shadowed)" in text


def test_init_uses_a_user_curriculum_by_id(sp, isolated_home):
    copy_example(isolated_home / "curricula" / "my-python")
    result = sp.json("init", "--curriculum", "my-python", "--months", "6", "--start", "2026-01-05")
    assert result["curriculum"] == "python-basics"  # the id inside curriculum.yaml


# -- validate -------------------------------------------------------------------------------------------------------
def test_validate_a_good_curriculum(sp, tmp_path):
    root = copy_example(tmp_path / "course")
    result = sp("curriculum", "validate", str(root))
    assert f"{root}: valid" in result.stdout and "3 modules" in result.stdout
    assert sp("curriculum", "validate", "python-basics").exit_code == 0  # an id works too


def test_a_broken_curriculum_gives_every_problem_with_its_line(sp, tmp_path):
    root = copy_example(tmp_path / "course")
    edit(root / "curriculum.yaml", "    months: [3, 4]", "    months: [3, 5]")
    edit(root / "modules.yaml", "    level: practitioner", "    level: expert")
    edit(root / "modules.yaml", 'ja: "データ構造"}', 'jp: "データ構造"}')
    edit(root / "concepts.yaml", "    modules: [programs]", "    modules: [program]")
    result = sp("curriculum", "validate", str(root), ok=False)
    assert result.exit_code == 2
    lines = result.stdout.splitlines()
    assert f"{len(lines)} problem(s) found" in result.stderr and len(lines) >= 4
    expected = [
        ("curriculum.yaml", "    months: [5, 6]", "phase starts in month 5 but the previous one ends in month 5"),
        ("modules.yaml", "    level: expert", "unknown level 'expert'"),
        ("modules.yaml", 'jp: "データ構造"', "no 'ja' text"),
        ("concepts.yaml", "    modules: [program]", "unknown module 'program'"),
    ]
    for name, needle, message in expected:
        line = line_of(root / name, needle)
        want = f"{root}/{name}:{line}: "
        assert any(out.startswith(want) and message in out for out in lines), (want, message, lines)
    assert all(":" in out for out in lines)  # one problem a line, nothing wrapped


def test_yaml_syntax_errors_and_missing_files_have_lines_too(sp, tmp_path):
    root = copy_example(tmp_path / "course")
    edit(root / "modules.yaml", "    track: practice", "    track: [practice")
    (root / "curriculum.yaml").unlink()
    result = sp("curriculum", "validate", str(root), ok=False)
    assert result.exit_code == 2 and f"{root}/curriculum.yaml: required file is missing" in result.stdout
    (root / "curriculum.yaml").write_bytes((EXAMPLE / "curriculum.yaml").read_bytes())
    result = sp("curriculum", "validate", str(root), ok=False)
    assert result.exit_code == 2 and f"{root}/modules.yaml:" in result.stdout


def test_warnings_do_not_fail(sp, tmp_path):
    root = copy_example(tmp_path / "course")
    text = (root / "concepts.yaml").read_text(encoding="utf-8")
    (root / "concepts.yaml").write_text(text.replace("modules: [programs]", "modules: [python-syntax]"), encoding="utf-8")
    result = sp("curriculum", "validate", str(root))
    assert "warning: module 'programs' lists no concepts" in result.stdout and ": valid" in result.stdout
    data = sp.json("curriculum", "validate", str(root))
    assert data["valid"] is True and data["problems"] == [] and len(data["warnings"]) == 1


def test_json_and_a_missing_path(sp, tmp_path):
    import json

    root = copy_example(tmp_path / "course")
    edit(root / "modules.yaml", "    level: practitioner", "    level: expert")
    result = sp("curriculum", "validate", str(root), "--json", ok=False)
    assert result.exit_code == 2
    data = json.loads(result.stdout)
    assert data["valid"] is False and data["problems"][0].startswith(f"{root}/modules.yaml:")
    result = sp("curriculum", "validate", str(tmp_path / "nowhere"), ok=False)
    assert result.exit_code == 2 and "no such folder" in result.stderr


@pytest.mark.parametrize("spec", ["PATH", "ID"])
def test_init_refuses_a_broken_curriculum(sp, tmp_path, isolated_home, spec):
    base = isolated_home / "curricula" if spec == "ID" else tmp_path
    root = copy_example(base / "bad-course")
    edit(root / "modules.yaml", "    level: practitioner", "    level: expert")
    result = sp("init", "--curriculum", str(root) if spec == "PATH" else "bad-course", ok=False)
    assert result.exit_code == 2 and "unknown level 'expert'" in result.stderr
