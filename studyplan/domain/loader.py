"""Read and validate a curriculum directory; report problems as ``file:line: message``.

Reading is defensive (see docs/curriculum-format.md): files are size-capped before
parsing, only safe YAML tags are constructed, aliases are refused (an alias bomb
explodes only when walked), and every value's type is checked because YAML 1.1
turns ``NO`` into False and ``1.10`` into 1.1.

The validated result is plain data (dicts, lists, str, int, float, bool): the
cache (``studyplan.domain.cache``) stores it as JSON, and ``Curriculum.from_data``
builds the model from it.
"""

from __future__ import annotations

import math
import re
import stat
from pathlib import Path
from typing import Any

import yaml

from studyplan.domain.curriculum import MAX_FILE_BYTES
from studyplan.errors import CurriculumError

MAX_DEPTH = 64
REQUIRED_FILES = ("curriculum.yaml", "modules.yaml")
SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
RESOURCE_KINDS = ("book", "course", "paper", "blog", "video", "practice", "tool", "community", "conference")
LOG_KINDS = ("theory", "coding", "updates")

_BaseLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class LineDict(dict):
    """A mapping that remembers the line of each key (1-based)."""

    line: int = 0
    key_lines: dict


class LineList(list):
    line: int = 0
    item_lines: list


class _Loader(_BaseLoader):  # type: ignore[misc, valid-type]
    """Safe loader that records line numbers and refuses aliases and deep nesting."""

    def construct_object(self, node, deep=False):  # noqa: ANN001 - PyYAML signature
        if node in self.constructed_objects:
            raise yaml.constructor.ConstructorError(
                None, None, "YAML aliases (*name) are not allowed in a curriculum", node.start_mark
            )
        return super().construct_object(node, deep=deep)


def _depth_guard(loader: _Loader, node) -> None:  # noqa: ANN001
    depth = getattr(loader, "_sp_depth", 0)
    if depth > MAX_DEPTH:
        raise yaml.constructor.ConstructorError(None, None, f"nesting deeper than {MAX_DEPTH} levels", node.start_mark)


def _construct_mapping(loader: _Loader, node) -> LineDict:  # noqa: ANN001
    _depth_guard(loader, node)
    loader._sp_depth = getattr(loader, "_sp_depth", 0) + 1
    try:
        result = LineDict()
        result.line = node.start_mark.line + 1
        result.key_lines = {}
        for key_node, value_node in node.value:
            if key_node.tag == "tag:yaml.org,2002:merge":
                raise yaml.constructor.ConstructorError(None, None, "YAML merge keys (<<) are not allowed", key_node.start_mark)
            key = loader.construct_object(key_node, deep=True)
            if not isinstance(key, (str, int)):
                raise yaml.constructor.ConstructorError(None, None, "mapping keys must be plain text", key_node.start_mark)
            if key in result:
                raise yaml.constructor.ConstructorError(None, None, f"duplicate key '{key}'", key_node.start_mark)
            result[key] = loader.construct_object(value_node, deep=True)
            result.key_lines[key] = key_node.start_mark.line + 1
        return result
    finally:
        loader._sp_depth -= 1


def _construct_sequence(loader: _Loader, node) -> LineList:  # noqa: ANN001
    _depth_guard(loader, node)
    loader._sp_depth = getattr(loader, "_sp_depth", 0) + 1
    try:
        result = LineList(loader.construct_object(child, deep=True) for child in node.value)
        result.line = node.start_mark.line + 1
        result.item_lines = [child.start_mark.line + 1 for child in node.value]
        return result
    finally:
        loader._sp_depth -= 1


_Loader.add_constructor("tag:yaml.org,2002:map", _construct_mapping)
_Loader.add_constructor("tag:yaml.org,2002:seq", _construct_sequence)
# Timestamps become strings: dates in a curriculum are text, and datetime is not JSON.
_Loader.add_constructor("tag:yaml.org,2002:timestamp", lambda loader, node: loader.construct_scalar(node))


