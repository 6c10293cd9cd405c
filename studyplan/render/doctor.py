"""The `doctor` report: one line per check, its details indented under it."""

from __future__ import annotations

from rich.console import Group
from rich.text import Text

from studyplan.locale import catalog, msg, t
from studyplan.render.text import literal

CHECKS = {"config": msg("config", context="doctor check"), "leftovers": msg("leftovers", context="doctor check"),
          "file": msg("file", context="doctor check"), "repair": msg("repair", context="doctor check"),
          "schema": msg("schema", context="doctor check"), "integrity": msg("integrity", context="doctor check"),
          "references": msg("references", context="doctor check"), "orphans": msg("orphans", context="doctor check")}
MARK = {"ok": ("✔", "green"), "warning": ("!", "yellow"), "problem": ("✘", "bold red"), "fixed": ("✔", "cyan")}


def doctor_view(result, lang: str = "en") -> Group:  # noqa: ANN001
    text = catalog(lang).text
    lines: list[Text] = [Text(t(lang, "Database:") + " ", style="bold") + literal(result.database)]
    for f in result.findings:
        mark, style = MARK.get(f.status, ("?", ""))
        line = Text(f"{mark} ", style=style) + Text(f"{text(CHECKS.get(f.check, f.check))}: ", style="bold") + literal(text(f.message))
        lines.append(line)
        for d in f.details:
            lines.append(Text("    ") + literal(text(d)))
    if result.backup:
        lines.append(Text(t(lang, "Copy kept:") + " ", style="bold") + literal(result.backup))
    statuses = {f.status for f in result.findings}
    if not result.ok:
        verdict = t(lang, "Problems found (see above).")
    elif "fixed" in statuses:
        verdict = t(lang, "Repaired (see above).")
    elif "warning" in statuses:
        verdict = t(lang, "Nothing needs you now; the warnings above are for your information.")
    else:
        verdict = t(lang, "All good.")
    lines.append(Text(verdict, style="green" if result.ok else "bold red"))
    return Group(*lines)
