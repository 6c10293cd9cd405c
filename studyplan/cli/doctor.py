"""``studyplan doctor [--repair]``."""

from __future__ import annotations

from typing import Annotated

import typer

from studyplan.cli.common import JsonOpt, emit, session_of

# Use cases and views are imported inside each command: `--help` and completion load every
# command module, and only the command being run should pay for its own (cli/__init__.py).


def doctor(
    ctx: typer.Context,
    repair: Annotated[bool, typer.Option("--repair", help="Fix what can be fixed; a copy of the database is always written first.")] = False,
    json_: JsonOpt = False,
) -> None:
    """Check the progress database: the file, integrity, schema version and ids no longer in the curriculum.

    Without --repair nothing is changed. With --repair a copy is written next to the
    database first; then a damaged database is rebuilt from what can be read, an
    older schema is migrated, orphaned statuses are reset (undo brings them back)
    and temp files left by a crash are removed. Exits 1 while problems remain.

    Example: studyplan doctor --repair
    """
    from studyplan.app import doctor as use_cases
    from studyplan.render.doctor import doctor_view

    session = session_of(ctx)
    result = use_cases.run(session, repair=repair)
    emit(ctx, result, lambda r: doctor_view(r, session.lang(profile=False)), json_)
    if not result.ok:
        raise typer.Exit(1)
