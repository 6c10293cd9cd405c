"""Interface text in one catalog per language: gettext's convention, and its file format.

English is the source language, as in gettext: a message's English text, with named
``{placeholders}``, is its id (``msgid``). ``studyplan.pot`` lists every message (made
by ``python -m studyplan.locale.extract``; a test fails when it is out of date), and
``ja.po`` / ``zh_Hant.po`` translate them; a test fails on a message without a
translation and on placeholders that differ. Short words that mean two things carry a
context (``msgctxt``), e.g. ``review`` the card state and ``review`` the command.

Code says what it shows with ``msg()`` (one message) and ``nmsg()`` (a message with a
plural); a ``Msg`` is formatted in a language only when it is shown, so an error raised
deep inside is shown in the learner's language by the one boundary that prints it::

    raise NotFound(msg("no log entry {id}; `studyplan log --list` shows them", id=7))
    catalog("ja").text(nmsg("{n} day", "{n} days", 3))   # "3日"

Views that build text and show it at once use ``t(lang, "Goal")`` and
``nt(lang, "{n} day", "{n} days", n)``. Parameters may be Msgs themselves (translated too).
This package imports nothing of studyplan's layers, so any of them may use it.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from typing import Any

LANGS = ("en", "ja", "zh-Hant")
HERE = Path(__file__).resolve().parent
_FILES = {"ja": "ja.po", "zh-Hant": "zh_Hant.po"}
# gettext's Plural-Forms for the languages we ship: English two forms, Japanese and Chinese one.
_PLURAL = {"en": lambda n: 0 if n == 1 else 1, "ja": lambda n: 0, "zh-Hant": lambda n: 0}


class Msg:
    """A message to show: its English template (the msgid), an optional plural and context, and its parameters."""

    __slots__ = ("template", "plural", "count", "context", "params")

    def __init__(self, template: str, params: dict[str, Any], plural: str | None = None,
                 count: int | None = None, context: str | None = None) -> None:
        self.template, self.plural, self.count, self.context, self.params = template, plural, count, context, params

    def __str__(self) -> str:  # English: what logs, tests and str() see
        return catalog("en").text(self)

    def __repr__(self) -> str:
        return f"Msg({self.template!r})"


def msg(template: str, /, *, context: str | None = None, **params: Any) -> Msg:
    return Msg(template, params, context=context)


def nmsg(singular: str, plural: str, count: int, /, *, context: str | None = None, **params: Any) -> Msg:
    """A message with a plural; ``{n}`` is the count unless ``params`` say otherwise."""
    return Msg(singular, {"n": count, **params}, plural=plural, count=count, context=context)


def t(lang: str, template: str, /, *, context: str | None = None, **params: Any) -> str:
    """``template`` in ``lang``, filled in: for text a view builds and shows at once."""
    return catalog(lang).text(Msg(template, params, context=context))


def nt(lang: str, singular: str, plural: str, count: int, /, *, context: str | None = None, **params: Any) -> str:
    """``t`` for a message with a plural: ``nt(lang, "{n} day", "{n} days", 3)``."""
    return catalog(lang).text(nmsg(singular, plural, count, context=context, **params))


class Catalog:
    """The messages of one language; English needs no file."""

    def __init__(self, lang: str, entries: dict[tuple[str | None, str], tuple[str, ...]]) -> None:
        self.lang = lang
        self.entries = entries
        self._plural = _PLURAL.get(lang, _PLURAL["en"])

    def lookup(self, template: str, plural: str | None = None, count: int | None = None, context: str | None = None) -> str:
        forms = self.entries.get((context, template))
        if forms and any(forms):
            index = self._plural(count) if plural is not None and count is not None else 0
            return forms[min(index, len(forms) - 1)]
        if plural is not None and count is not None and count != 1:
            return plural
        return template

    def text(self, message: Msg | str) -> str:
        """``message`` in this language, its parameters filled in (Msgs among them translated too)."""
        if not isinstance(message, Msg):
            return str(message)
        template = self.lookup(message.template, message.plural, message.count, message.context)
        params = {k: self.text(v) if isinstance(v, Msg) else v for k, v in message.params.items()}
        return template.format(**params) if params else template


_loaded: dict[str, Catalog] = {}


def catalog(lang: str) -> Catalog:
    """The catalog of ``lang`` (en, ja or zh-Hant), read once per process."""
    found = _loaded.get(lang)
    if found is None:
        name = _FILES.get(lang)
        entries = parse_po((HERE / name).read_text(encoding="utf-8")) if name else {}
        found = _loaded[lang] = Catalog(lang, entries)
    return found


# -- the .po format (the part of it we write: msgctxt, msgid, msgid_plural, msgstr, msgstr[N]) --
_LINE = re.compile(r'^(msgctxt|msgid_plural|msgid|msgstr(?:\[(\d+)\])?)\s+"(.*)"\s*$')
_ESCAPES = {"n": "\n", "t": "\t", '"': '"', "\\": "\\"}


def _unquote(text: str) -> str:
    return re.sub(r'\\(.)', lambda m: _ESCAPES.get(m.group(1), m.group(1)), text)


def parse_po(text: str) -> dict[tuple[str | None, str], tuple[str, ...]]:
    """(msgctxt, msgid) -> the msgstr forms; fuzzy and obsolete entries are left out."""
    entries: dict[tuple[str | None, str], tuple[str, ...]] = {}
    current: dict[str, Any] = {}
    key: str | None = None
    fuzzy = False

    def flush() -> None:
        nonlocal current, fuzzy
        if "msgid" in current and current["msgid"] and not fuzzy:
            forms = current.get("forms") or {}
            entries[(current.get("msgctxt"), current["msgid"])] = tuple(forms[i] for i in sorted(forms))
        current, fuzzy = {}, False

    for raw in text.splitlines():
        line = raw.strip()
        if not line:
            flush()
            key = None
            continue
        if line.startswith("#"):
            if line.startswith("#,") and "fuzzy" in line:
                fuzzy = True
            continue
        m = _LINE.match(line)
        if m:
            word, index, value = m.group(1), m.group(2), _unquote(m.group(3))
            if word == "msgctxt" and "msgid" in current:
                flush()
            if word.startswith("msgstr"):
                key = f"msgstr:{index or 0}"
                current.setdefault("forms", {})[int(index or 0)] = value
            else:
                key = word
                current[word] = value
        elif line.startswith('"') and line.endswith('"') and key:
            value = _unquote(line[1:-1])
            if key.startswith("msgstr:"):
                current["forms"][int(key.split(":")[1])] += value
            else:
                current[key] += value
    flush()
    return entries
