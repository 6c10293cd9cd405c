"""The version of the ``--json`` contract, and what a version may and may not change.

Every ``--json`` document is one JSON object whose first key is ``json_version`` (this
number). Its shape is the command's result record (``render/json.py``), and its JSON
Schema is generated from the same record (``render/schema.py``, ``studyplan schema``).

Within one ``json_version``:
- new fields may be added to any object (a reader ignores keys it does not know);
- new codes may appear in a field whose values are codes (``status``, ``state``, ``kind``,
  ``standing`` …): a reader treats an unknown code as "other";
- an existing field keeps its name and its JSON type, and is never removed; a field that
  may be ``null`` is documented so (``X | None``).

Renaming, removing or retyping a field, or making a non-null field nullable, raises
``json_version``. Imports nothing: ``status --json`` (app/prompt.py) reads it before a prompt.
"""

JSON_VERSION = 1
