"""Result dataclasses -> JSON. The same objects feed the rich views, so the two agree.

Shape: ``json_version`` first (domain/contract.py), then the result record's fields (a Record,
see studyplan.record, or a dataclass), dates as ISO strings, keys in snake_case. The JSON Schema
of each command (render/schema.py, ``studyplan schema``) and docs/json.md are generated from
the same records.
"""

from __future__ import annotations

from datetime import date, datetime
from enum import Enum
from typing import Any

from studyplan.domain.contract import JSON_VERSION
from studyplan.domain.text import json_safe
from studyplan.locale import Msg


def jsonable(obj: Any) -> Any:
    if obj.__class__.__name__ == "L10n":
        return dict(obj.values)
    if isinstance(obj, Msg):  # a message kept for a view (a setting's doc, a doctor finding): its English text
        return str(obj)
    if isinstance(obj, tuple) and hasattr(obj, "_fields"):  # a Record (studyplan.record)
        return {name: jsonable(getattr(obj, name)) for name in obj._fields}
    if hasattr(type(obj), "__dataclass_fields__") and not isinstance(obj, type):  # a dataclass instance
        import dataclasses  # only for one (doctor's findings): with inspect, ~6 ms a daily command never needs

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


def document(result: Any) -> dict[str, Any]:
    """A command's ``--json`` document: an object, ``json_version`` first, then the result's fields."""
    fields = jsonable(result)
    if not isinstance(fields, dict):
        raise TypeError(f"a --json document is an object, not {type(fields).__name__}")
    return {"json_version": JSON_VERSION, **fields}


def dumps(obj: Any) -> str:
    """The ``--json`` document of ``obj`` (``document``) as JSON text; non-ASCII stays readable,
    but DEL, C1 controls (which json leaves raw, and a terminal may act on, e.g. the 8-bit CSI U+009B), bidi controls and invisible format
    characters are escaped like C0 ones (``domain.text.json_safe``, shared with ``export``)."""
    import json  # only --json output needs the encoder; views use jsonable() alone

    return json_safe(json.dumps(document(obj), ensure_ascii=False, indent=2))
