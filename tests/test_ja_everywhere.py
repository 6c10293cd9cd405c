"""A Japanese learner reads every command in Japanese: no English message of the catalog in any output.

A profile with history (marks, time logs, notes, a pause, a replan, review cards with reviews)
is built with the CLI; then every command runs with ``--lang ja`` and its output is searched for
the English text of every catalog message that has a real Japanese translation. The same
search over the English output finds plenty, so the check can fail.
"""

from __future__ import annotations

import re

import pytest

from studyplan.config import SETTINGS
from studyplan.locale import HERE, parse_po
from studyplan.locale.extract import messages

JA = parse_po((HERE / "ja.po").read_text(encoding="utf-8"))
_PLACEHOLDER = re.compile(r"\{[^{}]*\}")
# Text that is English on purpose in every language: commands to type, code spans, a word one may
# type instead ("1 もう一度 (again)"), ids, setting names, tags and paths.
_COMMAND = re.compile(r"`[^`\n]*`|studyplan(?: +(?:[-\w./|:=<>@]+|\"[^\"\n]*\"))+|\([a-z]+\)")
_ID = re.compile(r"#[\w-]+|[\w./~]*[-_/.][\w./~-]*|(?<![\w-])(?:" + "|".join(SETTINGS) + r")(?![\w-])")
# Words that are also values shown as data: the default profile's name (the `profile` setting).
DATA_WORDS = {"default"}


def _pattern(template: str) -> re.Pattern[str] | None:
    """The English message as it would appear once filled in; None when it has too few words of
    its own to tell (placeholders only, a unit such as ``{n} h``, an id)."""
    literal = _PLACEHOLDER.sub(" ", template)
    if len(literal.strip()) < 4 or not re.search(r"[A-Za-z]{3,}", literal) or re.fullmatch(r"\s*[\w-]*[-_][\w-]*\s*", literal):
        return None
    if template in DATA_WORDS:
        return None
    if " " not in template.strip() and "{" not in template:
        # One word ("under", "from", "again"): an interface word on its own, not a word inside
        # English data such as a concept's English term ("Area under the ROC curve").
        return re.compile(r"(?<![A-Za-z])(?<![A-Za-z] )" + re.escape(template) + r"(?! [A-Za-z])(?![A-Za-z])")
    parts = _PLACEHOLDER.split(template)
    body = r"[^\n]+?".join(re.escape(p) for p in parts)
    return re.compile(r"(?<![A-Za-z])" + body + r"(?![A-Za-z])")


def _english_messages() -> list[tuple[str, re.Pattern[str]]]:
    out = []
    for key, m in messages().items():
        forms = JA.get(key, ())
        if not forms or not all(forms):
            continue  # untranslated: test_catalog reports it
        for english in (m.msgid, m.plural):
            if english and english not in forms and (pattern := _pattern(english)) is not None:
                out.append((english, pattern))
    return out


ENGLISH = _english_messages()


def english_in(output: str) -> list[str]:
    """The catalog's English messages found in ``output`` (commands, code spans, ids and paths set aside)."""
    text = _ID.sub(" ", _COMMAND.sub(" ", output))
    return sorted({english for english, pattern in ENGLISH if pattern.search(text)})


@pytest.fixture
def learner(sp, frozen, tmp_path):
    """A profile with two months of history, built the way a learner would."""
    frozen("2026-03-10")
    sp("init", "--start", "2026-01-05")
    sp("start", "ml-basics")
    sp("done", "ml-basics/definition", "ml-basics/types-of-ml")
    sp("skip", "ml-basics/islr")
    sp("log", "1h40m", "--module", "ml-basics", "--note", "誤差逆伝播を手で計算", "--date", "2026-01-08")
    sp("log", "45m", "--kind", "coding", "--date", "2026-03-09")
    sp("log", "1h", "--kind", "updates", "--date", "2026-03-10")
    sp("note", "ml-basics/definition", "教師あり学習と教師なし学習の違い")
    sp("note", "ml-basics", "主成分分析をもう一度")
    sp("concept", "transformer")
    sp("review", "--all", "--limit", "5", input="3\n1\n4\n2\n3\n")
    sp("review", "--all", "--limit", "3", input="3\n3\n3\n")
    sp("pause", "--from", "2026-01-20", "--to", "2026-01-25", "--reason", "試験")
    sp("replan", "--from", "2026-03-01")
    return sp


def _ja(sp, *args: str, input: str | None = None) -> str:
    result = sp("--lang", "ja", *args, input=input)
    return result.stdout + result.stderr


def test_the_check_finds_english_in_english_output(learner):
    found = english_in(learner("report", "--date", "2026-03-10").stdout + learner("log", "--list").stdout)
    assert "Hours against the routine" in found and "{n} entry, {time} in all" not in found and "{n} entries, {time} in all" in found


