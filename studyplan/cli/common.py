"""Options shared by commands, the session and console of a run, and the one place output is written.

It imports no typer: the option types (``LangOpt`` …) are made when a command module first
asks for them (``__getattr__`` below), so cli/fast.py can run the daily commands with
the same Run, console and output as the typer commands, without typer's ~28 ms.
"""

from __future__ import annotations

import importlib
import sys
from typing import TYPE_CHECKING, Annotated, Any, Callable, Optional

from studyplan.app.session import Session
from studyplan.domain.dates import ACCEPTED
from studyplan.errors import UsageError
from studyplan.locale import msg
from studyplan.render.json import dumps
from studyplan.store import fingerprint

if TYPE_CHECKING:
    import typer
    from rich.console import Console

# Where the documentation is: the wheel ships no docs/ folder, so help texts name a page
# and the project (the same address as [project.urls] in pyproject.toml).
PROJECT_URL = "https://github.com/studyplan/studyplan"


def doc(page: str) -> str:
    """A documentation page as a help text names it, e.g. ``docs/json.md at https://github.com/…``."""
    return f"docs/{page} at {PROJECT_URL}"


# Every option that takes a date accepts these forms (studyplan/domain/dates.py).
DATE_FORMS = f"{ACCEPTED}. Relative forms count from the study day (see day_starts_at)"



def _options() -> dict[str, Any]:
    import typer  # only where a typer command is built: not on cli/fast.py's path

    return {
        "LangOpt": Annotated[Optional[str], typer.Option("--lang", metavar="LANG", help="Language: en or ja (default: config, profile, then locale).", show_default=False)],
        "JsonOpt": Annotated[bool, typer.Option("--json", help="Print one JSON object instead of the view (its fields: `studyplan schema COMMAND`).")],
        "DateOpt": Annotated[Optional[str], typer.Option("--date", metavar="DATE", help=f"Act as if today were this date: {DATE_FORMS}.", show_default=False)],
        "PlainOpt": Annotated[bool, typer.Option("--plain", help="Tab-separated rows under a header line, no box drawing: for grep, cut and awk.")],
    }


OPTIONS = ("LangOpt", "JsonOpt", "DateOpt", "PlainOpt")


def __getattr__(name: str) -> Any:
    """``from studyplan.cli.common import LangOpt``: the option types, made on first use."""
    if name in OPTIONS:
        made = _options()
        globals().update(made)
        return made[name]
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


class Run:
    """What one command-line run holds: the session, and the Console its views are drawn on.

    The root callback makes one; a test or the gallery script may pass a ``Session`` (or a
    ``Run`` with a Console of its own) as ``obj`` instead.
    """

    def __init__(self, session: Session | None = None, console: Console | None = None) -> None:
        self.session = session if session is not None else Session()
        self._console = console
        self._light: Any = None
        self.no_pager = False  # `studyplan --no-pager …`: long views print straight (cli/pager.py)

    @property
    def console(self) -> Console:
        if self._console is None:
            self._console = make_console(self.session)
        return self._console

    def console_for(self, renderable: Any) -> Any:
        """Where ``renderable`` is printed: a console the run was given (a test's, the
        gallery's); else, for a view made of light pieces only (the daily views), the light
        console (cli/lite_console.py: no rich.console, ~16 ms less); else rich's."""
        if self._console is not None:
            return self.console
        from studyplan.cli.lite_console import draws

        if not draws(renderable):
            return self.console
        if self._light is None:
            self._light = make_console(self.session, light=True)
        return self._light


def run_of(ctx: typer.Context) -> Run:
    root = ctx.find_root()
    if not isinstance(root.obj, Run):
        root.obj = Run(root.obj if isinstance(root.obj, Session) else None)
        root.call_on_close(lambda session=root.obj.session: close_run(session))
    return root.obj


def close_run(session: Session) -> None:
    """What the end of a run does, each step even if the one before failed: a command that
    wrote syncs (sync_dir and sync_auto), then leaves the prompt's status computed
    (app/prompt.py) so the next prompt does not compute it (it sees the merge too), then
    the session closes."""
    try:
        try:
            sync_after_write(session)
        finally:
            refresh_status(session)
    finally:
        session.close()


def sync_after_write(session: Session) -> None:
    """sync_auto: after a command that changed the database, `studyplan sync` (a read never touches the folder)."""
    store = getattr(session, "_store", None)
    if store is not None and fingerprint.wrote(store) and _may_sync(session):
        from studyplan.app.sync import (
            auto_sync,  # the sync modules (~10 ms): only after a write, with a sync_dir
        )

        auto_sync(session)


def _may_sync(session: Session) -> bool:
    """Whether a sync_dir is set (or the settings cannot tell: then auto_sync reports why)."""
    try:
        return bool(session.config.get("sync_dir"))
    except Exception:  # noqa: BLE001 - an unusable setting is auto_sync's to word
        return True


