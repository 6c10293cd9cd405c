"""Subprocess driver for the reliability tests: run studyplan commands in-process, in a loop.

Each command goes through the real CLI (``studyplan.cli.app``: root callback, error
boundary, Session, store) exactly as ``python -m studyplan`` would run it, but
without paying interpreter start-up for each one. After a command returns exit 0
the driver writes ``ACK <n>`` to stdout with one unbuffered ``os.write`` (so an
acknowledgement is either fully in the pipe or not at all); the command's own
output is swallowed. A failing command writes ``FAIL <n> <code> <stderr>`` and the
driver goes on.

With RELIABILITY_GO=PATH in the environment the driver imports everything, prints
``READY`` and waits until PATH exists, so several drivers hit the store at once.

Usage: python driver.py SCRIPT
  SCRIPT is a JSON list of argument lists, or {"cycle": [[...], ...], "count": N}
  where the cycle's arguments may contain ``{n}`` (the command's number), or
  {"open_many": N, "folder": DIR, "tag": T}: create-or-open DIR/0.db … DIR/N-1.db
  through the store and write one change to each (the first-use race).
"""

from __future__ import annotations

import contextlib
import io
import json
import os
import sys
import time


def commands(script: object):
    if isinstance(script, list):
        yield from script
        return
    cycle, count = script["cycle"], script["count"]
    for n in range(count):
        yield [a.replace("{n}", str(n)) for a in cycle[n % len(cycle)]]


def open_many(folder: str, count: int, tag: str) -> int:
    """Create-or-open ``count`` fresh databases in turn, writing one journaled change to each."""
    from datetime import date
    from pathlib import Path

    from studyplan.errors import StudyplanError
    from studyplan.store.db import open_database
    from studyplan.store.progress import Store

    for n in range(count):
        try:
            store = Store(open_database(Path(folder) / f"{n}.db"))
            try:
                profile, _ = store.ensure_profile("default", "ml-dl-gpt", date(2026, 1, 5), 12, "2026-01-05T12:00:00+00:00")
                store.set_statuses(profile.id, [f"{tag}-module"], "done", "2026-01-05T12:00:00+00:00", date(2026, 1, 5))
            finally:
                store.close()
        except StudyplanError as exc:
            os.write(1, f"FAIL {n} {exc.exit_code} {exc.message}\n".encode())
        else:
            os.write(1, f"ACK {n}\n".encode())
    return 0


def main() -> int:
    script = json.loads(sys.argv[1])
    from studyplan.cli import app

    go = os.environ.get("RELIABILITY_GO")
    if go:
        # import what the first command would import lazily, so the drivers reach the
        # store within microseconds of each other
        import studyplan.app.catalog
        import studyplan.app.marks
        import studyplan.app.today
        import studyplan.store.db
        import studyplan.store.progress  # noqa: F401
  # start line: every driver imports first, then they all begin together
        os.write(1, b"READY\n")
        while not os.path.exists(go):
            time.sleep(0.001)

    if isinstance(script, dict) and "open_many" in script:
        return open_many(script["folder"], script["open_many"], script["tag"])
    for n, args in enumerate(commands(script)):
        out, err = io.StringIO(), io.StringIO()
        code = 0
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            try:
                app(args=list(args), prog_name="studyplan", standalone_mode=True)
            except SystemExit as exc:
                code = exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 1)
        if code == 0:
            os.write(1, f"ACK {n}\n".encode())
        else:
            message = " ".join(err.getvalue().split()) or " ".join(out.getvalue().split())
            os.write(1, f"FAIL {n} {code} {message}\n".encode())
    return 0


if __name__ == "__main__":
    sys.exit(main())
