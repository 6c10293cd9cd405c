"""Settings: one spec (name, type, default, doc, check), read from a TOML file.

Precedence, highest first: command-line flags, environment variables
(``STUDYPLAN_<NAME>``, e.g. ``STUDYPLAN_LANG=ja``), the config file
(``studyplan config path``), then the defaults below.
"""

from __future__ import annotations

import math
import os
import re
from datetime import date, datetime, time
from pathlib import Path
from typing import Any, Callable

from studyplan.errors import UsageError
from studyplan.fileio import atomic_write_text, read_regular_file
from studyplan.record import Record

MAX_CONFIG_BYTES = 1024 * 1024  # ten settings fit in a few hundred bytes
WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")


def _number(v: Any) -> float:
    """A number from TOML (int or float) or from text (the environment, `config set`)."""
    if isinstance(v, bool) or not isinstance(v, (int, float, str)):
        raise TypeError("must be a number")
    try:
        f = float(v)
    except ValueError:
        raise ValueError(f"must be a number, not '{v}'") from None
    if not math.isfinite(f):
        raise ValueError(f"must be a finite number, not '{v}'")
    return f


def _whole(v: Any) -> int:
    f = _number(v)
    if f != int(f):
        raise ValueError(f"must be a whole number, not {v}")
    return int(f)


def _lang(v: str) -> str:
    if v not in ("en", "ja", "zh-Hant"):
        raise ValueError("must be en, ja or zh-Hant")
    return v


def _hours(v: str) -> float:
    f = _number(v)
    if not 1 <= f <= 100:
        raise ValueError("must be between 1 and 100 hours")
    return f


def _weekday(v: str) -> str:
    if not isinstance(v, str):
        raise TypeError(f"must be a weekday ({', '.join(WEEKDAYS)})")
    v = v.strip().lower()
    if v not in WEEKDAYS:
        raise ValueError(f"must be a weekday ({', '.join(WEEKDAYS)})")
    return v


def _weekdays(v: Any) -> list[str]:
    if isinstance(v, str):
        v = [p for p in re.split(r"[,\s]+", v) if p]
    if not isinstance(v, list):
        raise TypeError("must be a list of weekdays, e.g. [\"saturday\", \"sunday\"]")
    return [_weekday(x) for x in v]


def _count(v: str) -> int:
    n = _whole(v)
    if not 0 <= n <= 1000:
        raise ValueError("must be between 0 and 1000")
    return n


def _cap(v: str) -> int:
    n = _whole(v)
    if not 1 <= n <= 50:
        raise ValueError("must be between 1 and 50")
    return n


def _format(v: str) -> str:
    if v not in ("rich", "markdown", "json"):
        raise ValueError("must be rich, markdown or json")
    return v


def _color(v: str) -> str:
    if v not in ("auto", "always", "never"):
        raise ValueError("must be auto, always or never")
    return v


def _clock(v: str) -> str:
    m = re.fullmatch(r"([01]?\d|2[0-3]):([0-5]\d)", v.strip()) if isinstance(v, str) else None
    if not m:
        raise ValueError("must be a time such as 04:00")
    return f"{int(m.group(1)):02d}:{m.group(2)}"


def _name(v: str) -> str:
    if not isinstance(v, str) or not re.fullmatch(r"[A-Za-z0-9][A-Za-z0-9_.-]{0,63}", v):
        raise ValueError("must be letters, digits, '-', '_' or '.' (at most 64)")
    return v


class Setting(Record):
    name: str
    default: Any
    check: Callable[[Any], Any]
    doc: str
    example: str = ""  # a valid value as TOML: its first character tells the type ('"' text, '[' a list, else a number)


SETTINGS: dict[str, Setting] = {s.name: s for s in (
    Setting("lang", None, _lang, "language of content and messages: en or ja (zh-Hant for history); default from the profile, then the locale", '"ja"'),
    Setting("weekly_hours", None, _hours, "hours a week you can study; routine targets shrink in proportion when below the routine's minimum", "12"),
    Setting("first_day_of_week", "monday", _weekday, "first day of a week for `report --week` and the heatmap", '"sunday"'),
    Setting("new_cards_per_day", 10, _count, "new review cards introduced per day", "15"),
    Setting("report_format", "rich", _format, "default `report --format`: rich, markdown or json", '"markdown"'),
    Setting("color", "auto", _color, "colour output: auto (terminal and no NO_COLOR), always or never", '"never"'),
    Setting("day_starts_at", "04:00", _clock, "when a study day begins; activity before it counts for the day before", '"05:00"'),
    Setting("rest_days", [], _weekdays, "weekdays that neither break nor extend a streak, e.g. \"sunday\"", '["saturday", "sunday"]'),
    Setting("daily_cap", None, _cap, "most topics `today` asks for in a day when catching up (default: what fits the routine)", "8"),
    Setting("profile", "default", _name, "the profile used when --profile and STUDYPLAN_PROFILE are not given", '"default"'),
)}


def env_name(name: str) -> str:
    return "STUDYPLAN_" + name.upper()


