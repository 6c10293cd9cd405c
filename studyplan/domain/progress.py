"""Statuses -> progress: per item, per module, per phase and overall.

Rules: a module marked done counts every item in it as done, except the items
skipped on their own; a module marked skipped removes all its items; a skipped item
leaves both the numerator and the denominator of a percentage.
"""

from __future__ import annotations

from studyplan.domain.content import Item, Module
from studyplan.domain.curriculum import Curriculum
from studyplan.record import Record


def item_status(statuses: dict[str, str], item: Item) -> str:
    module_status = statuses.get(item.module_id)
    own = statuses.get(item.ref, "todo")
    if module_status == "done":  # done, but what was skipped stays skipped (9 done of 10, 1 skipped)
        return "skipped" if own == "skipped" else "done"
    if module_status == "skipped":
        return "skipped"
    return own


def spelled_out(curriculum: Curriculum, statuses: dict[str, str], wanted: dict[str, str]) -> list[tuple[str, str]]:
    """The status changes that give ``wanted`` (ref -> status) the effect a learner expects.

    An item changed inside a module marked done or skipped would stay hidden behind the
    module's status (starting an item of a done module left the module done). So the module's
    status is spelled out on its other items (each keeps what it shows now) and the module's
    own status is cleared: it is derived from its items again (in progress, once one is)."""
    changes = dict(wanted)
    for ref, status in wanted.items():
        if "/" not in ref:
            continue
        module_id = ref.split("/", 1)[0]
        module_status = statuses.get(module_id)
        module = curriculum.module(module_id)
        if module is None or module_status not in ("done", "skipped") or module_id in wanted or status == module_status:
            continue
        for other in module.items:
            if other.ref not in changes:
                changes[other.ref] = item_status(statuses, other)
        changes[module_id] = "todo"
    return list(changes.items())


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
