"""The Console of a run: on a terminal, the terminal's width; off one, as wide as what is printed.

Piped or redirected (``studyplan concepts | grep …``, ``> file``, a test's CliRunner) there
is no screen to fit, yet rich lays out for 80 columns (or ``COLUMNS``): tables cut cells
with "…" and fold terms over two lines, so ``grep`` misses them. Off a terminal, each
``print`` is laid out at the width its content measures, never narrower than that usual
width: nothing is cut or folded to fit. What rich cannot measure (Markdown, which fills
any width it is given) keeps the usual width. ``soft_wrap=True`` prints are left as they are.
On a terminal (or with ``color = always``, which forces one) nothing changes.
"""

from __future__ import annotations

from typing import Any

from rich.console import Console
from rich.measure import measure_renderables

from studyplan.cli.lite_console import UNBOUNDED, fitted


class FittedConsole(Console):
    """A ``Console`` whose prints off a terminal are as wide as their content."""

    usual_width: int | None = None  # set when not a terminal: the width rich would have used

    def print(self, *objects: Any, **kwargs: Any) -> None:  # noqa: D102 - rich's signature
        if self.usual_width is not None and objects and kwargs.get("width") is None and not kwargs.get("soft_wrap"):
            kwargs["width"] = self.fitted_width(objects)
        super().print(*objects, **kwargs)

    def fitted_width(self, objects: tuple[Any, ...]) -> int:
        usual = self.usual_width or self.width
        return fitted(usual, measure_renderables(self, self.options.update_width(UNBOUNDED), objects).maximum)


def fitted_console(**kwargs: Any) -> FittedConsole:
    console = FittedConsole(**kwargs)
    if not console.is_terminal:
        console.usual_width = console.width
        console.width = UNBOUNDED
    return console
