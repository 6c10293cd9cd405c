"""Reading one curriculum file: YAML with the line of every key and item, read defensively.

Files are size-capped before parsing (and the read itself is capped, so a device or
a pipe cannot make us read without end), the bytes that can start a node are counted
before parsing (``MAX_PIECES``: parsing costs per node, not per byte), only safe YAML tags are constructed,
aliases are refused (an alias bomb explodes only when walked) and nesting is bounded.
"""

from __future__ import annotations

import math
import stat
from pathlib import Path
from typing import Any

import yaml

from studyplan.domain.content import MAX_FILE_BYTES
from studyplan.errors import CurriculumError

MAX_DEPTH = 64
# Parsing costs time and memory per YAML node (~0.4 KiB each while composing, measured),
# not per byte: 2 MiB of "[0,0,0,…" is a million nodes (8 s, 370 MiB), 2 MiB of real text
# ~110,000. So before parsing, the bytes that can start a node are counted (line breaks
# and , : - [ { ?; an over-count: text holds them too) and a file with more is refused.
# Real curricula carry ~1.4 of them per node and ~18 bytes per node, so this admits
# ~6 MiB of real content (over 100× the bundled glossary) and holds a hostile file to
# half of what the old 2 MiB cap allowed.
MAX_PIECES = 500_000
_PIECE_BYTES = (b"\n", b",", b":", b"-", b"[", b"{", b"?")
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
        raise CurriculumError([f"{display}: cannot read file: {exc.strerror or exc}"]) from None
    if not stat.S_ISREG(st.st_mode):
        raise CurriculumError([f"{display}: not a regular file (a device, pipe or folder); a curriculum file must be a plain YAML file"])
    too_big = [f"{display}:1: file is {st.st_size // 1024} KiB; a curriculum file may be at most {MAX_FILE_BYTES // 1024} KiB"]
    if st.st_size > MAX_FILE_BYTES:
        raise CurriculumError(too_big)
    try:
        with path.open("rb") as fh:
            raw = fh.read(MAX_FILE_BYTES + 1)
    except OSError as exc:
        raise CurriculumError([f"{display}: cannot read file: {exc.strerror or exc}"]) from None
    if len(raw) > MAX_FILE_BYTES:
        raise CurriculumError([f"{display}:1: file is larger than {MAX_FILE_BYTES // 1024} KiB, the most a curriculum file may be"])
    pieces = sum(raw.count(b) for b in _PIECE_BYTES)  # C-speed scans: ~10 ms for 16 MiB
    if pieces > MAX_PIECES:
        raise CurriculumError([f"{display}:1: file has about {pieces:,} lines, items and keys; a curriculum file may have at most "
                               f"{MAX_PIECES:,} (over 100 times the bundled curriculum's glossary)"])
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
        line = mark.line + 1 if mark else 1
        what = exc.problem or exc.context or "invalid YAML"
        if "could not determine a constructor" in str(what):
            what = f"{what}; tags that construct objects are not allowed"
        start = exc.context_mark
        if exc.problem and exc.context and start is not None and start.line + 1 != line:
            what = f"{what} ({exc.context} that starts on line {start.line + 1})"  # an unclosed [ or "
        raise CurriculumError([f"{display}:{line}: {what}"]) from None
    except yaml.YAMLError as exc:
        raise CurriculumError([f"{display}:1: invalid YAML: {' '.join(str(exc).split())}"]) from None
    except RecursionError:
        raise CurriculumError([f"{display}:1: nesting is too deep to be a curriculum"]) from None
