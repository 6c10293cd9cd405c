"""What shell completion offers: the profile's module ids, item refs, concept terms, history
tags and reading ids, the profiles, and each setting's values.

Completion runs a whole process on every TAB, so it reads and never writes: the database
is opened read-only (and a missing one stays missing), the curriculum cache is read when it
is there and never written, and an unreadable config falls back to the defaults. Every
failure gives no candidates rather than an error in the middle of the user's command line.
"""

from __future__ import annotations

import os
from functools import cached_property

from studyplan import paths
from studyplan.app import catalog
from studyplan.config import SETTINGS, WEEKDAYS, Config
from studyplan.domain.curriculum import Curriculum
from studyplan.store.progress import Store
from studyplan.store.readonly import open_read_only

LANGUAGES = ("en", "ja")
HISTORY_LANGUAGES = ("en", "ja", "zh-Hant")

# Values a setting takes, for `config set NAME <TAB>` (settings with a free value offer an example).
SETTING_VALUES: dict[str, tuple[str, ...]] = {
    "lang": HISTORY_LANGUAGES,
    "first_day_of_week": WEEKDAYS,
    "rest_days": WEEKDAYS,
    "report_format": ("rich", "markdown", "json"),
    "color": ("auto", "always", "never"),
    "day_starts_at": ("04:00", "00:00", "05:00", "06:00"),
}


class Sources:
    """The candidates of one completion request, for the profile named on the command line
    (``--profile``), else STUDYPLAN_PROFILE, else the config's ``profile``."""

    def __init__(self, profile: str | None = None, env: dict[str, str] | None = None) -> None:
        self.env = dict(os.environ if env is None else env)
        self.profile_flag = profile

    @cached_property
    def _config(self) -> Config | None:
        try:
            return Config.load(paths.config_path(), self.env)
        except Exception:  # noqa: BLE001 - a broken config: the defaults
            return None

    def _setting(self, name: str) -> object:
        try:
            return self._config.get(name) if self._config is not None else SETTINGS[name].default
        except Exception:  # noqa: BLE001
            return SETTINGS[name].default

    @cached_property
    def _store(self) -> Store | None:
        try:
            db = open_read_only(paths.database_path())
        except Exception:  # noqa: BLE001
            return None
        return Store(db) if db is not None else None

    def close(self) -> None:
        store = self.__dict__.get("_store")
        if store is not None:
            store.close()

    @property
    def profile_name(self) -> str:
        return self.profile_flag or self.env.get("STUDYPLAN_PROFILE") or str(self._setting("profile"))

    @cached_property
    def curriculum(self) -> Curriculum | None:
        spec = catalog.DEFAULT_CURRICULUM
        try:
            profile = self._store.profile(self.profile_name) if self._store is not None else None
            if profile is not None:
                spec = profile.curriculum
            return catalog.load(catalog.resolve(spec), write_cache=False)
        except Exception:  # noqa: BLE001 - an unknown or broken curriculum: nothing to offer
            return None

    # -- the candidates -------------------------------------------------------------------
    def module_ids(self) -> list[str]:
        return [m.id for m in self.curriculum.modules] if self.curriculum else []

    def item_refs(self) -> list[str]:
        return list(self.curriculum.refs()) if self.curriculum else []

    def concept_terms(self) -> list[str]:
        """Every way `concept` finds a concept: its id, its term in each language, its aliases."""
        if self.curriculum is None:
            return []
        found: dict[str, None] = {}
        try:
            for c in self.curriculum.concepts:
                for word in (*c.term.values.values(), *c.aliases, c.id):
                    if word:
                        found.setdefault(word, None)
        except Exception:  # noqa: BLE001 - a glossary that cannot be built
            return []
        return list(found)

    def history_tags(self) -> list[str]:
        try:
            return sorted({t for e in self.curriculum.events for t in e.tags}) if self.curriculum else []
        except Exception:  # noqa: BLE001
            return []

    def reading_ids(self) -> list[str]:
        try:
            return [r.id for r in self.curriculum.readings] if self.curriculum else []
        except Exception:  # noqa: BLE001
            return []

    def profiles(self) -> list[str]:
        names = [str(self._setting("profile"))]
        try:
            if self._store is not None:
                names += [p.name for p in self._store.profiles()]
        except Exception:  # noqa: BLE001
            pass
        return list(dict.fromkeys(names))

    def curricula(self) -> list[str]:
        try:
            return list(dict.fromkeys(ref.id for ref in catalog.available()))
        except Exception:  # noqa: BLE001
            return []

    @staticmethod
    def settings() -> list[str]:
        return list(SETTINGS)

    def setting_values(self, name: str) -> list[str]:
        name = name.strip().lower().replace("-", "_")
        if name == "profile":
            return self.profiles()
        values = SETTING_VALUES.get(name)
        if values is not None:
            return list(values)
        setting = SETTINGS.get(name)
        return [setting.example.strip('"')] if setting is not None and setting.example else []
