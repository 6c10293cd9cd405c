"""The root Typer app, its options, and the one error boundary every command shares."""

from __future__ import annotations

import functools
import os
import sqlite3
import sys
from typing import Any, Callable

import typer

from studyplan import __version__
from studyplan.errors import StudyplanError

CONTEXT_SETTINGS = {"help_option_names": ["-h", "--help"]}


def _report(message: str, code: int) -> None:
    from studyplan.render.text import clean

    print(f"studyplan: {clean(message)}", file=sys.stderr)
    raise typer.Exit(code)


def guarded(fn: Callable[..., Any]) -> Callable[..., Any]:
    """Turn every failure into a one-line message and an exit code; never a traceback."""

    @functools.wraps(fn)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return fn(*args, **kwargs)
        except StudyplanError as exc:
            _report(exc.message, exc.exit_code)
        except sqlite3.Error as exc:
            from studyplan import paths
            from studyplan.store.db import _describe

            err = _describe(exc, paths.database_path())
            _report(err.message, err.exit_code)
        except KeyboardInterrupt:
            _report("interrupted; nothing after the last saved step was lost", 130)
        except (typer.Exit, typer.Abort):
            raise
        except OSError as exc:
            where = f"{exc.filename}: " if exc.filename else ""
            _report(f"{where}{exc.strerror or exc}", 1)
        except Exception as exc:  # noqa: BLE001 - the promise is "no traceback"
            if os.environ.get("STUDYPLAN_DEBUG"):
                raise
            _report(f"internal error ({type(exc).__name__}: {exc}); rerun with STUDYPLAN_DEBUG=1 and report it", 70)

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
