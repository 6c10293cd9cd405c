"""Case 6: hostile curricula and imports are refused with ``file:line: message``, in bounded time and memory.

Curricula reach studyplan through ``studyplan init --curriculum DIR``; imports through
``studyplan import FILE``. The heavy cases (50 MB, alias bomb, deep nesting, a huge
sparse file) run in a child whose address space is capped (RLIMIT_AS) and which is
killed after a timeout, so "bounded" is enforced by the kernel, not assumed.
"""

from __future__ import annotations

import json
import re
import shutil
import time
from pathlib import Path

import pytest

from studyplan.domain.content import MAX_FILE_BYTES
from tests.conftest import BUNDLED
from tests.reliability.conftest import assert_clean_error, run_cli

MEMORY_MB = 1024
LOCATED = re.compile(r"^studyplan: (?P<file>\S+?\.(?:yaml|json)):(?P<line>\d+):(?:\d+:)? (?P<message>.+)$")

BOMB = "\n".join(
    ["lol: &a [\"lol\", \"lol\", \"lol\", \"lol\", \"lol\", \"lol\", \"lol\", \"lol\", \"lol\"]"]
    + [f"l{i}: &{chr(98 + i)} [{', '.join(['*' + chr(97 + i)] * 9)}]" for i in range(9)]
) + "\n"


def _curriculum(tmp_path: Path, edits: dict[str, tuple[str, str]] | None = None, write: dict[str, str | bytes] | None = None) -> Path:
    root = tmp_path / "hostile"
    root.mkdir()
    for f in BUNDLED.iterdir():
        if f.is_file():
            shutil.copyfile(f, root / f.name)
    for name, (old, new) in (edits or {}).items():
        text = (root / name).read_text(encoding="utf-8")
        assert old in text, (name, old)
        (root / name).write_text(text.replace(old, new, 1), encoding="utf-8")
    for name, content in (write or {}).items():
        if isinstance(content, bytes):
            (root / name).write_bytes(content)
        else:
            (root / name).write_text(content, encoding="utf-8")
    return root


CASES = {
    "invalid-yaml": ({"modules.yaml": ("modules:\n", "modules:\n  - id: [unclosed\n")}, None, "modules.yaml", "expected"),
    "tab-indent": (None, {"readings.yaml": "readings:\n\t- id: x\n"}, "readings.yaml", ""),
    "wrong-type-months": ({"curriculum.yaml": ("months: 12", "months: twelve")}, None, "curriculum.yaml", "'months' must be an integer"),
    "wrong-type-title": ({"modules.yaml": ('title: {en: "Machine learning basics", ja: "機械学習の基礎"}', "title: 12")}, None, "modules.yaml", "must be text"),
    "list-where-an-id-goes": ({"modules.yaml": ("level: foundations", "level: [foundations]")}, None, "modules.yaml", "unknown level"),
    "mapping-where-an-id-goes": ({"concepts.yaml": ("- id: ", "- id: {nested: map}\n    x_: ")}, None, "concepts.yaml", "slug"),
    "yes-no-surprise": ({"modules.yaml": ("kind: book", "kind: NO")}, None, "modules.yaml", "resource kind"),
    "duplicate-module-id": ({"modules.yaml": ("- id: dl-intro", "- id: ml-basics")}, None, "modules.yaml", "duplicate module id 'ml-basics'"),
    "duplicate-key": ({"curriculum.yaml": ("months: 12", "months: 12\nmonths: 9")}, None, "curriculum.yaml", "duplicate key 'months'"),
    "dangling-phase-module": ({"curriculum.yaml": ("modules: [ml-basics]", "modules: [ml-basics, no-such-module]")}, None, "curriculum.yaml", "unknown module 'no-such-module'"),
    "dangling-related-concept": (None, None, "concepts.yaml", "unknown concept 'no-such-concept'"),
    "python-object-tag": ({"modules.yaml": ('title: {en: "Machine learning basics", ja: "機械学習の基礎"}', 'title: !!python/object/apply:os.system ["touch PWNED"]')}, None, "modules.yaml", "not allowed"),
    "python-name-tag": ({"curriculum.yaml": ("months: 12", "months: !!python/name:os.system")}, None, "curriculum.yaml", "not allowed"),
    # where a field is only turned into text (str()) or only checked to be a number
    "set-tag": ({"curriculum.yaml": ("unit: billions", "unit: !!set {billions}")}, None, "curriculum.yaml", "!!set is not allowed"),
    "binary-tag": ({"curriculum.yaml": ("unit: percent", "unit: !!binary cGVyY2VudA==")}, None, "curriculum.yaml", "!!binary is not allowed"),
    "infinity": ({"curriculum.yaml": ("values: [28, 15.3,", "values: [.inf, 15.3,")}, None, "curriculum.yaml", "not a finite number"),
    "alias": ({"curriculum.yaml": ("months: 12", "months: &m 12\nversion_copy: *m")}, None, "curriculum.yaml", "aliases"),
    "merge-key": ({"curriculum.yaml": ("months: 12", "base: &b {x: 1}\nmerged:\n  <<: *b")}, None, "curriculum.yaml", "not allowed"),
    "not-utf8": (None, {"history.yaml": b"eras:\n  - id: \xff\xfe\n"}, "history.yaml", "UTF-8"),
    "top-level-list": (None, {"readings.yaml": "- just\n- a list\n"}, "readings.yaml", "mapping at the top"),
}


