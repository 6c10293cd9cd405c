"""The glossary as an Anki text file: one note per concept, in both languages.

Anki's text import (https://docs.ankiweb.net/importing/text-files.html, "File Headers",
Anki 2.1.54 and later) reads ``#key:value`` lines at the top of the file. We write::

    #separator:tab
    #html:true
    #notetype:Basic
    #columns:Front<TAB>Back<TAB>Tags
    #tags column:3

then one note per line, three tab-separated fields, so it imports into Anki's built-in
Basic note type without mapping anything:

* Front: the term in the chosen language (``--lang``), the other language's term below it;
* Back: the definition in the chosen language, then the other language's;
* Tags: the modules that teach the concept, as ``studyplan::MODULE`` (Anki's hierarchical
  tags; a tag holds no spaces, so any whitespace in one becomes ``_``).

HTML, escaped: every field is cleaned (``domain.text.clean``), then ``&``, ``<``, ``>``, ``"``
and ``'`` become entities, so nothing from data can be markup, a script or a media
reference on a card, and no field can start a quoted (multi-line) field. Line breaks
become ``<br>`` and tabs spaces: always one line and three fields per note. A line that
starts with ``#`` is a comment to Anki, so a Front starting with ``#`` spells it ``&#35;``.
Anki matches duplicates on the first field: importing a newer file updates the notes an
earlier one created instead of adding copies.
"""

from __future__ import annotations

import html
import re

from studyplan.domain.text import clean

HEADER = ("#separator:tab", "#html:true", "#notetype:Basic", "#columns:Front\tBack\tTags", "#tags column:3")
FIELDS = 3
_BREAKS = str.maketrans({"\n": "<br>", "\u2028": "<br>", "\u2029": "<br>", "\t": " "})
_TAG_UNSAFE = re.compile(r'[\s"]+')


def field(text: object) -> str:
    """Cleaned text as one line of escaped HTML."""
    return html.escape(clean(text), quote=True).translate(_BREAKS)


def tag(module: str) -> str:
    return "studyplan::" + _TAG_UNSAFE.sub("_", clean(module).strip())


def _both(first: str, second: str, between: str) -> str:
    first, second = field(first), field(second)
    return first + between + second if second and second != first else first


def note_line(entry) -> str:  # noqa: ANN001 - GlossaryEntry
    front = _both(entry.term, entry.other_term, "<br>")
    if front.startswith("#"):
        front = "&#35;" + front[1:]
    back = _both(entry.definition, entry.other_definition, "<br><br>")
    tags = " ".join(tag(m) for m in entry.modules if clean(m).strip())
    return "\t".join((front, back, tags))


def anki_text(r) -> str:  # noqa: ANN001 - GlossaryExport
    return "\n".join([*HEADER, *(note_line(e) for e in r.entries)]) + "\n"
