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
from studyplan.locale import Msg, msg
from studyplan.record import Record

MAX_CONFIG_BYTES = 1024 * 1024  # ten settings fit in a few hundred bytes
WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")


def _number(v: Any) -> float:
    """A number from TOML (int or float) or from text (the environment, `config set`)."""
    if isinstance(v, bool) or not isinstance(v, (int, float, str)):
        raise TypeError(msg("must be a number"))
    try:
        f = float(v)
    except ValueError:
        raise ValueError(msg("must be a number, not '{value}'", value=v)) from None
    if not math.isfinite(f):
        raise ValueError(msg("must be a finite number, not '{value}'", value=v))
    return f


def _whole(v: Any) -> int:
    f = _number(v)
    if f != int(f):
        raise ValueError(msg("must be a whole number, not {value}", value=v))
    return int(f)


def _lang(v: str) -> str:
    if v not in ("en", "ja", "zh-Hant"):
        raise ValueError(msg("must be en, ja or zh-Hant"))
    return v


def _hours(v: str) -> float:
    f = _number(v)
    if not 1 <= f <= 100:
        raise ValueError(msg("must be between 1 and 100 hours"))
    return f


def _weekday(v: str) -> str:
    if not isinstance(v, str):
        raise TypeError(msg("must be a weekday ({days})", days=", ".join(WEEKDAYS)))
    v = v.strip().lower()
    if v not in WEEKDAYS:
        raise ValueError(msg("must be a weekday ({days})", days=", ".join(WEEKDAYS)))
    return v


def _weekdays(v: Any) -> list[str]:
    if isinstance(v, str):
        v = [p for p in re.split(r"[,\s]+", v) if p]
    if not isinstance(v, list):
        raise TypeError(msg("must be a list of weekdays, e.g. [\"saturday\", \"sunday\"]"))
    return [_weekday(x) for x in v]


def _count(v: str) -> int:
    n = _whole(v)
    if not 0 <= n <= 1000:
        raise ValueError(msg("must be between 0 and 1000"))
    return n


def _cap(v: str) -> int:
    n = _whole(v)
    if n < 0:
        raise ValueError(msg("cannot be negative: a cap is a number of topics, 1 to 50"))
    if not 1 <= n <= 50:
        raise ValueError(msg("must be between 1 and 50"))
    return n


def _format(v: str) -> str:
    if v not in ("rich", "markdown", "json"):
        raise ValueError(msg("must be rich, markdown or json"))
    return v


def _color(v: str) -> str:
    if v not in ("auto", "always", "never"):
        raise ValueError(msg("must be auto, always or never"))
    return v


def _clock(v: str) -> str:
    m = re.fullmatch(r"([01]?\d|2[0-3]):([0-5]\d)", v.strip()) if isinstance(v, str) else None
    if not m:
        raise ValueError(msg("must be a time such as 04:00"))
    return f"{int(m.group(1)):02d}:{m.group(2)}"


# What a review card asks (``review --direction``): the term for its definition, or one
# language's term for the other's.
REVIEW_DIRECTIONS = ("term-definition", "ja-en", "en-ja")
# FSRS schedules a card for this chance of recall when it comes due. fsrs itself takes any
# value in (0, 1); Anki offers 0.70-0.99, and FSRS's own guide calls values outside 0.70-0.97
# unwise (0.99 multiplies the workload): the range studyplan takes is Anki's.
RETENTION_RANGE = (0.7, 0.99)


def _direction(v: str) -> str:
    value = v.strip().lower() if isinstance(v, str) else v
    if value not in REVIEW_DIRECTIONS:
        raise ValueError(msg("must be term-definition, ja-en or en-ja"))
    return value


def _retention(v: str) -> float:
    f = _number(v)
    lo, hi = RETENTION_RANGE
    if not lo <= f <= hi:
        raise ValueError(msg("must be between {low} and {high} (the chance of recall a card is scheduled for, e.g. 0.9)", low=f"{lo:g}", high=f"{hi:g}"))
    return f


def _folder(v: str) -> str:
    if not isinstance(v, str) or not v.strip():
        raise ValueError(msg("must be a folder's path, e.g. ~/Sync/studyplan"))
    return v.strip()


def _pager(v: str) -> str:
    """A shell command, as PAGER is (empty: print long views straight, like PAGER=cat)."""
    if not isinstance(v, str) or len(v) > 200 or any(ord(ch) < 32 for ch in v):
        raise ValueError(msg("must be a command on one line, e.g. \"less -FRX\" (empty: no pager)"))
    return v.strip()


def _on_off(v: str) -> str:
    value = v.strip().lower() if isinstance(v, str) else v
    if value not in ("on", "off"):
        raise ValueError(msg("must be on or off"))
    return value


