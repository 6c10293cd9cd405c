"""The `doctor` report: one line per check, its details indented under it."""

from __future__ import annotations

from rich.console import Group
from rich.text import Text

from studyplan.render.text import literal

MARK = {"ok": ("✔", "green"), "warning": ("!", "yellow"), "problem": ("✘", "bold red"), "fixed": ("✔", "cyan")}


def doctor_view(result) -> Group:
    lines: list[Text] = [Text("Database: ", style="bold") + literal(result.database)]
    for f in result.findings:
        mark, style = MARK.get(f.status, ("?", ""))
        line = Text(f"{mark} ", style=style) + Text(f"{f.check}: ", style="bold") + literal(f.message)
        lines.append(line)
        for d in f.details:
            lines.append(Text("    ") + literal(d))
    if result.backup:
        lines.append(Text("Copy kept: ", style="bold") + literal(result.backup))
    statuses = {f.status for f in result.findings}
    if not result.ok:
        verdict = "Problems found (see above)."
    elif "fixed" in statuses:
        verdict = "Repaired (see above)."
    elif "warning" in statuses:
        verdict = "Nothing needs you now; the warnings above are for your information."
    else:
        verdict = "All good."
    lines.append(Text(verdict, style="green" if result.ok else "bold red"))
    return Group(*lines)
