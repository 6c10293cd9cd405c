"""The process entry point: the ``studyplan`` script and ``python -m studyplan``.

A command is a short-lived process, so the cyclic garbage collector is managed the
way servers manage it before forking workers (``gc.freeze``): it is paused while
the modules load (imports allocate a great many objects that live until exit and
are never garbage), those objects are then frozen out of every later collection
and the collector runs as usual for the command itself. At exit they are frozen
again, so the interpreter's final collection does not walk them. bench/run.py
measures the difference: about 20 ms of a 140 ms command.
"""

from __future__ import annotations

import gc
import sys


def main() -> None:
    gc.disable()
    try:
        from studyplan.cli import app_for

        app = app_for(sys.argv[1:])
    finally:
        gc.freeze()
        gc.enable()
    try:
        app(prog_name="studyplan")
    finally:
        gc.freeze()


if __name__ == "__main__":
    main()