def test_every_command_reads_in_japanese(learner, tmp_path):
    sp = learner
    backup, ics, md, csv_file = tmp_path / "backup.json", tmp_path / "plan.ics", tmp_path / "week.md", tmp_path / "log.csv"
    runs: dict[str, str] = {}

    def run(*args: str, input: str | None = None) -> None:
        runs[" ".join(args)] = _ja(sp, *args, input=input)

    run("today", "--date", "2026-03-10")
    run("plan")
    run("show", "ml-basics")
    run("concept", "transformer")
    run("concept", "トランスフォマー")
    run("concepts", "--module", "ml-basics")
    run("history")
    run("history", "--chart")
    run("read", "--list")
    run("review", "--stats")
    run("review", "--limit", "2", input="3\n3\n")
    run("log", "30m", "--kind", "theory", "--note", "復習", "--date", "2026-03-10")
    run("log", "--list")
    run("log", "--list", "--week")
    run("log", "--list", "--month", "--date", "2026-02-10")
    run("log", "--delete", "4")
    run("undo")
    run("report", "--date", "2026-03-10")
    run("report", "--month", "--date", "2026-01-20")
    run("report", "--format", "markdown", "--date", "2026-03-10")
    run("report", "--format", "markdown", "--output", str(md), "--date", "2026-03-10")
    runs["week.md"] = md.read_text(encoding="utf-8")
    run("log", "--list", "--format", "csv", "--output", str(csv_file))
    run("timeline", "--date", "2026-03-10")
    run("note", "ml-basics/types-of-ml", "分類と回帰")
    run("notes")
    run("notes", "ml-basics", "--search", "主成分")
    run("undo")
    run("pause", "--from", "2026-04-01", "--to", "2026-04-03", "--reason", "旅行")
    run("pause", "--list")
    run("pause", "--cancel", "3")
    run("undo")
    run("undo")
    run("replan", "--from", "2026-03-10")
    run("replan", "--from", "2026-03-10")
    run("start", "ml-basics/key-algorithms")
    run("done", "ml-basics/key-algorithms")
    run("done", "ml-basics/key-algorithms")
    run("reset", "ml-basics/key-algorithms")
    run("undo")
    run("export", "--output", str(backup))
    run("--profile", "copy", "import", str(backup), "--dry-run")
    run("--profile", "copy", "import", str(backup))
    run("import", str(backup), "--merge", "--dry-run")
    run("calendar", "--output", str(ics), "--sessions", "--days", "mon,wed", "--at", "19:00", "--hours", "1.5")
    run("doctor")
    run("config", "list")
    run("config", "set", "daily_cap", "3")
    run("config", "unset", "daily_cap")
    run("curriculum", "list")
    run("curriculum", "validate", "ml-dl-gpt")
    run("focus", "--status")
    run("sync", "--status")
    run("--profile", "mika", "init", "--start", "2026-04-06", "--months", "9", "--hours", "12")
    run("--profile", "mika", "today", "--date", "2026-03-10")
    run("--profile", "mika", "report", "--date", "2026-04-08")
    run("--profile", "mika", "log", "--list")
    run("--profile", "mika", "notes")
    run("--profile", "mika", "pause", "--list")
    run("--profile", "mika", "undo")

    found = {command: english_in(out) for command, out in runs.items()}
    assert {command: words for command, words in found.items() if words} == {}, "\n".join(
        f"{c}: {w}\n{runs[c]}" for c, w in found.items() if w)
    assert "ルーティンに対する学習時間" in runs["report --date 2026-03-10"]
    assert "合計" in runs["log --list"] and "時間40分" in runs["log --list"]


def test_english_plurals_and_durations_read_right(sp, frozen):
    frozen("2026-03-12")
    sp("init", "--start", "2026-03-02")
    sp("log", "1h40m", "--kind", "coding", "--date", "2026-03-10")
    assert "1 entry, 1h40m in all" in sp("log", "--list", "--week").stdout
    report = sp("report", "--date", "2026-03-12").stdout
    assert "1.67 h" not in report and "1h40m" in report
    sp("done", "ml-basics/definition", "ml-basics/types-of-ml")
    report = sp("report", "--date", "2026-03-12").stdout
    assert "Streak: 1 day (best 1)" in report and re.search(r"ahead by ([2-9]|\d\d+) days", report) and "1 days" not in report
    assert "(1 day)" in sp("pause", "--from", "2026-04-01", "--to", "2026-04-01").stdout
    timeline = sp("timeline", "--date", "2026-03-12").stdout
    assert "Shifted 1 day in all" in timeline and "+1 day from 2026-04-01" in timeline
