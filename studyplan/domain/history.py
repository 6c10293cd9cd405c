"""The 2012–2024 timeline of breakthroughs, filtered, grouped by era, with coverage."""

from __future__ import annotations

import math

from studyplan.domain.content import Figure
from studyplan.domain.curriculum import Curriculum
from studyplan.record import Record

HISTORY_LANGS = ("en", "ja", "zh-Hant")

_UNIT_WORDS = {
    "en": {"parameters": "parameters", "layers": "layers", "users": "users", "months": "months", "experts": "experts"},
    "ja": {"parameters": "パラメータ", "layers": "層", "users": "ユーザー", "months": "ヶ月", "experts": "エキスパート"},
    "zh-Hant": {"parameters": "參數", "layers": "層", "users": "用戶", "months": "個月", "experts": "專家"},
}


def human_number(value: float) -> str:
    for size, suffix in ((1e12, "T"), (1e9, "B"), (1e6, "M"), (1e3, "K")):
        if abs(value) >= size:
            n = value / size
            return f"{n:g}{suffix}" if n == int(n) or n >= 100 else f"{round(n, 2):g}{suffix}"
    return f"{value:g}"


def format_figure(f: Figure, lang: str) -> str:
    words = _UNIT_WORDS.get(lang, _UNIT_WORDS["en"])
    if f.unit == "percent":
        text = f"{f.value:g}%"
        if f.from_value is not None:
            text = f"{f.from_value:g}% → {text}"
    else:
        plus = "+" if f.at_least else ""
        text = f"{human_number(f.value)}{plus} {words.get(f.unit, f.unit)}"
        if f.from_value is not None:
            text = f"{human_number(f.from_value)} → {text}"
    if f.period_value is not None:
        period = f"{f.period_value:g} {words.get(f.period_unit or '', f.period_unit or '')}"
        text += {"ja": f" ({period}で)", "zh-Hant": f" ({period}內)"}.get(lang, f" in {period}")
    return f"{f.metric}: {text}"


def _real(value: float | None) -> float | None:
    """A figure as the float it is documented as (YAML reads ``175`` as an int)."""
    return None if value is None else float(value)


class FigureRow(Record):
    metric: str
    value: float
    unit: str
    from_value: float | None
    at_least: bool
    period_value: float | None
    period_unit: str | None
    text: str


class EventRow(Record):
    id: str
    year: int
    year_end: int | None
    name: str
    who: str
    description: str
    figures: tuple[FigureRow, ...]
    tags: tuple[str, ...]
    concepts: tuple[str, ...]
    modules: tuple[str, ...]
    covered: bool  # every linked module is done


class EraGroup(Record):
    id: str
    title: str
    events: tuple[EventRow, ...]


class TrendRow(Record):
    id: str
    title: str
    description: str


class HistoryResult(Record):
    lang: str
    from_year: int | None
    to_year: int | None
    tag: str | None
    eras: tuple[EraGroup, ...]
    trends: tuple[TrendRow, ...]
    covered: int
    total: int
    first_year: int | None  # the span of the whole history, whatever the filters
    last_year: int | None
    intro: str = ""  # the sources' opening sentence (with its knowledge cut-off), "" when it has none
    trends_title: str = ""  # the sources' heading of the trends
    closing: str = ""  # the sources' closing sentence


def build_history(curriculum: Curriculum, lang: str, done_modules: set[str], from_year: int | None = None,
                  to_year: int | None = None, tag: str | None = None) -> HistoryResult:
    groups = []
    covered = total = 0
    for era in curriculum.eras:
        rows = []
        for e in curriculum.events:
            if e.era != era.id:
                continue
            last = e.year_end or e.year
            if from_year is not None and last < from_year:
                continue
            if to_year is not None and e.year > to_year:
                continue
            if tag is not None and tag not in e.tags:
                continue
            is_covered = bool(e.modules) and all(m in done_modules for m in e.modules)
            covered += is_covered
            total += 1
            rows.append(EventRow(
                id=e.id, year=e.year, year_end=e.year_end, name=e.name.get(lang), who=e.who.get(lang) if e.who else "",
                description=e.description.get(lang),
                figures=tuple(FigureRow(f.metric, float(f.value), f.unit, _real(f.from_value), f.at_least, _real(f.period_value), f.period_unit, format_figure(f, lang)) for f in e.figures),
                tags=e.tags, concepts=e.concepts, modules=e.modules, covered=is_covered,
            ))
        if rows:
            groups.append(EraGroup(era.id, era.title.get(lang), tuple(rows)))
    trends = tuple(TrendRow(t.id, t.title.get(lang), t.description.get(lang)) for t in curriculum.trends) if tag is None else ()
    years = [y for e in curriculum.events for y in (e.year, e.year_end or e.year)]
    framing = curriculum.history_text
    return HistoryResult(lang, from_year, to_year, tag, tuple(groups), trends, covered, total,
                         min(years, default=None), max(years, default=None),
                         framing.intro.get(lang), framing.trends_title.get(lang), framing.closing.get(lang))


def all_tags(curriculum: Curriculum) -> list[str]:
    return sorted({t for e in curriculum.events for t in e.tags})


# -- the chart -------------------------------------------------------------------------
class ChartBar(Record):
    label: int
    value: float
    fraction: float  # 0..1 of the bar width


class ChartSeriesView(Record):
    id: str
    label: str
    unit: str
    scale: str
    bars: tuple[ChartBar, ...]


class ChartResult(Record):
    title: str
    lang: str
    series: tuple[ChartSeriesView, ...]


def build_chart(curriculum: Curriculum, lang: str) -> ChartResult | None:
    chart = curriculum.chart
    if chart is None:
        return None
    views = []
    for s in chart.series:
        if s.scale == "log":
            logs = [math.log10(v) for v in s.values]
            lo, hi = min(logs), max(logs)
            span = (hi - lo) or 1.0
            fractions = [(x - lo) / span for x in logs]
            # keep the smallest value visible
            fractions = [0.02 + 0.98 * f for f in fractions]
        else:
            hi = max(s.values) or 1.0
            fractions = [v / hi for v in s.values]
        views.append(ChartSeriesView(s.id, s.label.get(lang), s.unit, s.scale,
                                     tuple(ChartBar(label, float(v), float(f)) for label, v, f in zip(chart.labels, s.values, fractions))))
    return ChartResult(chart.title.get(lang), lang, tuple(views))