def _refuse_tag(loader: _Loader, node) -> None:  # noqa: ANN001
    short = node.tag.replace("tag:yaml.org,2002:", "!!")
    raise yaml.constructor.ConstructorError(
        None, None, f"the YAML tag {short} is not allowed in a curriculum (only text, numbers, true/false, lists and mappings)", node.start_mark
    )


# Safe, but not plain data: a set, bytes or ordered pairs cannot go to the JSON cache.
for _tag in ("set", "binary", "omap", "pairs"):
    _Loader.add_constructor(f"tag:yaml.org,2002:{_tag}", _refuse_tag)


def _construct_float(loader: _Loader, node) -> float:  # noqa: ANN001
    value = loader.construct_yaml_float(node)
    if not math.isfinite(value):
        raise yaml.constructor.ConstructorError(None, None, f"'{node.value}' is not a finite number", node.start_mark)
    return value


_Loader.add_constructor("tag:yaml.org,2002:float", _construct_float)


def _read_capped(path: Path, display: str) -> bytes:
    """The file's bytes, refusing anything that is not a regular file of at most MAX_FILE_BYTES.

    The size is checked before reading and the read itself is capped, so a file that
    grows, a device (/dev/zero) or a pipe can never make us read without end.
    """
    try:
        st = path.stat()
    except OSError as exc:
        raise CurriculumError([f"{display}:0: cannot read file: {exc.strerror or exc}"]) from None
    if not stat.S_ISREG(st.st_mode):
        raise CurriculumError([f"{display}:0: not a regular file (a device, pipe or folder); a curriculum file must be a plain YAML file"])
    too_big = [f"{display}:1: file is {st.st_size // 1024} KiB; a curriculum file may be at most {MAX_FILE_BYTES // 1024} KiB"]
    if st.st_size > MAX_FILE_BYTES:
        raise CurriculumError(too_big)
    try:
        with path.open("rb") as fh:
            raw = fh.read(MAX_FILE_BYTES + 1)
    except OSError as exc:
        raise CurriculumError([f"{display}:0: cannot read file: {exc.strerror or exc}"]) from None
    if len(raw) > MAX_FILE_BYTES:
        raise CurriculumError([f"{display}:1: file is larger than {MAX_FILE_BYTES // 1024} KiB, the most a curriculum file may be"])
    return raw


def read_yaml(path: Path, display: str) -> Any:
    """Parse one file with line tracking; raise CurriculumError on any problem."""
    raw = _read_capped(path, display)
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise CurriculumError([f"{display}:{line}: not valid UTF-8 text; save the file as UTF-8"]) from None
    try:
        return yaml.load(text, Loader=_Loader)  # noqa: S506 - _Loader derives from (C)SafeLoader
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else 0
        what = exc.problem or exc.context or "invalid YAML"
        if "could not determine a constructor" in str(what):
            what = f"{what}; tags that construct objects are not allowed"
        raise CurriculumError([f"{display}:{line}: {what}"]) from None
    except yaml.YAMLError as exc:
        raise CurriculumError([f"{display}:1: invalid YAML: {' '.join(str(exc).split())}"]) from None
    except RecursionError:
        raise CurriculumError([f"{display}:1: nesting is too deep to be a curriculum"]) from None


# ---------------------------------------------------------------------------
# Validation: a tiny schema walker that collects every problem with its line.
# ---------------------------------------------------------------------------


class _Checker:
    def __init__(self) -> None:
        self.problems: list[str] = []

    def add(self, where: tuple[str, int], message: str) -> None:
        self.problems.append(f"{where[0]}:{where[1]}: {message}")


def _line(container: Any, key: Any, default: int) -> int:
    if isinstance(container, LineDict):
        return container.key_lines.get(key, container.line or default)
    if isinstance(container, LineList) and isinstance(key, int) and key < len(container.item_lines):
        return container.item_lines[key]
    return default


def _known(value: Any, ids: set[str]) -> bool:
    """``value`` is one of ``ids`` (a list or mapping where an id belongs is simply unknown)."""
    return isinstance(value, str) and value in ids


