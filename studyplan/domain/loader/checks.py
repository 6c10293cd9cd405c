"""The validator's primitives: a schema walker that collects every problem with its line."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from studyplan.domain.loader.yaml_lines import LineDict, LineList, read_yaml
from studyplan.errors import CurriculumError

SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


class _Checker:
    def __init__(self) -> None:
        self.problems: list[str] = []

    def add(self, where: tuple[str, int | None], message: str) -> None:
        """``file:line: message``; ``file: message`` for the file as a whole (no line: missing, unreadable)."""
        line = where[1]
        self.problems.append(f"{where[0]}:{line}: {message}" if line and line > 0 else f"{where[0]}: {message}")


def line_of(container: Any, key: Any, default: int) -> int:
    if isinstance(container, LineDict):
        return container.key_lines.get(key, container.line or default)
    if isinstance(container, LineList) and isinstance(key, int) and key < len(container.item_lines):
        return container.item_lines[key]
    return default


def is_known(value: Any, ids: set[str]) -> bool:
    """``value`` is one of ``ids`` (a list or mapping where an id belongs is simply unknown)."""
    return isinstance(value, str) and value in ids


def kind_of(value: Any) -> str:
    if isinstance(value, bool):
        return "a yes/no value (quote it to make it text)"
    if isinstance(value, (int, float)):
        return f"a number ({value}; quote it to make it text)"
    if value is None:
        return "nothing"
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    return type(value).__name__


class Checks:
    """Reads one file at a time and checks values in it, collecting problems as ``file:line: message``."""

    def __init__(self, root: Path, display_root: str) -> None:
        self.root = root
        self.display_root = display_root
        self.check = _Checker()
        self.file = ""

    # -- primitives -----------------------------------------------------------
    def where(self, container: Any, key: Any) -> tuple[str, int]:
        return (self.file, line_of(container, key, getattr(container, "line", 1) or 1))

    def text(self, container: Any, key: Any, langs: tuple[str, ...], required: bool = True, allow_plain: bool = True) -> Any:
        w = self.where(container, key)
        if isinstance(container, list):
            value = container[key] if isinstance(key, int) and key < len(container) else None
            key = f"entry {key + 1}" if isinstance(key, int) else key
        else:
            value = container.get(key) if isinstance(container, dict) else None
        if value is None:
            if required:
                self.check.add(w, f"'{key}' is missing")
            return None
        if isinstance(value, str):
            if not value.strip():
                self.check.add(w, f"'{key}' is empty")
            elif not allow_plain:
                self.check.add(w, f"'{key}' must give the text in each language ({', '.join(langs)})")
            return value
        if isinstance(value, dict):
            out: dict[str, str] = {}
            for lang in langs:
                v = value.get(lang)
                if v is None:
                    self.check.add(self.where(value, lang) if lang in value else w, f"'{key}' has no '{lang}' text")
                elif not isinstance(v, str):
                    self.check.add(self.where(value, lang), f"'{key}.{lang}' must be text, not {kind_of(v)}")
                elif not v.strip():
                    self.check.add(self.where(value, lang), f"'{key}.{lang}' is empty")
                else:
                    out[lang] = v
            for extra in value:
                if extra not in langs and extra not in ("en", "ja", "zh-Hant"):
                    self.check.add(self.where(value, extra), f"'{key}' has an unknown language '{extra}' (use {', '.join(langs)})")
                elif extra not in out and isinstance(value[extra], str):
                    out[extra] = value[extra]
            return out
        self.check.add(w, f"'{key}' must be text, not {kind_of(value)}")
        return None

    def slug(self, container: Any, key: str, what: str) -> str | None:
        value = container.get(key) if isinstance(container, dict) else None
        w = self.where(container, key)
        if value is None:
            self.check.add(w, f"{what} has no '{key}'")
            return None
        if not isinstance(value, str):
            self.check.add(w, f"'{key}' must be a slug like 'ml-basics', not {kind_of(value)}")
            return None
        if not SLUG.match(value):
            self.check.add(w, f"'{key}' '{value}' is not a slug (lowercase letters, digits and single hyphens)")
            return None
        return value

    def plain(self, container: Any, key: str, types: tuple[type, ...], what: str, required: bool = False) -> Any:
        value = container.get(key) if isinstance(container, dict) else None
        if value is None:
            if required:
                self.check.add(self.where(container, key), f"'{key}' is missing")
            return None
        if isinstance(value, bool) and bool not in types:
            self.check.add(self.where(container, key), f"'{key}' must be {what}, not {kind_of(value)}")
            return None
        if not isinstance(value, types):
            self.check.add(self.where(container, key), f"'{key}' must be {what}, not {kind_of(value)}")
            return None
        return value

    def seq(self, container: Any, key: str, required: bool = True) -> list:
        value = container.get(key) if isinstance(container, dict) else None
        if value is None:
            if required:
                self.check.add(self.where(container, key), f"'{key}' is missing")
            return LineList()
        if not isinstance(value, list):
            self.check.add(self.where(container, key), f"'{key}' must be a list, not {kind_of(value)}")
            return LineList()
        return value

    def mapping(self, parent: Any, index: Any, value: Any, what: str) -> bool:
        if not isinstance(value, dict):
            self.check.add(self.where(parent, index), f"{what} must be a mapping, not {kind_of(value)}")
            return False
        return True

    def id_list(self, container: Any, key: str, known: set[str] | None, what: str, required: bool = False) -> list[str]:
        out: list[str] = []
        values = self.seq(container, key, required=required)
        for i, value in enumerate(values):
            w = self.where(values, i)
            if not isinstance(value, str):
                self.check.add(w, f"'{key}' entries must be ids, not {kind_of(value)}")
            elif known is not None and value not in known:
                self.check.add(w, f"unknown {what} '{value}' in '{key}'")
            else:
                out.append(value)
        return out

    def unique(self, seen: dict[str, int], value: str | None, where: tuple[str, int], what: str) -> None:
        if value is None:
            return
        if value in seen:
            self.check.add(where, f"duplicate {what} id '{value}' (first defined at line {seen[value]})")
        else:
            seen[value] = where[1]

    def load(self, name: str) -> Any:
        return self.load_path(self.root / name, f"{self.display_root}/{name}")

    def load_path(self, path: Path, display: str) -> Any:
        """One file's top-level mapping (problems shown under ``display``), or None."""
        self.file = display
        try:
            data = read_yaml(path, self.file)
        except CurriculumError as exc:
            self.check.problems.extend(exc.problems)
            return None
        if data is None:
            self.check.add((self.file, 1), "file is empty")
        elif not isinstance(data, dict):
            self.check.add((self.file, getattr(data, "line", 1)), f"the file must hold a mapping at the top, not {kind_of(data)}")
            return None
        return data

    # -- files ----------------------------------------------------------------
