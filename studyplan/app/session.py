"""The session: what every use case needs, built once per invocation and lazily.

Config, the store, the profile, its curriculum and timetable, the clock and the
language. Any face builds one (the CLI's root callback from the environment; a test
with ``Session(clock=...)``) and passes it to the use cases in ``studyplan.app``.
It knows nothing of how results are shown: the rich Console lives in the CLI.
Nothing here is module-level state.
"""

from __future__ import annotations

import os
import time
from datetime import date, datetime, timedelta
from functools import cached_property
from typing import Callable

from studyplan import paths
from studyplan.app import catalog
from studyplan.config import PROFILE_NAME, WEEKDAYS, Config
from studyplan.domain import dates
from studyplan.domain.curriculum import Curriculum
from studyplan.domain.schedule import (
    MAX_MONTHS,
    MIN_MONTHS,
    Plan,
    Shift,
    Timetable,
    build_timetable,
)
from studyplan.errors import UsageError
from studyplan.locale import Msg, msg
from studyplan.store.db import open_database
from studyplan.store.progress import Profile, Store


def system_now() -> datetime:
    return datetime.now().astimezone()


def locale_lang(env: dict[str, str]) -> str | None:
    for var in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = env.get(var)
        if value:
            return "ja" if value.lower().startswith("ja") else ("zh-Hant" if value.startswith(("zh_TW", "zh_HK")) else "en")
    import locale  # ~1 ms, only when no LC_ALL, LC_MESSAGES or LANG tells

    try:
        loc = locale.getlocale()[0] or ""
    except ValueError:
        loc = ""
    return "ja" if loc.lower().startswith("ja") else None


def _choices(langs: tuple[str, ...]) -> Msg | str:
    """``en or ja`` in the learner's words."""
    if len(langs) == 2:
        return msg("{a} or {b}", a=langs[0], b=langs[1])
    if len(langs) == 3:
        return msg("{a}, {b} or {c}", a=langs[0], b=langs[1], c=langs[2])
    return ", ".join(langs)


def check_profile_name(name: str) -> None:
    """A name a new profile may have (the `profile` setting's rule), else one line on how to write one."""
    if not PROFILE_NAME.fullmatch(name):
        raise UsageError(msg("'{name}' is not a profile name: use letters, digits, '-', '_' or '.' (at most 64, "
                             "starting with a letter or digit), e.g. --profile dave", name=name))


