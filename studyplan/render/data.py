"""Rich views of export, import, calendar, config and curriculum results.

Text from data (paths, names, curriculum titles, problems) goes through
``literal`` so it is shown as written.
"""

from __future__ import annotations

from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text

from studyplan.locale import catalog, msg, nmsg, t
from studyplan.render.messages import duration, weekday_word
from studyplan.render.text import literal
from studyplan.render.wrap import wrapped


def _line(*parts: tuple[str, str] | Text) -> Text:
    out = Text()
    for p in parts:
        out.append_text(p if isinstance(p, Text) else literal(p[0], p[1]))
    return out


def _counts_table(rows: list[tuple[str, ...]], headers: tuple[str, ...]) -> Table:
    table = Table(box=None, padding=(0, 1), show_header=True, header_style="bold")
    table.add_column(headers[0], no_wrap=True)
    for h in headers[1:]:
        table.add_column(h, justify="right", no_wrap=True)
    for row in rows:
        table.add_row(Text(row[0], style="cyan"), *(Text(c) for c in row[1:]))
    return table


# -- export / import --------------------------------------------------------------------------
def export_view(r, lang: str = "en") -> RenderableType:  # noqa: ANN001
    total = sum(x.rows for x in r.tables)
    where = r.output or t(lang, "standard output")
    head = _line((t(lang, "Exported profile {profile} ({curriculum}): {rows} rows to {where}", profile=r.profile, curriculum=r.curriculum,
                    rows=total, where=where), "bold"))
    table = _counts_table([(x.table, str(x.rows)) for x in r.tables], (t(lang, "table", context="column"), t(lang, "rows", context="column")))
    hint = Text(t(lang, "Restore with: studyplan import {file} (into an empty profile, or add --replace / --merge)", file=r.output or "FILE"),
                style="dim")
    return Group(head, table, hint)


def import_view(r, lang: str = "en") -> RenderableType:  # noqa: ANN001
    verb = {"created": msg("created", context="profile"), "replaced": msg("replaced", context="profile"),
            "kept": msg("kept (merge keeps its settings)", context="profile")}[r.profile_action]
    what = {"file": r.file, "mode": _MODES.get(r.mode, r.mode), "profile": r.profile, "verb": verb}
    if r.dry_run:
        head = _line((t(lang, "Dry run: nothing was changed.") + " ", "bold yellow"),
                     (t(lang, "Importing {file} ({mode}) would leave profile {profile} {verb}.", **what), ""))
    else:
        head = _line((t(lang, "Imported {file} ({mode}): profile {profile} {verb}.", **what), "bold"))
    rows = [(x.table, str(x.in_file), str(x.added), str(x.updated), str(x.skipped), str(x.deleted)) for x in r.tables]
    headers = (t(lang, "table", context="column"), t(lang, "in file", context="column"), t(lang, "added", context="column"),
               t(lang, "updated", context="column"), t(lang, "skipped", context="column"), t(lang, "deleted", context="column"))
    parts: list[RenderableType] = [head, _counts_table(rows, headers)]
    for w in r.warnings:
        parts.append(_line((t(lang, "warning:") + " ", "yellow"), (catalog(lang).text(w), "")))
    return Group(*parts)


_MODES = {"replace": msg("replace", context="import mode"), "merge": msg("merge", context="import mode")}
_WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")


# -- calendar --------------------------------------------------------------------------------------
def calendar_view(r, lang: str = "en") -> RenderableType:  # noqa: ANN001
    head = _line((t(lang, "Wrote {where}: {events} for profile {profile} ({curriculum}), {start} → {end}", where=r.output or t(lang, "standard output"),
                    events=nmsg("{n} event", "{n} events", r.events), profile=r.profile, curriculum=r.curriculum, start=r.start, end=r.end), "bold"))
    lines = [head, Text("  " + t(lang, "{phases} and {modules} as all-day events", phases=nmsg("{n} phase", "{n} phases", r.phases),
                                 modules=nmsg("{n} module window", "{n} module windows", r.modules)))]
    if r.sessions:
        s = r.sessions
        days = ", ".join(weekday_word(_WEEKDAYS.index(d), lang) if d in _WEEKDAYS else d for d in s["days"])
        if s.get("all_day"):
            lines.append(Text("  " + t(lang, "weekly study days on {days} as all-day events, about {time} each", days=days, time=duration(lang, s["minutes"]))))
        else:
            lines.append(Text("  " + t(lang, "weekly study blocks on {days} at {at} for {time}", days=days, at=s["at"], time=duration(lang, s["minutes"]))))
    lines.append(Text(t(lang, "Import it into your calendar app; importing a newer file updates these events instead of adding copies."), style="dim"))
    return Group(*lines)


# -- config ------------------------------------------------------------------------------------------
def _value(v: object, lang: str = "en") -> str:
    if v is None:
        return t(lang, "(unset)")
    if isinstance(v, (list, tuple)):
        return ",".join(str(x) for x in v) or t(lang, "(none)")
    if isinstance(v, float):
        return f"{v:g}"
    return str(v)


_SOURCES = {"default": msg("default", context="config source"), "file": msg("file", context="config source")}


