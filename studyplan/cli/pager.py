"""Long views through a pager, the way git does it.

Only when standard output is a terminal and the view is taller than the screen. The pager,
as git chooses it: the ``pager`` setting (``STUDYPLAN_PAGER`` or the config file, like
``core.pager``), else ``$PAGER``, else ``less -FRX`` (``-F`` quits at once when it fits
after all, ``-R`` keeps colours, ``-X`` leaves the text on the screen); it runs through
the shell, as git runs it. ``--no-pager``, ``cat`` or an empty value print straight.
Piped, redirected or under a test runner, nothing is paged and nothing is cut.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from typing import Any

DEFAULT_PAGER = "less -FRX"


def pager_command(env: dict[str, str], configured: str | None = None) -> str | None:
    """The pager to run, or None to print straight (``""`` or ``cat``)."""
    command = configured if configured is not None else env.get("PAGER", DEFAULT_PAGER)
    command = command.strip()
    return None if command in ("", "cat") else command


def show(console: Any, renderable: Any, command: str | None) -> None:
    """``renderable`` on ``console``, through ``command`` when that applies (see above)."""
    if command is None or not console.is_terminal or not sys.stdout.isatty():
        console.print(renderable)
        return
    with console.capture() as captured:
        console.print(renderable)
    text = captured.get()
    if text.count("\n") < shutil.get_terminal_size().lines:
        sys.stdout.write(text)
        return
    env = dict(os.environ)
    env.setdefault("LESS", "FRX")  # as git: a bare `less` behaves the same
    env.setdefault("LV", "-c")
    sys.stdout.flush()
    try:
        proc = subprocess.Popen(command, shell=True, stdin=subprocess.PIPE, env=env)  # noqa: S602 - a pager is a shell command, as for git
    except OSError:
        sys.stdout.write(text)
        return
    try:
        proc.communicate(text.encode("utf-8", "replace"))
    except (BrokenPipeError, KeyboardInterrupt):  # the user quit the pager early
        pass
    finally:
        if proc.poll() is None:
            proc.wait()
