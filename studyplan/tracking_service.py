"""Use cases for the study-time log, reports, the timeline and re-planning."""

from __future__ import annotations

from datetime import date, timedelta
from typing import TYPE_CHECKING

from studyplan.config import WEEKDAYS
from studyplan.domain.durations import parse_duration
from studyplan.errors import NotFound, UsageError
from studyplan.record import Record
from studyplan.services import first_weekday, resolve_module
from studyplan.store.progress import MAX_ROW_ID, LogEntry, Revision

if TYPE_CHECKING:
    from studyplan.cli.context import AppContext

LOG_KINDS = ("theory", "coding", "updates")


def rest_weekdays(app: AppContext) -> frozenset[int]:
    return frozenset(WEEKDAYS.index(d) for d in app.config.get("rest_days"))


def pauses(app: AppContext) -> tuple[tuple[date, date], ...]:
    return tuple((r.pause_from, r.pause_to) for r in app.store.revisions(app.profile.id) if r.kind == "pause" and r.pause_from and r.pause_to)


# -- log ---------------------------------------------------------------------------------
class LogResult(Record):
    entry: LogEntry


def add_log(app: AppContext, duration: str, kind: str | None, module: str | None, note: str | None, day: str | None) -> LogResult:
    from studyplan.cli.context import parse_date

    minutes = parse_duration(duration)
    today = app.study_day()
    when = parse_date(day) if day else today
    if when > today:
        raise UsageError(f"--date {when} is in the future (today is {today}); log time after you have studied")
    mid = resolve_module(app, module) if module else None
    if kind is not None and kind not in LOG_KINDS:
        raise UsageError(f"--kind '{kind}' is not a kind; use theory, coding or updates")
    if kind is None:
        kind = "theory"
        if mid:
            track = app.curriculum.track(app.curriculum.module(mid).track)
            kind = track.log_kind if track else "theory"
    if note is not None and len(note) > 2000:
        raise UsageError("--note is longer than 2000 characters; keep log notes short (use `studyplan note` for more)")
    entry = app.store.add_log(app.profile.id, when, minutes, kind, mid, note, app.timestamp(), today)
    return LogResult(entry)


class LogList(Record):
    start: date | None
    end: date | None
    entries: tuple[LogEntry, ...]
    total_minutes: int


def list_logs(app: AppContext, period: str | None, day: date) -> LogList:
    from studyplan.domain.reports import period_bounds

    start = end = None
    if period:
        start, end = period_bounds(day, period, first_weekday(app))
    entries = tuple(app.store.logs(app.profile.id, start, end))
    return LogList(start, end, entries, sum(e.minutes for e in entries))


def delete_log(app: AppContext, log_id: int) -> LogResult:
    if not 1 <= log_id <= MAX_ROW_ID:
        raise NotFound(f"no log entry {log_id}; `studyplan log --list` shows the ids")
    return LogResult(app.store.delete_log(app.profile.id, log_id, app.timestamp(), app.study_day()))


# -- report ------------------------------------------------------------------------------
def report(app: AppContext, kind: str, day: date, lang: str):  # noqa: ANN201
    from studyplan.domain import streaks as streak_rules
    from studyplan.domain.reports import build_report, period_bounds, statuses_at

    profile = app.profile
    store = app.store
    start, end = period_bounds(day, kind, first_weekday(app))
    today = app.study_day()
    current = store.statuses(profile.id)
    # statuses as they were at the period's end: revert the status changes made since
    later = store.journal(profile.id, since=end + timedelta(days=1), action="status") if end < today else []
    statuses_end = statuses_at(current, later)
    rest = rest_weekdays(app)
    paused = pauses(app)
    as_of = min(end, max(day, start)) if end >= today else end
    active = store.activity_days(profile.id, until=as_of)
    streaks = streak_rules.compute(active, as_of, rest, paused)
    result = build_report(
        app.curriculum, app.timetable, profile.name, lang, kind, start, end, as_of, profile.weekly_hours,
        store.logs(profile.id, start, end), store.journal(profile.id, since=start, until=end), statuses_end,
        streaks, {d for d in active if start - timedelta(days=7) <= d <= end + timedelta(days=7)}, rest,
        store.lookups(profile.id, start, end),
    )
    from studyplan.domain.pace import weekly_trend
    from studyplan.review_service import at_risk, period_summary

    return result._replace(
        reviews=_as_dict(period_summary(app, start, end)),
        at_risk=tuple(_as_dict(x) for x in at_risk(app, as_of)),
        pace=_as_dict(weekly_trend(app.curriculum, store.completions(profile.id, end - timedelta(days=55), end), end)),
    )


def _as_dict(obj):  # noqa: ANN001, ANN202
    from studyplan.render.json import jsonable

    return jsonable(obj)


# -- timeline and replan -------------------------------------------------------------------
def revision_rows(app: AppContext):  # noqa: ANN201
    from studyplan.domain.timeline import RevisionRow

    return tuple(RevisionRow(r.id, r.kind, r.at, r.anchor, r.days, r.reason) for r in app.store.revisions(app.profile.id))


def timeline(app: AppContext, day: date, lang: str):  # noqa: ANN201
    from studyplan.domain.timeline import build_timeline

    return build_timeline(app.curriculum, app.timetable, app.store.statuses(app.profile.id), day, lang, revision_rows(app))


class ReplanResult(Record):
    changed: bool
    from_day: date
    days: int
    anchor: date | None
    old_end: date
    new_end: date
    message: str
    revision: Revision | None


def replan(app: AppContext, from_day: date) -> ReplanResult:
    from studyplan.domain.progress import topic_sets
    from studyplan.domain.schedule import build_timetable, position

    timetable = app.timetable
    done, skipped = topic_sets(app.curriculum, app.store.statuses(app.profile.id))
    pos = position(timetable, done, skipped, from_day)
    if pos.state != "active":
        where = "has not started yet" if pos.state == "before" else "has already ended"
        raise UsageError(f"the plan {where} on {from_day}; pick a --from date between {timetable.start} and {timetable.end}")
    counted = [t for t in timetable.topics if t.item.ref not in skipped]
    if pos.done_topics >= len(counted):
        return ReplanResult(False, from_day, 0, None, timetable.end, timetable.end, "everything is done: nothing to replan", None)
    nxt = counted[pos.done_topics]
    previous = counted[pos.done_topics - 1] if pos.done_topics else None
    phase = timetable.phases[nxt.phase_index]
    slot_start = previous.due + timedelta(days=1) if previous and previous.phase_index == nxt.phase_index else phase.start
    days = (from_day - slot_start).days
    if days <= 0:
        return ReplanResult(False, from_day, 0, None, timetable.end, timetable.end,
                            f"you are not behind on {from_day}: your next topic's slot starts {slot_start}", None)
    revision = app.store.add_revision(app.profile.id, "replan", slot_start, days, app.timestamp(), app.study_day(), reason=f"behind by {days} days")
    new_end = build_timetable(app.curriculum, app.plan()).end
    return ReplanResult(True, from_day, days, slot_start, timetable.end, new_end,
                        f"moved the rest of the plan {days} days later: unfinished work starts {from_day}", revision)
