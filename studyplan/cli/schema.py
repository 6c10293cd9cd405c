"""``studyplan schema [COMMAND]``: the JSON Schema of a command's ``--json`` document."""

from __future__ import annotations

import sys
from typing import Annotated

import typer

from studyplan.errors import UsageError
from studyplan.locale import msg

# The registry, the generator and the export's table specs are imported inside the command:
# `--help` and completion load every command module (cli/__init__.py).


def schema(
    ctx: typer.Context,  # the error boundary reads the run's language from it
    command: Annotated[list[str] | None, typer.Argument(metavar="COMMAND", help="A command as you type it, e.g. today, log --list, config get, export-format (default: all of them).", show_default=False)] = None,
) -> None:
    """Print the JSON Schema (draft 2020-12) of a command's --json output.

    The schemas are generated from the records the commands print, so they always
    match. Without COMMAND, one object holds them all under "commands" (keys such
    as "today" and "log --list"), with the export file's schema under
    "export_format". Within one json_version, fields and codes may be added but
    are never renamed, retyped or removed.

    Example: studyplan schema log --list   ·   studyplan schema | jq '.commands | keys'
    """
    import json  # ~2 ms, this command's whole output

    from studyplan.app import results
    from studyplan.domain.contract import JSON_VERSION
    from studyplan.render import schema as schemas

    fmt = results.export_format()
    export_file = schemas.export_format_schema(fmt["document"], fmt["profile"], fmt["tables"], fmt["name"], fmt["version"])
    overrides = {fmt["document"]: export_file}

    def of(name: str) -> dict:
        return schemas.document_schema(f"studyplan {name} --json", results.RESULTS[name], overrides)

    wanted = " ".join(command or ()).strip()
    if not wanted:
        out = {"json_version": JSON_VERSION, "commands": {name: of(name) for name in results.RESULTS},
               "export_format": export_file}
    elif wanted == results.EXPORT_FORMAT:
        out = export_file
    elif wanted.removesuffix(" --json") in results.RESULTS:
        out = of(wanted.removesuffix(" --json"))
    else:
        known = ", ".join([*results.RESULTS, results.EXPORT_FORMAT])
        raise UsageError(msg("no JSON output named '{name}'; give one of: {known}", name=wanted, known=known))
    sys.stdout.write(json.dumps(out, ensure_ascii=False, indent=2) + "\n")
