"""The parsed-curriculum cache: used when valid, rebuilt when damaged or stale, same results either way."""

from __future__ import annotations

import marshal
import shutil
import sys
import zlib
from pathlib import Path

from studyplan.app import catalog

BUNDLED = Path(__file__).resolve().parents[1] / "curricula" / "ml-dl-gpt"


def _copy(tmp_path: Path) -> catalog.CurriculumRef:
    root = tmp_path / "curr" / "ml-dl-gpt"
    shutil.copytree(BUNDLED, root)
    return catalog.CurriculumRef("ml-dl-gpt", root, "path")


def _cache_files(home: Path) -> list[Path]:
    """The core cache file (the parts, the glossary and the history/readings, sit beside it)."""
    return sorted(p for p in (home / "cache").glob("curriculum-*.cache") if p.name.count(".") == 1)


def _part_files(home: Path, name: str) -> list[Path]:
    return sorted((home / "cache").glob(f"curriculum-*.{name}.cache"))


def _extras_files(home: Path) -> list[Path]:
    return _part_files(home, "extras")


def _framed(payload: object) -> bytes:
    """A cache file with a valid header and checksum around this payload."""
    data = marshal.dumps(payload)
    return catalog._MAGIC + zlib.crc32(data).to_bytes(4, "big") + data


def _summary(c) -> tuple:
    return (c.id, [m.id for m in c.modules], [t.ref for t in c.scheduled_topics()], [x.id for x in c.concepts],
            [e.id for e in c.events], c.concept("perplexity"), c.module("ml-basics"))


def test_a_normal_start_reads_no_yaml(tmp_path, isolated_home):
    ref = _copy(tmp_path)
    first = catalog.load(ref)
    assert [len(_cache_files(isolated_home)), len(_part_files(isolated_home, "concepts")), len(_extras_files(isolated_home))] == [1, 1, 1]
    sys.modules.pop("studyplan.domain.loader", None)
    second = catalog.load(ref)
    assert _summary(first) == _summary(second)  # the glossary, history and readings too, from their own files
    assert "studyplan.domain.loader" not in sys.modules  # served from the cache


def test_damaged_cache_is_ignored_and_rebuilt(tmp_path, isolated_home):
    ref = _copy(tmp_path)
    fresh = catalog.load(ref, use_cache=False)
    catalog.load(ref)
    cache = _cache_files(isolated_home)[0]
    extras = _extras_files(isolated_home)[0]
    glossary = _part_files(isolated_home, "concepts")[0]
    whole = cache.read_bytes()
    key = catalog.content_key(ref.path)
    good = catalog._read_cache(cache, key)
    for damage in (b"", b"{not json", whole[:-10], whole[:40] + bytes([whole[40] ^ 1]) + whole[41:],
                   _framed({"key": 1}), _framed({"key": key, "data": {"curriculum": 3}}), _framed([1, 2])):
        cache.write_bytes(damage)
        assert _summary(catalog.load(ref)) == _summary(fresh)
        assert catalog._read_cache(cache, key) == good  # rebuilt
        extras.write_bytes(damage)  # damaged history/readings: rebuilt when first used
        assert _summary(catalog.load(ref)) == _summary(fresh)
        glossary.write_bytes(damage)  # a damaged glossary likewise
        assert _summary(catalog.load(ref)) == _summary(fresh)
    # Parts that are whole but not what the builder expects are rebuilt too.
    glossary.write_bytes(_framed({"key": key, "data": {"concepts": [{"id": 3}]}}))
    extras.write_bytes(_framed({"key": key, "data": {"history": {"events": [1]}, "readings": []}}))
    assert _summary(catalog.load(ref)) == _summary(fresh)


def test_stale_cache_is_rebuilt_when_content_changes(tmp_path, isolated_home):
    ref = _copy(tmp_path)
    before = catalog.load(ref)
    modules = ref.path / "modules.yaml"
    modules.write_text(modules.read_text(encoding="utf-8").replace('"Machine learning basics"', '"ML basics, revised"', 1), encoding="utf-8")
    after = catalog.load(ref)
    assert before.module("ml-basics").title.get("en") == "Machine learning basics"
    assert after.module("ml-basics").title.get("en") == "ML basics, revised"
    assert _summary(after)[1:4] == _summary(catalog.load(ref, use_cache=False))[1:4]


def test_cli_results_are_the_same_with_and_without_cache(sp, isolated_home):
    with_cache = sp("today", "--date", "2026-03-01", "--json").stdout
    for f in _cache_files(isolated_home):
        f.write_text("garbage", encoding="utf-8")
    assert sp("today", "--date", "2026-03-01", "--json").stdout == with_cache
    shutil.rmtree(isolated_home / "cache")
    assert sp("today", "--date", "2026-03-01", "--json").stdout == with_cache
