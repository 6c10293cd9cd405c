"""JSON Schemas (draft 2020-12) of the ``--json`` documents, generated from the result records.

Nothing here is written by hand per command: a schema is read from the type annotations
of the record ``render/json.py`` serialises (a Record, a dataclass or a TypedDict), so
the two cannot drift. The field comments in a record's class body (``state: str  # new |
learning``) become descriptions. ``docs/json.md`` is written from the same schemas
(docs/generate.py), and ``studyplan schema`` prints them.

The schemas are open: an object may hold fields its schema does not list (a later
studyplan may add some within the same ``json_version``, domain/contract.py); ``closed()``
gives the strict form the tests validate against, where an unlisted field is an error.
"""

from __future__ import annotations

import collections.abc
import dataclasses
import inspect
import re
import types
import typing
from datetime import date, datetime
from enum import Enum
from typing import Any

from studyplan.domain.backup_rows import (
    DATE_COLUMNS,
    FLAG_COLUMNS,
    TIMESTAMP_COLUMNS,
    TableSpec,
)
from studyplan.domain.content import L10n
from studyplan.domain.contract import JSON_VERSION
from studyplan.locale import Msg

DIALECT = "https://json-schema.org/draft/2020-12/schema"
_COMMENT = re.compile(r"^\s+(\w+)\s*:[^#]*#\s*(.+?)\s*$")
_SCALARS: dict[Any, dict[str, Any]] = {
    str: {"type": "string"},
    bool: {"type": "boolean"},
    int: {"type": "integer"},
    float: {"type": "number"},
    datetime: {"type": "string", "format": "date-time"},
    date: {"type": "string", "format": "date"},
    type(None): {"type": "null"},
}


def is_record(tp: Any) -> bool:
    return isinstance(tp, type) and issubclass(tp, tuple) and hasattr(tp, "_fields")


def is_typed_dict(tp: Any) -> bool:
    return isinstance(tp, type) and issubclass(tp, dict) and hasattr(tp, "__required_keys__")


def is_object_type(tp: Any) -> bool:
    """A type whose JSON is an object with named fields."""
    return is_record(tp) or is_typed_dict(tp) or (isinstance(tp, type) and dataclasses.is_dataclass(tp))


def fields_of(cls: type) -> list[tuple[str, Any, bool]]:
    """(name, type, required) of each field, in the order the JSON holds them."""
    hints = typing.get_type_hints(cls)
    if is_typed_dict(cls):
        return [(n, tp, n in cls.__required_keys__) for n, tp in hints.items()]
    if dataclasses.is_dataclass(cls):
        names = [f.name for f in dataclasses.fields(cls)]
    else:
        names = list(cls._fields)
    return [(n, hints.get(n, Any), True) for n in names if not n.startswith("_")]


def field_docs(cls: type) -> dict[str, str]:
    """The comment after each field in the class body (``__field_docs__`` when it is built, not written)."""
    given = getattr(cls, "__field_docs__", None)
    if given is not None:
        return dict(given)
    try:
        source = inspect.getsource(cls)
    except (OSError, TypeError):  # no source (a frozen build): no descriptions
        return {}
    return {m.group(1): m.group(2) for m in map(_COMMENT.match, source.splitlines()) if m}


def class_doc(cls: type) -> str | None:
    text = inspect.cleandoc(cls.__doc__) if cls.__doc__ else ""
    if not text or text.startswith(f"{cls.__name__}(") or cls.__doc__ in (dict.__doc__, tuple.__doc__):
        return None  # a dataclass's generated signature, or a base class's doc
    return text.split("\n\n")[0].replace("\n", " ")


class Schemas:
    """Builds the schema of one document: ``of(type)`` gives a type's schema, ``defs`` the named ones."""

    def __init__(self, overrides: dict[type, dict[str, Any]] | None = None) -> None:
        self.defs: dict[str, dict[str, Any]] = {}
        self.owners: dict[str, type] = {}
        self.overrides = overrides or {}

    def of(self, tp: Any) -> dict[str, Any]:
        if tp in self.overrides or is_object_type(tp):
            return self._ref(tp)
        if tp is Any or tp is object:
            return {}
        if tp in _SCALARS:
            return dict(_SCALARS[tp])
        if tp is Msg:  # a message: its English text (render/json.py)
            return {"type": "string"}
        if tp is L10n:
            return {"type": "object", "additionalProperties": {"type": "string"}, "description": "text by language code (en, ja, zh-Hant)"}
        if isinstance(tp, type) and issubclass(tp, Enum):
            return {"enum": [m.value for m in tp]}
        origin, args = typing.get_origin(tp), typing.get_args(tp)
        if origin in (typing.Union, types.UnionType):
            parts = [self.of(a) for a in args if a is not type(None)]
            if type(None) in args:
                parts.append({"type": "null"})
            return {"anyOf": parts} if len(parts) > 1 else parts[0]
        if origin is typing.Literal:
            return {"enum": list(args)}
        if origin is tuple and args and args[-1] is not Ellipsis:
            return {"type": "array", "prefixItems": [self.of(a) for a in args], "items": False,
                    "minItems": len(args), "maxItems": len(args)}
        if origin in (tuple, list, set, frozenset, collections.abc.Sequence, collections.abc.Iterable):
            return {"type": "array", "items": self.of(args[0])} if args else {"type": "array"}
        if origin in (dict, collections.abc.Mapping):
            value = self.of(args[1]) if len(args) == 2 else {}
            return {"type": "object", "additionalProperties": value} if value else {"type": "object"}
        if tp in (dict, list, tuple):
            return {"type": "object"} if tp is dict else {"type": "array"}
        raise TypeError(f"no JSON Schema for the type {tp!r}: annotate the field with a JSON type or a record")

    def object_of(self, cls: type) -> dict[str, Any]:
        """The schema of a record's object, inline."""
        docs = field_docs(cls)
        properties: dict[str, Any] = {}
        required = []
        for name, tp, needed in fields_of(cls):
            schema = self.of(tp)
            if name in docs:
                schema = {**schema, "description": docs[name]}
            properties[name] = schema
            if needed:
                required.append(name)
        out: dict[str, Any] = {"type": "object"}
        description = class_doc(cls)
        if description:
            out["description"] = description
        out["properties"] = properties
        out["required"] = required
        return out

    def _ref(self, cls: type) -> dict[str, Any]:
        name = cls.__name__
        owner = self.owners.get(name)
        if owner is not None and owner is not cls:
            raise ValueError(f"two result types are named {name} ({owner.__module__} and {cls.__module__}): "
                             "rename one, so each name means one shape")
        if owner is None:
            self.owners[name] = cls
            self.defs[name] = {}  # reserved first: a record may refer to itself
            self.defs[name] = self.overrides[cls] if cls in self.overrides else self.object_of(cls)
        return {"$ref": f"#/$defs/{name}"}