def _kind(value: Any) -> str:
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


class _Validator:
    """Validates one curriculum's files and converts them to plain data."""

    def __init__(self, root: Path, display_root: str) -> None:
        self.root = root
        self.display_root = display_root
        self.check = _Checker()
        self.file = ""

    # -- primitives -----------------------------------------------------------
    def where(self, container: Any, key: Any) -> tuple[str, int]:
        return (self.file, _line(container, key, getattr(container, "line", 1) or 1))

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
                    self.check.add(self.where(value, lang), f"'{key}.{lang}' must be text, not {_kind(v)}")
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
        self.check.add(w, f"'{key}' must be text, not {_kind(value)}")
        return None

    def slug(self, container: Any, key: str, what: str) -> str | None:
        value = container.get(key) if isinstance(container, dict) else None
        w = self.where(container, key)
        if value is None:
            self.check.add(w, f"{what} has no '{key}'")
            return None
        if not isinstance(value, str):
            self.check.add(w, f"'{key}' must be a slug like 'ml-basics', not {_kind(value)}")
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
            self.check.add(self.where(container, key), f"'{key}' must be {what}, not {_kind(value)}")
            return None
        if not isinstance(value, types):
            self.check.add(self.where(container, key), f"'{key}' must be {what}, not {_kind(value)}")
            return None
        return value

    def seq(self, container: Any, key: str, required: bool = True) -> list:
        value = container.get(key) if isinstance(container, dict) else None
        if value is None:
            if required:
                self.check.add(self.where(container, key), f"'{key}' is missing")
            return LineList()
        if not isinstance(value, list):
            self.check.add(self.where(container, key), f"'{key}' must be a list, not {_kind(value)}")
            return LineList()
        return value

    def mapping(self, parent: Any, index: Any, value: Any, what: str) -> bool:
        if not isinstance(value, dict):
            self.check.add(self.where(parent, index), f"{what} must be a mapping, not {_kind(value)}")
            return False
        return True

    def id_list(self, container: Any, key: str, known: set[str] | None, what: str, required: bool = False) -> list[str]:
        out: list[str] = []
        values = self.seq(container, key, required=required)
        for i, value in enumerate(values):
            w = self.where(values, i)
            if not isinstance(value, str):
                self.check.add(w, f"'{key}' entries must be ids, not {_kind(value)}")
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
        path = self.root / name
        self.file = f"{self.display_root}/{name}"
        try:
            data = read_yaml(path, self.file)
        except CurriculumError as exc:
            self.check.problems.extend(exc.problems)
            return None
        if data is None:
            self.check.add((self.file, 1), "file is empty")
        elif not isinstance(data, dict):
            self.check.add((self.file, getattr(data, "line", 1)), f"the file must hold a mapping at the top, not {_kind(data)}")
            return None
        return data

    # -- files ----------------------------------------------------------------
    def run(self) -> dict[str, Any]:
        for name in REQUIRED_FILES:
            if not (self.root / name).is_file():
                self.check.add((f"{self.display_root}/{name}", 0), "required file is missing")
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

    def curriculum(self, raw: dict) -> dict[str, Any]:
        L = ("en", "ja")
        out: dict[str, Any] = {
            "id": self.slug(raw, "id", "the curriculum"),
            "version": self.plain(raw, "version", (int,), "an integer") or 1,
            "title": self.text(raw, "title", L),
            "description": self.text(raw, "description", L, required=False),
            "months": self.plain(raw, "months", (int,), "an integer") or 12,
        }
        if not 1 <= out["months"] <= 36:
            self.check.add(self.where(raw, "months"), "'months' must be between 1 and 36")
        out["levels"] = []
        seen: dict[str, int] = {}
        levels = self.seq(raw, "levels")
        for i, lv in enumerate(levels):
            if self.mapping(levels, i, lv, "a level"):
                lid = self.slug(lv, "id", "a level")
                self.unique(seen, lid, self.where(levels, i), "level")
                out["levels"].append({"id": lid, "title": self.text(lv, "title", L), "goal": self.text(lv, "goal", L, required=False)})
        out["tracks"] = []
        seen = {}
        tracks = self.seq(raw, "tracks")
        for i, tr in enumerate(tracks):
            if self.mapping(tracks, i, tr, "a track"):
                tid = self.slug(tr, "id", "a track")
                self.unique(seen, tid, self.where(tracks, i), "track")
                kind = self.plain(tr, "log_kind", (str,), "theory, coding or updates") or "theory"
                if kind not in LOG_KINDS:
                    self.check.add(self.where(tr, "log_kind"), f"'log_kind' must be one of {', '.join(LOG_KINDS)}, not '{kind}'")
                out["tracks"].append({"id": tid, "title": self.text(tr, "title", L), "log_kind": kind})
        out["phases"] = []
        seen = {}
        phases = self.seq(raw, "phases")
        expected_first = 1
        for i, ph in enumerate(phases):
            if not self.mapping(phases, i, ph, "a phase"):
                continue
            pid = self.slug(ph, "id", "a phase")
            self.unique(seen, pid, self.where(phases, i), "phase")
            months = ph.get("months")
            span = None
            if (
                isinstance(months, list) and len(months) == 2
                and all(isinstance(m, int) and not isinstance(m, bool) for m in months)
                and months[0] <= months[1]
            ):
                span = [months[0], months[1]]
                if months[0] != expected_first:
                    self.check.add(self.where(ph, "months"), f"phase starts in month {months[0]} but the previous one ends in month {expected_first - 1}; phases must follow each other")
                expected_first = months[1] + 1
            else:
                self.check.add(self.where(ph, "months"), "'months' must be [first, last], two month numbers such as [1, 2]")
            out["phases"].append({
                "id": pid, "months": span, "focus": self.text(ph, "focus", L),
                "modules": self.id_list(ph, "modules", None, "module", required=True),
                "why": self.text(ph, "why", L, required=False),
                "_modules_line": _line(ph, "modules", ph.line),
            })
        if phases and expected_first - 1 != out["months"]:
            self.check.add(self.where(raw, "phases"), f"phases cover months 1-{expected_first - 1} but the plan has {out['months']} months")
        out["routine"] = []
        routine = self.seq(raw, "routine")
        for i, r in enumerate(routine):
            if not self.mapping(routine, i, r, "a routine line"):
                continue
            kind = self.plain(r, "kind", (str,), "theory, coding or updates", required=True)
            if kind is not None and kind not in LOG_KINDS:
                self.check.add(self.where(r, "kind"), f"'kind' must be one of {', '.join(LOG_KINDS)}, not '{kind}'")
            lo = self.plain(r, "min", (int, float), "a number of hours", required=True)
            hi = self.plain(r, "max", (int, float), "a number of hours", required=True)
            if lo is not None and hi is not None and not 0 <= lo <= hi <= 168:
                self.check.add(self.where(r, "min"), "'min' and 'max' must satisfy 0 <= min <= max <= 168 hours")
            out["routine"].append({"kind": kind, "min": lo, "max": hi, "label": self.text(r, "label", L, required=False)})
        out["notes"] = []
        seen = {}
        notes = self.seq(raw, "notes", required=False)
        for i, n in enumerate(notes):
            if not self.mapping(notes, i, n, "a note"):
                continue
            nid = self.slug(n, "id", "a note")
            self.unique(seen, nid, self.where(notes, i), "note")
            entries = []
            items = self.seq(n, "items")
            for j, e in enumerate(items):
                if self.mapping(items, j, e, "a note line"):
                    entries.append({"label": self.text(e, "label", L), "text": self.text(e, "text", L)})
            out["notes"].append({
                "id": nid, "title": self.text(n, "title", L), "items": entries,
                "modules": self.id_list(n, "modules", None, "module"), "_modules_line": _line(n, "modules", n.line),
            })
        chart = raw.get("chart")
        out["chart"] = None
        if chart is not None and self.mapping(raw, "chart", chart, "'chart'"):
            labels = self.seq(chart, "labels")
            if not all(isinstance(x, int) and not isinstance(x, bool) for x in labels):
                self.check.add(self.where(chart, "labels"), "'labels' must be a list of years")
            series = []
            seq = self.seq(chart, "series")
            for i, s in enumerate(seq):
                if not self.mapping(seq, i, s, "a chart series"):
                    continue
                values = self.seq(s, "values")
                if not all(isinstance(v, (int, float)) and not isinstance(v, bool) for v in values):
                    self.check.add(self.where(s, "values"), "'values' must be numbers")
                elif len(values) != len(labels):
                    self.check.add(self.where(s, "values"), f"'values' has {len(values)} numbers but there are {len(labels)} labels")
                scale = s.get("scale", "linear")
                if scale not in ("linear", "log"):
                    self.check.add(self.where(s, "scale"), "'scale' must be linear or log")
                elif scale == "log" and any(isinstance(v, (int, float)) and v <= 0 for v in values):
                    self.check.add(self.where(s, "values"), "a log-scale series needs values above zero")
                series.append({"id": self.slug(s, "id", "a series"), "label": self.text(s, "label", L), "unit": str(s.get("unit", "")), "scale": scale, "values": list(values)})
            out["chart"] = {"title": self.text(chart, "title", L), "labels": list(labels), "series": series}
        return out

    def modules(self, raw: dict, meta: dict) -> list[dict[str, Any]]:
        L = ("en", "ja")
        level_ids = {lv["id"] for lv in meta["levels"] if lv["id"] is not None}
        track_ids = {t["id"] for t in meta["tracks"] if t["id"] is not None}
        out = []
        seen: dict[str, int] = {}
        modules = self.seq(raw, "modules")
        if not modules:
            self.check.add(self.where(raw, "modules"), "a curriculum needs at least one module")
        for i, m in enumerate(modules):
            if not self.mapping(modules, i, m, "a module"):
                continue
            mid = self.slug(m, "id", "a module")
            self.unique(seen, mid, self.where(modules, i), "module")
            level = m.get("level")
            if not _known(level, level_ids):
                self.check.add(self.where(m, "level"), f"unknown level '{level}' (levels: {', '.join(sorted(level_ids))})")
            track = m.get("track")
            if not _known(track, track_ids):
                self.check.add(self.where(m, "track"), f"unknown track '{track}' (tracks: {', '.join(sorted(track_ids))})")
            item_seen: dict[str, int] = {}
            module: dict[str, Any] = {
                "id": mid, "level": level, "track": track,
                "title": self.text(m, "title", L), "goal": self.text(m, "goal", L, required=False),
            }
            for key, what in (("topics", "topic"), ("resources", "resource"), ("projects", "project")):
                entries = []
                seq = self.seq(m, key, required=(key == "topics"))
                for j, it in enumerate(seq):
                    if not self.mapping(seq, j, it, f"a {what}"):
                        continue
                    iid = self.slug(it, "id", f"a {what}")
                    self.unique(item_seen, iid, self.where(seq, j), "item")
                    entry: dict[str, Any] = {"id": iid, "title": self.text(it, "title", L)}
                    if key == "topics":
                        details = self.seq(it, "details", required=False)
                        entry["details"] = []
                        for k in range(len(details)):
                            entry["details"].append(self.text(details, k, L))
                    if key == "resources":
                        kind = it.get("kind")
                        if kind not in RESOURCE_KINDS:
                            self.check.add(self.where(it, "kind"), f"resource kind must be one of {', '.join(RESOURCE_KINDS)}, not '{kind}'")
                        entry["kind"] = kind
                        entry["authors"] = self.plain(it, "authors", (str,), "text")
                        entry["year"] = self.plain(it, "year", (int,), "a year such as 2017")
                        entry["url"] = self.plain(it, "url", (str,), "text")
                    entries.append(entry)
                module[key] = entries
            if not module["topics"]:
                self.check.add(self.where(m, "topics"), f"module '{mid}' has no topics")
            tools = self.seq(m, "tools", required=False)
            module["tools"] = [self.text(tools, k, L) for k in range(len(tools))]
            out.append(module)
        return out

    def cross_check(self, raw: dict, meta: dict, module_ids: set[str]) -> None:
        scheduled: dict[str, str] = {}
        for phase in meta["phases"]:
            line = phase.pop("_modules_line")
            for mid in phase["modules"]:
                if mid not in module_ids:
                    self.check.add((self.file, line), f"phase '{phase['id']}' lists unknown module '{mid}'")
                elif mid in scheduled:
                    self.check.add((self.file, line), f"module '{mid}' is in phases '{scheduled[mid]}' and '{phase['id']}'; a module belongs to one phase")
                else:
                    scheduled[mid] = phase["id"]
        for mid in sorted(module_ids - scheduled.keys()):
            self.check.add((self.file, _line(raw, "phases", 1)), f"module '{mid}' is not in any phase; add it to a phase's modules")
        for note in meta["notes"]:
            line = note.pop("_modules_line")
            for mid in note["modules"]:
                if mid not in module_ids:
                    self.check.add((self.file, line), f"note '{note['id']}' lists unknown module '{mid}'")

    def concepts(self, raw: dict, module_ids: set[str]) -> list[dict[str, Any]]:
        L = ("en", "ja")
        seq = self.seq(raw, "concepts")
        ids = {c.get("id") for c in seq if isinstance(c, dict) and isinstance(c.get("id"), str)}
        out = []
        seen: dict[str, int] = {}
        for i, c in enumerate(seq):
            if not self.mapping(seq, i, c, "a concept"):
                continue
            cid = self.slug(c, "id", "a concept")
            self.unique(seen, cid, self.where(seq, i), "concept")
            aliases = self.seq(c, "aliases", required=False)
            for k, a in enumerate(aliases):
                if not isinstance(a, str) or not a.strip():
                    self.check.add(self.where(aliases, k), f"aliases must be text, not {_kind(a)}")
            modules = self.id_list(c, "modules", module_ids, "module", required=True)
            if not modules and "modules" in c:
                self.check.add(self.where(c, "modules"), f"concept '{cid}' must be taught by at least one module")
            out.append({
                "id": cid, "source": self.plain(c, "source", (int,), "a number"),
                "term": self.text(c, "term", L), "aliases": [a for a in aliases if isinstance(a, str)],
                "definition": self.text(c, "definition", L),
                "related": self.id_list(c, "related", ids, "concept"),
                "modules": modules,
            })
        return out

    def history(self, raw: dict, module_ids: set[str], concept_ids: set[str]) -> dict[str, Any]:
        L = ("en", "ja", "zh-Hant")
        eras = []
        seen: dict[str, int] = {}
        seq = self.seq(raw, "eras")
        for i, e in enumerate(seq):
            if self.mapping(seq, i, e, "an era"):
                eid = self.slug(e, "id", "an era")
                self.unique(seen, eid, self.where(seq, i), "era")
                eras.append({"id": eid, "title": self.text(e, "title", L, allow_plain=False)})
        era_ids = {e["id"] for e in eras if e["id"] is not None}
        events = []
        seen = {}
        seq = self.seq(raw, "events")
        for i, e in enumerate(seq):
            if not self.mapping(seq, i, e, "an event"):
                continue
            eid = self.slug(e, "id", "an event")
            self.unique(seen, eid, self.where(seq, i), "event")
            if not _known(e.get("era"), era_ids):
                self.check.add(self.where(e, "era"), f"unknown era '{e.get('era')}'")
            year = self.plain(e, "year", (int,), "a year such as 2017", required=True)
            year_end = self.plain(e, "year_end", (int,), "a year such as 2024")
            figures = []
            fseq = self.seq(e, "figures", required=False)
            for j, f in enumerate(fseq):
                if not self.mapping(fseq, j, f, "a figure"):
                    continue
                fig = {
                    "metric": self.slug(f, "metric", "a figure"),
                    "value": self.plain(f, "value", (int, float), "a number", required=True),
                    "unit": self.plain(f, "unit", (str,), "text", required=True),
                }
                if "from" in f:
                    fig["from"] = self.plain(f, "from", (int, float), "a number")
                if "at_least" in f:
                    fig["at_least"] = self.plain(f, "at_least", (bool,), "true or false")
                if "period" in f and self.mapping(f, "period", f["period"], "'period'"):
                    fig["period"] = {
                        "value": self.plain(f["period"], "value", (int, float), "a number", required=True),
                        "unit": self.plain(f["period"], "unit", (str,), "text", required=True),
                    }
                figures.append(fig)
            tags = self.seq(e, "tags", required=False)
            for k, t in enumerate(tags):
                if not isinstance(t, str) or not SLUG.match(t):
                    self.check.add(self.where(tags, k), f"tags must be slugs, not {t!r}")
            events.append({
                "id": eid, "era": e.get("era"), "year": year, "year_end": year_end,
                "name": self.text(e, "name", L), "who": self.text(e, "who", L, required=False),
                "description": self.text(e, "description", L, allow_plain=False),
                "figures": figures, "tags": [t for t in tags if isinstance(t, str)],
                "concepts": self.id_list(e, "concepts", concept_ids, "concept"),
                "modules": self.id_list(e, "modules", module_ids, "module"),
            })
        trends = []
        seq = self.seq(raw, "trends", required=False)
        for i, t in enumerate(seq):
            if self.mapping(seq, i, t, "a trend"):
                trends.append({
                    "id": self.slug(t, "id", "a trend"), "title": self.text(t, "title", L, allow_plain=False),
                    "description": self.text(t, "description", L, allow_plain=False),
                    "concepts": self.id_list(t, "concepts", concept_ids, "concept"),
                })
        return {"eras": eras, "events": events, "trends": trends}

    def readings(self, raw: dict, module_ids: set[str]) -> list[dict[str, Any]]:
        L = ("en", "ja")
        out = []
        seq = self.seq(raw, "readings")
        for i, r in enumerate(seq):
            if not self.mapping(seq, i, r, "a reading"):
                continue
            if not _known(r.get("module"), module_ids):
                self.check.add(self.where(r, "module"), f"unknown module '{r.get('module')}'")
            summary = self.seq(r, "summary", required=False)
            sections = []
            sseq = self.seq(r, "sections", required=False)
            for j, s in enumerate(sseq):
                if self.mapping(sseq, j, s, "a section"):
                    paras = self.seq(s, "paragraphs")
                    sections.append({"heading": self.text(s, "heading", L), "paragraphs": [self.text(paras, k, L) for k in range(len(paras))]})
            refs = []
            rseq = self.seq(r, "references", required=False)
            for j, ref in enumerate(rseq):
                if self.mapping(rseq, j, ref, "a reference"):
                    refs.append({"number": self.plain(ref, "number", (int,), "a number", required=True), "title": self.text(ref, "title", L)})
            out.append({
                "id": self.slug(r, "id", "a reading"), "module": r.get("module"), "title": self.text(r, "title", L),
                "caveat": self.text(r, "caveat", L, required=False),
                "summary": [self.text(summary, k, L) for k in range(len(summary))],
                "sections": sections, "references": refs,
            })
        return out


def validate_directory(root: Path, display_root: str | None = None) -> dict[str, Any]:
    """Validate the curriculum in ``root``; return plain data or raise CurriculumError."""
    if not root.is_dir():
        raise CurriculumError([f"{root}:0: not a curriculum directory (expected curriculum.yaml and modules.yaml inside)"])
    return _Validator(root, display_root or str(root)).run()




def warnings_for(data: dict[str, Any]) -> list[str]:
    """Problems that do not stop a curriculum from working (shown by `validate`)."""
    taught = {m for c in data.get("concepts") or () for m in c["modules"]}
    if not data.get("concepts"):
        return []
    return [f"module '{m['id']}' lists no concepts (no concept in concepts.yaml names it)" for m in data["modules"] if m["id"] not in taught]
