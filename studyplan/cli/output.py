"""Documents for other programs (CSV, an Anki file) written to ``--output FILE`` or standard output.

``--plain`` rows are written by ``common.emit``, which every table view goes through."""

from __future__ import annotations

import sys
from pathlib import Path

import typer

from studyplan.cli.common import console_of, session_of
from studyplan.fileio import atomic_write_text, output_path
from studyplan.locale import t


def target_of(output: Path | None, example: str) -> Path | None:
    """Where a document goes: None for standard output (no ``--output``, or ``-o -``), else the
    checked file (``fileio.output_path``), checked before anything is computed."""
    if output is None or str(output) == "-":
        return None
    return output_path(str(output), example)


def deliver(ctx: typer.Context, text: str, target: Path | None, what: str = "", lang: str | None = None) -> None:
    """``text`` to ``target`` (atomically) with a one-line receipt, or to standard output as it is."""
    if target is None:
        sys.stdout.write(text)
        return
    atomic_write_text(target, text)
    lang = lang or session_of(ctx).lang()
    console_of(ctx).print(t(lang, "Wrote {path}", path=str(target)) + what, highlight=False, markup=False)
