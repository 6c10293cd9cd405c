"""``LiteConsole``: the daily views on standard output without ``rich.console``.

``today``, ``plan``, ``show`` and ``concept`` are made of rich ``Text`` (with
``render/wrap.py``'s ``Wrapped``) and ``render/layout.py``'s blocks. Drawing them needs
rich's text, segments and styles, not its ``Console``: importing ``rich.console``,
``rich.table`` and ``rich.panel`` is about 16 ms of each of those starts, a fifth of the
whole command (issue 18). This console draws exactly what those blocks and texts ask for
(``render``, ``render_lines``, ``get_style``, a width), and decides what rich's Console
decides, from the same environment:

* a terminal: ``TTY_COMPATIBLE`` (0 or 1), else ``FORCE_COLOR`` (set and not empty), else
  whether standard output is one; ``color = always`` forces one, as ``force_terminal``;
* the width: ``COLUMNS``, else the terminal's, else 80; off a terminal, each print is as
  wide as what it prints (cli/console.py ``FittedConsole``): nothing is cut or folded;
* escape codes: none off a terminal, on ``TERM=dumb``, with ``color = never`` or
  ``NO_COLOR`` (cli/common.py ``make_console``); the colour system from ``COLORTERM`` and
  ``TERM``, as rich finds it.

A renderable it does not know (a rich ``Table``, a ``Panel``, a string to read as markup)
is refused with a TypeError: a view drawn here is made of the pieces above only, and
tests/test_lite_console.py draws each daily view on both consoles and compares them.
"""

from __future__ import annotations

import os
import sys
from contextlib import contextmanager
from typing import Any, Iterator

from rich.cells import cell_len
from rich.color import ColorSystem
from rich.measure import Measurement
from rich.segment import Segment
from rich.style import Style
from rich.text import Text

# Wider than anything studyplan prints (a log note is at most 2000 characters): a measure this
# wide means "takes whatever it is given", i.e. not measurable.
UNBOUNDED = 100_000


def fitted(usual: int, needed: int) -> int:
    """The width of a print off a terminal: as wide as its content (``needed``, measured at
    ``UNBOUNDED``), never narrower than ``usual``; content that takes any width gets ``usual``.
    Shared with cli/console.py's rich ``FittedConsole``."""
    return usual if needed >= UNBOUNDED else max(usual, needed)


def draws(renderable: Any) -> bool:
    """Whether the light console draws ``renderable``: a rich ``Text``, or a piece that names
    its parts (``light_parts``: render/layout.py's blocks, the views' own bars and cards),
    all of which it draws."""
    if isinstance(renderable, Text):
        return True
    parts = getattr(renderable, "light_parts", None)
    return parts is not None and all(draws(p) for p in parts())


def _fits(text: Any, options: LiteOptions) -> bool:
    """A plain rich Text that is one line, fits the width and is not justified: rich's
    ``Text.__rich_console__`` would only copy it (a big curriculum's `plan` is 1,600 of them)."""
    plain = text.plain
    return ("\n" not in plain and "\t" not in plain and text.justify in (None, "default")
            and options.justify in (None, "default") and cell_len(plain) <= options.max_width)


class LiteOptions:
    """What the daily views' pieces read of rich's ``ConsoleOptions``: rich's ``Text`` the
    width, justification, overflow and wrapping; render/layout.py the width and (``Card``)
    whether the output can encode box drawing."""

    __slots__ = ("max_width", "min_width", "justify", "overflow", "no_wrap", "ascii_only")

    def __init__(self, max_width: int, ascii_only: bool = False) -> None:
        self.max_width, self.min_width = max_width, 1
        self.justify = self.overflow = None
        self.no_wrap = False
        self.ascii_only = ascii_only

    def copy(self) -> LiteOptions:
        new = LiteOptions.__new__(LiteOptions)
        for name in self.__slots__:
            setattr(new, name, getattr(self, name))
        return new

    def update_width(self, width: int) -> LiteOptions:
        new = self.copy()
        new.min_width = min(self.min_width, width)
        new.max_width = width
        return new

    def update(self, *, no_wrap: bool) -> LiteOptions:
        new = self.copy()
        new.no_wrap = no_wrap
        return new


