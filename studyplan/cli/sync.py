"""``studyplan sync [DIR]`` and ``studyplan sync --status``: study on two machines through one folder."""

from __future__ import annotations

from typing import Annotated

import typer

from studyplan.cli.common import JsonOpt, LangOpt, emit, session_of

# Use cases and views are imported inside the command: `--help` and completion load every
# command module, and only the command being run should pay for its own (cli/__init__.py).


def sync(
    ctx: typer.Context,
    folder: Annotated[str | None, typer.Argument(metavar="DIR", help="The folder Syncthing, Dropbox, a network share or a git repository carries between your devices; remembered as sync_dir.", show_default=False)] = None,
    status: Annotated[bool, typer.Option("--status", help="Show the devices seen in the folder, when each last synced, and what is waiting; change nothing.")] = False,
    lang: LangOpt = None,
    json_: JsonOpt = False,
) -> None:
    """Sync this profile with your other devices through a folder another tool carries.

    Each device writes only its own file, DIR/DEVICE-ID.PROFILE.json, and merges
    every other device's file in one transaction: merging twice or in any order gives
    the same result, and a file still being copied is skipped and read next time.
    With sync_dir set, every command that changes something syncs at its end
    (sync_auto, on by default). The merge rules are in the README ("Two machines").

    Example: studyplan sync ~/Sync/studyplan
    """
    from studyplan.app import sync as use_cases
    from studyplan.render.sync import sync_status_view, sync_view

    session = session_of(ctx)
    if status:
        emit(ctx, use_cases.status(session), lambda r: sync_status_view(r, session.lang(lang)), json_)
        return
    emit(ctx, use_cases.sync(session, folder), lambda r: sync_view(r, session.lang(lang)), json_)
