"""The root Typer app, its options, and the one error boundary every command shares."""

from __future__ import annotations

import functools
import os
import re
import sqlite3
import sys
from typing import Any, Callable

import typer
from typer._click import (
    exceptions as click_errors,  # Click as typer vendors it: its usage errors, worded here
)
from typer.core import TyperGroup

from studyplan import __version__, paths
from studyplan.app.session import Session, locale_lang
from studyplan.domain.text import one_line
from studyplan.errors import StoreError, StudyplanError, UsageError
from studyplan.locale import Msg, catalog, msg
from studyplan.store.db import _describe

CONTEXT_SETTINGS = {"help_option_names": ["-h", "--help"]}


MESSAGE_LANGS = ("en", "ja", "zh-Hant")


def _report(message: str | Msg, code: int, lang: str = "en") -> None:
    print(f"studyplan: {one_line(catalog(lang).text(message))}", file=sys.stderr)
    raise typer.Exit(code)


def warn(message: str | Msg, session: Any = None) -> None:
    """A warning that does not stop the command (an unknown config key): one line on stderr,
    in the learner's language when ``session`` can tell it."""
    loading = session is not None and "_config_file" not in vars(session)  # a warning about the config, while it is read
    lang = lang_of(session, config_loading=loading)
    print(f"studyplan: {one_line(catalog(lang).text(msg('warning: {text}', text=message)))}", file=sys.stderr)


def lang_of(session: Any, flag: str | None = None, store_usable: bool = True, config_loading: bool = False) -> str:
    """The language of this run's messages: ``--lang`` when it names one, else the configured
    language (config, profile, locale); English when nothing tells (a message must never fail
    for its language: ``--lang fr`` is reported in the language the learner set up)."""
    for given in (flag, getattr(session, "lang_flag", None)):
        if given in MESSAGE_LANGS:
            return given
    if session is None:
        return "en"
    lang = None
    try:
        if config_loading:  # still reading the config (a warning about it)
            return _known(session.env.get("STUDYPLAN_LANG") or locale_lang(session.env))
        lang = session._config_file.get("lang")
    except Exception:  # noqa: BLE001 - the language must never be why an error is not shown
        lang = None
    if not lang:
        lang = _profile_lang(session, store_usable)
    return _known(lang or locale_lang(session.env))


def _known(lang: str | None) -> str:
    return lang if lang in MESSAGE_LANGS else "en"


def _profile_lang(session: Any, store_usable: bool) -> str | None:
    """The profile's language (`init --lang`), read without creating anything: an error raised
    before the command read its profile is in that language too."""
    try:
        if "profile" in vars(session):
            return session.profile.lang
        if getattr(session, "_store", None) is None and (not store_usable or not getattr(session, "strict_config", True)
                                                         or not paths.database_path().exists()):
            return None  # a database error; `config` and `doctor`, which never open the database for a language
        name = session.profile_name or session.env.get("STUDYPLAN_PROFILE") or session._config_file.get("profile")  # not .config: it may be why
        profile = session.store.profile(name)
        return profile.lang if profile is not None else None
    except Exception:  # noqa: BLE001 - the language must never be why an error is not shown
        return None


def _language(args: tuple[Any, ...], kwargs: dict[str, Any], store_usable: bool = True) -> str:
    """The language this run's messages are in (``lang_of``)."""
    try:
        ctx = next(v for v in (*args, *kwargs.values()) if hasattr(v, "find_root"))
        run = ctx.find_root().obj
        session = getattr(run, "session", run)
    except Exception:  # noqa: BLE001 - the language must never be why an error is not shown
        return "en"
    flag = kwargs.get("lang")
    return lang_of(session, flag if isinstance(flag, str) else None, store_usable)


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
                    msg("{option} '{value}' is not valid text (it holds bytes that are not UTF-8); "
                        "check your terminal's encoding (LANG, e.g. C.UTF-8) and type it again", option=_label(name, ctx), value=_shown(v))
                )


def guarded(fn: Callable[..., Any]) -> Callable[..., Any]:
    """Turn every failure into a one-line message and an exit code; never a traceback."""

    @functools.wraps(fn)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            _check_text(args, kwargs)
            return fn(*args, **kwargs)
        except StudyplanError as exc:  # the database is not opened again to tell the language of its own error
            _report(exc.msg, exc.exit_code, _language(args, kwargs, store_usable=not isinstance(exc, StoreError)))
        except sqlite3.Error as exc:
            err = _describe(exc, paths.database_path())
            _report(err.msg, err.exit_code, _language(args, kwargs, store_usable=False))
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


def _flag_in(args: list[str]) -> str | None:
    """The ``--lang`` typed on a command line that did not parse."""
    for i, arg in enumerate(args):
        if arg == "--lang" and i + 1 < len(args):
            return args[i + 1]
        if arg.startswith("--lang="):
            return arg.split("=", 1)[1]
    return None


def _reason(text: str) -> str | Msg:
    """Click's wording of a bad value, in ours (so it can be translated)."""
    m = re.fullmatch(r"'?(.*?)'? is not a valid (integer|int|float|boolean|bool)\.?", text)
    if m:
        kind = {"int": "integer", "bool": "boolean"}.get(m.group(2), m.group(2))
        return {"integer": msg("'{value}' is not a whole number", value=m.group(1)),
                "float": msg("'{value}' is not a number", value=m.group(1)),
                "boolean": msg("'{value}' is not yes or no", value=m.group(1))}[kind]
    m = re.fullmatch(r"'?(.*?)'? is not one of (.*?)\.?", text)
    if m:
        return msg("'{value}' is not one of {choices}", value=m.group(1), choices=m.group(2))
    return text.rstrip(".")


