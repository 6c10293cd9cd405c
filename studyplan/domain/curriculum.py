"""The curriculum model: immutable records (``studyplan.record``) built from validated plain data.

``studyplan.domain.loader`` reads and validates the YAML files and produces the
plain data (dicts, lists, strings, numbers) that ``Curriculum.from_data`` turns
into these objects. The same plain data is what the cache stores (``studyplan.app.catalog``).
"""

from __future__ import annotations

from typing import Any, Callable, Iterator

from studyplan.domain.content import (
    Chart,
    ChartSeries,
    Concept,
    Era,
    Event,
    Extras,
    Figure,
    HistoryText,
    Item,
    L10n,
    Level,
    Module,
    Note,
    NoteEntry,
    PartLoader,
    Phase,
    Reading,
    ReadingSection,
    Reference,
    RoutineTarget,
    Track,
    Trend,
)


class Curriculum:
    """A whole curriculum with indexes for lookups; built once per run, never changed."""

    def __init__(
        self,
        id: str,  # noqa: A002 - the curriculum's id, as in the YAML
        version: int,
        title: L10n,
        description: L10n,
        months: int,
        levels: tuple[Level, ...],
        tracks: tuple[Track, ...],
        phases: tuple[Phase, ...],
        routine: tuple[RoutineTarget, ...],
        notes: tuple[Note, ...],
        chart: Chart | None,
        modules: tuple[Module, ...],
        concepts: tuple[Concept, ...] | Callable[[], tuple[Concept, ...]] = (),
        extras: Callable[[], Extras] | None = None,
        duration: L10n | None = None,
    ) -> None:
        """``concepts`` may be a function that builds them, and ``extras`` builds the
        history and readings: each is called the first time it is needed (``plan``
        never reads the glossary, ``today`` never the history), so a command only
        loads the parts of the curriculum it uses."""
        self.id, self.version, self.title, self.description, self.months = id, version, title, description, months
        self.duration = duration if duration is not None else L10n({})  # "6-12 months, depending on ..."
        self.levels, self.tracks, self.phases, self.routine, self.notes, self.chart = levels, tracks, phases, routine, notes, chart
        self.modules = modules
        self._concepts = concepts if isinstance(concepts, tuple) else None
        self._concepts_source = None if isinstance(concepts, tuple) else concepts
        self._extras_source = extras
        self._extras: Extras | None = None
        self._module_index = {m.id: m for m in modules}
        self._item_index = {i.ref: i for m in modules for i in m.items}
        self._concept_index: dict[str, Concept] | None = None  # these three are built on first use
        self._prerequisites: dict[str, tuple[str, ...]] | None = None
        self._concepts_by_module: dict[str, tuple[Concept, ...]] | None = None

    # -- the glossary, history and readings, built on first use ------------------
    @property
    def concepts(self) -> tuple[Concept, ...]:
        if self._concepts is None:
            self._concepts = self._concepts_source() if self._concepts_source is not None else ()
        return self._concepts

    def _built_extras(self) -> Extras:
        if self._extras is None:
            self._extras = self._extras_source() if self._extras_source is not None else build_extras({})
        return self._extras

    @property
    def eras(self) -> tuple[Era, ...]:
        return self._built_extras()[0]

    @property
    def events(self) -> tuple[Event, ...]:
        return self._built_extras()[1]

    @property
    def trends(self) -> tuple[Trend, ...]:
        return self._built_extras()[2]

    @property
    def readings(self) -> tuple[Reading, ...]:
        return self._built_extras()[3]

    @property
    def history_text(self) -> HistoryText:
        return self._built_extras()[4]

    # -- lookups -------------------------------------------------------------
    def module(self, module_id: str) -> Module | None:
        return self._module_index.get(module_id)

    def item(self, ref: str) -> Item | None:
        return self._item_index.get(ref)

    def concept(self, concept_id: str) -> Concept | None:
        if self._concept_index is None:
            self._concept_index = {c.id: c for c in self.concepts}
        return self._concept_index.get(concept_id)

    def refs(self) -> Iterator[str]:
        """Every trackable reference: module ids, then ``module/item`` ids."""
        for m in self.modules:
            yield m.id
            for i in m.items:
                yield i.ref

    def has_ref(self, ref: str) -> bool:
        return ref in self._module_index or ref in self._item_index

    def phase_of(self, module_id: str) -> Phase | None:
        return next((p for p in self.phases if module_id in p.modules), None)

    def level(self, level_id: str) -> Level | None:
        return next((lv for lv in self.levels if lv.id == level_id), None)

    def track(self, track_id: str) -> Track | None:
        return next((t for t in self.tracks if t.id == track_id), None)

    def concepts_of(self, module_id: str) -> tuple[Concept, ...]:
        if self._concepts_by_module is None:
            index: dict[str, list[Concept]] = {}
            for c in self.concepts:
                for mid in c.modules:
                    index.setdefault(mid, []).append(c)
            self._concepts_by_module = {mid: tuple(cs) for mid, cs in index.items()}
        return self._concepts_by_module.get(module_id, ())

    def notes_of(self, module_id: str) -> tuple[Note, ...]:
        return tuple(n for n in self.notes if module_id in n.modules)

    def readings_of(self, module_id: str) -> tuple[Reading, ...]:
        return tuple(r for r in self.readings if r.module == module_id)

    def reading(self, reading_id: str) -> Reading | None:
        return next((r for r in self.readings if r.id == reading_id), None)

    def events_of_concept(self, concept_id: str) -> tuple[Event, ...]:
        return tuple(e for e in self.events if concept_id in e.concepts)

    def prerequisites(self, module_id: str) -> tuple[str, ...]:
        """Earlier levels' modules of the same track (advice, never a lock)."""
        if self._prerequisites is None:
            order = {lv.id: rank for rank, lv in enumerate(self.levels)}
            by_track: dict[str, list[Module]] = {}
            for m in self.modules:
                by_track.setdefault(m.track, []).append(m)
            self._prerequisites = {
                m.id: tuple(o.id for o in by_track[m.track] if order.get(o.level, 0) < order.get(m.level, 0))
                for m in self.modules
            }
        return self._prerequisites.get(module_id, ())

    def scheduled_topics(self) -> tuple[Item, ...]:
        """All topics in study order: phase by phase, module by module."""
        return tuple(t for p in self.phases for mid in p.modules for t in self._module_index[mid].topics)

    # -- construction from validated plain data ------------------------------
    @classmethod
    def from_data(cls, data: dict[str, Any], parts: PartLoader | None = None) -> "Curriculum":
        """Build from validated plain data. The glossary (``"concepts"``) and the
        ``"extras"`` (history and readings) are built on first use, from ``data`` or,
        when given, from ``parts(name, build)``: the catalog passes one that reads
        each part from its own cache file and hands it to ``build``."""
        load: PartLoader = parts if parts is not None else (lambda _name, build: build(data))
        meta = data["curriculum"]
        L = L10n.of

        def item(module_id: str, raw: dict[str, Any], kind: str) -> Item:
            return Item(
                module_id=module_id,
                id=raw["id"],
                kind=kind,
                title=L(raw["title"]),
                details=tuple(L(d) for d in raw.get("details") or ()),
                resource_kind=raw.get("kind") if kind == "resource" else None,
                authors=raw.get("authors"),
                year=raw.get("year"),
                url=raw.get("url"),
            )

        modules = tuple(
            Module(
                id=m["id"],
                level=m["level"],
                track=m["track"],
                title=L(m["title"]),
                goal=L(m.get("goal")),
                topics=tuple(item(m["id"], t, "topic") for t in m.get("topics") or ()),
                resources=tuple(item(m["id"], r, "resource") for r in m.get("resources") or ()),
                projects=tuple(item(m["id"], p, "project") for p in m.get("projects") or ()),
                tools=tuple(L(t) for t in m.get("tools") or ()),
            )
            for m in data["modules"]
        )
        chart = meta.get("chart")
        return cls(
            id=meta["id"],
            version=meta.get("version", 1),
            title=L(meta["title"]),
            description=L(meta.get("description")),
            duration=L(meta.get("duration")),
            months=meta.get("months", 12),
            levels=tuple(Level(lv["id"], L(lv["title"]), L(lv.get("goal"))) for lv in meta["levels"]),
            tracks=tuple(Track(t["id"], L(t["title"]), t.get("log_kind", "theory")) for t in meta["tracks"]),
            phases=tuple(
                Phase(p["id"], p["months"][0], p["months"][1], L(p["focus"]), tuple(p["modules"]), L(p.get("why")))
                for p in meta["phases"]
            ),
            routine=tuple(RoutineTarget(r["kind"], r["min"], r["max"], L(r.get("label") or r["kind"])) for r in meta["routine"]),
            notes=tuple(
                Note(n["id"], L(n["title"]), tuple(NoteEntry(L(e["label"]), L(e["text"])) for e in n["items"]), tuple(n.get("modules") or ()))
                for n in meta.get("notes") or ()
            ),
            chart=Chart(
                L(chart["title"]),
                tuple(chart["labels"]),
                tuple(ChartSeries(s["id"], L(s["label"]), s.get("unit", ""), s.get("scale", "linear"), tuple(s["values"])) for s in chart["series"]),
            ) if chart else None,
            modules=modules,
            concepts=lambda: load("concepts", build_concepts),
            extras=lambda: load("extras", build_extras),
        )


