"""Settings: one spec (name, type, default, doc, check), read from a TOML file.

Precedence, highest first: command-line flags, environment variables
(``STUDYPLAN_<NAME>``, e.g. ``STUDYPLAN_LANG=ja``), the config file
(``studyplan config path``), then the defaults below.
"""

from __future__ import annotations

import os
import re
from pathlib import Path
from typing import Any, Callable

from studyplan.errors import UsageError
from studyplan.fileio import atomic_write_text
from studyplan.record import Record

WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")


def _lang(v: str) -> str:
    if v not in ("en", "ja", "zh-Hant"):
        raise ValueError("must be en, ja or zh-Hant")
    return v


def _hours(v: str) -> float:
    f = float(v)
    if not 1 <= f <= 100:
        raise ValueError("must be between 1 and 100 hours")
    return f


def _weekday(v: str) -> str:
    v = v.strip().lower()
    if v not in WEEKDAYS:
        raise ValueError(f"must be a weekday ({', '.join(WEEKDAYS)})")
    return v


def _weekdays(v: Any) -> list[str]:
    if isinstance(v, str):
        v = [p for p in re.split(r"[,\s]+", v) if p]
    return [_weekday(x) for x in v]


def _count(v: str) -> int:
    n = int(v)
    if not 0 <= n <= 1000:
        raise ValueError("must be between 0 and 1000")
    return n


def _cap(v: str) -> int:
    n = int(v)
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
    m = re.fullmatch(r"([01]?\d|2[0-3]):([0-5]\d)", v.strip())
    if not m:
        raise ValueError("must be a time such as 04:00")
    return f"{int(m.group(1)):02d}:{m.group(2)}"


def _name(v: str) -> str:
    if not re.fullmatch(r"[A-Za-z0-9][A-Za-z0-9_.-]{0,63}", v):
        raise ValueError("must be letters, digits, '-', '_' or '.' (at most 64)")
    return v


class Setting(Record):
    name: str
    default: Any
    check: Callable[[Any], Any]
    doc: str


SETTINGS: dict[str, Setting] = {s.name: s for s in (
    Setting("lang", None, _lang, "language of content and messages: en or ja (zh-Hant for history); default from the profile, then the locale"),
    Setting("weekly_hours", None, _hours, "hours a week you can study; routine targets shrink in proportion when below the routine's minimum"),
    Setting("first_day_of_week", "monday", _weekday, "first day of a week for `report --week` and the heatmap"),
    Setting("new_cards_per_day", 10, _count, "new review cards introduced per day"),
    Setting("report_format", "rich", _format, "default `report --format`: rich, markdown or json"),
    Setting("color", "auto", _color, "colour output: auto (terminal and no NO_COLOR), always or never"),
    Setting("day_starts_at", "04:00", _clock, "when a study day begins; activity before it counts for the day before"),
    Setting("rest_days", [], _weekdays, "weekdays that neither break nor extend a streak, e.g. \"sunday\""),
    Setting("daily_cap", None, _cap, "most topics `today` asks for in a day when catching up (default: what fits the routine)"),
    Setting("profile", "default", _name, "the profile used when --profile and STUDYPLAN_PROFILE are not given"),
)}


def env_name(name: str) -> str:
    return "STUDYPLAN_" + name.upper()


class Config:
    """Resolved settings with their source, for ``config list``."""

    def __init__(self, path: Path, file_values: dict[str, Any], env: dict[str, str]) -> None:
        self.path = path
        self.file_values = file_values
        self.env = env

    @classmethod
    def load(cls, path: Path, env: dict[str, str] | None = None) -> "Config":
        env = dict(os.environ if env is None else env)
        values: dict[str, Any] = {}
        if path.exists():
            import tomllib  # only when there is a config file to read

            try:
                raw = tomllib.loads(path.read_text(encoding="utf-8"))
            except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
                raise UsageError(f"{path}: not valid TOML ({exc}); fix it or run `studyplan config path` and edit it") from None
            except OSError as exc:
                raise UsageError(f"{path}: cannot read the config file ({exc.strerror})") from None
            for key, value in raw.items():
                setting = SETTINGS.get(key)
                if setting is None:
                    raise UsageError(f"{path}: unknown setting '{key}' (known: {', '.join(SETTINGS)})")
                try:
                    values[key] = setting.check(value if not isinstance(value, (int, float)) or isinstance(value, bool) else str(value))
                except (ValueError, TypeError) as exc:
                    raise UsageError(f"{path}: setting '{key}' {exc}") from None
        return cls(path, values, env)

    def source(self, name: str) -> str:
        if env_name(name) in self.env:
            return "env"
        if name in self.file_values:
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
        if name in self.file_values:
            return self.file_values[name]
        return setting.default


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

    atomic_write_text(path, tomli_w.dumps({k: v for k, v in values.items() if v is not None}))