def usage_problem(exc: Exception) -> str | Msg:
    """A Click usage error as one phrase: what is wrong, without Click's Usage/Try lines."""
    ctx = getattr(exc, "ctx", None)
    if isinstance(exc, click_errors.NoSuchOption):
        if exc.possibilities:
            return msg("no such option: {option} (did you mean {guess}?)", option=exc.option_name,
                       guess=", ".join(sorted(exc.possibilities)))
        return msg("no such option: {option}", option=exc.option_name)
    if isinstance(exc, click_errors.MissingParameter):
        name = exc.param.get_error_hint(ctx).strip("'") if exc.param is not None and ctx is not None else "?"
        if exc.param_type == "argument" or getattr(exc.param, "param_type_name", "") == "argument":
            return msg("missing argument {name}", name=name)
        return msg("missing option {name}", name=name)
    if isinstance(exc, click_errors.BadParameter):
        name = exc.param_hint or (exc.param.get_error_hint(ctx) if exc.param is not None and ctx is not None else "")
        if isinstance(name, (list, tuple)):
            name = " / ".join(name)
        return msg("invalid value for {name}: {reason}", name=str(name).strip("'"), reason=_reason(exc.message))
    text = exc.format_message() if hasattr(exc, "format_message") else str(exc)
    if m := re.fullmatch(r"Option '(.+)' requires an argument\.?", text):
        return msg("option {option} needs a value", option=m.group(1))
    if m := re.fullmatch(r"Option '(.+)' does not take a value\.?", text):
        return msg("option {option} takes no value", option=m.group(1))
    if m := re.fullmatch(r"No such command '(.+?)'\.(?: Did you mean (.+?)\?)?", text):
        if m.group(2):
            return msg("no such command '{name}' (did you mean {guess}?)", name=m.group(1), guess=m.group(2))
        return msg("no such command '{name}'", name=m.group(1))
    if m := re.fullmatch(r"Got unexpected extra argument(?:s|\(s\))? \((.*)\)", text):
        return msg("unexpected extra argument(s): {args}", args=m.group(1))
    if m := re.fullmatch(r"Missing command\.?", text):
        return msg("missing command")
    return text[:1].lower() + text[1:].rstrip(".")


def _lang_after(ctx: Any, argv: list[str]) -> str:
    """The language of an error Click raised: the run's session when the root callback made one,
    else a session of its own (config and profile only read, then closed)."""
    root = ctx.find_root().obj if ctx is not None else None
    session = getattr(root, "session", root)
    if isinstance(session, Session):
        return lang_of(session, _flag_in(argv))
    session = Session()
    try:
        return lang_of(session, _flag_in(argv))
    finally:
        session.close()


class StudyplanGroup(TyperGroup):
    """The root group: Click's usage errors become one line (``studyplan: no such option: --foo
    (see studyplan today --help)``) in the learner's language, exit 2, like every other error."""

    def main(self, args: Any = None, prog_name: str | None = None, complete_var: str | None = None,
             standalone_mode: bool = True, **extra: Any) -> Any:
        if not standalone_mode:
            return super().main(args, prog_name, complete_var, standalone_mode, **extra)
        argv = list(sys.argv[1:] if args is None else args)
        try:
            code = super().main(argv, prog_name, complete_var, standalone_mode=False, **extra)
        except click_errors.NoArgsIsHelpError as exc:  # `studyplan config`: its help, as Click shows it
            exc.show()
            sys.exit(exc.exit_code)
        except typer.Abort:  # a question left unanswered (Ctrl-D)
            print("studyplan: " + catalog(_lang_after(None, argv)).text(msg("aborted; nothing was changed")), file=sys.stderr)
            sys.exit(1)
        except click_errors.ClickException as exc:
            ctx = getattr(exc, "ctx", None)
            lang = _lang_after(ctx, argv)
            command = ctx.command_path if ctx is not None else self._path_in(argv, prog_name or "studyplan")
            line = msg("{problem} (see {command} --help)", problem=usage_problem(exc), command=command)
            print(f"studyplan: {one_line(catalog(lang).text(line))}", file=sys.stderr)
            sys.exit(exc.exit_code)
        sys.exit(code if isinstance(code, int) else 0)

    def _main_shell_completion(self, ctx_args: Any, prog_name: str, complete_var: str | None = None) -> None:
        """A shell asking for completions (``_STUDYPLAN_COMPLETE`` set): answered by cli/shells.py."""
        var = complete_var or f"_{prog_name}_COMPLETE".replace("-", "_").upper()
        instruction = os.environ.get(var)
        if instruction:
            from studyplan.cli.shells import handle

            sys.exit(handle(self, ctx_args, prog_name, instruction))

    def _path_in(self, argv: list[str], prog: str) -> str:
        """The command a command line names (``studyplan config set``), for an error Click gave no context."""
        path, group, skip = [prog], self, False
        for arg in argv:
            if skip:
                skip = False
            elif arg in ("--profile", "-p", "--lang") and group is self:
                skip = True
            elif not arg.startswith("-"):
                command = getattr(group, "commands", {}).get(arg)
                if command is None:
                    break
                path.append(arg)
                group = command
        return " ".join(path)


class StudyplanTyper(typer.Typer):
    """A Typer whose commands all pass through ``guarded``, and whose usage errors are one line."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("cls", StudyplanGroup)
        super().__init__(*args, **kwargs)

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