def _dangling_concept(root: Path) -> None:
    path = root / "concepts.yaml"
    text = path.read_text(encoding="utf-8")
    m = re.search(r"related: \[([^\]]*)\]", text)
    assert m
    path.write_text(text[: m.start()] + "related: [no-such-concept]" + text[m.end():], encoding="utf-8")


@pytest.mark.parametrize("case", sorted(CASES))
def test_hostile_curriculum_is_refused_with_file_and_line(sp, tmp_path, case):
    edits, write, file, needle = CASES[case]
    root = _curriculum(tmp_path, edits, write)
    if case == "dangling-related-concept":
        _dangling_concept(root)
    started = time.monotonic()
    result = sp("init", "--curriculum", str(root), "--start", "2026-01-05", ok=False)
    elapsed = time.monotonic() - started
    line = assert_clean_error(result, code=2)
    m = LOCATED.match(line)
    assert m, f"not file:line: message: {line}"
    assert m["file"].endswith(file) and Path(m["file"]).parent == root, line
    assert needle in m["message"], line
    assert elapsed < 10
    assert not (tmp_path / "PWNED").exists() and not Path("PWNED").exists()
    assert sp("plan", ok=False).exit_code == 0  # nothing was saved: the profile still has the bundled curriculum


def _heavy(tmp_path: Path, name: str, content: str | bytes | None = None, size: int | None = None) -> Path:
    root = _curriculum(tmp_path)
    target = root / name
    if size is not None:
        with open(target, "r+b") as fh:
            fh.truncate(size)  # sparse: huge on paper, nothing on disk
    elif isinstance(content, bytes):
        target.write_bytes(content)
    else:
        target.write_text(content, encoding="utf-8")
    return root


HEAVY = {
    "50MB-file": ("modules.yaml", "# padding\n" * (5 * 1024 * 1024), f"at most {MAX_FILE_BYTES // 1024} KiB"),
    "a million nodes": ("concepts.yaml", "concepts: [" + "0," * 1_000_000 + "0]\n", "at most 500,000"),
    "alias-bomb": ("concepts.yaml", BOMB, "aliases"),
    "deep-nesting": ("history.yaml", "eras: " + "[" * 200_000 + "]" * 200_000 + "\n", "nesting"),
    "deep-mappings": ("history.yaml", "eras: " + "{a: " * 50_000 + "1" + "}" * 50_000 + "\n", "nesting"),
    "long-line": ("readings.yaml", "readings: [" + "'x'," * 400_000 + "]\n", ""),
}


@pytest.mark.slow
@pytest.mark.parametrize("case", sorted(HEAVY))
def test_heavy_curriculum_is_refused_in_bounded_time_and_memory(home, tmp_path, case):
    name, content, needle = HEAVY[case]
    root = _heavy(tmp_path, name, content)
    started = time.monotonic()
    result = run_cli(home, "init", "--curriculum", str(root), memory_mb=MEMORY_MB, timeout=30)
    assert time.monotonic() - started < 30
    line = assert_clean_error(result, code=2)
    m = LOCATED.match(line)
    assert m and m["file"].endswith(name), line
    assert needle in m["message"], line


def test_huge_sparse_curriculum_file_is_refused_in_bounded_memory(home, tmp_path):
    root = _heavy(tmp_path, "modules.yaml", size=4 * 1024**3)
    result = run_cli(home, "init", "--curriculum", str(root), memory_mb=MEMORY_MB, timeout=60)
    line = assert_clean_error(result, code=2)
    assert LOCATED.match(line) and "at most" in line, line


