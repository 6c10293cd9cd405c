"""The daily commands, and their common command lines run without typer.

``today``, ``plan``, ``show MODULE`` and ``concept TERM...`` are what a learner runs every
day. Typer costs ~28 ms of each start (Click imported, every parameter inspected, the
command built) for a command line of a handful of words, so ``studyplan/__main__.py``
hands the command line to ``run`` first. ``run`` answers only the shapes below and
returns None for anything else (``--help``, completion, ``--version``, an option it
does not know, a missing value, an option given twice, text that is not UTF-8…): typer
then runs it as always, so help, usage errors and completion are typer's own.

    studyplan [ROOT] [today] [--date DATE] [--lang LANG] [--json]
    studyplan [ROOT] plan [--lang LANG] [--plain] [--json]
    studyplan [ROOT] show MODULE [--lang LANG] [--json]
    studyplan [ROOT] concept TERM... [--lang LANG] [--json]

ROOT: ``-p/--profile NAME``, ``--lang LANG``, ``--no-pager``; ``--name=value`` works too.

The commands' bodies (``today`` … below) are the typer commands' bodies as well: the
typer command parses, then calls the same function with its Run, so both faces read,
print and end a run alike (cli/common.py ``Run``, ``emit_to``, ``close_run``). A
failure is worded by the typer boundary (cli/boundary.py ``guarded``), imported only
then: the same message, language and exit code.
"""

from __future__ import annotations

import os
from typing import Any

from studyplan.app.session import Session
from studyplan.cli.common import Run, close_run, emit_to, lazy

# -- the bodies, shared with the typer commands -----------------------------------------------


def today(run: Run, date: str | None = None, lang: str | None = None, json_: bool = False) -> None:
    from studyplan.app import today as use_cases

    session = _started(run)
    result = use_cases.today(session, session.day(date), session.lang(lang))
    emit_to(run, result, lazy("studyplan.render.views", "today_view"), json_)


def plan(run: Run, lang: str | None = None, plain: bool = False, json_: bool = False) -> None:
    from studyplan.app import today as use_cases

    session = _started(run)
    emit_to(run, use_cases.plan(session, session.lang(lang)), lazy("studyplan.render.overview", "plan_view"), json_, plain,
            rows=lazy("studyplan.render.tabular", "plan_rows"), page=True)


def show(run: Run, module: str, lang: str | None = None, json_: bool = False) -> None:
    from studyplan.app import today as use_cases

    session = _started(run)
    emit_to(run, use_cases.show(session, module, session.lang(lang)), lazy("studyplan.render.overview", "show_view"), json_, page=True)


def concept(run: Run, query: list[str], lang: str | None = None, json_: bool = False) -> None:
    from studyplan.app import knowledge

    session = _started(run)
    emit_to(run, knowledge.concept(session, " ".join(query), session.lang(lang)), lazy("studyplan.render.concept", "concept_view"), json_)


def _started(run: Run) -> Session:
    """The run's session, its settings checked first (as cli/common.py ``session_of``)."""
    session = run.session
    if session.strict_config:  # an invalid setting stops the command as it starts, not after a write
        session.config  # noqa: B018 - read for its check
    return session


# -- the command lines run without typer ------------------------------------------------------

BODIES = {"today": today, "plan": plan, "show": show, "concept": concept}
# Each command's options: name -> (parameter, takes a value); and its positional parameter.
_LANG = {"--lang": ("lang", True)}
_JSON = {"--json": ("json_", False)}
OPTIONS: dict[str, dict[str, tuple[str, bool]]] = {
    "today": {"--date": ("date", True), **_LANG, **_JSON},
    "plan": {**_LANG, "--plain": ("plain", False), **_JSON},
    "show": {**_LANG, **_JSON},
    "concept": {**_LANG, **_JSON},
}
ARGUMENTS = {"show": ("module", 1), "concept": ("query", None)}  # (parameter, exactly this many; None: one or more)
ROOT_OPTIONS = {"--profile": ("profile", True), "-p": ("profile", True), "--lang": ("lang", True), "--no-pager": ("no_pager", False)}


