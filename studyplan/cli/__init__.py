"""The command line: a root app that builds the AppContext, and thin commands.

Each command module holds one command or group; this file only wires them up.
With no command, ``studyplan`` shows today's view (as ``task`` runs its default report).
"""

from __future__ import annotations

from typing import Annotated, Optional

import typer

from studyplan.cli import init as init_cmd
from studyplan.cli import review as review_cmd
from studyplan.cli import companion, knowledge, mark, plan, today, tracking
from studyplan.cli import data as data_cmd
from studyplan.cli import settings as settings_cmd
from studyplan.cli.boundary import CONTEXT_SETTINGS, StudyplanTyper, guarded, version_callback
from studyplan.cli.context import AppContext

app = StudyplanTyper(
    name="studyplan",
    help=(
        "A terminal study companion for the 12-month machine learning, deep learning and GPT learning map.\n\n"
        "Settings come from flags, then STUDYPLAN_* environment variables, then the config file "
        "(`studyplan config path`), then defaults. STUDYPLAN_HOME keeps all data in one folder."
    ),
    context_settings=CONTEXT_SETTINGS,
    invoke_without_command=True,
    no_args_is_help=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
    add_completion=True,
)


@app.callback()
@guarded
def root(
    ctx: typer.Context,
    profile: Annotated[Optional[str], typer.Option("--profile", "-p", help="Profile (learner) to use; also STUDYPLAN_PROFILE.", show_default=False)] = None,
    lang: Annotated[Optional[str], typer.Option("--lang", help="Language for this run: en or ja.", show_default=False)] = None,
    version: Annotated[Optional[bool], typer.Option("--version", callback=version_callback, is_eager=True, help="Show the version and exit.")] = None,
) -> None:
    """Run with no command to see today's plan."""
    obj = ctx.obj if isinstance(ctx.obj, AppContext) else AppContext()
    if profile is not None:
        obj.profile_name = profile
    if lang is not None:
        obj.lang_flag = lang
    if ctx.obj is not obj:
        ctx.obj = obj
        ctx.call_on_close(obj.close)
    if ctx.invoked_subcommand is None:
        ctx.invoke(today.today, ctx, date=None, lang=None, json_=False)


app.command("today")(today.today)
app.command("plan")(plan.plan)
app.command("show")(plan.show)
app.command("start")(mark.start)
app.command("done")(mark.done)
app.command("skip")(mark.skip)
app.command("reset")(mark.reset)
app.command("undo")(mark.undo)
app.command("init")(init_cmd.init)
app.command("concept")(knowledge.concept)
app.command("concepts")(knowledge.concepts)
app.command("history")(knowledge.history)
app.command("read")(knowledge.read)
app.command("review")(review_cmd.review)
app.command("log")(tracking.log)
app.command("report")(tracking.report)
app.command("timeline")(tracking.timeline)
app.command("replan")(tracking.replan)
app.command("note")(companion.note)
app.command("notes")(companion.notes)
app.command("pause")(companion.pause)
app.command("export")(data_cmd.export)
app.command("import")(data_cmd.import_)
app.command("calendar")(data_cmd.calendar)
app.add_typer(settings_cmd.config_app, name="config")
app.add_typer(settings_cmd.curriculum_app, name="curriculum")


def main() -> None:
    app(prog_name="studyplan")
