"""What each parameter completes to: one table for every command.

Shell completion (cli/shells.py) resolves the command line to the parameter being
completed and asks ``complete_parameter`` for its candidates. A parameter the table does
not name completes to nothing: a note, a duration or a search text is typed, and file
names are offered only where a file is wanted (``--output``, ``import FILE``, a
curriculum folder). The values come from ``studyplan.app.completion.Sources``, which
reads the profile named by ``--profile`` on the same command line, and writes nothing.

Completion must never fail loudly, so every error yields no candidates.
"""

from __future__ import annotations

from typing import Any, Callable, Union

from studyplan.app.completion import HISTORY_LANGUAGES, LANGUAGES, Sources
from studyplan.domain.content import LOG_KINDS

FILE = "file"  # the shell completes file names
RELATIVE_DATES = ("today", "yesterday", "tomorrow", "-1d", "-1w", "+1w",
                  "mon", "tue", "wed", "thu", "fri", "sat", "sun")
FORMATS = {
    "concepts": ("table", "anki"),
    "log": ("table", "csv"),
    "report": ("rich", "markdown", "json", "csv"),
}

Values = Union[tuple[str, ...], str, Callable[[Sources, Any], list[str]]]


def _format(sources: Sources, ctx: Any) -> list[str]:
    return list(FORMATS.get(ctx.command.name, ()))


def _lang(sources: Sources, ctx: Any) -> list[str]:
    return list(HISTORY_LANGUAGES if ctx.command.name == "history" else LANGUAGES)


def _setting_value(sources: Sources, ctx: Any) -> list[str]:
    return sources.setting_values(str(ctx.params.get("name") or ""))


def _curriculum(sources: Sources, ctx: Any) -> list[str]:
    return sources.curricula()


# parameter name (as typer names it) -> what completes it; ``(command, name)`` wins over ``name``
BY_NAME: dict[str, Values] = {
    "lang": _lang,
    "profile": lambda s, ctx: s.profiles(),
    "module": lambda s, ctx: s.module_ids(),
    "items": lambda s, ctx: s.item_refs(),
    "item": lambda s, ctx: s.item_refs(),
    "query": lambda s, ctx: s.concept_terms(),
    "tag": lambda s, ctx: s.history_tags(),
    "reading": lambda s, ctx: s.reading_ids(),
    "kind": LOG_KINDS,
    "format_": _format,
    "output": FILE,
    "file": FILE,
    "date": RELATIVE_DATES,
    "start": RELATIVE_DATES,
    "from_": RELATIVE_DATES,
    "to": RELATIVE_DATES,
    "curriculum": _curriculum,
}
BY_COMMAND: dict[tuple[str, str], Values] = {
    ("get", "name"): lambda s, ctx: s.settings(),
    ("set", "name"): lambda s, ctx: s.settings(),
    ("unset", "name"): lambda s, ctx: s.settings(),
    ("set", "value"): _setting_value,
    ("validate", "path"): _curriculum,
}
# parameters that take a curriculum id or a folder: a path-like word completes file names
PATH_OR_ID = {"curriculum", "path"}


def _looks_like_path(word: str) -> bool:
    return word.startswith(("/", ".", "~")) or "/" in word


def complete_parameter(ctx: Any, param: Any, incomplete: str) -> tuple[str, list[str]]:
    """``("plain", values)`` for the parameter ``param`` of ``ctx``'s command, or
    ``("file", [])`` when the shell should complete file names."""
    name = param.name or ""
    rule = BY_COMMAND.get((ctx.command.name, name), BY_NAME.get(name))
    if rule is None:
        return "plain", []
    if rule == FILE or (name in PATH_OR_ID and _looks_like_path(incomplete)):
        return FILE, []
    if isinstance(rule, tuple):
        return "plain", _matching(list(rule), incomplete)
    root = ctx.find_root()
    sources = Sources(profile=root.params.get("profile") or ctx.params.get("profile"))
    try:
        return "plain", _matching(rule(sources, ctx), incomplete)
    except Exception:  # noqa: BLE001 - completion never fails loudly
        return "plain", []
    finally:
        sources.close()


def _matching(values: list[str], incomplete: str) -> list[str]:
    """The values that start with what was typed; when none does, those that start with it
    in another case (``auc`` finds ``AUC``)."""
    exact = [v for v in values if v.startswith(incomplete)]
    if exact or not incomplete:
        return exact
    folded = incomplete.casefold()
    return [v for v in values if v.casefold().startswith(folded)]


# For an ``autocompletion=`` callback on a parameter (the default profile's values; the
# table above is the way to go: it also honours --profile).
def module_ids() -> list[str]:
    return _of(Sources.module_ids)


def item_refs() -> list[str]:
    return _of(Sources.item_refs)


def concept_terms() -> list[str]:
    return _of(Sources.concept_terms)


def _of(method: Callable[[Sources], list[str]]) -> list[str]:
    sources = Sources()
    try:
        return method(sources)
    except Exception:  # noqa: BLE001
        return []
    finally:
        sources.close()
