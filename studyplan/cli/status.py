"""``studyplan status``: the typer face of the one-line status.

``studyplan status …`` as a prompt runs it never reaches typer: ``studyplan/__main__.py``
hands it to ``app/prompt.py``. This command is what ``--help`` shows and what answers
the other ways to call it (``studyplan -p NAME status``); it prints the same ``answer``.
"""

from __future__ import annotations

import sys
from typing import Annotated, Optional

import typer

from studyplan.cli.common import DateOpt, LangOpt, doc, session_of
from studyplan.domain.status import DEFAULT_FORMAT, FIELDS

FormatOpt = Annotated[str, typer.Option("--format", "-f", metavar="TEMPLATE", help="The line, with {field} placeholders ({{ and }} for braces); the fields are listed above.")]
StatusJsonOpt = Annotated[bool, typer.Option("--json", help="Every field as one JSON object instead of the line.")]
NoCacheOpt = Annotated[bool, typer.Option("--no-cache", help="Compute afresh, neither reading nor writing the cache (also STUDYPLAN_STATUS_CACHE=0).")]
ProfileOpt = Annotated[Optional[str], typer.Option("--profile", "-p", metavar="NAME", help="Profile (learner) to use; also STUDYPLAN_PROFILE.", show_default=False)]


def status(ctx: typer.Context, format_: FormatOpt = DEFAULT_FORMAT, json_: StatusJsonOpt = False, no_cache: NoCacheOpt = False,
           profile: ProfileOpt = None, date: DateOpt = None, lang: LangOpt = None) -> None:
    from studyplan.app import prompt

    session = session_of(ctx)
    opts = prompt.Options(format_, json_, not no_cache, profile if profile is not None else session.profile_name, date,
                          lang if lang is not None else session.lang_flag)
    result = prompt.answer(opts, env=session.env)
    if result.out:
        print(result.out)
    if result.err:
        print(result.err, file=sys.stderr)
    if result.code:
        raise typer.Exit(result.code)


_FIELDS = "\n".join(f"  {{{name}}}".ljust(15) + what for name, what in FIELDS.items())
status.__doc__ = f"""One line for a shell prompt or a status bar: topics, cards, streak, position.

For example: 3 topics · 5 cards · 12-day streak · 2 days behind

Nothing is printed when there is nothing to say: no database or profile yet (status
creates neither), or the plan has not started. A problem prints nothing on standard
output and one line on standard error, and exits 0, so a prompt never breaks; an
unknown field in --format exits 2. The answer is cached until something it depends
on changes (the database, settings, curriculum or the study day); it is never stale.

\b
Fields for --format (default '{DEFAULT_FORMAT}'):
{_FIELDS}

Prompt set-ups (starship, tmux, bash, zsh): {doc('status.md')}.

Example: studyplan status --format '{{topics_n}}t {{cards_n}}c {{streak}}'
"""
