"""The only module that knows where files live.

``STUDYPLAN_HOME`` puts everything (data, config, cache) under one directory;
tests set it for isolation. Otherwise platformdirs gives the per-user dirs.
"""

from __future__ import annotations

import os
from pathlib import Path

APP_NAME = "studyplan"


def _home() -> Path | None:
    home = os.environ.get("STUDYPLAN_HOME")
    return Path(home).expanduser() if home else None


def data_dir() -> Path:
    home = _home()
    if home is not None:
        return home
    import platformdirs  # ~16 ms, not needed when STUDYPLAN_HOME is set

    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))


def config_dir() -> Path:
    home = _home()
    if home is not None:
        return home
    import platformdirs  # ~16 ms, not needed when STUDYPLAN_HOME is set

    return Path(platformdirs.user_config_dir(APP_NAME, appauthor=False))


def cache_dir() -> Path:
    home = _home()
    if home is not None:
        return home / "cache"
    import platformdirs  # ~16 ms, not needed when STUDYPLAN_HOME is set

    return Path(platformdirs.user_cache_dir(APP_NAME, appauthor=False))


def database_path() -> Path:
    return data_dir() / "studyplan.db"


def config_path() -> Path:
    return config_dir() / "config.toml"


def user_curricula_dir() -> Path:
    return config_dir() / "curricula"


def bundled_curricula_dir() -> Path:
    """The curricula shipped with the package.

    In a wheel they are installed as ``studyplan/curricula``; in a source checkout
    they are the top-level ``curricula/`` next to the package.
    """
    package = Path(__file__).resolve().parent
    installed = package / "curricula"
    if installed.is_dir():
        return installed
    return package.parent / "curricula"
