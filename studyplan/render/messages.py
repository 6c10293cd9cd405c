"""Words every view shows: a status, a length of time."""

from __future__ import annotations

from studyplan.locale import Msg, catalog, msg, t

STATUS_WORDS = {
    "todo": msg("todo", context="status"),
    "in-progress": msg("in progress", context="status"),
    "done": msg("done", context="status"),
    "skipped": msg("skipped", context="status"),
}


def word(words: dict[str, Msg], key: str, lang: str) -> str:
    """``words[key]`` in ``lang``; a key it does not name, as written."""
    found = words.get(key)
    return catalog(lang).text(found) if found is not None else key


def status_word(status: str, lang: str) -> str:
    return word(STATUS_WORDS, status, lang)


def duration(lang: str, minutes: int) -> str:
    """``1h40m`` in English, ``1時間40分`` in Japanese."""
    h, m = divmod(int(minutes), 60)
    if h and m:
        return t(lang, "{h}h{mm}m", h=h, mm=f"{m:02d}")
    return t(lang, "{h}h", h=h) if h else t(lang, "{m}m", m=m)


KIND_WORDS = {"theory": msg("theory", context="log kind"), "coding": msg("coding", context="log kind"),
              "updates": msg("staying current", context="log kind")}
VERDICT_WORDS = {"under": msg("under", context="verdict"), "within": msg("within", context="verdict"),
                 "over": msg("over", context="verdict")}
WEEKDAY_WORDS = (msg("Mon", context="weekday"), msg("Tue", context="weekday"), msg("Wed", context="weekday"),
                 msg("Thu", context="weekday"), msg("Fri", context="weekday"), msg("Sat", context="weekday"),
                 msg("Sun", context="weekday"))


def kind_word(kind: str, lang: str) -> str:
    """A log kind (theory, coding, updates) as the learner reads it."""
    word = KIND_WORDS.get(kind)
    return catalog(lang).text(word) if word is not None else kind


def verdict_word(verdict: str, lang: str) -> str:
    word = VERDICT_WORDS.get(verdict)
    return catalog(lang).text(word) if word is not None else verdict


def weekday_word(weekday: int, lang: str) -> str:
    """Monday = 0 … Sunday = 6, abbreviated: ``Mon`` / ``月``."""
    return catalog(lang).text(WEEKDAY_WORDS[weekday])
