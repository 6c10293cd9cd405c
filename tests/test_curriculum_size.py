"""A large real curriculum loads; a small hostile one is refused before it is parsed.

The byte cap (16 MiB) lets a glossary 50× the bundled one in (over the old 2 MiB); what
keeps a hostile file's parsing bounded is the count of the bytes that can start a YAML
node, checked before the parser sees the file (domain/loader/yaml_lines.py MAX_PIECES).
"""

from __future__ import annotations

import time

import pytest

from studyplan.domain.content import MAX_FILE_BYTES
from studyplan.domain.loader import yaml_lines
from studyplan.errors import CurriculumError
from tests.conftest import BUNDLED


def fifty_times_the_glossary() -> str:
    text = (BUNDLED / "concepts.yaml").read_text(encoding="utf-8")
    head, body = text.split("concepts:\n", 1)
    return head + "concepts:\n" + body * 50


def test_a_glossary_fifty_times_the_bundled_one_is_read(tmp_path):
    path = tmp_path / "concepts.yaml"
    path.write_text(fifty_times_the_glossary(), encoding="utf-8")
    assert 2 * 1024 * 1024 < path.stat().st_size <= MAX_FILE_BYTES  # refused by the old cap
    data = yaml_lines.read_yaml(path, "concepts.yaml")
    assert len(data["concepts"]) == 50 * len(yaml_lines.read_yaml(BUNDLED / "concepts.yaml", "concepts.yaml")["concepts"])


@pytest.mark.parametrize("content", [
    "concepts: [" + "0," * 600_000 + "0]\n",  # 1.2 MB of flow items
    "concepts:\n" + "-\n" * 300_000,  # 600 KB of empty block items
    "k: v\n" * 300_000,  # 1.5 MB of keys
])
def test_a_file_with_too_many_nodes_is_refused_before_parsing(tmp_path, content):
    path = tmp_path / "concepts.yaml"
    path.write_text(content, encoding="utf-8")
    assert path.stat().st_size < MAX_FILE_BYTES
    started = time.monotonic()
    with pytest.raises(CurriculumError) as caught:
        yaml_lines.read_yaml(path, "concepts.yaml")
    assert time.monotonic() - started < 2  # counted, not parsed
    assert caught.value.problems[0].startswith("concepts.yaml:1: file has about") and f"{yaml_lines.MAX_PIECES:,}" in caught.value.message


def test_the_piece_count_leaves_room_for_real_content():
    """The bundled files hold under 1.6 pieces a node and over 15 bytes a node: the budget
    admits over 100× the bundled glossary, far more than the bytes of the old cap."""
    raw = (BUNDLED / "concepts.yaml").read_bytes()
    pieces = sum(raw.count(b) for b in yaml_lines._PIECE_BYTES)
    assert pieces * 100 < yaml_lines.MAX_PIECES
