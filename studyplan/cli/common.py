"""Options shared by commands, the session and console of a run, and the one place output is written."""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING, Annotated, Any, Callable, Optional

import typer

from studyplan.app.session import Session
from studyplan.domain.dates import ACCEPTED
from studyplan.errors import UsageError
from studyplan.render.json import dumps
from studyplan.store import fingerprint

if TYPE_CHECKING:
    from rich.console import Console

# Where the documentation is: the wheel ships no docs/ folder, so help texts name a page
# and the project (the same address as [project.urls] in pyproject.toml).
PROJECT_URL = "https://github.com/studyplan/studyplan"


def doc(page: str) -> str:
    """A documentation page as a help text names it, e.g. ``docs/json.md at https://github.com/…``."""
    return f"docs/{page} at {PROJECT_URL}"


# Every option that takes a date accepts these forms (studyplan/domain/dates.py).
DATE_FORMS = f"{ACCEPTED}. Relative forms count from the study day (see day_starts_at)"

LangOpt = Annotated[Optional[str], typer.Option("--lang", metavar="LANG", help="Language: en or ja (default: config, profile, then locale).", show_default=False)]
JsonOpt = Annotated[bool, typer.Option("--json", help=f"Print JSON instead of the rich view (fields: {doc('json.md')}).")]
DateOpt = Annotated[Optional[str], typer.Option("--date", metavar="DATE", help=f"Act as if today were this date: {DATE_FORMS}.", show_default=False)]
PlainOpt = Annotated[bool, typer.Option("--plain", help="Tab-separated rows under a header line, no box drawing: for grep, cut and awk.")]


class Run:
    """What one command-line run holds: the session, and the Console its views are drawn on.

    The root callback makes one; a test or the gallery script may pass a ``Session`` (or a
    ``Run`` with a Console of its own) as ``obj`` instead.
    """

    def __init__(self, session: Session | None = None, console: Console | None = None) -> None:
        self.session = session if session is not None else Session()
        self._console = console

    @property
    def console(self) -> Console:
        if self._console is None:
            self._console = make_console(self.session)
        return self._console


def run_of(ctx: typer.Context) -> Run:
    root = ctx.find_root()
    if not isinstance(root.obj, Run):
        root.obj = Run(root.obj if isinstance(root.obj, Session) else None)
        root.call_on_close(root.obj.session.close)
        # Runs first (last in, first out): a command that wrote leaves the prompt's status
        # computed (app/prompt.py), so the next prompt does not compute it.
        root.call_on_close(lambda session=root.obj.session: refresh_status(session))
    return root.obj


def refresh_status(session: Session) -> None:
    """After a command that wrote to the database: the prompt's status, left ready (app/prompt.py)."""
    store = getattr(session, "_store", None)  # never opened: nothing was written
    if store is not None and fingerprint.wrote(store):
        from studyplan.app.prompt import refresh  # the status line's modules: only after a write

        refresh(session)


def session_of(ctx: typer.Context) -> Session:
    session = run_of(ctx).session
    if session.strict_config:  # an invalid setting stops the command as it starts, not after a write
        session.config  # noqa: B018 - read for its check
    return session


def console_of(ctx: typer.Context) -> Console:
    return run_of(ctx).console


def make_console(session: Session) -> Console:
    # rich, ~35 ms that `--help`, `--json` and `config get` never need
    from studyplan.cli.console import fitted_console

    color = session.config.get("color")
    kwargs: dict = {"highlight": False, "soft_wrap": False}
    if color == "never" or (color == "auto" and session.env.get("NO_COLOR")):
        # No colour and no other escape codes either (bold, underline): plain text.
        kwargs["color_system"] = None
    elif color == "always":
        kwargs["force_terminal"] = True
    return fitted_console(**kwargs)  # off a terminal, as wide as what is printed: nothing cut with "…"


def emit(ctx: typer.Context, result: Any, view: Callable[[Any], Any], json_: bool, plain: bool = False,
         rows: Callable[[Any], Any] | None = None) -> None:
    """The same result object goes to JSON, to its rich view, or (``--plain``) to the rows of
    the view's table as TSV (``rows`` gives them for a view that draws no Table)."""
    if json_ and plain:
        raise UsageError("--json and --plain exclude each other; pick one")
    if json_:
        sys.stdout.write(dumps(result) + "\n")
        return
    if plain:
        _write_plain(result, view, rows)
        return
    console_of(ctx).print(view(result))


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
