"""``studyplan config get|set|unset|list|path`` and ``studyplan curriculum list|validate``.

Both groups are small and read no progress, so their use cases (the functions
returning result dataclasses) sit here next to the commands.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Annotated, Any

import typer

from studyplan.cli.boundary import CONTEXT_SETTINGS, StudyplanTyper
from studyplan.cli.common import JsonOpt, LangOpt, app_context, emit
from studyplan.cli.context import AppContext
from studyplan.errors import StudyplanError, UsageError

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
    help="List the curricula you can study and check your own (format: docs/curriculum-format.md).",
    context_settings=CONTEXT_SETTINGS,
    no_args_is_help=True,
    rich_markup_mode=None,
)


# ---------------------------------------------------------------------------
# config: use cases
# ---------------------------------------------------------------------------


@dataclass(frozen=True)
class ConfigEntry:
    name: str
    value: Any
    source: str  # default | file | env
    default: Any
    env: str
    doc: str


@dataclass(frozen=True)
class ConfigList:
    path: str
    entries: tuple[ConfigEntry, ...]


@dataclass(frozen=True)
class ConfigChange:
    name: str
    value: Any  # None after unset
    path: str
    action: str  # set | unset
    effective: Any
    overridden_by: str | None  # the environment variable that still wins, if set


def setting_name(raw: str) -> str:
    from studyplan.config import SETTINGS

    name = raw.strip().lower().replace("-", "_")
    if name not in SETTINGS:
        import difflib

        close = difflib.get_close_matches(name, list(SETTINGS), n=1)
        hint = f"did you mean '{close[0]}'? " if close else ""
        raise UsageError(f"unknown setting '{raw}'; {hint}`studyplan config list` shows them all")
    return name


def _entry(app: AppContext, name: str) -> ConfigEntry:
    from studyplan.config import SETTINGS, env_name

    s = SETTINGS[name]
    return ConfigEntry(name, app.config.get(name), app.config.source(name), s.default, env_name(name), s.doc)


def config_list(app: AppContext) -> ConfigList:
    from studyplan.config import SETTINGS

    return ConfigList(str(app.config.path), tuple(_entry(app, n) for n in SETTINGS))


def config_get(app: AppContext, name: str) -> ConfigEntry:
    return _entry(app, setting_name(name))


def config_change(app: AppContext, name: str, raw: str | None) -> ConfigChange:
    """Set (``raw`` given) or remove a setting in the config file, keeping the others."""
    from studyplan import paths
    from studyplan.config import Config, env_name, parse_value, write_config

    name = setting_name(name)
    path = paths.config_path()
    current = Config.load(path, app.env)  # a broken file is reported, never overwritten
    values = dict(current.file_values)
    if raw is None:
        values.pop(name, None)
        value = None
    else:
        try:
            value = parse_value(name, raw)
        except UsageError as exc:
            if "literal" in exc.message or "could not convert" in exc.message:
                raise UsageError(f"setting '{name}' must be a number, not '{raw}'; e.g. `studyplan config set {name} 10`") from None
            raise
        values[name] = value
    write_config(path, values)
    fresh = Config.load(path, app.env)
    env = env_name(name)
    overridden = env if app.env.get(env) else None
    return ConfigChange(name, value, str(path), "unset" if raw is None else "set", fresh.get(name), overridden)


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


def _complete_settings(incomplete: str) -> list[str]:
    from studyplan.config import SETTINGS

    return [n for n in SETTINGS if n.startswith(incomplete.replace("-", "_"))]


SettingArg = Annotated[str, typer.Argument(help="A setting, e.g. lang, weekly_hours, first_day_of_week (`studyplan config list`).",
                                           autocompletion=_complete_settings, show_default=False)]


@config_app.command("get")
def config_get_cmd(ctx: typer.Context, name: SettingArg, json_: JsonOpt = False) -> None:
    """Print a setting's value as it applies now (empty when unset).

    Example: studyplan config get weekly_hours
    """
    import sys

    app = app_context(ctx)
    entry = config_get(app, name)
    if json_:
        emit(app, entry, lambda r: r, True)
        return
    sys.stdout.write(_show(entry.value) + "\n")


@config_app.command("set")
def config_set_cmd(
    ctx: typer.Context,
    name: SettingArg,
    value: Annotated[str, typer.Argument(help="The new value, e.g. ja, 12, sunday, \"saturday,sunday\".", show_default=False)],
    json_: JsonOpt = False,
) -> None:
    """Save a setting in the config file (checked first; the file is written atomically).

    Example: studyplan config set new_cards_per_day 15
    """
    from studyplan.render.data import config_change_view

    app = app_context(ctx)
    emit(app, config_change(app, name, value), config_change_view, json_)


@config_app.command("unset")
def config_unset_cmd(ctx: typer.Context, name: SettingArg, json_: JsonOpt = False) -> None:
    """Remove a setting from the config file, so its default (or environment) applies.

    Example: studyplan config unset lang
    """
    from studyplan.render.data import config_change_view

    app = app_context(ctx)
    emit(app, config_change(app, name, None), config_change_view, json_)


@config_app.command("list")
def config_list_cmd(ctx: typer.Context, json_: JsonOpt = False) -> None:
    """Every setting: its value now, where that value comes from, and what it does.

    Example: studyplan config list
    """
    from studyplan.render.data import config_list_view

    app = app_context(ctx)
    emit(app, config_list(app), config_list_view, json_)


@config_app.command("path")
def config_path_cmd(ctx: typer.Context) -> None:
    """Print where the config file is (it may not exist yet; `config set` creates it).

    Example: $EDITOR "$(studyplan config path)"
    """
    import sys

    from studyplan import paths

    sys.stdout.write(str(paths.config_path()) + "\n")


# ---------------------------------------------------------------------------
# curriculum: use cases
# ---------------------------------------------------------------------------


@dataclass(frozen=True)
class CurriculumRow:
    id: str
    origin: str  # bundled | user
    path: str
    title: str | None
    months: int | None
    modules: int | None
    concepts: int | None
    valid: bool
    problem: str | None
    shadowed: bool  # a user curriculum of the same id replaces this one


@dataclass(frozen=True)
class CurriculumList:
    lang: str
    user_dir: str
    curricula: tuple[CurriculumRow, ...]


@dataclass(frozen=True)
class ValidationResult:
    path: str
    id: str | None
    valid: bool
    problems: tuple[str, ...]
    warnings: tuple[str, ...]
    modules: int
    topics: int
    concepts: int


def curriculum_list(lang: str) -> CurriculumList:
    from studyplan import catalog, paths
    from studyplan.errors import CurriculumError

    refs = catalog.available()
    rows = []
    for i, ref in enumerate(refs):
        shadowed = any(other.id == ref.id for other in refs[i + 1:])
        try:
            c = catalog.load(ref)
        except CurriculumError as exc:
            rows.append(CurriculumRow(ref.id, ref.origin, str(ref.path), None, None, None, None, False,
                                      f"{len(exc.problems)} problem(s), first: {exc.problems[0] if exc.problems else '?'}", shadowed))
            continue
        except StudyplanError as exc:
            rows.append(CurriculumRow(ref.id, ref.origin, str(ref.path), None, None, None, None, False, exc.message, shadowed))
            continue
        rows.append(CurriculumRow(ref.id, ref.origin, str(ref.path), c.title.get(lang), c.months, len(c.modules), len(c.concepts), True, None, shadowed))
    return CurriculumList(lang, str(paths.user_curricula_dir()), tuple(rows))


def curriculum_validate(spec: str) -> ValidationResult:
    from studyplan import catalog
    from studyplan.domain.loader import validate_directory, warnings_for
    from studyplan.errors import CurriculumError

    path = Path(spec).expanduser()
    display = spec.rstrip("/") or spec
    if path.is_file() and path.name.endswith((".yaml", ".yml")):
        path = path.parent
        display = str(Path(display).parent)
    elif not path.exists():
        try:
            ref = catalog.resolve(spec)
        except UsageError:
            raise UsageError(f"{spec}: no such folder or curriculum id; give the folder that holds curriculum.yaml and modules.yaml") from None
        path, display = ref.path, catalog.display_root(ref)
    try:
        data = validate_directory(path, display)
    except CurriculumError as exc:
        return ValidationResult(display, None, False, tuple(exc.problems), (), 0, 0, 0)
    modules = data["modules"]
    return ValidationResult(
        display, data["curriculum"]["id"], True, (), tuple(warnings_for(data)), len(modules),
        sum(len(m["topics"]) for m in modules), len(data.get("concepts") or ()),
    )


# ---------------------------------------------------------------------------
# curriculum: commands
# ---------------------------------------------------------------------------


@curriculum_app.command("list")
def curriculum_list_cmd(ctx: typer.Context, lang: LangOpt = None, json_: JsonOpt = False) -> None:
    """The bundled curricula and your own (from the user curricula folder shown below the table).

    Start one with `studyplan init --curriculum ID` (or a folder path).

    Example: studyplan curriculum list
    """
    from studyplan.render.data import curriculum_list_view

    from studyplan.cli.context import locale_lang

    app = app_context(ctx)
    language = lang or app.lang_flag or app.config.get("lang") or locale_lang(app.env)
    emit(app, curriculum_list(language if language in ("en", "ja") else "en"), curriculum_list_view, json_)


@curriculum_app.command("validate")
def curriculum_validate_cmd(
    ctx: typer.Context,
    path: Annotated[str, typer.Argument(help="A curriculum folder (or one of its YAML files, or an id from `curriculum list`).", show_default=False)],
    json_: JsonOpt = False,
) -> None:
    """Check a curriculum: every problem as file:line: message; exit code 2 when there is any.

    Warnings (e.g. a module no concept names) are printed but do not fail.

    Example: studyplan curriculum validate ~/my-curriculum
    """
    from studyplan.render.data import validation_lines, validation_view

    app = app_context(ctx)
    result = curriculum_validate(path)
    if json_:
        emit(app, result, validation_view, True)
    else:
        for line in validation_lines(result):
            app.console.print(line, soft_wrap=True)
    if result.problems:
        raise StudyplanError(f"{result.path}: {len(result.problems)} problem(s) found; fix them and run validate again", exit_code=2)
