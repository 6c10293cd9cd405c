"""``studyplan today``."""

from __future__ import annotations

import typer

from studyplan.cli.common import DateOpt, JsonOpt, LangOpt, app_context, emit


def today(ctx: typer.Context, date: DateOpt = None, lang: LangOpt = None, json_: JsonOpt = False) -> None:
    """What to study today, and whether you are on schedule.

    Example: studyplan today --date 2026-03-02
    """
    from studyplan import services
    from studyplan.render.views import today_view

    app = app_context(ctx)
    result = services.today(app, app.day(date), app.lang(lang))
    emit(app, result, today_view, json_)
