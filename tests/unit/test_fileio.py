"""fileio's temporary files: new, private, beside the file they will replace."""

from __future__ import annotations

import os
import stat

from studyplan.fileio import atomic_write_bytes, mkstemp_beside, temp_beside


def test_a_temporary_file_is_new_private_hidden_and_beside_its_target(tmp_path):
    target = tmp_path / "studyplan.db"
    names = set()
    for _ in range(20):
        fd, name = mkstemp_beside(target, ".new")
        os.write(fd, b"x")
        os.close(fd)
        names.add(name)
        assert os.path.dirname(name) == str(tmp_path)
        assert os.path.basename(name).startswith(".studyplan.db.") and name.endswith(".new")
        assert stat.S_IMODE(os.stat(name).st_mode) == 0o600
    assert len(names) == 20  # each call made a file of its own
    empty = temp_beside(target)
    assert empty.stat().st_size == 0 and empty.parent == tmp_path


def test_an_atomic_write_leaves_no_temporary_file(tmp_path):
    target = tmp_path / "cache.bin"
    atomic_write_bytes(target, b"one", durable=False)
    atomic_write_bytes(target, b"two")
    assert target.read_bytes() == b"two"
    assert [p.name for p in tmp_path.iterdir()] == ["cache.bin"]