class Config:
    """Resolved settings with their source, for ``config list``."""

    def __init__(self, path: Path, file_values: dict[str, Any], env: dict[str, str],
                 raw: dict[str, Any] | None = None, problems: dict[str, str] | None = None) -> None:
        self.path = path
        self.file_values = file_values  # the valid settings of the file, checked
        self.env = env
        self.raw = dict(file_values if raw is None else raw)  # everything the file holds, as read: a rewrite keeps it
        self.problems = problems or {}  # setting -> one line: the file, the key, what is expected, how to fix it
        self.unknown = tuple(k for k in self.raw if k not in SETTINGS)
        self.strict = True  # an invalid value is an error when read; off for `config` and `doctor`, which show it

    @classmethod
    def load(cls, path: Path, env: dict[str, str] | None = None) -> "Config":
        env = dict(os.environ if env is None else env)
        values: dict[str, Any] = {}
        try:  # a regular file only (a FIFO would block, /dev/zero never end), and capped
            data: bytes | None = read_regular_file(path, MAX_CONFIG_BYTES, "the config file", "make it a plain TOML file (or remove it)")
        except FileNotFoundError:
            data = None
        except OSError as exc:
            raise UsageError(f"{path}: cannot read the config file ({exc.strerror})") from None
        if data is not None:
            import tomllib  # only when there is a config file to read

            try:
                raw = tomllib.loads(data.decode("utf-8"))
            except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
                raise UsageError(f"{path}: not valid TOML ({exc}); fix it or run `studyplan config path` and edit it") from None
            problems: dict[str, str] = {}
            for key, value in raw.items():
                setting = SETTINGS.get(key)
                if setting is None:
                    continue  # a misspelling or a newer version's setting: a warning (``warnings``), then ignored
                try:
                    values[key] = _from_file(setting, value)
                except (ValueError, TypeError) as exc:
                    problems[key] = (f"{path}: setting '{key}' {exc}; fix it with `studyplan config set {key} {_cli_example(setting)}` "
                                     f"or `studyplan config unset {key}`")
            return cls(path, values, env, raw, problems)
        return cls(path, values, env)

    @property
    def warnings(self) -> tuple[str, ...]:
        """One line about the keys this studyplan does not know (empty when there are none)."""
        if not self.unknown:
            return ()
        import difflib  # only when the file holds an unknown key

        def named(key: str) -> str:
            close = difflib.get_close_matches(key, list(SETTINGS), n=1)
            return f"'{key}' (did you mean '{close[0]}'?)" if close else f"'{key}'"

        keys = ", ".join(map(named, self.unknown))
        return (f"{self.path}: ignoring unknown setting(s) {keys}: a misspelling, or a setting of a newer studyplan; "
                "`studyplan config list` shows the known ones"),

    def overridden(self, name: str) -> bool:
        return bool(self.env.get(env_name(name)))

    def problem(self, name: str) -> str | None:
        """Why the file's value of ``name`` is invalid (None when it is valid, absent, or the environment wins)."""
        return None if self.overridden(name) else self.problems.get(name)

    def check(self) -> None:
        """Raise the first invalid value that applies: a command must not run on a setting it cannot honour."""
        for name in self.problems:
            if not self.overridden(name):
                raise UsageError(self.problems[name])

    def source(self, name: str) -> str:
        if env_name(name) in self.env:
            return "env"
        if name in self.file_values or name in self.problems:
            return "file"
        return "default"

    def get(self, name: str) -> Any:
        setting = SETTINGS[name]
        raw = self.env.get(env_name(name))
        if raw is not None and raw != "":
            try:
                return setting.check(raw)
            except (ValueError, TypeError) as exc:
                raise UsageError(f"environment variable {env_name(name)}={raw!r}: {exc}") from None
        if name in self.problems and self.strict:
            raise UsageError(self.problems[name])
        if name in self.file_values:
            return self.file_values[name]
        return setting.default


_TOML_TYPES = ((bool, "a boolean"), (datetime, "a TOML date-time"), (date, "a TOML date"), (time, "a TOML time"), (dict, "a table"))


def toml_text(value: Any) -> str:
    """A value as it is written in TOML, to show what the file holds."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'
    if isinstance(value, (date, time)):
        return value.isoformat()
    if isinstance(value, list):
        return "[" + ", ".join(map(toml_text, value)) + "]"
    if isinstance(value, dict):
        return "{ " + ", ".join(f"{k} = {toml_text(v)}" for k, v in value.items()) + " }"
    return str(value)


def _cli_example(setting: Setting) -> str:
    return ",".join(re.findall(r'"([^"]*)"', setting.example)) or setting.example


def _from_file(setting: Setting, value: Any) -> Any:
    """Check a value as TOML typed it: a type the setting does not take says what it expects."""
    ex = setting.example
    expected = ("must be a quoted string" if ex.startswith('"') else "must be a list of weekday names" if ex.startswith("[")
                else "must be a number") + f", e.g. {setting.name} = {ex}"
    for kind, what in _TOML_TYPES:
        if isinstance(value, kind):
            return _refuse(expected, what, value)
    if isinstance(value, list) and not ex.startswith("["):
        return _refuse(expected, "a list", value)
    if isinstance(value, (int, float)) and ex.startswith(('"', "[")):
        return _refuse(expected, "a number", value)
    if isinstance(value, list) and not all(isinstance(v, str) for v in value):
        return _refuse(expected, "a list with items that are not text", value)
    return setting.check(value)


def _refuse(expected: str, what: str, value: Any) -> Any:
    raise ValueError(f"{expected}, not {what} ({toml_text(value)})")


def parse_value(name: str, raw: str) -> Any:
    setting = SETTINGS.get(name)
    if setting is None:
        raise UsageError(f"unknown setting '{name}'; known settings: {', '.join(SETTINGS)}")
    try:
        return setting.check(raw)
    except (ValueError, TypeError) as exc:
        raise UsageError(f"setting '{name}' {exc}") from None


def write_config(path: Path, values: dict[str, Any]) -> None:
    import tomli_w  # only `config set`/`unset` write the file

    try:  # the config folder is ours to create (atomic writes never create folders)
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise UsageError(f"{path.parent}: cannot create the config folder ({exc.strerror or exc}); set STUDYPLAN_HOME to a writable folder") from None
    atomic_write_text(path, tomli_w.dumps({k: v for k, v in values.items() if v is not None}))