class Session:
    """Built by a face (the CLI's root callback), or by a test (``obj=Session(clock=...)``)."""

    def __init__(self, profile_name: str | None = None, lang_flag: str | None = None,
                 clock: Callable[[], datetime] = system_now, env: dict[str, str] | None = None,
                 sleep: Callable[[float], None] = time.sleep) -> None:
        self.profile_name = profile_name
        self.lang_flag = lang_flag
        self.clock = clock
        self.sleep = sleep  # waits that belong with the clock (the focus countdown); a test passes its own
        self.env = dict(os.environ) if env is None else env
        self._store: Store | None = None
        self.strict_config = True  # `config` and `doctor` turn it off to show an invalid value instead
        self.warnings: list[str] = []
        self.synced = False  # `studyplan sync` ran in this invocation: sync_auto has nothing left to do (app/sync.py)

    # -- configuration ----------------------------------------------------------
    @property
    def config(self) -> Config:
        """The config file and environment. An invalid value raises here (one line: the file,
        the key, what is expected) unless ``strict_config`` is off (`config`, `doctor`)."""
        config = self._config_file
        config.strict = self.strict_config
        if config.strict:
            config.check()
        return config

    @cached_property
    def _config_file(self) -> Config:
        config = Config.load(paths.config_path(), self.env)
        self.__dict__["_config_file"] = config  # read once: a warning about it is shown in the language it sets
        for message in config.warnings:  # unknown keys: once a run, then ignored
            self.warn(message)
        return config

    def warn(self, message: str) -> None:
        """A warning for the user; a face replaces it (the CLI prints to stderr), else it is kept here."""
        self.warnings.append(message)

    @property
    def now(self) -> datetime:
        return self.clock()

    def study_day(self) -> date:
        """Today's study day: before ``day_starts_at`` it is still yesterday."""
        now = self.now
        h, m = (int(x) for x in self.config.get("day_starts_at").split(":"))
        return (now - timedelta(hours=h, minutes=m)).date()

    def parse_date(self, value: str, option: str = "--date") -> date:
        """A date the user typed; ``today``, ``-3d``, ``mon`` … count from the study day."""
        return dates.parse_date(value, self.study_day(), option)

    def day(self, override: str | None, option: str = "--date") -> date:
        """The date an option gave (see ``parse_date``), else the study day."""
        return self.parse_date(override, option) if override else self.study_day()

    def weekly_hours(self) -> float | None:
        """The hours a week the learner has: the profile's (`init --hours`), else the weekly_hours setting."""
        return self.profile.weekly_hours if self.profile.weekly_hours is not None else self.config.get("weekly_hours")

    def first_weekday(self) -> int:
        """0 = Monday … 6 = Sunday, from the first_day_of_week setting."""
        return WEEKDAYS.index(self.config.get("first_day_of_week"))

    def timestamp(self) -> str:
        return self.now.isoformat(timespec="seconds")

    # -- store and profile ------------------------------------------------------
    @property
    def store(self) -> Store:
        if self._store is None:
            self._store = Store(open_database(paths.database_path()))
        return self._store

    def close(self) -> None:
        if self._store is not None:
            self._store.close()
            self._store = None

    @property
    def selected_profile(self) -> str:
        return self.profile_name or self.env.get("STUDYPLAN_PROFILE") or self.config.get("profile")

    @cached_property
    def profile(self) -> Profile:
        name = self.selected_profile
        existing = self.store.profile(name)
        if existing is not None:
            return existing
        check_profile_name(name)
        if name != self.config.get("profile"):
            raise UsageError(msg("no profile '{name}'; create it with `studyplan --profile {name} init`", name=name))
        profile, _ = self.store.ensure_profile(name, catalog.DEFAULT_CURRICULUM, self.study_day(), 12, self.timestamp())
        return profile

    # -- curriculum and timetable -------------------------------------------------
    @cached_property
    def curriculum(self) -> Curriculum:
        return catalog.load(catalog.resolve(self.profile.curriculum))

    def plan(self, profile: Profile | None = None) -> Plan:
        profile = profile or self.profile
        months = min(max(profile.months, MIN_MONTHS), MAX_MONTHS)
        shifts = tuple(Shift(r.anchor, r.days) for r in self.store.revisions(profile.id))
        return Plan(profile.start_date, months, shifts)

    @cached_property
    def timetable(self) -> Timetable:
        return build_timetable(self.curriculum, self.plan())

    # -- language -------------------------------------------------------------------
    def lang(self, flag: str | None = None, allowed: tuple[str, ...] = ("en", "ja"), profile: bool = True) -> str:
        """The language of this run: the flag, the lang setting, the profile's (unless ``profile`` is off:
        commands that must not open the database for it, such as `doctor`), then the locale."""
        lang = flag or self.lang_flag or self.config.get("lang")
        if not lang and profile:
            try:
                lang = self.profile.lang
            except Exception:  # noqa: BLE001 - language must never be why a command fails
                lang = None
        lang = lang or locale_lang(self.env) or "en"
        given = flag or self.lang_flag  # typed on the command line, before or after the command name
        if given and given not in ("en", "ja", "zh-Hant"):
            raise UsageError(msg("--lang '{given}' is not a language; use {choices} (exactly as "
                                 "written)", given=given, choices=_choices(allowed)))
        if lang not in allowed:
            if given:
                raise UsageError(msg("--lang '{given}' is not available here; use {choices}", given=given, choices=_choices(allowed)))
            lang = "en"
        return lang
