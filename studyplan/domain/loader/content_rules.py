"""Rules for concepts.yaml, history.yaml and readings.yaml: the glossary, the history, the readings."""

from __future__ import annotations

from typing import Any

from studyplan.domain.loader.checks import SLUG, Checks, is_known, kind_of


class ContentRules(Checks):
    def concepts(self, raw: dict, module_ids: set[str]) -> list[dict[str, Any]]:
        L = ("en", "ja")
        seq = self.seq(raw, "concepts")
        ids = {c.get("id") for c in seq if isinstance(c, dict) and isinstance(c.get("id"), str)}
        out = []
        seen: dict[str, int] = {}
        for i, c in enumerate(seq):
            if not self.mapping(seq, i, c, "a concept"):
                continue
            cid = self.slug(c, "id", "a concept")
            self.unique(seen, cid, self.where(seq, i), "concept")
            aliases = self.seq(c, "aliases", required=False)
            for k, a in enumerate(aliases):
                if not isinstance(a, str) or not a.strip():
                    self.check.add(self.where(aliases, k), f"aliases must be text, not {kind_of(a)}")
            modules = self.id_list(c, "modules", module_ids, "module", required=True)
            if not modules and "modules" in c:
                self.check.add(self.where(c, "modules"), f"concept '{cid}' must be taught by at least one module")
            out.append({
                "id": cid, "source": self.plain(c, "source", (int,), "a number"),
                "term": self.text(c, "term", L), "aliases": [a for a in aliases if isinstance(a, str)],
                "definition": self.text(c, "definition", L),
                "related": self.id_list(c, "related", ids, "concept"),
                "modules": modules,
            })
        return out

    def history(self, raw: dict, module_ids: set[str], concept_ids: set[str]) -> dict[str, Any]:
        L = ("en", "ja", "zh-Hant")
        eras = []
        seen: dict[str, int] = {}
        seq = self.seq(raw, "eras")
        for i, e in enumerate(seq):
            if self.mapping(seq, i, e, "an era"):
                eid = self.slug(e, "id", "an era")
                self.unique(seen, eid, self.where(seq, i), "era")
                eras.append({"id": eid, "title": self.text(e, "title", L, allow_plain=False)})
        era_ids = {e["id"] for e in eras if e["id"] is not None}
        events = []
        seen = {}
        seq = self.seq(raw, "events")
        for i, e in enumerate(seq):
            if not self.mapping(seq, i, e, "an event"):
                continue
            eid = self.slug(e, "id", "an event")
            self.unique(seen, eid, self.where(seq, i), "event")
            if not is_known(e.get("era"), era_ids):
                self.check.add(self.where(e, "era"), f"unknown era '{e.get('era')}'")
            year = self.plain(e, "year", (int,), "a year such as 2017", required=True)
            year_end = self.plain(e, "year_end", (int,), "a year such as 2024")
            figures = []
            fseq = self.seq(e, "figures", required=False)
            for j, f in enumerate(fseq):
                if not self.mapping(fseq, j, f, "a figure"):
                    continue
                fig = {
                    "metric": self.slug(f, "metric", "a figure"),
                    "value": self.plain(f, "value", (int, float), "a number", required=True),
                    "unit": self.plain(f, "unit", (str,), "text", required=True),
                }
                if "from" in f:
                    fig["from"] = self.plain(f, "from", (int, float), "a number")
                if "at_least" in f:
                    fig["at_least"] = self.plain(f, "at_least", (bool,), "true or false")
                if "period" in f and self.mapping(f, "period", f["period"], "'period'"):
                    fig["period"] = {
                        "value": self.plain(f["period"], "value", (int, float), "a number", required=True),
                        "unit": self.plain(f["period"], "unit", (str,), "text", required=True),
                    }
                figures.append(fig)
            tags = self.seq(e, "tags", required=False)
            for k, t in enumerate(tags):
                if not isinstance(t, str) or not SLUG.match(t):
                    self.check.add(self.where(tags, k), f"tags must be slugs, not {t!r}")
            events.append({
                "id": eid, "era": e.get("era"), "year": year, "year_end": year_end,
                "name": self.text(e, "name", L), "who": self.text(e, "who", L, required=False),
                "description": self.text(e, "description", L, allow_plain=False),
                "figures": figures, "tags": [t for t in tags if isinstance(t, str)],
                "concepts": self.id_list(e, "concepts", concept_ids, "concept"),
                "modules": self.id_list(e, "modules", module_ids, "module"),
            })
        trends = []
        seq = self.seq(raw, "trends", required=False)
        for i, t in enumerate(seq):
            if self.mapping(seq, i, t, "a trend"):
                trends.append({
                    "id": self.slug(t, "id", "a trend"), "title": self.text(t, "title", L, allow_plain=False),
                    "description": self.text(t, "description", L, allow_plain=False),
                    "concepts": self.id_list(t, "concepts", concept_ids, "concept"),
                })
        # The sources' own framing: the opening sentence (with its knowledge cut-off), the
        # heading of the trends and the closing sentence.
        framing = {key: self.text(raw, key, L, required=False, allow_plain=False) for key in ("intro", "trends_title", "closing")}
        return {"eras": eras, "events": events, "trends": trends, **framing}

    def readings(self, raw: dict, module_ids: set[str]) -> list[dict[str, Any]]:
        L = ("en", "ja")
        out = []
        seq = self.seq(raw, "readings")
        for i, r in enumerate(seq):
            if not self.mapping(seq, i, r, "a reading"):
                continue
            if not is_known(r.get("module"), module_ids):
                self.check.add(self.where(r, "module"), f"unknown module '{r.get('module')}'")
            summary = self.seq(r, "summary", required=False)
            sections = []
            sseq = self.seq(r, "sections", required=False)
            for j, s in enumerate(sseq):
                if self.mapping(sseq, j, s, "a section"):
                    paras = self.seq(s, "paragraphs")
                    sections.append({"heading": self.text(s, "heading", L), "paragraphs": [self.text(paras, k, L) for k in range(len(paras))]})
            refs = []
            rseq = self.seq(r, "references", required=False)
            for j, ref in enumerate(rseq):
                if self.mapping(rseq, j, ref, "a reference"):
                    refs.append({"number": self.plain(ref, "number", (int,), "a number", required=True), "title": self.text(ref, "title", L)})
            out.append({
                "id": self.slug(r, "id", "a reading"), "module": r.get("module"), "title": self.text(r, "title", L),
                "caveat": self.text(r, "caveat", L, required=False),
                "summary": [self.text(summary, k, L) for k in range(len(summary))],
                "sections": sections, "references": refs,
            })
        return out
