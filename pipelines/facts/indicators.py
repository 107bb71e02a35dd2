"""Indicators: which figure of the taxonomy (indicators.toml) a fact reports.

A metric as written (新开工项目, 签约项目总投资, 实际使用外资) is tidied, its threshold class
(亿元以上) set apart as the qualifier, and matched in full against the taxonomy's patterns; an
unmatched metric keeps a null indicator rather than a forced one. A bare 总投资 is the investment
of the projects counted before it in the paragraph ("新开工项目155个，总投资421亿元" →
new_starts_investment), and a bare 项目 count (其中亿元以上项目42个) belongs to the same class.
Changes (同比增长21.1%) take the indicator of the level whose metric they share.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from functools import cache
from importlib import resources

AREA_UNITS = frozenset({"亩", "平方米", "平方公里", "公顷"})
MONEY_UNITS = frozenset({"元", "美元", "欧元", "日元", "港元", "英镑", "韩元"})

# A threshold class as written: 亿元以上, 5000万元以上, 10亿元及以上, 过亿元, 超亿元.
_QUALIFIER_RE = re.compile(
    r"(?:(?:[0-9０-９.]+|[一二三四五六七八九十百千两]+)?(?:千万|百万|万|亿)(?:美)?元(?:及)?以上"
    r"|(?:过|超|超过)(?:[0-9０-９.]+|[一二三四五六七八九十百千两]+)?(?:千万|百万|万|亿)(?:美)?元(?:级)?)"
)
# The investment of something named before: 总投资, 计划总投资, 投资额.
_BARE_INVESTMENT_RE = re.compile(r"(?:计划)?总投资(?:额)?|投资(?:额|总额)?|计划投资总额")
# Projects without a class of their own: 项目, 亿元以上项目, 其中工业项目 is a class.
_BARE_PROJECTS_RE = re.compile(r"(?:各类|重点)?项目(?:数)?")
# An enumeration's tail left in a metric: "…、海洋装备三大产业链签约项目" → "三大产业链签约项目".
_ENUMERATION_RE = re.compile(r"^.*、[^、]*?(?=[一二三四五六七八九十两几]大)")
_LEADING_JUNK = ("分别", "全年", "共", "累计", "其中", "以上")
_TRAILING_JUNK = ("占", "分别", "达")


@dataclass(frozen=True, slots=True)
class Indicator:
    key: str
    name: str
    unit: str  # "count", "money" or "area"
    definition: str
    patterns: tuple[re.Pattern[str], ...]
    of: str | None = None  # a project investment: the key of the projects it is the investment of
    project_class: str | None = None  # a project count: its class


@dataclass(frozen=True, slots=True)
class Taxonomy:
    version: str
    indicators: tuple[Indicator, ...]
    by_key: dict[str, Indicator] = field(default_factory=dict)
    investment_of: dict[str, str] = field(default_factory=dict)  # project key → investment key


@cache
def taxonomy() -> Taxonomy:
    raw = resources.files(__package__).joinpath("indicators.toml").read_text(encoding="utf-8")
    data = tomllib.loads(raw)
    items = tuple(
        Indicator(
            key=entry["key"],
            name=entry["name"],
            unit=entry["unit"],
            definition=entry["definition"],
            patterns=tuple(re.compile(pattern) for pattern in entry["patterns"]),
            of=entry.get("of"),
            project_class=entry.get("project_class"),
        )
        for entry in data["indicator"]
    )
    by_key = {item.key: item for item in items}
    investment_of = {item.of: item.key for item in items if item.of}
    return Taxonomy(data["version"], items, by_key, investment_of)


def unit_family(norm_unit: str) -> str:
    if norm_unit in MONEY_UNITS:
        return "money"
    if norm_unit in AREA_UNITS:
        return "area"
    return "count"


def split_qualifier(metric: str) -> tuple[str, str | None]:
    """("亿元以上项目") → ("项目", "亿元以上"): the metric without its threshold class."""
    match = _QUALIFIER_RE.search(metric)
    if match is None:
        return metric, None
    rest = (metric[: match.start()] + metric[match.end() :]).lstrip("的")
    return rest, match.group()


def tidy_metric(metric: str | None) -> str | None:
    """A metric without enumeration tails and leftover adverbs (分别签约项目 → 签约项目)."""
    if not metric:
        return metric
    tidied = _ENUMERATION_RE.sub("", metric)
    changed = True
    while changed:
        changed = False
        for word in _LEADING_JUNK:
            if tidied.startswith(word) and len(tidied) > len(word) + 1:
                tidied, changed = tidied[len(word) :], True
        for word in _TRAILING_JUNK:
            if tidied.endswith(word) and len(tidied) > len(word) + 1:
                tidied, changed = tidied[: -len(word)], True
    return tidied or None


def match_indicator(metric: str) -> Indicator | None:
    """The indicator whose pattern matches the whole metric (qualifier removed), if any."""
    for item in taxonomy().indicators:
        if any(pattern.fullmatch(metric) for pattern in item.patterns):
            return item
    return None


@dataclass(slots=True)
class IndicatorLinker:
    """Indicators for the facts of one paragraph, in text order."""

    topic: Indicator | None = None  # the projects counted last: what a bare 总投资 is of
    topic_qualifier: str | None = None
    by_metric: dict[str, str | None] = field(default_factory=dict)

    def link(self, metric: str | None, kind: str, norm_unit: str) -> tuple[str | None, str | None]:
        """(indicator key, qualifier) of one fact."""
        if not metric:
            return None, None
        base, qualifier = split_qualifier(metric)
        if kind in ("change_pct", "pp", "ratio") or (
            kind == "change_abs" and metric in self.by_metric
        ):
            if kind == "ratio" or metric not in self.by_metric:
                found = match_indicator(base) if kind != "ratio" else None
                return (found.key if found else None), qualifier
            return self.by_metric[metric], qualifier or self._qualifier_for(metric)
        family = unit_family(norm_unit)
        found = match_indicator(base)
        key: str | None = None
        if found is not None and found.unit == family:
            key = found.key
        elif found is not None and found.project_class and family == "money":
            key = taxonomy().investment_of.get(found.key)
        elif self.topic is not None and family == "money" and _BARE_INVESTMENT_RE.fullmatch(base):
            key = taxonomy().investment_of.get(self.topic.key)
            qualifier = qualifier or self.topic_qualifier
        elif self.topic is not None and family == "count" and _BARE_PROJECTS_RE.fullmatch(base):
            key = self.topic.key
        if key is not None:
            item = taxonomy().by_key[key]
            if item.project_class and kind == "level":
                self.topic, self.topic_qualifier = item, qualifier
        self.by_metric[metric] = key
        return key, qualifier

    def _qualifier_for(self, metric: str) -> str | None:
        return split_qualifier(metric)[1]
