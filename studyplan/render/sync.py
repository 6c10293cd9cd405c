"""Views of `studyplan sync` and `studyplan sync --status`."""

from __future__ import annotations

from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text

from studyplan.locale import catalog, nt, t
from studyplan.render.text import literal


def sync_view(r, lang: str = "en") -> RenderableType:
    head = Text(t(lang, "Synced profile {profile} with {folder}", profile=r.profile, folder=r.folder), style="bold")
    lines: list[RenderableType] = [head]
    for m in r.merged:
        if m.problem is None:
            lines.append(literal("  " + t(lang, "{device}: {rows} new from its file", device=m.device,
                                          rows=nt(lang, "{n} row", "{n} rows", m.added))))
    for w in r.warnings:
        lines.append(literal(t(lang, "warning: {text}", text=catalog(lang).text(w)), "yellow"))
    if not r.merged:
        lines.append(Text("  " + t(lang, "no other device has written to the folder yet"), style="dim"))
    own = t(lang, "wrote {file}", file=r.file) if r.wrote else t(lang, "{file} was already up to date", file=r.file)
    lines.append(literal("  " + own, "dim"))
    return Group(*lines)


def sync_status_view(r, lang: str = "en") -> RenderableType:
    if not r.folder:
        return Text(t(lang, "Not syncing: no sync folder yet. Start with: studyplan sync ~/Sync/studyplan"))
    lines: list[RenderableType] = [literal(t(lang, "Sync folder {folder} (profile {profile}; this device {device})",
                                             folder=r.folder, profile=r.profile, device=r.device or "-"), "bold")]
    table = Table(box=None, padding=(0, 1), show_header=True, header_style="bold")
    for name in (t(lang, "device", context="column"), t(lang, "last change", context="column"),
                 t(lang, "merged here", context="column"), t(lang, "state", context="column")):
        table.add_column(name)
    for d in r.devices:
        state = t(lang, "this device") if d.this else (t(lang, "new changes to merge") if d.pending else t(lang, "merged"))
        table.add_row(literal(d.device, "cyan"), literal(d.exported_at or "-"), literal(d.merged_at or "-"), Text(state))
    lines.append(table if r.devices else Text(t(lang, "No device has written to the folder yet."), style="dim"))
    waiting = sum(r.pending.values())
    lines.append(Text(t(lang, "Made here since the last sync: {rows}", rows=nt(lang, "{n} row", "{n} rows", waiting))
                      if waiting else t(lang, "Nothing made here is waiting to be synced.")))
    lines.append(Text(t(lang, "Last sync here: {at}; automatic sync after changes: {auto}", at=r.last_sync or "-",
                        auto=t(lang, "on", context="setting") if r.auto else t(lang, "off", context="setting")), style="dim"))
    return Group(*lines)
