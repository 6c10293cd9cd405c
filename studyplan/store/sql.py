"""SQL conditions the store's reads share: a range of days, the notes of a module."""

from __future__ import annotations

from datetime import date


def day_range(since: date | None, until: date | None) -> tuple[str, list[str]]:
    """The SQL condition (and its parameters) for rows whose ``day`` falls in the range."""
    clause, params = "", []
    if since is not None:
        clause += " AND day >= ?"
        params.append(since.isoformat())
    if until is not None:
        clause += " AND day <= ?"
        params.append(until.isoformat())
    return clause, params


def notes_where(profile_id: int, ref_prefix: str | None, search: str | None) -> tuple[str, list]:
    """``FROM notes WHERE …`` (and its parameters) for a profile's notes, of a module or item, containing ``search``."""
    sql = " FROM notes WHERE profile_id = ? AND deleted = 0"
    params: list = [profile_id]
    if ref_prefix:
        # The module and its items ('m' and 'm/…'): one range of the index notes_profile_ref,
        # ['m', 'm0') ('0' follows '/'), without the refs in it that only start alike ('m-2').
        sql += " AND ref >= ? AND ref < ? AND (ref = ? OR ref >= ?)"
        params += [ref_prefix, ref_prefix + "0", ref_prefix, ref_prefix + "/"]
    if search:
        sql += " AND instr(lower(text), lower(?)) > 0"
        params.append(search)
    return sql, params
