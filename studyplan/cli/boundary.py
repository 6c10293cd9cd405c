"""The root Typer app, its options, and the one error boundary every command shares."""

from __future__ import annotations

import functools
import os
import sqlite3
import sys
from typing import Any, Callable

import typer

from studyplan import __version__, paths
from studyplan.domain.text import one_line
from studyplan.errors import StudyplanError, UsageError
from studyplan.locale import Msg, catalog, msg
from studyplan.store.db import _describe

CONTEXT_SETTINGS = {"help_option_names": ["-h", "--help"]}


def _report(message: str | Msg, code: int, lang: str = "en") -> None:
    print(f"studyplan: {one_line(catalog(lang).text(message))}", file=sys.stderr)
    raise typer.Exit(code)


def warn(message: str) -> None:
    """A warning that does not stop the command (an unknown config key): one line on stderr."""
    print(f"studyplan: warning: {one_line(message)}", file=sys.stderr)


def _language(args: tuple[Any, ...], kwargs: dict[str, Any]) -> str:
    """The language this run's messages are in; English when it cannot be told (an unknown --lang)."""
    try:
        ctx = next(v for v in (*args, *kwargs.values()) if hasattr(v, "find_root"))
        run = ctx.find_root().obj
        session = getattr(run, "session", run)
        flag = kwargs.get("lang")
        return session.lang(flag if isinstance(flag, str) else None)
    except Exception:  # noqa: BLE001 - the language must never be why an error is not shown
        return "en"


def _label(name: str, ctx: Any) -> str:
    """How the user wrote the parameter: ``--note`` for an option, ``ITEMS`` for an argument."""
    for param in getattr(getattr(ctx, "command", None), "params", ()):
        if param.name == name:
            opts = getattr(param, "opts", None)
            return opts[0] if param.param_type_name == "option" and opts else str(param.human_readable_name).strip("[]{}.").upper()  # the metavar: ITEM, not ITEM...
    return "--" + name.rstrip("_").replace("_", "-")


def _shown(value: str) -> str:
    try:  # the bytes as typed, undecodable ones as \xNN
        return value.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")
    except UnicodeError:
        return value.encode("utf-8", "backslashreplace").decode("utf-8")


# Parameters that only name a file to read or write: a file name that is not UTF-8 is
# still a file name (the OS takes the same bytes back), and it is never stored.
_FILE_NAME_PARAMETERS = frozenset({"file", "output", "path"})


def _check_text(args: tuple[Any, ...], kwargs: dict[str, Any]) -> None:
    """Refuse arguments that are not text before any command sees them.

    Bytes on the command line that are not UTF-8 reach Python as lone surrogates
    (U+DC80-U+DCFF); they cannot be stored in the database or compared with the
    curriculum, so the command is refused here, before anything is read or written.
    """
    ctx = next((v for v in (*args, *kwargs.values()) if hasattr(v, "command") and hasattr(v, "find_root")), None)
    for name, value in kwargs.items():
        if name in _FILE_NAME_PARAMETERS:
            continue
        values = value if isinstance(value, (list, tuple)) else (value,)
        for v in values:
            if isinstance(v, str) and any("\ud800" <= ch <= "\udfff" for ch in v):
                raise UsageError(
                    f"{_label(name, ctx)} '{_shown(v)}' is not valid text (it holds bytes that are not UTF-8); "
                    "check your terminal's encoding (LANG, e.g. C.UTF-8) and type it again"
                )


def guarded(fn: Callable[..., Any]) -> Callable[..., Any]:
    """Turn every failure into a one-line message and an exit code; never a traceback."""

    @functools.wraps(fn)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            _check_text(args, kwargs)
            return fn(*args, **kwargs)
        except StudyplanError as exc:
            _report(exc.msg, exc.exit_code, _language(args, kwargs))
        except sqlite3.Error as exc:
            err = _describe(exc, paths.database_path())
            _report(err.msg, err.exit_code, _language(args, kwargs))
        except KeyboardInterrupt:
            _report(msg("interrupted; nothing after the last saved step was lost"), 130, _language(args, kwargs))
        except (typer.Exit, typer.Abort):
            raise
        except OSError as exc:
            where = f"{exc.filename}: " if exc.filename else ""
            _report(f"{where}{exc.strerror or exc}", 1)  # the operating system's own words
        except OverflowError as exc:
            # a date or number from the command line past what the calendar, a float or
            # SQLite can hold (year 1 or 9999, 10**400 minutes, a 30-digit id)
            _report(msg("a date or number is out of range ({reason}); check the dates and numbers you gave — nothing was changed",
                        reason=str(exc)), 2, _language(args, kwargs))
        except Exception as exc:  # noqa: BLE001 - the promise is "no traceback"
            if os.environ.get("STUDYPLAN_DEBUG"):
                raise
            _report(msg("internal error ({kind}: {reason}); rerun with STUDYPLAN_DEBUG=1 and report it",
                        kind=type(exc).__name__, reason=str(exc)), 70, _language(args, kwargs))

    return wrapper


class StudyplanTyper(typer.Typer):
    """A Typer whose commands all pass through ``guarded``."""

    def command(self, *args: Any, **kwargs: Any):  # noqa: ANN201
        register = super().command(*args, **kwargs)

        def decorator(fn: Callable[..., Any]) -> Callable[..., Any]:
            register(guarded(fn))
            return fn

        return decorator


def version_callback(value: bool) -> None:
    if value:
        print(f"studyplan {__version__}")
        raise typer.Exit()
