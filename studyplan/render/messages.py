"""Words every view shows: a status, a length of time."""

from __future__ import annotations

from studyplan.locale import catalog, msg, t

STATUS_WORDS = {
    "todo": msg("todo", context="status"),
    "in-progress": msg("in progress", context="status"),
    "done": msg("done", context="status"),
    "skipped": msg("skipped", context="status"),
}


def status_word(status: str, lang: str) -> str:
    word = STATUS_WORDS.get(status)
    return catalog(lang).text(word) if word is not None else status


def duration(lang: str, minutes: int) -> str:
    """``1h40m`` in English, ``1時間40分`` in Japanese."""
    h, m = divmod(int(minutes), 60)
    if h and m:
        return t(lang, "{h}h{mm}m", h=h, mm=f"{m:02d}")
    return t(lang, "{h}h", h=h) if h else t(lang, "{m}m", m=m)
