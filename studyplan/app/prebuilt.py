"""A bundled curriculum's validated data, shipped beside its YAML as ``prebuilt.json``.

The first command on a new home has no curriculum cache yet. Validating the bundled
YAML then costs ~55 ms (PyYAML and the loader imported, 144 KiB parsed with line
numbers), a third of the command. The package ships what the validator made of the
YAML instead, and ``catalog.py`` uses that file, only when it is exactly that:

* the curriculum is a bundled one (a folder of the learner's own could hold anything);
* the names, sizes and CRC-32s of the YAML files are the ones it was made from (an
  edited file: the YAML is validated);
* the loader that made it is the loader here: a CRC-32 of the source of
  ``studyplan/domain/loader/`` and ``domain/content.py`` (a changed rule: validated);
* its data has the CRC-32 its header says (a damaged file: validated).

Anything else validates the YAML, as without the file. The data is plain JSON (read, it
can only give dicts, lists, strings and numbers; never code), whatever Python reads it.
``python -m studyplan.app.catalog`` writes the files anew; tests/test_prebuilt.py fails
when one is out of date.

The format: one header line (JSON: format, files, loader, crc), then the data (JSON).
"""

from __future__ import annotations

import json
import zlib
from pathlib import Path
from typing import Any

from studyplan.fileio import FileRefused, read_regular_file

FILE_NAME = "prebuilt.json"
FORMAT = 1
MAX_BYTES = 64 * 1024 * 1024  # far above the bundled curricula's ~150 KiB; read no further
_DOMAIN = Path(__file__).resolve().parents[1] / "domain"


def loader_digest() -> str | None:
    """CRC-32 of the validator's source (the loader package and the content rules it reads);
    None when the source is not there to read (then no prebuilt file is trusted)."""
    files = sorted((_DOMAIN / "loader").glob("*.py")) + [_DOMAIN / "content.py"]
    crc = 0
    try:
        for f in files:
            crc = zlib.crc32(f.read_bytes(), zlib.crc32(f.name.encode(), crc))
    except OSError:
        return None
    return f"{crc:08x}" if len(files) > 1 else None


def encode(files_key: str, data: dict[str, Any]) -> bytes:
    """The file for ``data``, validated from YAML whose ``files_key`` is given."""
    body = json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode("utf-8")
    if json.loads(body) != data:  # a tuple, or a key that is not text: not what JSON gives back
        raise ValueError("the validated data does not survive JSON")
    digest = loader_digest()
    if digest is None:
        raise ValueError("the loader's source is not there to digest")
    header = {"format": FORMAT, "files": files_key, "loader": digest, "crc": f"{zlib.crc32(body):08x}"}
    return json.dumps(header, ensure_ascii=False).encode("utf-8") + b"\n" + body + b"\n"


def read(root: Path, files_key: str) -> dict[str, Any] | None:
    """The validated data shipped in ``root``, when it is exactly what validating the YAML
    there with this loader gives (see above); None otherwise."""
    try:
        raw = read_regular_file(root / FILE_NAME, MAX_BYTES, "a prebuilt curriculum file")
        head, sep, body = raw.partition(b"\n")
        body = body.removesuffix(b"\n")
        header = json.loads(head)
        if not (sep and isinstance(header, dict) and header.get("format") == FORMAT and header.get("files") == files_key):
            return None
        if header.get("crc") != f"{zlib.crc32(body):08x}" or header.get("loader") != loader_digest():
            return None
        data = json.loads(body)
    except (OSError, FileRefused, ValueError, RecursionError):
        return None
    return data if isinstance(data, dict) else None
