"""The process entry point: the ``studyplan`` script and ``python -m studyplan``.

A command is a short-lived process. When it ends, the interpreter runs a last
full garbage collection over every object still alive (hundreds of thousands,
nearly all of them the loaded modules) only to free the memory the process is
about to give back anyway. ``gc.freeze()`` before exit moves them out of the
collector's reach, so that pass has nothing to walk: bench/run.py measures about
18 ms of a 120 ms command. (Pausing the collector while modules load as well
saved 4 ms more but cost 0.2 MiB of peak memory, so it is not done.)
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
    from studyplan.cli import app_for

    try:
        app_for(sys.argv[1:])(prog_name="studyplan")
    finally:
        gc.freeze()


if __name__ == "__main__":
    main()
