"""A curriculum's content as immutable records (``studyplan.record``): localised text,
modules and their items, levels, tracks, phases, the routine, notes, the chart, the
glossary, the history and the readings. ``domain.curriculum`` holds them together.
"""

from __future__ import annotations

from typing import Any, Callable

from studyplan.record import Record

# The files of a curriculum directory, and the most one may hold (checked before parsing).
# 16 MiB holds ~250× the bundled glossary (62 KiB); what bounds parsing time and memory
# on a hostile file is the loader's count of its pieces (loader/yaml_lines.py MAX_PIECES).
FILES = ("curriculum.yaml", "modules.yaml", "concepts.yaml", "history.yaml", "readings.yaml")
MAX_FILE_BYTES = 16 * 1024 * 1024

LANGS = ("en", "ja")
HISTORY_LANGS = ("en", "ja", "zh-Hant")
ITEM_KINDS = ("topic", "resource", "project")
LOG_KINDS = ("theory", "coding", "updates")


class L10n(Record):
    """Text in several languages; ``get`` falls back to English."""

    values: dict[str, str]

    def get(self, lang: str) -> str:
        return self.values.get(lang) or self.values.get("en") or next(iter(self.values.values()), "")

    @classmethod
    def of(cls, value: Any) -> "L10n":
        if isinstance(value, L10n):
            return value
        if isinstance(value, str):
            return cls({"en": value})
        if value is None:
            return cls({})
        # The plain data is built for this object and dropped after: a dict is kept, not
        # copied (a curriculum holds ~750 of them; copying was ~150 KiB of every start).
        return cls(value if type(value) is dict else dict(value))

    def __bool__(self) -> bool:
        return any(self.values.values())

    def __hash__(self) -> int:
        return hash(tuple(sorted(self.values.items())))


class Item(Record):
    """A trackable piece of a module: a topic, a resource or a project."""

    module_id: str
    id: str
    kind: str  # topic | resource | project
    title: L10n
    details: tuple[L10n, ...] = ()
    resource_kind: str | None = None
    authors: str | None = None
    year: int | None = None
    url: str | None = None

    @property
    def ref(self) -> str:
        return f"{self.module_id}/{self.id}"


class Module(Record):
    id: str
    level: str
    track: str
    title: L10n
    goal: L10n
    topics: tuple[Item, ...]
    resources: tuple[Item, ...]
    projects: tuple[Item, ...]
    tools: tuple[L10n, ...]

    @property
    def items(self) -> tuple[Item, ...]:
        return self.topics + self.resources + self.projects


class Level(Record):
    id: str
    title: L10n
    goal: L10n


class Track(Record):
    id: str
    title: L10n
    log_kind: str


class Phase(Record):
    id: str
    first_month: int
    last_month: int
    focus: L10n
    modules: tuple[str, ...]
    why: L10n


class RoutineTarget(Record):
    kind: str
    min_hours: float
    max_hours: float
    label: L10n


class NoteEntry(Record):
    label: L10n
    text: L10n


class Note(Record):
    id: str
    title: L10n
    items: tuple[NoteEntry, ...]
    modules: tuple[str, ...]


class ChartSeries(Record):
    id: str
    label: L10n
    unit: str
    scale: str
    values: tuple[float, ...]


class Chart(Record):
    title: L10n
    labels: tuple[int, ...]
    series: tuple[ChartSeries, ...]


class Concept(Record):
    id: str
    source: int | None
    term: L10n
    aliases: tuple[str, ...]
    definition: L10n
    related: tuple[str, ...]
    modules: tuple[str, ...]


class Figure(Record):
    metric: str
    value: float
    unit: str
    from_value: float | None = None
    at_least: bool = False
    period_value: float | None = None
    period_unit: str | None = None


class Era(Record):
    id: str
    title: L10n


class Event(Record):
    id: str
    era: str
    year: int
    year_end: int | None
    name: L10n
    who: L10n
    description: L10n
    figures: tuple[Figure, ...]
    tags: tuple[str, ...]
    concepts: tuple[str, ...]
    modules: tuple[str, ...]


class Trend(Record):
    id: str
    title: L10n
    description: L10n
    concepts: tuple[str, ...]


class HistoryText(Record):
    """The history's own framing, from its sources: the opening sentence, the trends heading, the closing sentence."""

    intro: L10n
    trends_title: L10n
    closing: L10n


class ReadingSection(Record):
    heading: L10n
    paragraphs: tuple[L10n, ...]


class Reference(Record):
    number: int
    title: L10n


class Reading(Record):
    id: str
    module: str
    title: L10n
    caveat: L10n
    summary: tuple[L10n, ...]
    sections: tuple[ReadingSection, ...]
    references: tuple[Reference, ...]


Extras = tuple[tuple[Era, ...], tuple[Event, ...], tuple[Trend, ...], tuple[Reading, ...], HistoryText]
# parts(name, build): the part's plain data, handed to build (see Curriculum.from_data)
PartLoader = Callable[[str, Callable[[dict[str, Any]], Any]], Any]
