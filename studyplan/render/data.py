"""Rich views of export, import, calendar, config and curriculum results.

Text from data (paths, names, curriculum titles, problems) goes through
``literal`` so it is shown as written.
"""

from __future__ import annotations

from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text

from studyplan.render.text import literal


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
def export_view(r) -> RenderableType:  # noqa: ANN001
    total = sum(t.rows for t in r.tables)
    head = _line(("Exported profile ", "bold"), (r.profile, "bold cyan"), (f" ({r.curriculum}): {total} rows to ", ""), (r.output or "standard output", "bold"))
    table = _counts_table([(t.table, str(t.rows)) for t in r.tables], ("table", "rows"))
    hint = Text(f"Restore with: studyplan import {r.output or 'FILE'} (into an empty profile, or add --replace / --merge)", style="dim")
    return Group(head, table, hint)


def import_view(r) -> RenderableType:  # noqa: ANN001
    verb = {"created": "created", "replaced": "replaced", "kept": "kept (merge keeps its settings)"}[r.profile_action]
    if r.dry_run:
        head = _line(("Dry run: nothing was changed. ", "bold yellow"), (f"Importing {r.file} ({r.mode}) would leave profile ", ""),
                     (r.profile, "cyan"), (f" {verb}:", ""))
    else:
        head = _line((f"Imported {r.file} ({r.mode}): ", "bold"), ("profile ", ""), (r.profile, "cyan"), (f" {verb}.", ""))
    rows = [(t.table, str(t.in_file), str(t.added), str(t.updated), str(t.skipped), str(t.deleted)) for t in r.tables]
    parts: list[RenderableType] = [head, _counts_table(rows, ("table", "in file", "added", "updated", "skipped", "deleted"))]
    for w in r.warnings:
        parts.append(_line(("warning: ", "yellow"), (w, "")))
    return Group(*parts)


# -- calendar --------------------------------------------------------------------------------------
def calendar_view(r) -> RenderableType:  # noqa: ANN001
    head = _line(("Wrote ", "bold"), (r.output or "standard output", "bold"), (f": {r.events} events for profile ", ""), (r.profile, "cyan"),
                 (f" ({r.curriculum}), {r.start} → {r.end}", ""))
    lines = [head, Text(f"  {r.phases} phases and {r.modules} module windows as all-day events", style="")]
    if r.sessions:
        s = r.sessions
        h, m = divmod(s["minutes"], 60)
        length = f"{h} h {m:02d} min" if m else f"{h} h"
        lines.append(Text(f"  weekly study blocks on {', '.join(s['days'])} at {s['at']} for {length}"))
    lines.append(Text("Import it into your calendar app; importing a newer file updates these events instead of adding copies.", style="dim"))
    return Group(*lines)


# -- config ------------------------------------------------------------------------------------------
def _value(v: object) -> str:
    if v is None:
        return "(unset)"
    if isinstance(v, (list, tuple)):
        return ",".join(str(x) for x in v) or "(none)"
    if isinstance(v, float):
        return f"{v:g}"
    return str(v)


def config_list_view(r) -> RenderableType:  # noqa: ANN001
    table = Table(box=None, padding=(0, 1), show_header=True, header_style="bold")
    table.add_column("setting", no_wrap=True)
    table.add_column("value", no_wrap=True)
    table.add_column("from", no_wrap=True)
    table.add_column("meaning")
    for e in r.entries:
        source = e.env if e.source == "env" else e.source
        if not e.valid:  # shown as written, with what is wrong and how to fix it
            table.add_row(Text(e.name, style="cyan"), literal(f"{e.value} (invalid)", "bold red"), Text(source, style="yellow"),
                          literal(e.problem.split(f"setting '{e.name}' ", 1)[-1], "red"))
            continue
        table.add_row(Text(e.name, style="cyan"), literal(_value(e.value), "bold" if e.source != "default" else ""),
                      Text(source, style="dim" if e.source == "default" else "yellow"), literal(e.doc))
    foot = _line(("Config file: ", "dim"), (r.path, "dim"))
    order = Text("Precedence: flags, then STUDYPLAN_<NAME> environment variables, then the file, then defaults.", style="dim")
    parts: list[RenderableType] = [table, foot, order]
    if r.unknown:
        parts.insert(1, literal(f"Ignored (not a setting of this studyplan): {', '.join(r.unknown)}", "yellow"))
    return Group(*parts)


def config_change_view(r) -> RenderableType:  # noqa: ANN001
    if r.action == "set":
        line = _line(("Set ", "bold"), (r.name, "cyan"), (" = ", ""), (_value(r.value), "bold"), (f" in {r.path}", "dim"))
    else:
        line = _line(("Removed ", "bold"), (r.name, "cyan"), (f" from {r.path}; it is now {_value(r.effective)}", ""))
    parts: list[RenderableType] = [line]
    if r.overridden_by:
        parts.append(_line(("note: ", "yellow"), (f"{r.overridden_by} is set in the environment and wins: {r.name} is {_value(r.effective)} for now", "")))
    return Group(*parts)


# -- curricula -------------------------------------------------------------------------------------------
def curriculum_list_view(r) -> RenderableType:  # noqa: ANN001
    table = Table(box=None, padding=(0, 1), show_header=True, header_style="bold")
    for name in ("id", "origin", "title", "months", "modules", "concepts"):
        table.add_column(name, no_wrap=name != "title", justify="right" if name in ("months", "modules", "concepts") else "left")
    for c in r.curricula:
        origin = Text(c.origin + (" (shadowed)" if c.shadowed else ""), style="dim" if c.shadowed else "")
        if c.valid:
            table.add_row(literal(c.id, "cyan"), origin, literal(c.title), str(c.months), str(c.modules), str(c.concepts))
        else:
            table.add_row(literal(c.id, "cyan"), origin, literal(f"invalid: {c.problem}", "red"), "", "", "")
    parts: list[RenderableType] = [table] if r.curricula else [Text("No curricula found.")]
    parts.append(_line(("Your own curricula go in ", "dim"), (r.user_dir, "dim"), (" (one folder each; `studyplan curriculum validate PATH` checks one).", "dim")))
    return Group(*parts)


def validation_lines(r) -> list[Text]:  # noqa: ANN001
    """One problem per line, never wrapped (print with soft_wrap=True) so editors and grep can use them."""
    lines = [literal(p) for p in r.problems]
    lines += [_line(("warning: ", "yellow"), (w, "")) for w in r.warnings]
    if r.valid:
        lines.append(_line((f"{r.path}: ", "bold"), ("valid", "bold green"),
                           (f" — curriculum '{r.id}', {r.modules} modules, {r.topics} topics, {r.concepts} concepts", "")))
    return lines


def validation_view(r) -> RenderableType:  # noqa: ANN001
    return Group(*validation_lines(r))
