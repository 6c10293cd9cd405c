"""Statuses -> progress: per item, per module, per phase and overall.

Rules: a module marked done counts every item in it as done; a module marked
skipped removes all its items; a skipped item leaves both the numerator and the
denominator of a percentage.
"""

from __future__ import annotations

from studyplan.domain.content import Item, Module
from studyplan.domain.curriculum import Curriculum
from studyplan.record import Record


def item_status(statuses: dict[str, str], item: Item) -> str:
    module_status = statuses.get(item.module_id)
    if module_status in ("done", "skipped"):
        return module_status
    return statuses.get(item.ref, "todo")


class ItemProgress(Record):
    item: Item
    status: str


class ModuleProgress(Record):
    module: Module
    status: str  # the module's own status, or derived from its items
    done: int
    total: int  # items that count (skipped excluded)
    skipped: int
    items: tuple[ItemProgress, ...]

    @property
    def percent(self) -> float:
        if self.total == 0:
            return 100.0 if self.status in ("done", "skipped") else 0.0
        return round(100.0 * self.done / self.total, 1)


def module_progress(curriculum: Curriculum, statuses: dict[str, str], module: Module) -> ModuleProgress:
    items = tuple(ItemProgress(i, item_status(statuses, i)) for i in module.items)
    skipped = sum(1 for i in items if i.status == "skipped")
    done = sum(1 for i in items if i.status == "done")
    own = statuses.get(module.id)
    if own is None:
        if items and done == len(items) - skipped and done > 0:
            own = "done"
        elif any(i.status in ("done", "in-progress") for i in items):
            own = "in-progress"
        else:
            own = "todo"
    return ModuleProgress(module, own, done, len(items) - skipped, skipped, items)


class Totals(Record):
    done: int
    total: int
    modules_done: int
    modules: int

    @property
    def percent(self) -> float:
        return round(100.0 * self.done / self.total, 1) if self.total else 100.0


def totals(progress: list[ModuleProgress]) -> Totals:
    return Totals(
        done=sum(p.done for p in progress),
        total=sum(p.total for p in progress),
        modules_done=sum(1 for p in progress if p.status == "done"),
        modules=sum(1 for p in progress if p.status != "skipped"),
    )


def topic_sets(curriculum: Curriculum, statuses: dict[str, str]) -> tuple[set[str], set[str]]:
    """(done, skipped) topic refs for the schedule, with module statuses applied."""
    done: set[str] = set()
    skipped: set[str] = set()
    for module in curriculum.modules:
        for topic in module.topics:
            status = item_status(statuses, topic)
            if status == "done":
                done.add(topic.ref)
            elif status == "skipped":
                skipped.add(topic.ref)
    return done, skipped
