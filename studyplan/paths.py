"""The only module that knows where files live.

``STUDYPLAN_HOME`` puts everything (data, config, cache) under one directory;
tests set it for isolation. Otherwise platformdirs gives the per-user dirs.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from studyplan.errors import UsageError
from studyplan.locale import msg

APP_NAME = "studyplan"


def expand_user(text: str, what: str) -> Path:
    """``text`` as a path, a leading ``~`` or ``~user`` expanded; one clear line when it cannot be.

    ``what`` says where the text came from (``STUDYPLAN_HOME='~bob/x'``, ``--output ~bob/x``).
    """
    try:
        return Path(text).expanduser()
    except RuntimeError:  # pathlib: "Could not determine home directory."
        head = text.replace(os.sep, "/").split("/", 1)[0]
        who = f"there is no user '{head[1:]}' on this system" if len(head) > 1 else "your home folder is unknown (HOME is not set)"
        raise UsageError(msg("{what}: cannot expand {head}: {who}; give a full path instead", what=what, head=head, who=who)) from None


def _home() -> Path | None:
    home = os.environ.get("STUDYPLAN_HOME")
    return expand_user(home, f"STUDYPLAN_HOME={home!r}") if home else None


def _user_dir(xdg_var: str, default: str, kind: str) -> Path:
    """platformdirs' per-user folder ``kind`` (``user_data_dir`` …) for studyplan.

    On Linux that is the XDG rule, followed here without importing platformdirs (~8 ms
    of every command; `status` runs before every prompt): ``$XDG_…_HOME`` when it is an
    absolute path, else ``$HOME/<default>``, then ``studyplan``. When HOME is not an
    absolute path, and on other systems, platformdirs decides.
    tests/test_status_paths.py checks the two agree.
    """
    if sys.platform == "linux" and not hasattr(sys, "getandroidapilevel") and "ANDROID_DATA" not in os.environ:
        base = os.environ.get(xdg_var, "")
        if not base.startswith("/"):
            home = os.environ.get("HOME", "")
            base = os.path.join(home.rstrip("/") or "/", default) if home.startswith("/") else ""
        if base:
            return Path(base, APP_NAME)
    import platformdirs  # ~8 ms: only where the rule above does not apply

    return Path(getattr(platformdirs, kind)(APP_NAME, appauthor=False))


def data_dir() -> Path:
    home = _home()
    if home is not None:
        return home
    return _user_dir("XDG_DATA_HOME", ".local/share", "user_data_dir")


def config_dir() -> Path:
    home = _home()
    if home is not None:
        return home
    return _user_dir("XDG_CONFIG_HOME", ".config", "user_config_dir")


def cache_dir() -> Path:
    home = _home()
    if home is not None:
        return home / "cache"
    return _user_dir("XDG_CACHE_HOME", ".cache", "user_cache_dir")


def database_path() -> Path:
    return data_dir() / "studyplan.db"


def device_id_path() -> Path:
    """This device's id for `studyplan sync` (made once; never in the sync folder)."""
    return data_dir() / "device-id"


def sync_state_path() -> Path:
    """What `studyplan sync` last merged from each device (for `sync --status`; never needed to merge)."""
    return data_dir() / "sync-state.json"


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
