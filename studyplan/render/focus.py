"""Views of the focus timer: its start and end lines, --status, --stop and --cancel, and the live bar."""

from __future__ import annotations

from datetime import datetime

from rich.console import RenderableType
from rich.text import Text

from studyplan.locale import t
from studyplan.render.messages import duration, kind_word
from studyplan.render.text import literal


def _clock(moment: datetime) -> str:
    return moment.astimezone().strftime("%H:%M")


def _what(timer, lang: str) -> Text:  # noqa: ANN001 - a domain.focus.Timer
    """``theory · ml-basics``: the kind, and the module when there is one (data: shown literally)."""
    line = Text(kind_word(timer.kind, lang))
    if timer.module:
        line.append(" · ")
        line.append_text(literal(timer.module, "cyan"))
    return line


def clock_text(seconds: int) -> str:
    """``24:05`` (minutes and seconds) or ``1:02:03`` for an hour or more: the countdown's numbers."""
    h, rest = divmod(max(0, int(seconds)), 3600)
    m, s = divmod(rest, 60)
    return f"{h}:{m:02d}:{s:02d}" if h else f"{m:02d}:{s:02d}"


def started_view(state, lang: str = "en") -> RenderableType:  # noqa: ANN001 - app.focus.FocusState
    timer = state.timer
    line = Text(t(lang, "Focus: {planned} until {end}", planned=duration(lang, timer.minutes), end=_clock(timer.ends_at)), style="bold")
    line.append(" (")
    line.append_text(_what(timer, lang))
    line.append(")")
    line.append("  " + t(lang, "Ctrl-C stops early; `studyplan focus --stop` works from any terminal."), style="dim")
    return line


def state_view(state, lang: str = "en") -> RenderableType:  # noqa: ANN001 - app.focus.FocusState
    timer = state.timer
    if timer is None:
        return Text(t(lang, "No focus timer is running. Start one: studyplan focus 25m"), style="yellow")
    if state.over:
        line = Text(t(lang, "Focus: the planned {planned} ended at {end} and is not logged yet; `studyplan focus --stop` logs it.",
                      planned=duration(lang, timer.minutes), end=_clock(timer.ends_at)), style="yellow")
    else:
        line = Text(t(lang, "Focus: {done} of {planned} done, {left} left (started {start})",
                      done=duration(lang, state.elapsed_seconds // 60), planned=duration(lang, timer.minutes),
                      left=clock_text(state.left_seconds), start=_clock(timer.started_at)), style="bold")
    line.append(" · ")
    line.append_text(_what(timer, lang))
    return line


def stopped_view(r, lang: str = "en") -> RenderableType:  # noqa: ANN001 - app.focus.FocusStopped
    if r.outcome == "cancelled":
        return Text(t(lang, "Focus timer dropped ({planned} from {start}); nothing logged.",
                      planned=duration(lang, r.timer.minutes), start=_clock(r.timer.started_at)))
    if r.outcome == "too-short":
        return Text(t(lang, "Focus stopped after less than a minute; nothing logged."))
    e = r.entry
    line = Text(t(lang, "Logged #{id}: {time} of {kind} on {day}", id=e.id, time=duration(lang, e.minutes),
                  kind=kind_word(e.kind, lang), day=e.day.isoformat()), style="bold")
    if e.module:
        line.append_text(literal(f" · {e.module}", "cyan"))
    line.append("  " + t(lang, "(`studyplan undo` removes it)"), style="dim")
    return line


def gone_view(lang: str = "en") -> RenderableType:
    return Text(t(lang, "The focus timer was stopped or dropped in another terminal."), style="yellow")


def left_running_view(lang: str = "en") -> RenderableType:
    return Text(t(lang, "The focus timer keeps running; `studyplan focus --stop` logs it, `studyplan focus --cancel` drops it."),
                style="yellow")


def ask_to_log(lang: str, minutes: int) -> str:
    """The Ctrl-C question (answered yes or no)."""
    return t(lang, "Log the {time} you have focused so far? (no: drop the timer)", time=duration(lang, minutes))


def countdown(console):  # noqa: ANN001, ANN201 - the run's Console; a rich Progress, drawn only on a terminal
    """The live bar on ``console``: what runs, a bar, and the time left; refreshed by the caller (no thread)."""
    from rich.progress import (  # rich.progress only for a live countdown
        BarColumn,
        Progress,
        TextColumn,
    )

    return Progress(TextColumn("{task.description}", markup=False), BarColumn(bar_width=None),
                    TextColumn("{task.fields[left]}", markup=False), console=console, auto_refresh=False,
                    transient=False, expand=True)


def countdown_label(state, lang: str = "en") -> str:  # noqa: ANN001 - app.focus.FocusState
    """``Focus theory · ml-basics`` as plain text (the bar's columns read no markup)."""
    return t(lang, "Focus") + " " + _what(state.timer, lang).plain


def countdown_left(state, lang: str = "en") -> str:  # noqa: ANN001
    return t(lang, "{left} left", left=clock_text(state.left_seconds))
