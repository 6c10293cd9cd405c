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
    "topics": "topics to study today, e.g. '3 topics' (the list `studyplan today` shows)",
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
}

# The facts app/status.py computes (and the cache keeps), with their types.
FACTS = {"profile": str, "date": str, "state": str, "topics_n": int, "cards_n": int,
         "streak_n": int, "days_delta": int, "standing": str}


def _count(n: int, one: str, many: str) -> str:
    return f"{n} {one if n == 1 else many}"


def position_text(days_delta: int, standing: str) -> str:
    if standing == "behind":
        return _count(-days_delta, "day", "days") + " behind"
    if standing == "ahead":
        return _count(days_delta, "day", "days") + " ahead"
    return "paused" if standing == "paused" else "on track"


def valid_facts(facts: object) -> bool:
    """The facts a cache file yielded are whole and of the right types."""
    return (isinstance(facts, dict) and len(facts) == len(FACTS)
            and all(type(facts.get(k)) is t for k, t in FACTS.items()))


def fields(facts: dict) -> dict[str, str | int]:
    """Every field of ``FIELDS``, from the facts."""
    streak = facts["streak_n"]
    return {
        "topics": _count(facts["topics_n"], "topic", "topics"),
        "cards": _count(facts["cards_n"], "card", "cards"),
        "streak": f"{streak}-day streak" if streak else "no streak",
        "position": position_text(facts["days_delta"], facts["standing"]),
        **facts,
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


def fill(template: str, facts: dict) -> str:
    """The template with every field replaced (raises ``TemplateError``)."""
    values = fields(facts)
    return "".join(str(values[p]) if is_field else p for is_field, p in parse(template))