class LiteConsole:
    """Prints the daily views (module docstring); ``print``, ``capture`` and ``is_terminal`` as rich's."""

    tab_size = 8

    def __init__(self, file: Any = None, color_system: str | None = "auto", force_terminal: bool | None = None,
                 env: dict[str, str] | None = None) -> None:
        self._file = file
        self.env = os.environ if env is None else env
        self._force_terminal = force_terminal
        self._styles: dict[Any, Style] = {}
        self._captured: list[str] | None = None
        self.no_color = self.env.get("NO_COLOR", "") != ""
        self.color_system: ColorSystem | None = None
        if color_system == "auto" and self.is_terminal and not self._dumb:
            self.color_system = self._detect_color_system()
        self.usual_width: int | None = None if self.is_terminal else self._size()[0]

    def _detect_color_system(self) -> ColorSystem:
        """As rich's Console: ``COLORTERM``, then the ``TERM`` name's suffix."""
        if self.env.get("COLORTERM", "").strip().lower() in ("truecolor", "24bit"):
            return ColorSystem.TRUECOLOR
        colors = self.env.get("TERM", "").strip().lower().rpartition("-")[2]
        return {"kitty": ColorSystem.EIGHT_BIT, "256color": ColorSystem.EIGHT_BIT}.get(colors, ColorSystem.STANDARD)

    @property
    def file(self) -> Any:
        return self._file if self._file is not None else sys.stdout

    @property
    def is_terminal(self) -> bool:
        if self._force_terminal is not None:
            return self._force_terminal
        compatible = self.env.get("TTY_COMPATIBLE", "")
        if compatible in ("0", "1"):
            return compatible == "1"
        force_color = self.env.get("FORCE_COLOR")
        if force_color is not None:
            return force_color != ""
        try:
            return bool(self.file.isatty())
        except (AttributeError, ValueError):
            return False

    @property
    def _dumb(self) -> bool:
        """rich's ``is_dumb_terminal``: a terminal that says it takes no escape codes."""
        return self.is_terminal and self.env.get("TERM", "").lower() in ("dumb", "unknown")

    def _size(self) -> tuple[int, int]:
        width = height = 0
        if not self._dumb:
            for fd in (0, 1, 2):
                try:
                    width, height = os.get_terminal_size(fd)
                except (AttributeError, ValueError, OSError):
                    continue
                break
        else:
            width, height = 80, 25
        columns, lines = self.env.get("COLUMNS", ""), self.env.get("LINES", "")
        width = int(columns) if columns.isdigit() else width
        height = int(lines) if lines.isdigit() else height
        return width or 80, height or 25

    @property
    def width(self) -> int:
        return self._size()[0]

    @property
    def options(self) -> LiteOptions:
        encoding = (getattr(self.file, "encoding", "utf-8") or "utf-8").lower()
        return LiteOptions(self.width, ascii_only=not encoding.startswith("utf"))

    # -- what a renderable asks of its console ---------------------------------------------

    def get_style(self, name: Any, *, default: Any = None) -> Style:
        if isinstance(name, Style):
            return name
        style = self._styles.get(name)
        if style is None:
            style = self._styles[name] = Style.parse(name)
        return style

    def render(self, renderable: Any, options: LiteOptions | None = None) -> Iterator[Segment]:
        options = options if options is not None else self.options
        if type(renderable) is Text and _fits(renderable, options):
            # What wrapping one line that fits comes to. (Text.render leaves out the base
            # style of a text without spans: rich's wrapping has made it a span by then.)
            if renderable.spans or not renderable.style:
                yield from renderable.render(self, end=renderable.end)
            else:
                if renderable.plain:
                    yield Segment(renderable.plain, self.get_style(renderable.style))
                if renderable.end:
                    yield Segment(renderable.end)
            return
        draw = getattr(renderable, "__rich_console__", None)
        if draw is None or isinstance(renderable, type):
            raise _refused(renderable)
        for out in draw(self, options):
            if isinstance(out, Segment):
                yield out
            else:
                yield from self.render(out, options)

    def render_lines(self, renderable: Any, options: LiteOptions | None = None, style: Style | None = None,
                     pad: bool = True, new_lines: bool = False) -> list[list[Segment]]:
        options = options if options is not None else self.options
        return list(Segment.split_and_crop_lines(self.render(renderable, options), options.max_width,
                                                 style=style, pad=pad, include_new_lines=new_lines))

    def measure(self, renderable: Any, options: LiteOptions | None = None) -> Measurement:
        from studyplan.render.layout import measure

        return measure(self, options if options is not None else self.options, renderable)

    # -- output ----------------------------------------------------------------------------

    def print(self, renderable: Any) -> None:
        if not draws(renderable):
            raise _refused(renderable)
        options = self.options
        if self.usual_width is not None:  # off a terminal: as wide as the content (cli/console.py)
            needed = self.measure(renderable, options.update_width(UNBOUNDED)).maximum
            options = options.update_width(fitted(self.usual_width, needed))
        text = self._codes(self.render(renderable, options))
        if self._captured is not None:
            self._captured.append(text)
            return
        self.file.write(text)
        self.file.flush()

    def _codes(self, segments: Iterator[Segment]) -> str:
        color_system, plain = self.color_system, self.color_system is None
        out = []
        for text, style, control in segments:
            if control and not self.is_terminal:
                continue
            if style and not plain:
                if self.no_color:
                    style = style.without_color
                out.append(style.render(text, color_system=color_system))
            else:
                out.append(text)
        return "".join(out)

    @contextmanager
    def capture(self) -> Iterator[_Captured]:
        """What is printed inside the block, kept instead of written (``.get()``), as rich's."""
        captured = _Captured()
        self._captured = captured.parts
        try:
            yield captured
        finally:
            self._captured = None


def _refused(renderable: Any) -> TypeError:
    return TypeError(f"the light console draws rich Text and render/layout.py blocks, not {type(renderable).__name__}")


class _Captured:
    def __init__(self) -> None:
        self.parts: list[str] = []

    def get(self) -> str:
        return "".join(self.parts)