def config_list_view(r, lang: str = "en") -> RenderableType:  # noqa: ANN001
    table = Table(box=None, padding=(0, 1), show_header=True, header_style="bold")
    table.add_column(t(lang, "setting", context="column"), no_wrap=True)
    table.add_column(t(lang, "value", context="column"), no_wrap=True)
    table.add_column(t(lang, "from", context="config column"), no_wrap=True)
    table.add_column(t(lang, "meaning", context="column"))
    for e in r.entries:
        source = e.env if e.source == "env" else catalog(lang).text(_SOURCES.get(e.source, e.source))
        if not e.valid:  # shown as written, with what is wrong and how to fix it
            table.add_row(Text(e.name, style="cyan"), literal(t(lang, "{value} (invalid)", value=e.value), "bold red"), Text(source, style="yellow"),
                          literal(catalog(lang).text(e.problem).split(f"setting '{e.name}' ", 1)[-1], "red"))
            continue
        table.add_row(Text(e.name, style="cyan"), literal(_value(e.value, lang), "bold" if e.source != "default" else ""),
                      Text(source, style="dim" if e.source == "default" else "yellow"), wrapped(literal(catalog(lang).text(e.doc))))
    foot = _line((t(lang, "Config file:") + " ", "dim"), (r.path, "dim"))
    order = Text(t(lang, "Precedence: flags, then STUDYPLAN_<NAME> environment variables, then the file, then defaults."), style="dim")
    parts: list[RenderableType] = [table, foot, order]
    if r.unknown:
        parts.insert(1, literal(t(lang, "Ignored (not a setting of this studyplan): {names}", names=", ".join(r.unknown)), "yellow"))
    return Group(*parts)


def config_change_view(r, lang: str = "en") -> RenderableType:  # noqa: ANN001
    if r.action == "set":
        line = _line((t(lang, "Set {name} = {value} in {path}", name=r.name, value=_value(r.value, lang), path=r.path), ""))
    else:
        line = _line((t(lang, "Removed {name} from {path}; it is now {value}", name=r.name, path=r.path, value=_value(r.effective, lang)), ""))
    parts: list[RenderableType] = [line]
    if r.overridden_by:
        parts.append(_line((t(lang, "note:") + " ", "yellow"), (t(lang, "{variable} is set in the environment and wins: {name} is {value} for now",
                                                                 variable=r.overridden_by, name=r.name, value=_value(r.effective, lang)), "")))
    return Group(*parts)


# -- curricula -------------------------------------------------------------------------------------------
def curriculum_list_view(r) -> RenderableType:  # noqa: ANN001
    lang = r.lang
    table = Table(box=None, padding=(0, 1), show_header=True, header_style="bold")
    table.add_column("id", no_wrap=True)
    table.add_column(t(lang, "origin", context="column"), no_wrap=True)
    table.add_column(t(lang, "title", context="column"))
    for name in (t(lang, "months", context="column"), t(lang, "modules", context="column"), t(lang, "concepts", context="column")):
        table.add_column(name, no_wrap=True, justify="right")
    origins = {"bundled": msg("bundled", context="curriculum origin"), "user": msg("user", context="curriculum origin")}
    for c in r.curricula:
        origin = catalog(lang).text(origins.get(c.origin, c.origin)) + (" " + t(lang, "(shadowed)") if c.shadowed else "")
        origin_text = Text(origin, style="dim" if c.shadowed else "")
        if c.valid:
            table.add_row(literal(c.id, "cyan"), origin_text, wrapped(literal(c.title)), str(c.months), str(c.modules), str(c.concepts))
        else:
            table.add_row(literal(c.id, "cyan"), origin_text, literal(t(lang, "invalid: {problem}", problem=catalog(lang).text(c.problem)), "red"), "", "", "")
    parts: list[RenderableType] = [table] if r.curricula else [Text(t(lang, "No curricula found."))]
    parts.append(literal(t(lang, "Your own curricula go in {folder} (one folder each; `studyplan curriculum validate PATH` checks one).",
                           folder=r.user_dir), "dim"))
    return Group(*parts)


def validation_lines(r, lang: str = "en") -> list[Text]:  # noqa: ANN001
    """One problem per line, never wrapped (print with soft_wrap=True) so editors and grep can use them."""
    lines = [literal(catalog(lang).text(p)) for p in r.problems]
    lines += [_line((t(lang, "warning:") + " ", "yellow"), (catalog(lang).text(w), "")) for w in r.warnings]
    if r.valid:
        lines.append(_line((f"{r.path}: ", "bold"), (t(lang, "valid"), "bold green"),
                           (" — " + t(lang, "curriculum '{id}', {modules}, {topics}, {concepts}", id=r.id,
                                      modules=nmsg("{n} module", "{n} modules", r.modules), topics=nmsg("{n} topic", "{n} topics", r.topics),
                                      concepts=nmsg("{n} concept", "{n} concepts", r.concepts)), "")))
    return lines


def validation_view(r, lang: str = "en") -> RenderableType:  # noqa: ANN001
    return Group(*validation_lines(r, lang))
