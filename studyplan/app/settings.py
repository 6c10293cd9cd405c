"""Use cases for ``studyplan config`` and ``studyplan curriculum``: settings and the curricula catalogue."""

from __future__ import annotations

import difflib
from pathlib import Path

from studyplan import paths
from studyplan.app import catalog
from studyplan.app.session import Session
from studyplan.config import (
    SETTINGS,
    Config,
    env_name,
    parse_value,
    toml_text,
    write_setting,
)
from studyplan.errors import CurriculumError, StudyplanError, UsageError
from studyplan.locale import msg
from studyplan.record import Record

# -- config --------------------------------------------------------------------------------
# A setting's value as --json shows it: a TOML scalar or list (an invalid one as the file wrote it).
SettingValue = str | int | float | bool | list | None


class ConfigEntry(Record):
    name: str
    value: SettingValue
    source: str  # default | file | env
    default: SettingValue
    env: str
    doc: str
    valid: bool = True  # False: the file's value is wrong (``value`` is then the file's text, as written)
    problem: str | None = None  # why, and how to fix it


class ConfigList(Record):
    path: str
    entries: tuple[ConfigEntry, ...]
    unknown: tuple[str, ...] = ()  # keys of the file this studyplan does not know (ignored)


class ConfigChange(Record):
    name: str
    value: SettingValue  # None after unset
    path: str
    action: str  # set | unset
    effective: SettingValue
    overridden_by: str | None  # the environment variable that still wins, if set


def setting_name(raw: str) -> str:
    name = raw.strip().lower().replace("-", "_")
    if name not in SETTINGS:
        close = difflib.get_close_matches(name, list(SETTINGS), n=1)
        if close:
            raise UsageError(msg("unknown setting '{raw}'; did you mean '{close}'? `studyplan config list` shows them all", raw=raw, close=close[0]))
        raise UsageError(msg("unknown setting '{raw}'; `studyplan config list` shows them all", raw=raw))
    return name


def _entry(config: Config, name: str) -> ConfigEntry:
    s = SETTINGS[name]
    problem = config.problem(name)
    if problem is not None:  # shown as written, so the user sees what to fix
        return ConfigEntry(name, toml_text(config.raw[name]), "file", s.default, env_name(name), s.doc, False, str(problem))
    return ConfigEntry(name, config.get(name), config.source(name), s.default, env_name(name), s.doc)


def config_list(session: Session) -> ConfigList:
    config = session.config
    return ConfigList(str(config.path), tuple(_entry(config, n) for n in SETTINGS), config.unknown)


def config_get(session: Session, name: str) -> ConfigEntry:
    return _entry(session.config, setting_name(name))


def config_change(session: Session, name: str, raw: str | None) -> ConfigChange:
    """Set (``raw`` given) or remove a setting in the config file, keeping the others."""
    name = setting_name(name)
    path = paths.config_path()
    Config.load(path, session.env)  # a file that is not TOML is reported, never overwritten
    if raw is None:
        value = None
    else:
        try:
            value = parse_value(name, raw)
        except UsageError as exc:
            if "literal" in exc.message or "could not convert" in exc.message:
                raise UsageError(msg("setting '{name}' must be a number, not '{raw}'; e.g. "
                                     "`studyplan config set {name} 10`", name=name, raw=raw)) from None
            raise
    write_setting(path, name, value)  # the rest of the file stays as written: comments, order, unknown keys
    fresh = Config.load(path, session.env)
    env = env_name(name)
    overridden = env if session.env.get(env) else None
    return ConfigChange(name, value, str(path), "unset" if raw is None else "set", fresh.get(name), overridden)


# -- curricula -----------------------------------------------------------------------------


class CurriculumRow(Record):
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


class CurriculumList(Record):
    lang: str
    user_dir: str
    curricula: tuple[CurriculumRow, ...]


class ValidationResult(Record):
    path: str
    id: str | None
    valid: bool
    problems: tuple[str, ...]
    warnings: tuple[str, ...]
    modules: int
    topics: int
    concepts: int


def curriculum_list(lang: str) -> CurriculumList:
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
    """A curriculum folder, one of its files, or an id; every problem as ``file:line: message``
    (``file: message`` for a file as a whole: missing, unreadable, not a curriculum file)."""
    path = Path(spec).expanduser()
    display = spec.rstrip("/") or spec
    if path.exists() and not path.is_dir():  # a file (a FIFO or a device is refused, never read)
        return _validate_file(path, display)
    if not path.exists():
        try:
            ref = catalog.resolve(spec)
        except UsageError:
            raise UsageError(msg("{spec}: no such folder or curriculum id; give the folder that "
                                 "holds curriculum.yaml and modules.yaml", spec=spec)) from None
        path, display = ref.path, catalog.display_root(ref)
    return _validate_folder(path, display)


def _validate_folder(path: Path, display: str) -> ValidationResult:
    # yaml (~20 ms) only here: --help and completion load every command module, and the
    # other settings commands read curricula through the catalog's cache
    from studyplan.domain.loader import validate_directory, warnings_for

    try:
        data = validate_directory(path, display)
    except CurriculumError as exc:
        return ValidationResult(display, None, False, tuple(exc.problems), (), 0, 0, 0)
    modules = data["modules"]
    return ValidationResult(
        display, data["curriculum"]["id"], True, (), tuple(warnings_for(data)), len(modules),
        sum(len(m["topics"]) for m in modules), len(data.get("concepts") or ()),
    )


def _validate_file(path: Path, display: str) -> ValidationResult:
    """One file given: its own problems first (as ``display:line:``), then its curriculum's.

    A file that is neither named like a curriculum file nor next to a curriculum.yaml is
    checked alone (readable, YAML, a mapping at the top), and the result says which
    folder layout a curriculum needs.
    """
    from studyplan.domain.content import FILES
    from studyplan.domain.loader import LAYOUT, check_file

    own = check_file(path, display)
    folder, folder_display = path.parent, str(Path(display).parent)
    known = path.name in FILES
    if not known and not (folder / "curriculum.yaml").is_file():
        layout = f"{display}: not a curriculum file; {LAYOUT}; give that folder or one of its files"
        return ValidationResult(display, None, False, (*own, layout), (), 0, 0, 0)
    result = _validate_folder(folder, folder_display)
    prefix = f"{folder_display}/{path.name}:"  # the folder's lines about this file, spelled as the user did
    theirs = [display + p[len(prefix) - 1:] if p.startswith(prefix) else p for p in result.problems]
    merged = list(dict.fromkeys([*own, *theirs]))
    problems = tuple([p for p in merged if p.startswith(f"{display}:")] + [p for p in merged if not p.startswith(f"{display}:")])
    warnings = result.warnings if known else (
        f"{display} is not one of a curriculum's files ({', '.join(FILES)}); the curriculum in {folder_display} does not read it",
        *result.warnings)
    return result._replace(valid=not problems, problems=problems, warnings=warnings)
