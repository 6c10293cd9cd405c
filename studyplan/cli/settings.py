"""``studyplan config get|set|unset|list|path`` and ``studyplan curriculum list|validate``.

The use cases live in ``studyplan.app.settings``; these are the thin commands.
"""

from __future__ import annotations

import sys
from typing import Annotated, Any

import typer

from studyplan import paths
from studyplan.cli.boundary import CONTEXT_SETTINGS, StudyplanTyper, warn
from studyplan.cli.common import (
    JsonOpt,
    LangOpt,
    PlainOpt,
    console_of,
    doc,
    emit,
    session_of,
)
from studyplan.errors import StudyplanError
from studyplan.locale import msg

# Use cases and views are imported inside each command: `--help` and completion load every
# command module, and only the command being run should pay for its own (cli/__init__.py).

PRECEDENCE = (
    "Each setting comes from, highest first: a command-line flag (e.g. --lang), the environment "
    "variable STUDYPLAN_<NAME> (e.g. STUDYPLAN_LANG=ja, STUDYPLAN_WEEKLY_HOURS=12), the config file "
    "(`studyplan config path`), then the built-in default."
)

config_app = StudyplanTyper(
    name="config",
    help="Read and change settings in the config file (TOML).\n\n" + PRECEDENCE,
    context_settings=CONTEXT_SETTINGS,
    no_args_is_help=True,
    rich_markup_mode=None,
)
curriculum_app = StudyplanTyper(
    name="curriculum",
    help=f"List the curricula you can study and check your own (format: {doc('curriculum-format.md')}).",
    context_settings=CONTEXT_SETTINGS,
    no_args_is_help=True,
    rich_markup_mode=None,
)


# ---------------------------------------------------------------------------
# config: commands
# ---------------------------------------------------------------------------


def _show(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, (list, tuple)):
        return ",".join(str(v) for v in value)
    if isinstance(value, float):
        return f"{value:g}"
    return str(value)


SettingArg = Annotated[str, typer.Argument(metavar="SETTING", help="A setting, e.g. lang, weekly_hours, first_day_of_week (`studyplan config list`).",
                                           show_default=False)]


@config_app.command("get")
def config_get_cmd(ctx: typer.Context, name: SettingArg, json_: JsonOpt = False) -> None:
    """Print a setting's value as it applies now (empty when unset).

    Example: studyplan config get weekly_hours
    """
    from studyplan.app.settings import config_get

    session = session_of(ctx)
    entry = config_get(session, name)
    if json_:
        emit(ctx, entry, lambda r: r, True)
        return
    if entry.problem:  # the value as written on stdout, what is wrong with it on stderr
        warn(session.config.problem(entry.name) or entry.problem, session)
    sys.stdout.write(_show(entry.value) + "\n")


# A value may start with '-' (`config set daily_cap -3`): an unknown option is taken as the value,
# so it reaches the setting's own check and is refused in its words.
@config_app.command("set", context_settings={**CONTEXT_SETTINGS, "ignore_unknown_options": True})
def config_set_cmd(
    ctx: typer.Context,
    name: SettingArg,
    value: Annotated[str, typer.Argument(metavar="VALUE", help="The new value, e.g. ja, 12, sunday, \"saturday,sunday\".", show_default=False)],
    json_: JsonOpt = False,
) -> None:
    """Save a setting in the config file (checked first; the file is written atomically).

    Example: studyplan config set new_cards_per_day 15
    """
    from studyplan.app.settings import config_change
    from studyplan.render.data import config_change_view

    session = session_of(ctx)
    emit(ctx, config_change(session, name, value), lambda r: config_change_view(r, session.lang(profile=False)), json_)


@config_app.command("unset")
def config_unset_cmd(ctx: typer.Context, name: SettingArg, json_: JsonOpt = False) -> None:
    """Remove a setting from the config file, so its default (or environment) applies.

    Example: studyplan config unset lang
    """
    from studyplan.app.settings import config_change
    from studyplan.render.data import config_change_view

    session = session_of(ctx)
    emit(ctx, config_change(session, name, None), lambda r: config_change_view(r, session.lang(profile=False)), json_)


@config_app.command("list")
def config_list_cmd(ctx: typer.Context, plain: PlainOpt = False, json_: JsonOpt = False) -> None:
    """Every setting: its value now, where that value comes from, and what it does.

    Example: studyplan config list
    """
    from studyplan.app.settings import config_list
    from studyplan.render.data import config_list_view

    session = session_of(ctx)
    emit(ctx, config_list(session), lambda r: config_list_view(r, session.lang(profile=False)), json_, plain)


@config_app.command("path")
def config_path_cmd(ctx: typer.Context) -> None:
    """Print where the config file is (it may not exist yet; `config set` creates it).

    Example: $EDITOR "$(studyplan config path)"
    """
    sys.stdout.write(str(paths.config_path()) + "\n")


# ---------------------------------------------------------------------------
# curriculum: commands
# ---------------------------------------------------------------------------


@curriculum_app.command("list")
def curriculum_list_cmd(ctx: typer.Context, lang: LangOpt = None, plain: PlainOpt = False, json_: JsonOpt = False) -> None:
    """The bundled curricula and your own (from the user curricula folder shown below the table).

    Start one with `studyplan init --curriculum ID` (or a folder path).

    Example: studyplan curriculum list
    """
    from studyplan.app.session import locale_lang
    from studyplan.app.settings import curriculum_list
    from studyplan.render.data import curriculum_list_view

    session = session_of(ctx)
    language = lang or session.lang_flag or session.config.get("lang") or locale_lang(session.env)
    emit(ctx, curriculum_list(language if language in ("en", "ja") else "en"), curriculum_list_view, json_, plain)


@curriculum_app.command("validate")
def curriculum_validate_cmd(
    ctx: typer.Context,
    path: Annotated[str, typer.Argument(metavar="FOLDER|FILE|ID", help="A curriculum folder (or one of its YAML files, or an id from `curriculum list`).", show_default=False)],
    json_: JsonOpt = False,
) -> None:
    """Check a curriculum: every problem as file:line: message; exit code 2 when there is any.

    Warnings (e.g. a module no concept names) are printed but do not fail.

    Example: studyplan curriculum validate ~/my-curriculum
    """
    from studyplan.app.settings import curriculum_validate
    from studyplan.render.data import validation_lines, validation_view

    result = curriculum_validate(path)
    if json_:
        emit(ctx, result, validation_view, True)
    else:
        for line in validation_lines(result, session_of(ctx).lang(profile=False)):
            console_of(ctx).print(line, soft_wrap=True)
    if result.problems:
        raise StudyplanError(msg("{path}: {count} problem(s) found; fix them and run validate again", path=result.path, count=len(result.problems)), exit_code=2)
