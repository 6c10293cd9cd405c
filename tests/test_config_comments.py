"""`config set` and `config unset` change one setting and leave the rest of the file as the user wrote it;
an empty STUDYPLAN_<NAME> is unset, so the value's source is the file."""

from __future__ import annotations

import tomllib

WRITTEN = """\
# studyplan settings — edited by hand
lang = "ja"   # I read Japanese

# two evenings and the weekend
weekly_hours = 12

rest_days = ["sunday"]  # church
mystery_key = "from a newer studyplan"

[plugins]
theme = "dark"
"""


def _config(isolated_home):
    path = isolated_home / "config.toml"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(WRITTEN, encoding="utf-8")
    return path


def test_set_changes_one_value_and_keeps_comments_order_and_unknown_keys(sp, isolated_home):
    path = _config(isolated_home)
    sp("config", "set", "weekly_hours", "15")
    text = path.read_text(encoding="utf-8")
    assert text == WRITTEN.replace("weekly_hours = 12", "weekly_hours = 15.0")
    sp("config", "set", "lang", "en")
    text = path.read_text(encoding="utf-8")
    assert 'lang = "en"   # I read Japanese' in text  # the inline comment stays with its key
    assert "# studyplan settings — edited by hand" in text and "# two evenings and the weekend" in text
    assert tomllib.loads(text)["plugins"] == {"theme": "dark"}
    assert tomllib.loads(text)["mystery_key"] == "from a newer studyplan"


def test_a_new_setting_goes_among_the_settings_not_into_a_table(sp, isolated_home):
    path = _config(isolated_home)
    sp("config", "set", "new_cards_per_day", "15")
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    assert data["new_cards_per_day"] == 15 and "new_cards_per_day" not in data["plugins"]
    assert sp("config", "get", "new_cards_per_day").stdout == "15\n"
    assert path.read_text(encoding="utf-8").startswith("# studyplan settings — edited by hand\n")


def test_unset_removes_only_that_key(sp, isolated_home):
    path = _config(isolated_home)
    sp("config", "unset", "rest_days")
    text = path.read_text(encoding="utf-8")
    assert "rest_days" not in text and "# church" not in text  # the key's own inline comment goes with it
    assert text == WRITTEN.replace('rest_days = ["sunday"]  # church\n', "")
    sp("config", "unset", "daily_cap")  # not in the file: nothing changes
    assert path.read_text(encoding="utf-8") == text


def test_a_fresh_file_is_plain_toml(sp, isolated_home):
    sp("config", "set", "rest_days", "saturday,sunday")
    sp("config", "set", "color", "never")
    path = isolated_home / "config.toml"
    assert tomllib.loads(path.read_text(encoding="utf-8")) == {"rest_days": ["saturday", "sunday"], "color": "never"}


def test_a_file_that_is_not_toml_is_never_overwritten(sp, isolated_home):
    path = isolated_home / "config.toml"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("lang = [unclosed\n", encoding="utf-8")
    result = sp("config", "set", "lang", "ja", ok=False)
    assert result.exit_code == 2 and "not valid TOML" in result.stderr
    assert path.read_text(encoding="utf-8") == "lang = [unclosed\n"


def test_an_empty_environment_variable_is_unset(sp, isolated_home, monkeypatch):
    sp("config", "set", "lang", "ja")
    monkeypatch.setenv("STUDYPLAN_LANG", "")
    got = sp.json("config", "get", "lang")
    assert (got["value"], got["source"]) == ("ja", "file")
    entries = {e["name"]: e for e in sp.json("config", "list")["entries"]}
    assert (entries["lang"]["value"], entries["lang"]["source"]) == ("ja", "file")
    monkeypatch.setenv("STUDYPLAN_COLOR", "")
    entries = {e["name"]: e for e in sp.json("config", "list")["entries"]}
    assert (entries["color"]["value"], entries["color"]["source"]) == ("auto", "default")
    assert "wins" not in sp("config", "set", "lang", "en").stdout  # an empty variable does not override the file


def test_reading_the_config_does_not_import_tomlkit(isolated_home):
    import subprocess
    import sys

    _config(isolated_home)
    code = ("import sys; from studyplan.cli import app_for; "
            "import contextlib, io\n"
            "with contextlib.suppress(SystemExit), contextlib.redirect_stdout(io.StringIO()):\n"
            "    app_for(['config', 'get', 'lang'])(['config', 'get', 'lang'], prog_name='studyplan')\n"
            "print('tomlkit' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "False"
