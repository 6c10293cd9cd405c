"""The session: what every use case needs, built once per invocation and lazily.

Config, the store, the profile, its curriculum and timetable, the clock and the
language. Any face builds one (the CLI's root callback from the environment; a test
with ``Session(clock=...)``) and passes it to the use cases in ``studyplan.app``.
It knows nothing of how results are shown: the rich Console lives in the CLI.
Nothing here is module-level state.
"""

from __future__ import annotations

import locale
import os
from datetime import date, datetime, timedelta
from functools import cached_property
from typing import Callable

from studyplan import paths
from studyplan.app import catalog
from studyplan.config import WEEKDAYS, Config
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
from studyplan.store.db import open_database
from studyplan.store.progress import Profile, Store


def system_now() -> datetime:
    return datetime.now().astimezone()


EARLIEST, LATEST = date(1900, 1, 1), date(2999, 12, 31)  # leaves room for a year of plan either side


def parse_date(value: str, option: str = "--date") -> date:
    try:
        parsed = date.fromisoformat(value.strip())
    except (ValueError, AttributeError):
        raise UsageError(f"{option} '{value}' is not a date; use YYYY-MM-DD, e.g. 2026-03-01") from None
    if not EARLIEST <= parsed <= LATEST:
        raise UsageError(f"{option} {parsed} is out of range; give a date between {EARLIEST} and {LATEST}")
    return parsed


def locale_lang(env: dict[str, str]) -> str | None:
    for var in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = env.get(var)
        if value:
            return "ja" if value.lower().startswith("ja") else ("zh-Hant" if value.startswith(("zh_TW", "zh_HK")) else "en")
    try:
        loc = locale.getlocale()[0] or ""
    except ValueError:
        loc = ""
    return "ja" if loc.lower().startswith("ja") else None


class Session:
    """Built by a face (the CLI's root callback), or by a test (``obj=Session(clock=...)``)."""

    def __init__(self, profile_name: str | None = None, lang_flag: str | None = None,
                 clock: Callable[[], datetime] = system_now, env: dict[str, str] | None = None) -> None:
        self.profile_name = profile_name
        self.lang_flag = lang_flag
        self.clock = clock
        self.env = dict(os.environ) if env is None else env
        self._store: Store | None = None

    # -- configuration ----------------------------------------------------------
    @cached_property
    def config(self) -> Config:
        return Config.load(paths.config_path(), self.env)

    @property
    def now(self) -> datetime:
        return self.clock()

    def study_day(self) -> date:
        """Today's study day: before ``day_starts_at`` it is still yesterday."""
        now = self.now
        h, m = (int(x) for x in self.config.get("day_starts_at").split(":"))
        return (now - timedelta(hours=h, minutes=m)).date()

    def day(self, override: str | None) -> date:
        return parse_date(override) if override else self.study_day()

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
        if name != self.config.get("profile"):
            raise UsageError(f"no profile '{name}'; create it with `studyplan init --profile {name}`")
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
    def lang(self, flag: str | None = None, allowed: tuple[str, ...] = ("en", "ja")) -> str:
        lang = flag or self.lang_flag or self.config.get("lang")
        if not lang:
            try:
                lang = self.profile.lang
            except Exception:  # noqa: BLE001 - language must never be why a command fails
                lang = None
        lang = lang or locale_lang(self.env) or "en"
        if lang not in allowed:
            if flag:
                raise UsageError(f"--lang '{flag}' is not available here; use {' or '.join(allowed)}")
            lang = "en"
        return lang
