"""The status line's text: the facts as named fields, and a template filled with them.

``studyplan status`` runs before every shell prompt, so this module imports nothing
(no records, no dates, no typing): it works on the plain dict of facts that
``app/status.py`` computes and the prompt's cache stores. The facts themselves are
decided elsewhere, once: topics by ``domain/today.py`` ``build_today``, the position
by ``domain/schedule.py`` ``position``, cards by ``app/review.py`` ``count_due``, the
streak by ``domain/streaks.py`` ``compute``.

A template is text with ``{field}`` placeholders; ``{{`` and ``}}`` are literal braces.
"""

from __future__ import annotations

DEFAULT_FORMAT = "{topics} · {cards} · {streak} · {position}"

# name -> what it shows (the command's help and docs/status.md list these)
FIELDS: dict[str, str] = {
    "topics": "topics to study today, e.g. '3 topics' or '3トピック' (the list `studyplan today` shows)",
    "cards": "review cards due today, e.g. '5 cards' (what `studyplan review` would show)",
    "streak": "the current streak, e.g. '12-day streak' ('no streak' at 0)",
    "position": "against the plan: '2 days behind', 'on track', '3 days ahead' or 'paused'",
    "topics_n": "topics to study today, a number",
    "cards_n": "review cards due today, a number",
    "streak_n": "current streak in days, a number",
    "days_delta": "days ahead of the plan, a number (negative: behind)",
    "standing": "behind, on-track, ahead or paused",
    "state": "active or finished (the plan's dates)",
    "profile": "the profile's name",
    "date": "the study day, YYYY-MM-DD",
    "lang": "the language the texts are in: en or ja (the lang setting, the profile's, then the locale)",
    "focus": "the running focus timer: 'focus 12m left', 'focus 25m done' (over, not yet logged); empty without one",
    "focus_left_n": "minutes left on the focus timer, a number (0 without one, or once it is over)",
}

# The facts app/status.py computes (and the cache keeps), with their types.
FACTS = {"profile": str, "date": str, "state": str, "topics_n": int, "cards_n": int,
         "streak_n": int, "days_delta": int, "standing": str,
         "focus_started": int, "focus_minutes": int,  # the timer: Unix time it started, planned minutes (0, 0: none)
         "lang": str, "words": dict}  # the learner's language, and the words in it (``WORDS``)

# The texts app/status.py takes from the message catalog in the learner's language, so
# that this module (and the prompt's fast path) needs no catalog: the counts already in
# place, the focus texts with a ``{m}`` for the minutes.
WORDS = ("topics", "cards", "streak", "position", "focus_left", "focus_done")


def valid_facts(facts: object) -> bool:
    """The facts a cache file yielded are whole and of the right types."""
    return (isinstance(facts, dict) and len(facts) == len(FACTS)
            and all(type(facts.get(k)) is t for k, t in FACTS.items())
            and set(facts["words"]) == set(WORDS) and all(type(v) is str for v in facts["words"].values()))


_INPUT_FACTS = ("focus_started", "focus_minutes", "words")  # facts the fields are made from, not fields themselves


def focus_left(facts: dict, now: float | None) -> int | None:
    """Whole minutes left on the focus timer at ``now`` (Unix time), rounded up; None without a timer.

    The cache keeps when the timer started, never what is left, so the answer follows the
    clock without the facts changing (without ``now``: as it started)."""
    started, minutes = facts.get("focus_started"), facts.get("focus_minutes")
    if not minutes:
        return None
    elapsed = 0.0 if now is None else max(0.0, now - started)
    return max(0, -int(-(minutes * 60 - elapsed) // 60))


def fields(facts: dict, now: float | None = None) -> dict[str, str | int]:
    """Every field of ``FIELDS`` (and nothing else), from the facts, with the focus timer as of ``now`` (Unix time)."""
    words = facts["words"]
    left = focus_left(facts, now)
    if left is None:
        focus = ""
    else:
        focus = words["focus_left"].replace("{m}", str(left)) if left else words["focus_done"].replace("{m}", str(facts["focus_minutes"]))
    return {
        "topics": words["topics"],
        "cards": words["cards"],
        "streak": words["streak"],
        "position": words["position"],
        "focus": focus,
        "focus_left_n": left or 0,
        **{k: v for k, v in facts.items() if k not in _INPUT_FACTS},
    }


class TemplateError(ValueError):
    """A template that names an unknown field or has an unmatched brace."""


def parse(template: str) -> list[tuple[bool, str]]:
    """The template as pieces: (False, literal text) or (True, field name)."""
    pieces: list[tuple[bool, str]] = []
    text: list[str] = []
    i, n = 0, len(template)
    while i < n:
        c = template[i]
        if c in "{}" and template.startswith(c * 2, i):
            text.append(c)
            i += 2
        elif c == "}":
            raise TemplateError(f"unmatched '}}' at character {i + 1} of the template (write '}}}}' for a brace)")
        elif c == "{":
            end = template.find("}", i)
            name = template[i + 1:end] if end != -1 else ""
            if end == -1 or name not in FIELDS:
                known = ", ".join(FIELDS)
                what = f"unknown field '{{{name}}}'" if end != -1 else f"unmatched '{{' at character {i + 1}"
                raise TemplateError(f"{what} in the template; fields: {known} (write '{{{{' for a brace)")
            if text:
                pieces.append((False, "".join(text)))
                text = []
            pieces.append((True, name))
            i = end + 1
        else:
            text.append(c)
            i += 1
    if text:
        pieces.append((False, "".join(text)))
    return pieces


def fill(template: str, facts: dict, now: float | None = None) -> str:
    """The template with every field replaced (raises ``TemplateError``)."""
    values = fields(facts, now)
    return "".join(str(values[p]) if is_field else p for is_field, p in parse(template))
