"""Typed errors: every failure a user can cause is one of these.

The CLI's single error boundary (``studyplan.cli.boundary.guarded``) prints ``message`` on one
line to stderr and exits with ``exit_code``. Domain and store code raise them;
they never print.
"""

from __future__ import annotations


class StudyplanError(Exception):
    """A failure the user can act on; ``message`` says what, where and how to fix."""

    exit_code = 1

    def __init__(self, message: str, exit_code: int | None = None) -> None:
        super().__init__(message)
        self.message = message
        if exit_code is not None:
            self.exit_code = exit_code


class UsageError(StudyplanError):
    """Bad arguments: an unknown item, a malformed date or duration."""

    exit_code = 2


class NotFound(StudyplanError):
    """A lookup found nothing (a concept, a log entry, a note)."""

    exit_code = 1


class CurriculumError(StudyplanError):
    """A curriculum failed validation; ``problems`` holds every ``file:line: message``."""

    exit_code = 2

    def __init__(self, problems: list[str]) -> None:
        self.problems = problems
        first = problems[0] if problems else "invalid curriculum"
        more = f" (and {len(problems) - 1} more problems; run `studyplan curriculum validate`)" if len(problems) > 1 else ""
        super().__init__(first + more)


class StoreError(StudyplanError):
    """The progress database cannot be used (damaged, newer, read-only, disk full)."""

    exit_code = 3
