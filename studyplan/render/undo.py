"""``studyplan undo``: what was undone, as the learner would say it ("Undone: 2h of theory
logged on 3 Dec"), never the journal's own names (``log-add 4 (120m theory)``)."""

from __future__ import annotations

from datetime import date, timedelta

from rich.console import Group, RenderableType
from rich.text import Text

from studyplan.domain.learner import UndoneChange
from studyplan.domain.text import clean
from studyplan.locale import msg, nmsg, t
from studyplan.render.messages import duration, kind_word, status_word
from studyplan.render.text import literal

MONTHS = (msg("Jan", context="month"), msg("Feb", context="month"), msg("Mar", context="month"), msg("Apr", context="month"),
          msg("May", context="month"), msg("Jun", context="month"), msg("Jul", context="month"), msg("Aug", context="month"),
          msg("Sep", context="month"), msg("Oct", context="month"), msg("Nov", context="month"), msg("Dec", context="month"))


def day_text(lang: str, day: date | str | None) -> str:
    """``3 Dec 2026`` / ``2026年12月3日``: a day as a sentence names it."""
    if isinstance(day, str):
        try:
            day = date.fromisoformat(day)
        except ValueError:
            return clean(day)
    if day is None:
        return "?"
    return t(lang, "{day} {month} {year}", context="date", day=day.day, month=MONTHS[day.month - 1], year=day.year)


def undo_view(r, lang: str) -> RenderableType:  # noqa: ANN001 - an UndoResult
    if not r.undone:
        return Text(t(lang, "Nothing to undo."))
    lines = [undone_line(c, lang) for c in r.changes]
    if not lines:  # a change that read the same as before (an item marked done inside a done module)
        return Text(t(lang, "Undone: a change that did not show in your progress."))
    if len(lines) == 1:
        line = Text(t(lang, "Undone:") + " ", style="bold")
        line.append_text(lines[0])
        return line
    return Group(Text(t(lang, "Undone:"), style="bold"), *(Text("  ").append_text(line) for line in lines))


def undone_line(c: UndoneChange, lang: str) -> Text:
    if c.action == "status":
        line = literal(c.target, "cyan")
        line.append(" " + t(lang, "{undone} → {status} again", undone=status_word(c.status_after or "todo", lang),
                            status=status_word(c.status_before or "todo", lang)))
        return line
    return Text(undone_text(c, lang))


def undone_text(c: UndoneChange, lang: str) -> str:
    """An undone change other than a status, as a learner would say it."""
    if c.action in ("log-add", "log-delete") and c.minutes is not None:
        what = {"time": duration(lang, c.minutes), "kind": kind_word(c.kind or "", lang), "day": day_text(lang, c.day)}
        if c.action == "log-add":
            return t(lang, "{time} of {kind} logged for {day} (no longer in the log)", **what)
        return t(lang, "removing {time} of {kind} logged for {day} (it is back in the log)", **what)
    if c.action == "replan" and c.days is not None:
        return t(lang, "the replan from {day} that moved the plan {days} later", day=day_text(lang, c.anchor),
                 days=nmsg("{n} day", "{n} days", c.days))
    if c.action == "pause" and c.days is not None and c.anchor:
        try:
            end = date.fromisoformat(c.anchor) + timedelta(days=max(c.days, 1) - 1)
        except ValueError:
            end = None
        return t(lang, "the pause from {start} to {end}", start=day_text(lang, c.anchor), end=day_text(lang, end))
    if c.action == "pause-cancel":
        return t(lang, "cancelling pause {id} (the pause applies again)", id=clean(c.target))
    if c.action == "replan-cancel":
        return t(lang, "cancelling replan {id}", id=clean(c.target))
    if c.action == "note-add":
        return t(lang, "the note on {ref}", ref=clean(c.ref or "?"))
    if c.action == "note-delete":
        return t(lang, "removing note {id} (it is back)", id=clean(c.target))
    if c.action == "curriculum":
        return t(lang, "switching from {old} to {new} (the profile follows {old} again)",
                 old=clean(c.curriculum_before or "?"), new=clean(c.curriculum_after or "?"))
    return t(lang, "{action} {target}", action=clean(c.action), target=clean(c.target))
