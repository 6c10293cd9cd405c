"""The prompt face: ``studyplan status``, one line for a shell prompt or a status bar.

It runs before every prompt, so it starts without typer, rich or YAML:
``studyplan/__main__.py`` hands it the command line when the command is ``status``
(``run``); the typer command (``cli/status.py``: ``--help``, root options such as
``-p``) calls the same ``answer``, so both print the same. The facts are computed by
``app/status.py``, imported only when the cache cannot answer; the text is made by
``domain/status.py``.

The cache (``status-*.cache`` in the cache folder, one per ``--profile``) keeps the
facts with everything they were computed from, and answers only while all of it is
unchanged (see ``status_cache.py`` for the entry and why it cannot be stale):

1. the question (profile, ``STUDYPLAN_*`` variables, time zone, paths, version), the
   study day (the clock against the ``day_starts_at`` in force), the settings file's
   bytes, and the stats of the curriculum's files must all match; then
2. the database's stats (the file and its ``-wal``), when they match and were not
   racy, answer at once (no SQLite at all); otherwise
3. a digest of the very rows the facts come from (``store/fingerprint.py``, ~1 ms)
   decides: equal means equal facts.

Anything else computes afresh, in one read snapshot with the digest, and stores the
entry. A command that wrote to the database refreshes the entry as it ends
(``refresh``, called by the CLI), so the first prompt after a change takes step 3.

A prompt must not break: a problem prints nothing on standard output, one line on
standard error (``studyplan status: …``) and exits 0. Nothing to say (no database,
no profile yet, the plan not started) prints nothing and exits 0. A mistake in how
it is called (an unknown ``--format`` field) exits 2, so it shows when it is tried.
"""

from __future__ import annotations

import os
import sys
import time

from studyplan import paths
from studyplan.app import status_cache as cache
from studyplan.domain import status as text
from studyplan.domain.contract import JSON_VERSION

CACHE_ENV = cache.CACHE_ENV


class Options:
    """What ``status`` was asked: the template or JSON, the profile, a date, whether to use the cache."""

    __slots__ = ("template", "json", "cache", "profile", "date", "lang")

    def __init__(self, template: str = text.DEFAULT_FORMAT, json: bool = False, cache: bool = True,
                 profile: str | None = None, date: str | None = None, lang: str | None = None) -> None:
        self.template, self.json, self.cache, self.profile, self.date = template, json, cache, profile, date
        self.lang = lang  # --lang: the language of the texts (else the setting, the profile's, the locale)


def parse(argv: list[str]) -> Options | None:
    """The options of ``status ARGS``; None when it is not a plain call (``--help``, an unknown
    or incomplete option): then the typer command answers, with its help or usage error."""
    opts = Options()
    values = {"--format": "template", "-f": "template", "--profile": "profile", "-p": "profile", "--date": "date",
              "--lang": "lang"}
    args = iter(argv)
    for arg in args:
        name, eq, value = arg.partition("=")
        if arg == "--json":
            opts.json = True
        elif arg == "--no-cache":
            opts.cache = False
        elif eq and name.startswith("--") and name in values:
            setattr(opts, values[name], value)
        elif arg in values:
            value = next(args, None)
            if value is None:
                return None
            setattr(opts, values[arg], value)
        else:
            return None
    return opts


class Answer:
    """What to print on standard output and standard error (either may be empty), and the exit code."""

    __slots__ = ("out", "err", "code")

    def __init__(self, out: str = "", err: str = "", code: int = 0) -> None:
        self.out, self.err, self.code = out, err, code


def _one_line(exc: BaseException) -> str:
    message = getattr(exc, "message", None) or str(exc) or type(exc).__name__
    return "studyplan status: " + " ".join(str(message).split())


def answer(opts: Options, env: dict[str, str] | None = None, now: float | None = None) -> Answer:
    """What ``status`` prints; never raises (the exits are in the module's docstring)."""
    env = os.environ if env is None else env
    try:
        text.parse(opts.template)
    except text.TemplateError as exc:
        return Answer("", _one_line(exc), 2)
    try:
        now = time.time() if now is None else now
        facts = _facts(opts, env, now)
        if facts is None:
            return Answer()
        if opts.json:
            import json  # ~1 ms, only for --json

            return Answer(json.dumps({"json_version": JSON_VERSION, **text.fields(facts, now)}, ensure_ascii=False))
        return Answer(text.fill(opts.template, facts, now))  # the focus timer's minutes left: from the clock
    except Exception as exc:  # noqa: BLE001 - a prompt never breaks: nothing on stdout, one line on stderr
        return Answer("", _one_line(exc), 0)


def run(argv: list[str]) -> int | None:
    """``studyplan status ARGS`` printed; the exit code, or None to leave the call to typer."""
    opts = parse(argv)
    if opts is None:
        return None
    result = answer(opts)
    for stream, line in ((sys.stdout, result.out), (sys.stderr, result.err)):
        if line:
            try:
                stream.write(line + "\n")
                stream.flush()
            except OSError:  # a closed pipe: nobody is reading, which is no error of ours
                os.dup2(os.open(os.devnull, os.O_WRONLY), stream.fileno())
    return result.code