def document_schema(title: str, cls: type, overrides: dict[type, dict[str, Any]] | None = None) -> dict[str, Any]:
    """The schema of one command's ``--json`` document: ``json_version``, then ``cls``'s fields."""
    schemas = Schemas(overrides)
    body = schemas.object_of(cls)
    version = {"const": JSON_VERSION, "description": "the version of the JSON contract (see `studyplan schema`); raised only by an incompatible change"}
    out: dict[str, Any] = {"$schema": DIALECT, "title": title}
    if "description" in body:
        out["description"] = body["description"]
    out |= {"type": "object", "properties": {"json_version": version, **body["properties"]},
            "required": ["json_version", *body["required"]]}
    if schemas.defs:
        out["$defs"] = dict(sorted(schemas.defs.items()))
    return out


def closed(schema: Any) -> Any:
    """``schema`` with every object closed to fields it does not list (the tests' strict check)."""
    if isinstance(schema, list):
        return [closed(s) for s in schema]
    if not isinstance(schema, dict):
        return schema
    out = {k: closed(v) for k, v in schema.items()}
    if "properties" in out and "additionalProperties" not in out:
        out["additionalProperties"] = False
    return out


# -- the export file (docs/export-format.md) ------------------------------------------------
_SQL_TYPES = {"INTEGER": {"type": "integer"}, "REAL": {"type": "number"}, "TEXT": {"type": "string"}}


def _column(table: str, col: Any) -> dict[str, Any]:
    schema = dict(_SQL_TYPES.get(col.type, {}))
    if col.name in DATE_COLUMNS:
        schema["format"] = "date"
    elif col.name in TIMESTAMP_COLUMNS:
        schema["format"] = "date-time"
    elif col.name in FLAG_COLUMNS:
        schema["enum"] = [0, 1]
    if table == "reviews" and col.name == "rating":
        schema |= {"minimum": 1, "maximum": 4, "description": "1 again, 2 hard, 3 good, 4 easy"}
    if table == "review_cards" and col.name == "card":
        schema["description"] = "the FSRS card's state, as a JSON text"
    if not col.notnull and not col.pk:
        schema = {"anyOf": [schema, {"type": "null"}]}
    return schema


def _row(spec: TableSpec, skip: tuple[str, ...] = ()) -> dict[str, Any]:
    """A row: every column; required unless it has a default or is the row id (numbered on import)."""
    columns = [c for c in spec.columns if c.name not in skip]
    row_id = "id" if spec.id_keyed else None
    return {"type": "object", "properties": {c.name: _column(spec.name, c) for c in columns},
            "required": [c.name for c in columns if (c.notnull or c.pk) and not c.has_default and c.name != row_id]}


def export_format_schema(document_type: type, profile: TableSpec, tables: dict[str, TableSpec],
                         format_name: str, format_version: int) -> dict[str, Any]:
    """The schema of the file ``studyplan export`` writes: the document's keys (``document_type``),
    the profile's settings and each table's rows from the database schema the import checks against."""
    top = Schemas().object_of(document_type)
    props = top["properties"]
    props["format"] = {**props["format"], "const": format_name}
    props["version"] = {**props["version"], "minimum": 1, "maximum": format_version}
    props["exported_at"] = {**props["exported_at"], "format": "date-time"}
    props["profile"] = {**_row(profile, ("id",)), "description": props["profile"].get("description", "")}
    props["tables"] = {"type": "object", "description": props["tables"].get("description", ""),
                       "properties": {name: {"type": "array", "items": _row(spec)} for name, spec in tables.items()},
                       "required": list(tables)}  # a file of the current schema lists every table
    out = {"$schema": DIALECT, "title": f"{format_name} version {format_version}"}
    return out | top
