"""studyplan/paths.py follows platformdirs' per-user folders without importing it (status runs before every prompt)."""

from __future__ import annotations

import sys

import platformdirs
import pytest

from studyplan import paths

KINDS = [("XDG_DATA_HOME", paths.data_dir, "user_data_dir"), ("XDG_CONFIG_HOME", paths.config_dir, "user_config_dir"),
         ("XDG_CACHE_HOME", paths.cache_dir, "user_cache_dir")]
XDG = [None, "", "relative/dir", "/abs/xdg", "/abs/xdg/", "/", "~/tilde"]
HOMES = ["/home/learner", "/home/learner/", "/", "//net/home", "relative-home", None]


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the rule is followed on Linux; elsewhere platformdirs decides")
@pytest.mark.parametrize("home", HOMES)
@pytest.mark.parametrize("xdg", XDG)
@pytest.mark.parametrize(("var", "ours", "kind"), KINDS)
def test_the_folders_are_the_ones_platformdirs_names(monkeypatch, var, ours, kind, xdg, home):
    monkeypatch.delenv("STUDYPLAN_HOME")
    for name, value in ((var, xdg), ("HOME", home)):
        if value is None:
            monkeypatch.delenv(name, raising=False)
        else:
            monkeypatch.setenv(name, value)
    assert ours() == paths.Path(getattr(platformdirs, kind)("studyplan", appauthor=False))


def test_studyplan_home_still_puts_everything_in_one_folder(monkeypatch, tmp_path):
    monkeypatch.setenv("STUDYPLAN_HOME", str(tmp_path))
    assert (paths.data_dir(), paths.config_dir(), paths.cache_dir()) == (tmp_path, tmp_path, tmp_path / "cache")
