"""Read and validate a curriculum directory; report problems as ``file:line: message``.

Reading is defensive (``yaml_lines``; see docs/curriculum-format.md). Every value's
type is checked (``checks``), because YAML 1.1 turns ``NO`` into False and ``1.10``
into 1.1; ``plan_rules`` checks curriculum.yaml and modules.yaml, ``content_rules``
the glossary, history and readings.

The validated result is plain data (dicts, lists, str, int, float, bool): the
catalog caches it, and ``Curriculum.from_data`` builds the model from it.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from studyplan.domain.content import FILES
from studyplan.domain.loader.checks import Checks
from studyplan.domain.loader.content_rules import ContentRules
from studyplan.domain.loader.plan_rules import PlanRules
from studyplan.errors import CurriculumError

REQUIRED_FILES = ("curriculum.yaml", "modules.yaml")
OPTIONAL_FILES = tuple(f for f in FILES if f not in REQUIRED_FILES)
LAYOUT = ("a curriculum is a folder holding curriculum.yaml and modules.yaml "
          f"(and, if it has them, {', '.join(OPTIONAL_FILES[:-1])} and {OPTIONAL_FILES[-1]})")


class _Validator(PlanRules, ContentRules):
    """Validates one curriculum's files and converts them to plain data."""

    def run(self) -> dict[str, Any]:
        for name in REQUIRED_FILES:
            if not (self.root / name).is_file():
                self.check.add((f"{self.display_root}/{name}", None), "required file is missing")
        if self.check.problems:
            raise CurriculumError(self.check.problems)

        meta_raw = self.load("curriculum.yaml")
        modules_raw = self.load("modules.yaml")
        if meta_raw is None or modules_raw is None:
            raise CurriculumError(self.check.problems)
        self.file = f"{self.display_root}/curriculum.yaml"
        meta = self.curriculum(meta_raw)
        self.file = f"{self.display_root}/modules.yaml"
        modules = self.modules(modules_raw, meta)
        module_ids = {m["id"] for m in modules if m["id"] is not None}
        self.file = f"{self.display_root}/curriculum.yaml"
        self.cross_check(meta_raw, meta, module_ids)
        data: dict[str, Any] = {"curriculum": meta, "modules": modules}

        concept_ids: set[str] = set()
        if (self.root / "concepts.yaml").is_file():
            raw = self.load("concepts.yaml")
            if raw is not None:
                data["concepts"] = self.concepts(raw, module_ids)
                concept_ids = {c["id"] for c in data["concepts"] if c["id"] is not None}
        if (self.root / "history.yaml").is_file():
            raw = self.load("history.yaml")
            if raw is not None:
                data["history"] = self.history(raw, module_ids, concept_ids)
        if (self.root / "readings.yaml").is_file():
            raw = self.load("readings.yaml")
            if raw is not None:
                data["readings"] = self.readings(raw, module_ids)
        if self.check.problems:
            raise CurriculumError(self.check.problems)
        return data


def validate_directory(root: Path, display_root: str | None = None) -> dict[str, Any]:
    """Validate the curriculum in ``root``; return plain data or raise CurriculumError."""
    if not root.is_dir():
        raise CurriculumError([f"{display_root or root}: not a curriculum folder; {LAYOUT}"])
    return _Validator(root, display_root or str(root)).run()


def check_file(path: Path, display: str) -> list[str]:
    """One file on its own, as ``display:line: message``: readable, YAML, a mapping at the top."""
    checks = Checks(path.parent, str(path.parent))
    checks.load_path(path, display)
    return checks.check.problems




def warnings_for(data: dict[str, Any]) -> list[str]:
    """Problems that do not stop a curriculum from working (shown by `validate`)."""
    taught = {m for c in data.get("concepts") or () for m in c["modules"]}
    if not data.get("concepts"):
        return []
    return [f"module '{m['id']}' lists no concepts (no concept in concepts.yaml names it)" for m in data["modules"] if m["id"] not in taught]
