"""The bundled curriculum is complete, bilingual and scheduled; broken ones are reported by line."""

from __future__ import annotations

from pathlib import Path

import pytest

from studyplan.domain.curriculum import Curriculum
from studyplan.domain.loader import validate_directory
from studyplan.errors import CurriculumError

BUNDLED = Path(__file__).resolve().parents[1] / "curricula" / "ml-dl-gpt"


@pytest.fixture(scope="module")
def curriculum() -> Curriculum:
    return Curriculum.from_data(validate_directory(BUNDLED))


def _texts(c: Curriculum):
    for m in c.modules:
        yield m.id, m.title
        yield m.id, m.goal
        for i in m.items:
            yield i.ref, i.title
            for d in i.details:
                yield i.ref, d
    for p in c.phases:
        yield p.id, p.focus
    for r in c.routine:
        yield r.kind, r.label
    for lv in c.levels:
        yield lv.id, lv.title
        yield lv.id, lv.goal
    for n in c.notes:
        yield n.id, n.title
        for e in n.items:
            yield n.id, e.label


def test_every_text_has_english_and_japanese(curriculum):
    for where, text in _texts(curriculum):
        values = text.values
        if set(values) == {"en"}:
            continue  # a plain string: the same in every language (a tool or a title)
        assert values.get("en") and values.get("ja"), f"{where}: missing translation {values}"


def test_the_map_is_all_there(curriculum):
    ids = [m.id for m in curriculum.modules]
    assert ids == ["ml-basics", "dl-intro", "gpt-context", "ml-advanced", "dl-architectures", "gpt-transformers",
                   "ml-frontier", "dl-multimodal", "llm-advanced", "applications-trends", "staying-current"]
    assert sorted(m for p in curriculum.phases for m in p.modules) == sorted(ids)
    assert [(p.first_month, p.last_month) for p in curriculum.phases] == [(1, 2), (3, 4), (5, 6), (7, 9), (10, 12)]
    assert {(r.kind, r.min_hours, r.max_hours) for r in curriculum.routine} == {("theory", 10, 15), ("coding", 5, 10), ("updates", 2, 3)}
    kinds = {r.resource_kind for m in curriculum.modules for r in m.resources}
    assert {"book", "course", "paper", "blog", "video", "practice"} <= kinds
    assert curriculum.item("gpt-context/attention-is-all-you-need").year == 2017
    assert all(m.topics for m in curriculum.modules)
    assert all(m.projects for m in curriculum.modules if m.id != "staying-current")
    for p in curriculum.phases:
        assert p.modules


def _broken(tmp_path: Path, name: str, old: str, new: str) -> Path:
    root = tmp_path / "c"
    root.mkdir(exist_ok=True)
    for f in BUNDLED.iterdir():
        if f.is_file():
            (root / f.name).write_bytes(f.read_bytes())
    text = (root / name).read_text(encoding="utf-8")
    assert old in text
    (root / name).write_text(text.replace(old, new, 1), encoding="utf-8")
    return root


def test_unscheduled_module_is_reported_with_file_and_line(tmp_path):
    root = _broken(tmp_path, "curriculum.yaml", "modules: [llm-advanced, applications-trends, staying-current]", "modules: [llm-advanced, applications-trends]")
    with pytest.raises(CurriculumError) as err:
        validate_directory(root, "c")
    assert any(p.startswith("c/curriculum.yaml:") and "'staying-current' is not in any phase" in p for p in err.value.problems)


def test_missing_translation_is_reported_with_its_line(tmp_path):
    root = _broken(tmp_path, "modules.yaml", 'ja: "機械学習の基礎"', 'jp: "機械学習の基礎"')
    with pytest.raises(CurriculumError) as err:
        validate_directory(root, "c")
    text = "\n".join(err.value.problems)
    assert "c/modules.yaml:" in text and "no 'ja' text" in text
    problem = next(p for p in err.value.problems if "no 'ja' text" in p)
    line = int(problem.split(":")[1])
    assert 'jp: "機械学習の基礎"' in (root / "modules.yaml").read_text(encoding="utf-8").splitlines()[line - 1]