class Call:
    """A command line this module runs: the root options, the command and its parameters."""

    __slots__ = ("root", "command", "params")

    def __init__(self, root: dict[str, Any], command: str, params: dict[str, Any]) -> None:
        self.root, self.command, self.params = root, command, params


def parse(argv: list[str], env: dict[str, str] | None = None) -> Call | None:
    """The call ``argv`` makes, or None when it is not one of the shapes above."""
    if (env if env is not None else os.environ).get("_STUDYPLAN_COMPLETE"):
        return None  # a shell asking for completions
    if any("\ud800" <= ch <= "\udfff" for arg in argv for ch in arg):
        return None  # bytes that are not UTF-8: the typer boundary refuses them, in its words
    root: dict[str, Any] = {}
    i = _options(argv, 0, ROOT_OPTIONS, root)
    if i is None:
        return None
    command = argv[i] if i < len(argv) else "today"
    if command not in BODIES:
        return None
    params: dict[str, Any] = {}
    words: list[str] = []
    j = i + 1
    while j < len(argv):
        arg = argv[j]
        if arg.startswith("-") and arg != "-":
            j = _options(argv, j, OPTIONS[command], params)
            if j is None:
                return None
        else:
            words.append(arg)
            j += 1
    if command in ARGUMENTS:
        name, count = ARGUMENTS[command]
        if not words or (count is not None and len(words) != count) or any(w.startswith("-") for w in words):
            return None
        params[name] = words[0] if count == 1 else words
    elif words:
        return None  # an extra argument: typer's usage error
    return Call(root, command, params)


def _options(argv: list[str], i: int, known: dict[str, tuple[str, bool]], into: dict[str, Any]) -> int | None:
    """Read the options from ``argv[i]`` on, up to the first word that is not one; the index
    of that word, or None when an option is unknown, repeated or lacks its value."""
    while i < len(argv) and argv[i].startswith("-") and argv[i] != "-":
        name, eq, value = argv[i].partition("=")
        if name not in known or (eq and not name.startswith("--")):
            return None
        param, takes_value = known[name]
        if param in into or (eq and not takes_value):
            return None
        if takes_value and not eq:
            if i + 1 >= len(argv) or argv[i + 1].startswith("--") or (argv[i + 1].startswith("-") and param != "date"):
                return None  # missing, or a value that looks like an option (a relative date -3d is a value)
            i += 1
            value = argv[i]
        into[param] = value if takes_value else True
        i += 1
    return i


def run(argv: list[str]) -> int | None:
    """Run ``argv`` when it is one of the shapes above: its exit code; None when typer should."""
    call = parse(argv)
    if call is None:
        return None
    session = Session()
    current = Run(session)
    # As the typer root callback (cli/root.py) sets up a run:
    current.no_pager = bool(call.root.get("no_pager"))
    if "profile" in call.root:
        session.profile_name = call.root["profile"]
    if "lang" in call.root:
        session.lang_flag = call.root["lang"]
    session.warn = lambda message: _warn(message, session)
    session.strict_config = True  # none of these is `config` or `doctor`
    try:
        try:
            BODIES[call.command](current, **call.params)
        except (Exception, KeyboardInterrupt) as exc:
            return _failed(exc, current, call.params.get("lang"))
    finally:
        close_run(session)
    return 0


def _warn(message: Any, session: Session) -> None:
    from studyplan.cli.boundary import (
        warn,  # typer: only when there is a warning to word
    )

    warn(message, session)


class _Context:
    """Enough of a typer context for the boundary to find the run (and so the language)."""

    def __init__(self, run: Run) -> None:
        self.obj = run

    def find_root(self) -> _Context:
        return self


def _failed(exc: BaseException, run: Run, lang: str | None) -> int:
    """The exit code of ``exc``, worded on standard error by the typer boundary, as a typer command's."""
    import typer  # only for a failure: its message comes from the same boundary

    from studyplan.cli.boundary import guarded

    def command(ctx: _Context, lang: str | None = None) -> None:
        raise exc

    try:
        guarded(command)(_Context(run), lang=lang)
    except typer.Exit as done:
        return done.exit_code
    return 1  # the boundary always exits; never reached
