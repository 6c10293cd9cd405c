"""The message catalogs: current with the code, complete, placeholders that match, English plurals."""

from __future__ import annotations

import re
import subprocess
import sys

import pytest

from studyplan.locale import HERE, catalog, msg, nmsg, nt, parse_po, t
from studyplan.locale.extract import ZH_HANT, messages

REPO = HERE.parents[1]
PLACEHOLDER = re.compile(r"\{(\w+)\}")
FOUND = messages()


def test_the_template_and_the_catalogs_are_current():
    done = subprocess.run([sys.executable, "-m", "studyplan.locale.extract", "--check"], capture_output=True, text=True, cwd=REPO)
    assert done.returncode == 0, done.stdout + done.stderr


@pytest.mark.parametrize("lang, name", [("ja", "ja.po"), ("zh-Hant", "zh_Hant.po")])
def test_every_message_has_a_translation_with_the_same_placeholders(lang, name):
    entries = parse_po((HERE / name).read_text(encoding="utf-8"))
    wanted = [k for k, m in FOUND.items() if lang == "ja" or any((f, fn) in ZH_HANT for f, fn, _ in m.where)]
    untranslated = [k[1] for k in wanted if not all(entries.get(k, ("",)))]
    assert not untranslated, f"{name}: no translation for {untranslated[:5]}"
    for key in wanted:
        m = FOUND[key]
        names = set(PLACEHOLDER.findall(m.msgid)) | set(PLACEHOLDER.findall(m.plural or ""))
        for form in entries[key]:
            assert set(PLACEHOLDER.findall(form)) <= names, (name, m.msgid, form)
            if m.plural is None:
                assert set(PLACEHOLDER.findall(form)) == names, (name, m.msgid, form)


def test_english_plurals():
    assert nt("en", "{n} day", "{n} days", 1) == "1 day"
    assert nt("en", "{n} day", "{n} days", 2) == "2 days"
    assert nt("en", "{n} day", "{n} days", 0) == "0 days"
    assert nt("ja", "{n} day", "{n} days", 1) == "1日" and nt("ja", "{n} day", "{n} days", 5) == "5日"


def test_a_message_inside_a_message_is_translated_too():
    days = nmsg("{n} day", "{n} days", 3)
    assert t("en", "Ahead by {days}", days=days) == "Ahead by 3 days"
    assert t("ja", "Ahead by {days}", days=days) == "3日先行"
    assert str(msg("Ahead by {days}", days=nmsg("{n} day", "{n} days", 1))) == "Ahead by 1 day"


def test_a_context_keeps_two_meanings_apart():
    assert catalog("ja").text(msg("done", context="status")) == "完了"


def test_the_po_reader_handles_what_translators_tools_write():
    text = '\n'.join([
        'msgid ""', 'msgstr "Language: ja\\n"', "",
        "#, fuzzy", 'msgid "Old"', 'msgstr "古い"', "",
        'msgctxt "status"', 'msgid "done"', 'msgstr "完了"', "",
        'msgid "{n} day"', 'msgid_plural "{n} days"', 'msgstr[0] "{n}日"', "",
        'msgid ""', '"Long "', '"line"', 'msgstr "長い\\"行\\""', "",
    ])
    entries = parse_po(text)
    assert ("status", "done") in entries and (None, "Old") not in entries  # fuzzy is not a translation
    assert entries[(None, "{n} day")] == ("{n}日",)
    assert entries[(None, "Long line")] == ('長い"行"',)
