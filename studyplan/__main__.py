"""The process entry point: the ``studyplan`` script and ``python -m studyplan``.

A command is a short-lived process. When it ends, the interpreter runs a last
full garbage collection over every object still alive (hundreds of thousands,
nearly all of them the loaded modules) only to free the memory the process is
about to give back anyway. ``gc.freeze()`` before exit moves them out of the
collector's reach, so that pass has nothing to walk: bench/run.py measures about
18 ms of a 120 ms command.

The daily commands (cli/fast.py: ``today``, ``plan``, ``show``, ``concept``, run
without typer) also run with the collector paused from the start: loading ~200
modules triggers some 45 collections that find nearly nothing, ~6% of the command
(measured in pairs, 31 runs), for 0.2 MiB of peak memory. Those commands do a bounded
amount of work; every other command (a review session, a focus timer, an import) runs
with the collector on, as Python starts it.
"""

from __future__ import annotations

import gc
import sys


def main() -> None:
    if sys.argv[1:2] == ["status"]:  # before every prompt: answered without typer, rich or YAML
        from studyplan.app.prompt import run

        code = run(sys.argv[2:])
        if code is not None:  # None: --help or a usage error, which typer words
            gc.freeze()
            sys.exit(code)
    gc.disable()
    from studyplan.cli.fast import run as run_daily

    try:
        code = run_daily(sys.argv[1:])  # today, plan, show, concept: the common command lines, without typer
    except BaseException:
        gc.freeze()
        raise
    if code is not None:
        gc.freeze()
        sys.exit(code)
    gc.enable()
    from studyplan.cli import app_for

    try:
        app_for(sys.argv[1:])(prog_name="studyplan")
    finally:
        gc.freeze()


if __name__ == "__main__":
    main()