PROFILE_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9_.-]{0,63}")  # a profile's name: the `profile` setting, --profile, init


def _name(v: str) -> str:
    if not isinstance(v, str) or not PROFILE_NAME.fullmatch(v):
        raise ValueError(msg("must be letters, digits, '-', '_' or '.' (at most 64)"))
    return v


class Setting(Record):
    name: str
    default: Any
    check: Callable[[Any], Any]
    doc: Msg  # one line, shown by `config list` in the learner's language
    example: str = ""  # a valid value as TOML: its first character tells the type ('"' text, '[' a list, else a number)


SETTINGS: dict[str, Setting] = {s.name: s for s in (
    Setting("lang", None, _lang, msg("language of content and messages: en or ja (zh-Hant for history); default from the profile, then the locale"), '"ja"'),
    Setting("weekly_hours", None, _hours, msg("hours a week you can study; routine targets shrink in proportion when below the routine's minimum"), "12"),
    Setting("first_day_of_week", "monday", _weekday, msg("first day of a week for `report --week` and the heatmap"), '"sunday"'),
    Setting("new_cards_per_day", 10, _count, msg("new review cards introduced per day"), "15"),
    Setting("review_direction", "term-definition", _direction,
            msg("what a review card asks: term-definition (the term, then its definition), ja-en (the Japanese term, "
                "then the English one) or en-ja"), '"ja-en"'),
    Setting("desired_retention", 0.9, _retention,
            msg("FSRS's target chance of recall when a card comes due, 0.7 to 0.99: higher means more reviews"), "0.85"),
    Setting("report_format", "rich", _format, msg("default `report --format`: rich, markdown or json"), '"markdown"'),
    Setting("color", "auto", _color, msg("colour output: auto (terminal and no NO_COLOR), always or never"), '"never"'),
    Setting("day_starts_at", "04:00", _clock, msg("when a study day begins; activity before it counts for the day before"), '"05:00"'),
    Setting("rest_days", [], _weekdays, msg("weekdays that neither break nor extend a streak, e.g. \"sunday\""), '["saturday", "sunday"]'),
    Setting("daily_cap", None, _cap, msg("most topics `today` asks for in a day when catching up (default: what fits the routine)"), "8"),
    Setting("profile", "default", _name, msg("the profile used when --profile and STUDYPLAN_PROFILE are not given"), '"default"'),
    Setting("sync_dir", None, _folder, msg("the folder `studyplan sync` shares with your other devices (Syncthing, Dropbox, a git repository …); "
                                           "`studyplan sync DIR` sets it"), '"~/Sync/studyplan"'),
    Setting("sync_auto", "on", _on_off, msg("on: a command that changed something syncs at its end when sync_dir is set; off: only "
                                            "`studyplan sync` does"), '"off"'),
    Setting("pager", None, _pager, msg("the program a long view goes through on a terminal when it is taller than the screen, as git's "
                                       "core.pager (\"\": none); default: $PAGER, else less -FRX"), '"less -FRX"'),
)}


def env_name(name: str) -> str:
    return "STUDYPLAN_" + name.upper()


