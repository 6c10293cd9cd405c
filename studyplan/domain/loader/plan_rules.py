"""Rules for curriculum.yaml and modules.yaml: the plan, its phases and routine, the modules."""

from __future__ import annotations

from typing import Any

from studyplan.domain.content import LOG_KINDS
from studyplan.domain.loader.checks import Checks, is_known, line_of

RESOURCE_KINDS = ("book", "course", "paper", "blog", "video", "practice", "tool", "community", "conference")


class PlanRules(Checks):
    def curriculum(self, raw: dict) -> dict[str, Any]:
        L = ("en", "ja")
        out: dict[str, Any] = {
            "id": self.slug(raw, "id", "the curriculum"),
            "version": self.plain(raw, "version", (int,), "an integer") or 1,
            "title": self.text(raw, "title", L),
            "description": self.text(raw, "description", L, required=False),
            "duration": self.text(raw, "duration", L, required=False),  # how long the map says it takes
            "months": self.plain(raw, "months", (int,), "an integer") or 12,
        }
        if not 1 <= out["months"] <= 36:
            self.check.add(self.where(raw, "months"), "'months' must be between 1 and 36")
        out["levels"] = []
        seen: dict[str, int] = {}
        levels = self.seq(raw, "levels")
        for i, lv in enumerate(levels):
            if self.mapping(levels, i, lv, "a level"):
                lid = self.slug(lv, "id", "a level")
                self.unique(seen, lid, self.where(levels, i), "level")
                out["levels"].append({"id": lid, "title": self.text(lv, "title", L), "goal": self.text(lv, "goal", L, required=False)})
        out["tracks"] = []
        seen = {}
        tracks = self.seq(raw, "tracks")
        for i, tr in enumerate(tracks):
            if self.mapping(tracks, i, tr, "a track"):
                tid = self.slug(tr, "id", "a track")
                self.unique(seen, tid, self.where(tracks, i), "track")
                kind = self.plain(tr, "log_kind", (str,), "theory, coding or updates") or "theory"
                if kind not in LOG_KINDS:
                    self.check.add(self.where(tr, "log_kind"), f"'log_kind' must be one of {', '.join(LOG_KINDS)}, not '{kind}'")
                out["tracks"].append({"id": tid, "title": self.text(tr, "title", L), "log_kind": kind})
        out["phases"] = []
        seen = {}
        phases = self.seq(raw, "phases")
        expected_first = 1
        for i, ph in enumerate(phases):
            if not self.mapping(phases, i, ph, "a phase"):
                continue
            pid = self.slug(ph, "id", "a phase")
            self.unique(seen, pid, self.where(phases, i), "phase")
            months = ph.get("months")
            span = None
            if (
                isinstance(months, list) and len(months) == 2
                and all(isinstance(m, int) and not isinstance(m, bool) for m in months)
                and months[0] <= months[1]
            ):
                span = [months[0], months[1]]
                if months[0] != expected_first:
                    self.check.add(self.where(ph, "months"), f"phase starts in month {months[0]} but the previous one ends in month {expected_first - 1}; phases must follow each other")
                expected_first = months[1] + 1
            else:
                self.check.add(self.where(ph, "months"), "'months' must be [first, last], two month numbers such as [1, 2]")
            out["phases"].append({
                "id": pid, "months": span, "focus": self.text(ph, "focus", L),
                "modules": self.id_list(ph, "modules", None, "module", required=True),
                "why": self.text(ph, "why", L, required=False),
                "_modules_line": line_of(ph, "modules", ph.line),
            })
        if phases and expected_first - 1 != out["months"]:
            self.check.add(self.where(raw, "phases"), f"phases cover months 1-{expected_first - 1} but the plan has {out['months']} months")
        out["routine"] = []
        routine = self.seq(raw, "routine")
        for i, r in enumerate(routine):
            if not self.mapping(routine, i, r, "a routine line"):
                continue
            kind = self.plain(r, "kind", (str,), "theory, coding or updates", required=True)
            if kind is not None and kind not in LOG_KINDS:
                self.check.add(self.where(r, "kind"), f"'kind' must be one of {', '.join(LOG_KINDS)}, not '{kind}'")
            lo = self.plain(r, "min", (int, float), "a number of hours", required=True)
            hi = self.plain(r, "max", (int, float), "a number of hours", required=True)
            if lo is not None and hi is not None and not 0 <= lo <= hi <= 168:
                self.check.add(self.where(r, "min"), "'min' and 'max' must satisfy 0 <= min <= max <= 168 hours")
            out["routine"].append({"kind": kind, "min": lo, "max": hi, "label": self.text(r, "label", L, required=False)})
        out["notes"] = []
        seen = {}
        notes = self.seq(raw, "notes", required=False)
        for i, n in enumerate(notes):
            if not self.mapping(notes, i, n, "a note"):
                continue
            nid = self.slug(n, "id", "a note")
            self.unique(seen, nid, self.where(notes, i), "note")
            entries = []
            items = self.seq(n, "items")
            for j, e in enumerate(items):
                if self.mapping(items, j, e, "a note line"):
                    entries.append({"label": self.text(e, "label", L), "text": self.text(e, "text", L)})
            out["notes"].append({
                "id": nid, "title": self.text(n, "title", L), "items": entries,
                "modules": self.id_list(n, "modules", None, "module"), "_modules_line": line_of(n, "modules", n.line),
            })
        chart = raw.get("chart")
        out["chart"] = None
        if chart is not None and self.mapping(raw, "chart", chart, "'chart'"):
            labels = self.seq(chart, "labels")
            if not all(isinstance(x, int) and not isinstance(x, bool) for x in labels):
                self.check.add(self.where(chart, "labels"), "'labels' must be a list of years")
            series = []
            seq = self.seq(chart, "series")
            for i, s in enumerate(seq):
                if not self.mapping(seq, i, s, "a chart series"):
                    continue
                values = self.seq(s, "values")
                if not all(isinstance(v, (int, float)) and not isinstance(v, bool) for v in values):
                    self.check.add(self.where(s, "values"), "'values' must be numbers")
                elif len(values) != len(labels):
                    self.check.add(self.where(s, "values"), f"'values' has {len(values)} numbers but there are {len(labels)} labels")
                scale = s.get("scale", "linear")
                if scale not in ("linear", "log"):
                    self.check.add(self.where(s, "scale"), "'scale' must be linear or log")
                elif scale == "log" and any(isinstance(v, (int, float)) and v <= 0 for v in values):
                    self.check.add(self.where(s, "values"), "a log-scale series needs values above zero")
                series.append({"id": self.slug(s, "id", "a series"), "label": self.text(s, "label", L), "unit": str(s.get("unit", "")), "scale": scale, "values": list(values)})
            out["chart"] = {"title": self.text(chart, "title", L), "labels": list(labels), "series": series}
        return out

    def modules(self, raw: dict, meta: dict) -> list[dict[str, Any]]:
        L = ("en", "ja")
        level_ids = {lv["id"] for lv in meta["levels"] if lv["id"] is not None}
        track_ids = {t["id"] for t in meta["tracks"] if t["id"] is not None}
        out = []
        seen: dict[str, int] = {}
        modules = self.seq(raw, "modules")
        if not modules:
            self.check.add(self.where(raw, "modules"), "a curriculum needs at least one module")
        for i, m in enumerate(modules):
            if not self.mapping(modules, i, m, "a module"):
                continue
            mid = self.slug(m, "id", "a module")
            self.unique(seen, mid, self.where(modules, i), "module")
            level = m.get("level")
            if not is_known(level, level_ids):
                self.check.add(self.where(m, "level"), f"unknown level '{level}' (levels: {', '.join(sorted(level_ids))})")
            track = m.get("track")
            if not is_known(track, track_ids):
                self.check.add(self.where(m, "track"), f"unknown track '{track}' (tracks: {', '.join(sorted(track_ids))})")
            item_seen: dict[str, int] = {}
            module: dict[str, Any] = {
                "id": mid, "level": level, "track": track,
                "title": self.text(m, "title", L), "goal": self.text(m, "goal", L, required=False),
            }
            for key, what in (("topics", "topic"), ("resources", "resource"), ("projects", "project")):
                entries = []
                seq = self.seq(m, key, required=(key == "topics"))
                for j, it in enumerate(seq):
                    if not self.mapping(seq, j, it, f"a {what}"):
                        continue
                    iid = self.slug(it, "id", f"a {what}")
                    self.unique(item_seen, iid, self.where(seq, j), "item")
                    entry: dict[str, Any] = {"id": iid, "title": self.text(it, "title", L)}
                    if key == "topics":
                        details = self.seq(it, "details", required=False)
                        entry["details"] = []
                        for k in range(len(details)):
                            entry["details"].append(self.text(details, k, L))
                    if key == "resources":
                        kind = it.get("kind")
                        if kind not in RESOURCE_KINDS:
                            self.check.add(self.where(it, "kind"), f"resource kind must be one of {', '.join(RESOURCE_KINDS)}, not '{kind}'")
                        entry["kind"] = kind
                        entry["authors"] = self.plain(it, "authors", (str,), "text")
                        entry["year"] = self.plain(it, "year", (int,), "a year such as 2017")
                        entry["url"] = self.plain(it, "url", (str,), "text")
                    entries.append(entry)
                module[key] = entries
            if not module["topics"]:
                self.check.add(self.where(m, "topics"), f"module '{mid}' has no topics")
            tools = self.seq(m, "tools", required=False)
            module["tools"] = [self.text(tools, k, L) for k in range(len(tools))]
            out.append(module)
        return out

    def cross_check(self, raw: dict, meta: dict, module_ids: set[str]) -> None:
        scheduled: dict[str, str] = {}
        for phase in meta["phases"]:
            line = phase.pop("_modules_line")
            for mid in phase["modules"]:
                if mid not in module_ids:
                    self.check.add((self.file, line), f"phase '{phase['id']}' lists unknown module '{mid}'")
                elif mid in scheduled:
                    self.check.add((self.file, line), f"module '{mid}' is in phases '{scheduled[mid]}' and '{phase['id']}'; a module belongs to one phase")
                else:
                    scheduled[mid] = phase["id"]
        for mid in sorted(module_ids - scheduled.keys()):
            self.check.add((self.file, line_of(raw, "phases", 1)), f"module '{mid}' is not in any phase; add it to a phase's modules")
        for note in meta["notes"]:
            line = note.pop("_modules_line")
            for mid in note["modules"]:
                if mid not in module_ids:
                    self.check.add((self.file, line), f"note '{note['id']}' lists unknown module '{mid}'")
