"""``focus``: a timed block of study, logged when it ends."""

from __future__ import annotations

from typing import Annotated, Optional

import typer

from studyplan.cli.common import JsonOpt, LangOpt, console_of, emit, session_of
from studyplan.errors import UsageError
from studyplan.locale import msg

# Use cases and views are imported inside the command (cli/__init__.py).

TERMINAL_TICK = 1.0  # seconds between redraws of the bar
QUIET_TICK = 15.0  # off a terminal nothing is drawn: wake only to notice a stop elsewhere


def focus(
    ctx: typer.Context,
    duration: Annotated[Optional[str], typer.Argument(metavar="DURATION", help="How long: 25m (default), 50m, 1h, 1h30m or 90 (minutes).", show_default=False)] = None,
    module: Annotated[Optional[str], typer.Option("--module", "-m", metavar="MODULE", help="The module you study.", show_default=False)] = None,
    kind: Annotated[Optional[str], typer.Option("--kind", "-k", metavar="KIND", help="theory, coding or updates (default: from the module, else theory).", show_default=False)] = None,
    stop: Annotated[bool, typer.Option("--stop", help="Stop the running timer (from any terminal) and log its time.")] = False,
    cancel: Annotated[bool, typer.Option("--cancel", help="Drop the running timer without logging anything.")] = False,
    status: Annotated[bool, typer.Option("--status", help="Show the running timer, if any.")] = False,
    lang: LangOpt = None,
    json_: JsonOpt = False,
) -> None:
    """Focus for a while (25 minutes unless told) and log the time when it ends.

    A countdown runs in the terminal (a bar on a terminal; elsewhere a line when it
    starts and one when it ends). The timer is stored, so it outlives the terminal:
    `studyplan focus --stop` in another one logs it, `--status` (and the {focus}
    field of `studyplan status`) shows it, `--cancel` drops it. Only one runs at a time.

    What is logged is a `log` entry like any other (`undo` removes it; reports and
    streaks count it): the minutes the timer ran, never more than planned, on the
    study day it started. Ctrl-C asks whether to log the part already done.

    Example: studyplan focus 50m --module dl-intro
    """
    from studyplan.app import focus as svc
    from studyplan.render import focus as views

    session = session_of(ctx)
    language = session.lang(lang)
    actions = [name for name, on in (("--stop", stop), ("--cancel", cancel), ("--status", status)) if on]
    if len(actions) > 1:
        raise UsageError(msg("{first} and {second} exclude each other; pick one", first=actions[0], second=actions[1]))
    if actions and (duration is not None or module is not None or kind is not None):
        raise UsageError(msg("DURATION, --module and --kind start a timer; {option} takes none of them", option=actions[0]))
    if status:
        emit(ctx, svc.state(session), lambda r: views.state_view(r, language), json_)
        return
    if stop or cancel:
        emit(ctx, (svc.stop if stop else svc.cancel)(session), lambda r: views.stopped_view(r, language), json_)
        return
    if json_:
        raise UsageError(msg("--json goes with --status, --stop or --cancel; a running countdown prints no JSON"))
    started = svc.start(session, duration, kind, module)
    console = console_of(ctx)
    console.print(views.started_view(started, language))
    try:
        finished = _count_down(session, console, started, svc, views, language)
    except KeyboardInterrupt:
        _interrupted(ctx, session, started.timer, svc, views, language)
        return
    if not finished:
        console.print(views.gone_view(language))
        return
    result = svc.stop(session, started.timer)
    console.print(views.stopped_view(result, language) if result is not None else views.gone_view(language))


def _count_down(session, console, started, svc, views, language: str) -> bool:  # noqa: ANN001
    """Wait for the end: a live bar on a terminal, nothing drawn elsewhere. False: stopped elsewhere."""
    if not console.is_terminal:
        return svc.wait(session, started.timer, lambda state: None, QUIET_TICK)
    bar = views.countdown(console)
    total = started.timer.minutes * 60
    with bar:
        task = bar.add_task(views.countdown_label(started, language), total=total, left=views.countdown_left(started, language))

        def draw(state) -> None:  # noqa: ANN001
            bar.update(task, completed=min(total, state.elapsed_seconds), left=views.countdown_left(state, language))
            bar.refresh()

        return svc.wait(session, started.timer, draw, TERMINAL_TICK)


def _interrupted(ctx: typer.Context, session, timer, svc, views, language: str) -> None:  # noqa: ANN001
    """Ctrl-C: log the part already done, or drop the timer. Ctrl-C again (or no answer) leaves it stored."""
    console = console_of(ctx)
    minutes = svc.minutes_so_far(session, timer)
    try:
        keep = minutes >= 1 and typer.confirm(views.ask_to_log(language, minutes), default=True)
    except (KeyboardInterrupt, typer.Abort, EOFError):
        console.print(views.left_running_view(language))
        raise typer.Exit(130) from None
    result = svc.stop(session, timer) if keep else svc.cancel(session, timer)
    console.print(views.stopped_view(result, language) if result is not None else views.gone_view(language))