class Config:
    """Resolved settings with their source, for ``config list``."""

    def __init__(self, path: Path, file_values: dict[str, Any], env: dict[str, str],
                 raw: dict[str, Any] | None = None, problems: dict[str, Msg] | None = None) -> None:
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
            data: bytes | None = read_regular_file(path, MAX_CONFIG_BYTES, msg("the config file"), msg("make it a plain TOML file (or remove it)"))
        except FileNotFoundError:
            data = None
        except OSError as exc:
            raise UsageError(msg("{path}: cannot read the config file ({reason})", path=path, reason=exc.strerror)) from None
        if data is not None:
            import tomllib  # only when there is a config file to read

            try:
                raw = tomllib.loads(data.decode("utf-8"))
            except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
                raise UsageError(msg("{path}: not valid TOML ({reason}); fix it or run `studyplan "
                                     "config path` and edit it", path=path, reason=exc)) from None
            problems: dict[str, Msg] = {}
            for key, value in raw.items():
                setting = SETTINGS.get(key)
                if setting is None:
                    continue  # a misspelling or a newer version's setting: a warning (``warnings``), then ignored
                try:
                    values[key] = _from_file(setting, value)
                except (ValueError, TypeError) as exc:
                    problems[key] = msg("{path}: setting '{key}' {reason}; fix it with `studyplan config set {key} {example}` "
                                        "or `studyplan config unset {key}`", path=path, key=key, reason=why(exc), example=_cli_example(setting))
            return cls(path, values, env, raw, problems)
        return cls(path, values, env)

    @property
    def warnings(self) -> tuple[Msg, ...]:
        """One line about the keys this studyplan does not know (empty when there are none)."""
        if not self.unknown:
            return ()
        import difflib  # only when the file holds an unknown key

        keys = ", ".join(f"'{key}'" for key in self.unknown)
        close = {key: difflib.get_close_matches(key, list(SETTINGS), n=1) for key in self.unknown}
        guesses = ", ".join(f"'{key}' → '{found[0]}'" for key, found in close.items() if found)
        if guesses:
            return (msg("{path}: ignoring unknown setting(s) {keys} (did you mean {guesses}?): a misspelling, or a setting of "
                        "a newer studyplan; `studyplan config list` shows the known ones", path=self.path, keys=keys, guesses=guesses),)
        return (msg("{path}: ignoring unknown setting(s) {keys}: a misspelling, or a setting of a newer studyplan; "
                    "`studyplan config list` shows the known ones", path=self.path, keys=keys),)

    def overridden(self, name: str) -> bool:
        return bool(self.env.get(env_name(name)))

    def problem(self, name: str) -> Msg | None:
        """Why the file's value of ``name`` is invalid (None when it is valid, absent, or the environment wins)."""
        return None if self.overridden(name) else self.problems.get(name)

    def check(self) -> None:
        """Raise the first invalid value that applies: a command must not run on a setting it cannot honour."""
        for name in self.problems:
            if not self.overridden(name):
                raise UsageError(self.problems[name])

    def source(self, name: str) -> str:
        if self.env.get(env_name(name)):  # an empty variable (STUDYPLAN_LANG=) is unset, as in get()
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
                raise UsageError(msg("environment variable {variable}={raw!r}: {reason}", variable=env_name(name), raw=raw, reason=why(exc))) from None
        if name in self.problems and self.strict:
            raise UsageError(self.problems[name])
        if name in self.file_values:
            return self.file_values[name]
        return setting.default


_TOML_TYPES = ((bool, msg("a boolean")), (datetime, msg("a TOML date-time")), (date, msg("a TOML date")), (time, msg("a TOML time")), (dict, msg("a table")))


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
    expected = msg("{what}, e.g. {name} = {example}", name=setting.name, example=ex,
                   what=msg("must be a quoted string") if ex.startswith('"') else msg("must be a list of weekday names")
                   if ex.startswith("[") else msg("must be a number"))
    for kind, what in _TOML_TYPES:
        if isinstance(value, kind):
            return _refuse(expected, what, value)
    if isinstance(value, list) and not ex.startswith("["):
        return _refuse(expected, msg("a list"), value)
    if isinstance(value, (int, float)) and ex.startswith(('"', "[")):
        return _refuse(expected, msg("a number"), value)
    if isinstance(value, list) and not all(isinstance(v, str) for v in value):
        return _refuse(expected, msg("a list with items that are not text"), value)
    return setting.check(value)


def _refuse(expected: Msg, what: Msg, value: Any) -> Any:
    raise ValueError(msg("{expected}, not {what} ({value})", expected=expected, what=what, value=toml_text(value)))


def why(exc: BaseException) -> Any:
    """What a check said (a Msg, shown in the learner's language), else the exception's text."""
    return exc.args[0] if exc.args and isinstance(exc.args[0], Msg) else str(exc)


def parse_value(name: str, raw: str) -> Any:
    setting = SETTINGS.get(name)
    if setting is None:
        raise UsageError(msg("unknown setting '{name}'; known settings: {settings}", name=name, settings=', '.join(SETTINGS)))
    try:
        return setting.check(raw)
    except (ValueError, TypeError) as exc:
        raise UsageError(msg("setting '{name}' {reason}", name=name, reason=why(exc))) from None


def write_setting(path: Path, name: str, value: Any) -> None:
    """Set ``name`` to ``value`` in the config file (``None`` removes it), keeping everything
    else as the user wrote it: comments, blank lines, key order, unknown keys and tables.

    tomlkit (a round-trip TOML parser) is imported here only: every other command reads the
    file with the standard library's tomllib, which starts faster."""
    import tomlkit  # only `config set`/`unset` write the file

    try:  # the config folder is ours to create (atomic writes never create folders)
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise UsageError(msg("{folder}: cannot create the config folder ({reason}); set STUDYPLAN_HOME to a writable folder",
                             folder=path.parent, reason=exc.strerror or exc)) from None
    try:
        data: bytes | None = read_regular_file(path, MAX_CONFIG_BYTES, msg("the config file"), msg("make it a plain TOML file (or remove it)"))
    except FileNotFoundError:
        data = None
    doc = tomlkit.parse(data.decode("utf-8")) if data else tomlkit.document()
    if value is None:
        if name in doc:
            del doc[name]
    else:
        doc[name] = value
    atomic_write_text(path, tomlkit.dumps(doc))
