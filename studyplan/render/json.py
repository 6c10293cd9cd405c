"""Result dataclasses -> JSON. The same objects feed the rich views, so the two agree.

Shape: the result record's fields (a Record, see studyplan.record, or a dataclass), dates as ISO
strings, keys in snake_case. docs/json.md documents each command's top-level keys.
"""

from __future__ import annotations

import dataclasses
from datetime import date, datetime
from enum import Enum
from typing import Any

from studyplan.domain.text import json_safe


def jsonable(obj: Any) -> Any:
    if obj.__class__.__name__ == "L10n":
        return dict(obj.values)
    if isinstance(obj, tuple) and hasattr(obj, "_fields"):  # a Record (studyplan.record)
        return {name: jsonable(getattr(obj, name)) for name in obj._fields}
    if dataclasses.is_dataclass(obj) and not isinstance(obj, type):
        return {f.name: jsonable(getattr(obj, f.name)) for f in dataclasses.fields(obj) if not f.name.startswith("_")}
    if isinstance(obj, (datetime, date)):
        return obj.isoformat()
    if isinstance(obj, Enum):
        return obj.value
    if isinstance(obj, dict):
        return {str(k): jsonable(v) for k, v in obj.items()}
    if isinstance(obj, (list, tuple, set, frozenset)):
        items = [jsonable(v) for v in obj]
        return sorted(items) if isinstance(obj, (set, frozenset)) else items
    return obj


def dumps(obj: Any) -> str:
    """JSON text; non-ASCII stays readable, but DEL, C1 controls (which json leaves raw, and a
    terminal may act on, e.g. the 8-bit CSI U+009B), bidi controls and invisible format
    characters are escaped like C0 ones (``domain.text.json_safe``, shared with ``export``)."""
    import json  # only --json output needs the encoder; views use jsonable() alone

    return json_safe(json.dumps(jsonable(obj), ensure_ascii=False, indent=2))