def build_concepts(data: dict[str, Any]) -> tuple[Concept, ...]:
    """The glossary from the plain data's ``"concepts"`` list."""
    L = L10n.of
    return tuple(
        Concept(
            id=c["id"], source=c.get("source"), term=L(c["term"]), aliases=tuple(c.get("aliases") or ()),
            definition=L(c["definition"]), related=tuple(c.get("related") or ()), modules=tuple(c["modules"]),
        )
        for c in data.get("concepts") or ()
    )


def build_extras(data: dict[str, Any]) -> Extras:
    """Eras, events, trends and readings from the plain data's ``"history"`` and ``"readings"``."""
    L = L10n.of
    history = data.get("history") or {}
    return (
        tuple(Era(e["id"], L(e["title"])) for e in history.get("eras") or ()),
        tuple(
            Event(
                id=e["id"], era=e["era"], year=e["year"], year_end=e.get("year_end"), name=L(e["name"]),
                who=L(e.get("who")), description=L(e["description"]),
                figures=tuple(
                    Figure(
                        metric=f["metric"], value=f["value"], unit=f["unit"], from_value=f.get("from"),
                        at_least=bool(f.get("at_least")),
                        period_value=(f.get("period") or {}).get("value"), period_unit=(f.get("period") or {}).get("unit"),
                    )
                    for f in e.get("figures") or ()
                ),
                tags=tuple(e.get("tags") or ()), concepts=tuple(e.get("concepts") or ()), modules=tuple(e.get("modules") or ()),
            )
            for e in history.get("events") or ()
        ),
        tuple(Trend(t["id"], L(t["title"]), L(t["description"]), tuple(t.get("concepts") or ())) for t in history.get("trends") or ()),
        tuple(
            Reading(
                id=r["id"], module=r["module"], title=L(r["title"]), caveat=L(r.get("caveat")),
                summary=tuple(L(x) for x in r.get("summary") or ()),
                sections=tuple(ReadingSection(L(x["heading"]), tuple(L(p) for p in x.get("paragraphs") or ())) for x in r.get("sections") or ()),
                references=tuple(Reference(ref["number"], L(ref["title"])) for ref in r.get("references") or ()),
            )
            for r in data.get("readings") or ()
        ),
        HistoryText(L(history.get("intro")), L(history.get("trends_title")), L(history.get("closing"))),
    )