def refresh_status(session: Session) -> None:
    """After a command that wrote to the database: the prompt's status, left ready (app/prompt.py)."""
    store = getattr(session, "_store", None)  # never opened: nothing was written
    if store is not None and fingerprint.wrote(store):
        from studyplan.app.prompt import (
            refresh,  # the status line's modules: only after a write
        )

        refresh(session)


def session_of(ctx: typer.Context) -> Session:
    session = run_of(ctx).session
    if session.strict_config:  # an invalid setting stops the command as it starts, not after a write
        session.config  # noqa: B018 - read for its check
    return session


def console_of(ctx: typer.Context) -> Console:
    return run_of(ctx).console


def make_console(session: Session, light: bool = False) -> Any:
    """The run's rich Console, or (``light``) the light one that prints the daily views
    (cli/lite_console.py); both decide colour and width from the same settings."""
    color = session.config.get("color")
    kwargs: dict = {}
    if color == "never" or (color == "auto" and session.env.get("NO_COLOR")):
        # No colour and no other escape codes either (bold, underline): plain text.
        kwargs["color_system"] = None
    elif color == "always":
        kwargs["force_terminal"] = True
    if light:
        from studyplan.cli.lite_console import LiteConsole

        return LiteConsole(**kwargs)
    # rich, ~35 ms that `--help`, `--json` and `config get` never need
    from studyplan.cli.console import fitted_console

    return fitted_console(highlight=False, soft_wrap=False, emoji=False, **kwargs)  # off a terminal, as wide as what is printed: nothing cut with "…"


def lazy(module: str, name: str) -> Callable[[Any], Any]:
    """``module.name`` (a view, or the rows of one), imported when it is first called: a view
    module imports rich (46 modules, ~35 ms) that ``--json`` never uses (tests/test_json_modules.py)."""

    def call(*args: Any, **kwargs: Any) -> Any:
        return getattr(importlib.import_module(module), name)(*args, **kwargs)

    call.__name__ = name
    return call


def emit(ctx: typer.Context, result: Any, view: Callable[[Any], Any], json_: bool, plain: bool = False,
         rows: Callable[[Any], Any] | None = None, page: bool = False) -> None:
    """The same result object goes to JSON, to its rich view, or (``--plain``) to the rows of
    the view's table as TSV (``rows`` gives them for a view that draws no Table). A long view
    (``page``) goes through the pager on a terminal when it is taller than the screen."""
    emit_to(run_of(ctx), result, view, json_, plain, rows, page)


def emit_to(run: Run, result: Any, view: Callable[[Any], Any], json_: bool, plain: bool = False,
            rows: Callable[[Any], Any] | None = None, page: bool = False) -> None:
    """``emit`` for a ``Run`` (the typer commands pass their context's; cli/fast.py its own)."""
    if json_ and plain:
        raise UsageError(msg("--json and --plain exclude each other; pick one"))
    if json_:
        sys.stdout.write(dumps(result) + "\n")
        return
    if plain:
        _write_plain(result, view, rows)
        return
    renderable = view(result)
    if page:
        page_to(run, renderable)
        return
    run.console_for(renderable).print(renderable)


def paged(ctx: typer.Context, renderable: Any, no_pager: bool = False) -> None:
    """``renderable`` through the pager (cli/pager.py) unless ``--no-pager`` said otherwise."""
    page_to(run_of(ctx), renderable, no_pager)


def page_to(run: Run, renderable: Any, no_pager: bool = False) -> None:
    console = run.console_for(renderable)
    if not (console.is_terminal and sys.stdout.isatty()):
        console.print(renderable)  # piped or redirected: never paged (cli/pager.py), its modules not even loaded
        return
    from studyplan.cli.pager import (  # subprocess, shutil: only on a terminal
        pager_command,
        show,
    )

    command = None
    if not (no_pager or run.no_pager):
        try:
            configured = run.session.config.get("pager")
        except Exception:  # noqa: BLE001 - an unusable setting was reported by the command already
            configured = None
        command = pager_command(run.session.env, configured)
    show(console, renderable, command)


def _write_plain(result: Any, view: Callable[[Any], Any], rows: Callable[[Any], Any] | None) -> None:
    """``--plain``: TSV on standard output. A view without a table (an empty list's message)
    writes its message to standard error, so a pipe gets no rows at all."""
    from rich.text import Text

    from studyplan.render.tabular import tsv, tsv_of

    if rows is not None:
        sys.stdout.write(tsv(*rows(result)))
        return
    renderable = view(result)
    text = tsv_of(renderable)
    if text is not None:
        sys.stdout.write(text)
    elif isinstance(renderable, Text):
        sys.stderr.write(renderable.plain + "\n")
