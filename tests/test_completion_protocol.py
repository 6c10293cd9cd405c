"""Shell completion through the protocol the shells speak (_STUDYPLAN_COMPLETE with COMP_WORDS and
COMP_CWORD), for bash, zsh and fish: Japanese terms and aliases, every option's values, quoting,
--profile, no file fallback where none is wanted, and nothing written in a fresh home."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys

import pytest
from typer.testing import CliRunner

from studyplan.cli import app


def _complete(shell: str, line: str, env: dict[str, str] | None = None, instruction: str | None = None) -> str:
    """What studyplan answers when ``shell`` asks to complete ``line`` (the cursor at its end)."""
    words = line.split(" ")
    if shell == "fish":
        comp = {"COMP_WORDS": line, "COMP_CWORD": words[-1]}
    else:  # bash and zsh: the words and the index of the one being completed ('' after a space)
        comp = {"COMP_WORDS": line, "COMP_CWORD": str(len(_split(line)) - (0 if line.endswith(" ") else 1))}
    result = CliRunner().invoke(app, [], env={"_STUDYPLAN_COMPLETE": instruction or f"{shell}_complete", **comp, **(env or {})},
                                prog_name="studyplan")
    assert result.exit_code == 0, result.output
    return result.stdout


def _split(line: str) -> list[str]:
    from studyplan.cli.shells import _words

    return [w for w, _ in _words(line)]


def values(shell: str, line: str, **kw) -> list[str]:
    out = _complete(shell, line, **kw)
    if shell == "zsh":
        lines = out.splitlines()
        return [lines[i + 1] for i in range(0, len(lines) - 2, 3) if lines[i] == "plain"]
    return [x.split(",", 1)[1].split("\t")[0] for x in out.splitlines() if x.startswith("plain,")]


SHELLS = ("bash", "zsh", "fish")


@pytest.mark.parametrize("shell", SHELLS)
def test_japanese_terms_and_aliases_complete(shell):
    assert values(shell, "studyplan concept 過") == ["過学習", "過剰適合"]
    assert values(shell, "studyplan concept マシン") == ["マシンラーニング"]  # an alias
    assert "機械学習" in values(shell, "studyplan concept 機械")
    assert "perplexity" in values(shell, "studyplan concept perp")


@pytest.mark.parametrize("shell", SHELLS)
@pytest.mark.parametrize(("line", "expected"), [
    ("studyplan --lang ", ["en", "ja"]),
    ("studyplan today --lang ", ["en", "ja"]),
    ("studyplan history --lang ", ["en", "ja", "zh-Hant"]),
    ("studyplan log 1h --kind ", ["theory", "coding", "updates"]),
    ("studyplan report --format ", ["rich", "markdown", "json", "csv"]),
    ("studyplan log --list --format ", ["table", "csv"]),
    ("studyplan concepts --format ", ["table", "anki"]),
    ("studyplan read ", ["pace-of-progress"]),
    ("studyplan config set color ", ["auto", "always", "never"]),
    ("studyplan config set first_day_of_week s", ["saturday", "sunday"]),
    ("studyplan config get new_", ["new_cards_per_day"]),
    ("studyplan --profile ", ["default"]),
    ("studyplan init --curriculum ", ["ml-dl-gpt", "python-basics"]),
])
def test_option_values_complete_from_their_choices(shell, line, expected):
    assert values(shell, line) == expected


@pytest.mark.parametrize("shell", SHELLS)
def test_ids_from_the_curriculum(shell):
    assert "ml-basics" in values(shell, "studyplan log 1h --module ")
    assert "ml-basics" in values(shell, "studyplan concepts -m ml")
    assert values(shell, "studyplan done ml-basics/def") == ["ml-basics/definition"]
    assert "vision" in values(shell, "studyplan history --tag ")


@pytest.mark.parametrize("shell", ("bash", "fish"))
def test_files_only_where_a_file_is_wanted(shell):
    assert _complete(shell, "studyplan report --output ") == "file,\n"
    assert _complete(shell, "studyplan import ") == "file,\n"
    assert _complete(shell, "studyplan curriculum validate ./") == "file,\n"
    assert _complete(shell, "studyplan log 1h --note ") == ""  # free text: no file names
    assert _complete(shell, "studyplan concepts --search ") == ""


def test_bash_quotes_for_the_quote_the_user_opened():
    term = "Area under the ROC curve (AUC)"
    assert values("bash", "studyplan concept Area") == [r"Area\ under\ the\ ROC\ curve\ \(AUC\)"]
    assert values("bash", 'studyplan concept "Area') == [term]  # inside the quote: as it is
    assert values("bash", "studyplan concept 'Area") == [term]
    from studyplan.cli.shells import bash_word

    assert bash_word("it's $5 `x`", '"') == "it's \\$5 \\`x\\`"
    assert bash_word("it's", "'") == "it'\\''s"


@pytest.mark.parametrize("shell", ("zsh", "fish"))
def test_zsh_and_fish_get_the_value_and_quote_it_themselves(shell):
    assert values(shell, "studyplan concept Area") == ["Area under the ROC curve (AUC)"]


@pytest.mark.parametrize("shell", SHELLS)
def test_profile_on_the_command_line_is_used(shell, sp):
    sp("--profile", "py", "init", "--curriculum", "python-basics", "--start", "2026-03-02")
    assert "python-syntax" in values(shell, "studyplan --profile py show ")
    assert "python-syntax" in values(shell, "studyplan -p py log 1h --module ")
    assert "ml-basics" not in values(shell, "studyplan --profile py show ")
    assert "ml-basics" in values(shell, "studyplan show ")  # the default profile
    assert "python-syntax" in values(shell, "studyplan show ", env={"STUDYPLAN_PROFILE": "py"})
    assert values(shell, "studyplan --profile ") == ["default", "py"]


def test_commands_and_options_complete_with_their_help():
    out = _complete("zsh", "studyplan con")
    assert "plain\nconcept\nWhat does this term mean?" in out
    assert values("bash", "studyplan concepts --f") == ["--format"]


def test_older_typer_scripts_still_get_answers():
    out = _complete("bash", "studyplan concept 過", instruction="complete_bash")
    assert out.splitlines() == ["過学習", "過剰適合"]
    zsh = CliRunner().invoke(app, [], env={"_STUDYPLAN_COMPLETE": "complete_zsh", "_TYPER_COMPLETE_ARGS": "studyplan concept 過"},
                             prog_name="studyplan")
    assert zsh.stdout.startswith("_arguments '*: :((") and '"過学習"' in zsh.stdout


def _run(env: dict[str, str], *args: str, extra: dict[str, str] | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "studyplan", *args], capture_output=True, text=True,
                          env={**os.environ, **env, **(extra or {})}, timeout=60)


def test_a_tab_in_a_fresh_home_writes_nothing(tmp_path):
    home = tmp_path / "fresh"
    env = {"STUDYPLAN_HOME": str(home), "_STUDYPLAN_COMPLETE": "bash_complete"}
    for line, cword in (("studyplan concept 過", "2"), ("studyplan show ", "2"), ("studyplan --profile ", "2"), ("studyplan co", "1")):
        result = _run(env, extra={"COMP_WORDS": line, "COMP_CWORD": cword})
        assert result.returncode == 0 and result.stdout, result.stderr
    assert "plain,過学習" in _run(env, extra={"COMP_WORDS": "studyplan concept 過", "COMP_CWORD": "2"}).stdout
    assert not home.exists()


def test_a_tab_leaves_an_existing_home_as_it_was(tmp_path, sp, isolated_home):
    sp("init", "--start", "2026-03-02")
    shutil.rmtree(isolated_home / "cache", ignore_errors=True)
    before = {p.name: p.stat().st_mtime_ns for p in isolated_home.iterdir()}
    env = {"STUDYPLAN_HOME": str(isolated_home), "_STUDYPLAN_COMPLETE": "bash_complete"}
    result = _run(env, extra={"COMP_WORDS": "studyplan concept 過", "COMP_CWORD": "2"})
    assert "plain,過学習" in result.stdout
    assert {p.name: p.stat().st_mtime_ns for p in isolated_home.iterdir()} == before  # no cache, no -wal/-shm


@pytest.mark.parametrize("shell", SHELLS)
def test_completion_prints_each_script(sp, shell):
    script = sp("completion", shell).stdout
    assert "_STUDYPLAN_COMPLETE=" + shell + "_complete" in script
    assert "compinit" not in script.replace("after compinit", "") and "menu select" not in script
    assert sp("completion", "powershell", ok=False).exit_code == 2


@pytest.mark.skipif(shutil.which("bash") is None, reason="bash is not installed")
def test_the_bash_script_fills_compreply(tmp_path, sp):
    script = tmp_path / "studyplan.bash"
    script.write_text(sp("completion", "bash").stdout, encoding="utf-8")
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    (bin_dir / "studyplan").write_text(f"#!/bin/sh\nexec {sys.executable} -m studyplan \"$@\"\n", encoding="utf-8")
    (bin_dir / "studyplan").chmod(0o755)
    probe = (f"source {script}; COMP_WORDS=(studyplan concept Area); COMP_CWORD=2; "
             "_studyplan_completion studyplan; printf '%s\\n' \"${COMPREPLY[@]}\"")
    out = subprocess.run(["bash", "-c", probe], capture_output=True, text=True, timeout=60,
                         env={**os.environ, "PATH": f"{bin_dir}:{os.environ['PATH']}"}).stdout
    assert out.splitlines() == [r"Area\ under\ the\ ROC\ curve\ \(AUC\)"]


def test_install_adds_no_global_zsh_settings(tmp_path, sp, monkeypatch):
    home = tmp_path / "user"
    home.mkdir()
    (home / ".zshrc").write_text("# mine\nautoload -Uz compinit && compinit\n", encoding="utf-8")
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("SHELL", "/bin/zsh")
    out = sp("--install-completion").stdout
    assert "zsh completion installed in" in out
    assert (home / ".zfunc" / "_studyplan").read_text(encoding="utf-8") == sp("completion", "zsh").stdout
    rc = (home / ".zshrc").read_text(encoding="utf-8")
    assert rc.startswith("# mine\nautoload -Uz compinit && compinit\n")
    assert rc.count("compinit") == 2 and "zstyle" not in rc and "menu select" not in rc  # only our guarded line was added
    sp("completion", "zsh", "--install")
    assert (home / ".zshrc").read_text(encoding="utf-8") == rc  # installing twice adds nothing
    monkeypatch.setenv("SHELL", "/bin/bash")
    sp("--install-completion")
    assert f"source '{home}/.bash_completions/studyplan.sh'" in (home / ".bashrc").read_text(encoding="utf-8")
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / "cfg"))
    sp("completion", "fish", "--install")
    assert (home / "cfg" / "fish" / "completions" / "studyplan.fish").is_file()