# -- computing and caching ----------------------------------------------------------------------
def _uses_cache(opts: Options, env: dict[str, str]) -> bool:
    """--date asks about another day (not a prompt's question): computed, never stored."""
    return opts.cache and opts.date is None and env.get(CACHE_ENV, "1") != "0"


def _facts(opts: Options, env: dict[str, str], now: float) -> dict | None:
    if not _uses_cache(opts, env):
        return _compute(opts, env, now, store=False)
    key = cache.key(opts.profile, env, now, opts.lang)
    path = cache.file_for(opts.profile)
    entry = cache.read(path)
    if cache.matches(entry, key, now):
        started = time.time_ns()
        db = cache.db_sigs()
        if entry["db"] == db and not entry["db_racy"]:
            return entry["facts"]  # 2. nothing was written since (no SQLite loaded)
        if _same_rows(entry):  # 3. written, but not what the facts come from (or the stats were racy)
            if not cache.racy(db, started):
                cache.write(path, {**entry, "db": db, "db_racy": False})  # the next call stops at 2
            return entry["facts"]
    return _compute(opts, env, now, store=True, key=key, path=path)


def _same_rows(entry: dict) -> bool:
    from studyplan.store import (
        fingerprint,  # SQLite (~2 ms): only when the database's stats changed
    )

    try:
        return fingerprint.digest_at(paths.database_path(), entry["profile"]) == entry["digest"]
    except Exception:  # noqa: BLE001 - a database that cannot be read this way: compute, and report there
        return False


def _compute(opts: Options, env: dict[str, str], now: float, store: bool,
             key: tuple | None = None, path: str | None = None) -> dict | None:
    from datetime import datetime  # noqa: I001 - below: the computing path only (SQLite, session, curriculum)

    from studyplan.app.session import Session

    session = Session(profile_name=opts.profile, lang_flag=opts.lang, env=dict(env),
                      clock=lambda: datetime.fromtimestamp(now).astimezone())
    try:
        facts, entry = _evaluate(session, opts.date, now)
    finally:
        session.close()
    if store and entry is not None:
        cache.write(path, {**entry, "key": key})
    return facts


def _evaluate(session, date: str | None, now: float) -> tuple[dict | None, dict | None]:  # noqa: ANN001 - a Session
    """The facts, and the cache entry that says what they were computed from (None: not to be stored)."""
    from studyplan.app import status as use_case
    from studyplan.store import fingerprint

    started = time.time_ns()
    db = cache.db_sigs()  # every stat and byte is taken before what it describes is read
    config = cache.config_bytes()
    day = session.day(date)
    name = session.selected_profile
    files: tuple = ()
    if not paths.database_path().exists():
        digest, result = fingerprint.NO_DATABASE, None
    else:
        with fingerprint.snapshot(session.store) as conn:  # facts and digest from one state
            digest = fingerprint.digest(conn, name)
            if use_case.has_profile(session):
                inputs = use_case.curriculum_inputs(session)
                files = tuple((str(p), cache.sig(str(p))) for p in inputs)
            result = use_case.status(session, day)
    facts = dict(result._asdict()) if result is not None else None
    day_starts_at = session.config.get("day_starts_at")
    entry = {"day_starts_at": day_starts_at, "study_day": day.isoformat(), "config": config, "profile": name,
             "digest": digest, "db": db, "db_racy": cache.racy(db, started), "files": files, "facts": facts}
    if cache.racy(files, started) or cache.study_day(now, day_starts_at) != day.isoformat():
        entry = None  # a curriculum file edited a moment ago, or the day turned while computing
    return facts, entry


def refresh(session) -> None:  # noqa: ANN001 - a Session
    """After a command that wrote to the database, when status is in use: store the status
    the command leaves, so the next prompt finds it by digest instead of computing it.
    Never raises; the command's outcome is already decided."""
    store = getattr(session, "_store", None)  # opened by the command, or nothing was written
    if store is None or not _uses_cache(Options(profile=session.profile_name), session.env):
        return
    try:
        path = cache.file_for(session.profile_name)
        if not os.path.exists(path):
            return  # status is not in use (for this profile): writers pay nothing for it
        from datetime import datetime

        from studyplan.app.session import Session
        from studyplan.store import fingerprint

        if not fingerprint.wrote(store):
            return
        now = session.now.timestamp()
        fresh = Session(profile_name=session.profile_name, env=session.env,
                        clock=lambda: datetime.fromtimestamp(now).astimezone())
        try:
            _, entry = _evaluate(fresh, None, now)
        finally:
            fresh.close()
        if entry is not None:
            cache.write(path, {**entry, "key": cache.key(session.profile_name, session.env, now)})
    except Exception:  # noqa: BLE001 - the command's own work is done; the prompt will compute instead
        pass