def test_loader_reads_no_more_than_its_cap_from_a_device(tmp_path):
    """A curriculum file that is a link to /dev/zero: refused at once, not read until memory runs out."""
    import subprocess
    import sys

    from tests.reliability.conftest import child_env

    link = tmp_path / "modules.yaml"
    link.symlink_to("/dev/zero")
    limit = MEMORY_MB * 2**20
    code = (
        f"import resource, sys; resource.setrlimit(resource.RLIMIT_AS, ({limit}, {limit}))\n"
        "from pathlib import Path\nfrom studyplan.domain.loader.yaml_lines import read_yaml\nfrom studyplan.errors import CurriculumError\n"
        "try:\n    read_yaml(Path(sys.argv[1]), 'modules.yaml')\nexcept CurriculumError as e:\n    print(e.message)\n"
    )
    started = time.monotonic()
    result = subprocess.run([sys.executable, "-c", code, str(link)], env=child_env(tmp_path), capture_output=True, text=True, timeout=60, check=False)
    assert time.monotonic() - started < 10
    assert result.stdout.startswith("modules.yaml: not a regular file"), result.stdout + result.stderr[-500:]


# -- imports ------------------------------------------------------------------------------------------
def _export(sp, tmp_path: Path) -> dict:
    sp("init", "--start", "2026-01-05")
    sp("note", "ml-basics", "a note")
    out = tmp_path / "export.json"
    sp("export", "--output", str(out))
    return json.loads(out.read_text(encoding="utf-8"))


IMPORTS = {
    "invalid-json": ('{"format": "studyplan-export",\n  "version": 1,\n  oops\n}', True),
    "duplicate-key": ('{"format": "studyplan-export", "format": "studyplan-export"}', False),
    "nan": ('{"format": "studyplan-export", "version": NaN}', False),
    "deep-nesting": ("[" * 100_000 + "]" * 100_000, False),
    "not-utf8": (b"\xff\xfe{}", False),
    "wrong-types": ("WRONG_TYPES", False),
    "unknown-column": ("UNKNOWN_COLUMN", False),
    "newer-format": ("NEWER", False),
}


@pytest.mark.parametrize("case", sorted(IMPORTS))
def test_hostile_import_is_refused_and_changes_nothing(sp, db_path, tmp_path, case):
    doc = _export(sp, tmp_path)
    content, located = IMPORTS[case]
    if content == "WRONG_TYPES":
        doc["tables"]["notes"][0]["day"] = 20260105
        doc["profile"]["months"] = "twelve"
        content = json.dumps(doc)
    elif content == "UNKNOWN_COLUMN":
        doc["tables"]["notes"][0]["evil"] = "DROP TABLE notes"
        content = json.dumps(doc)
    elif content == "NEWER":
        doc["version"] = 99
        content = json.dumps(doc)
    path = tmp_path / "hostile.json"
    path.write_bytes(content if isinstance(content, bytes) else content.encode("utf-8"))
    from tests.reliability.conftest import snapshot

    before = snapshot(db_path)
    started = time.monotonic()
    result = sp("--profile", "other", "import", str(path), ok=False)
    assert time.monotonic() - started < 10
    assert result.exit_code != 0 and "Traceback" not in result.stderr, result.stderr
    lines = result.stderr.strip().splitlines()
    assert lines and all(line.startswith("studyplan: ") for line in lines), result.stderr
    assert str(path) in result.stderr
    if located:
        assert LOCATED.match(lines[-1]), lines[-1]
    assert "internal error" not in result.stderr
    assert snapshot(db_path) == before


@pytest.mark.slow
def test_50mb_import_is_refused_in_bounded_time_and_memory(home, tmp_path):
    path = tmp_path / "big.json"
    path.write_text('{"format": "studyplan-export", "version": 1, "pad": [' + "1," * (25 * 1024 * 1024) + "1]}", encoding="utf-8")
    assert path.stat().st_size > 50 * 1024 * 1024
    started = time.monotonic()
    result = run_cli(home, "import", str(path), memory_mb=MEMORY_MB * 2, timeout=60)
    assert time.monotonic() - started < 60
    assert result.returncode != 0 and "Traceback" not in result.stderr, result.stderr[-2000:]
    assert "internal error" not in result.stderr, result.stderr[-500:]
    assert str(path) in result.stderr
