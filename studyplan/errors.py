"""Typed errors: every failure a user can cause is one of these.

The CLI's single error boundary (``studyplan.cli.boundary.guarded``) prints ``message`` on one
line to stderr and exits with ``exit_code``. Domain and store code raise them;
they never print.
"""

from __future__ import annotations

from studyplan.locale import Msg, msg, nmsg


class StudyplanError(Exception):
    """A failure the user can act on; ``message`` says what, where and how to fix.

    Give it a ``Msg`` (``studyplan.locale.msg``) and the boundary shows it in the
    learner's language; ``message`` is always the English text (for logs and tests).
    """

    exit_code = 1

    def __init__(self, message: str | Msg, exit_code: int | None = None) -> None:
        self.msg = message
        self.message = str(message)
        super().__init__(self.message)
        if exit_code is not None:
            self.exit_code = exit_code


class UsageError(StudyplanError):
    """Bad arguments: an unknown item, a malformed date or duration."""

    exit_code = 2


class NotFound(StudyplanError):
    """A lookup found nothing (a concept, a log entry, a note)."""

    exit_code = 1


def first_problem(problems: list[str], empty: str | Msg, hint: str | Msg = "") -> str | Msg:
    """One line for a list of problems: the first, and how many more (``hint`` says where to see them).

    The problems themselves name a file and line (or a JSON path) in the words of the check that
    found them; what is around them is in the learner's language."""
    first = problems[0] if problems else empty
    if len(problems) <= 1:
        return first
    if hint:
        return nmsg("{first} (and {n} more problem; {hint})", "{first} (and {n} more problems; {hint})", len(problems) - 1,
                    first=first, hint=hint)
    return nmsg("{first} (and {n} more problem)", "{first} (and {n} more problems)", len(problems) - 1, first=first)


class CurriculumError(StudyplanError):
    """A curriculum failed validation; ``problems`` holds every ``file:line: message``."""

    exit_code = 2

    def __init__(self, problems: list[str]) -> None:
        self.problems = problems
        super().__init__(first_problem(problems, msg("invalid curriculum"), msg("run `studyplan curriculum validate`")))


class StoreError(StudyplanError):
    """The progress database cannot be used (damaged, newer, read-only, disk full)."""

    exit_code = 3
