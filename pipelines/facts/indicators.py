"""Indicators: which figure of the taxonomy (indicators.toml) a fact reports.

A metric as written (新开工项目, 签约项目总投资, 实际使用外资) is tidied, its threshold class
(亿元以上) and project category (产业类, 工业) set apart as the qualifier, and matched against
the taxonomy; an unmatched metric keeps a null indicator rather than a forced one.

Projects are counted by class (签约, 开工, 在建…: the taxonomy's ``class_words``) and their
investment is tied to the projects it is the investment of: a bare 总投资 belongs to the
projects counted last in the paragraph ("新开工项目155个，总投资421亿元" → new_starts_investment;
"签约项目23个，总投资268亿元" → signed_investment), and a count of projects of no class of its
own (其中亿元以上项目42个) is a part of that class, with its qualifier. Changes (同比增长21.1%)
take the indicator of the level whose metric they share.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from functools import cache, lru_cache
from importlib import resources

AREA_UNITS = frozenset({"亩", "平方米", "平方公里", "公顷"})
MONEY_UNITS = frozenset({"元", "美元", "欧元", "日元", "港元", "英镑", "韩元"})

# A threshold class as written: 亿元以上, 5000万元以上, 10亿元及以上, 过亿元, 投资过10亿元的.
_THRESHOLD_RE = re.compile(
    r"(?:投资)?(?:(?:[0-9０-９.]+|[一二三四五六七八九十百千两]+)?(?:千万|百万|万|亿)(?:美)?元(?:及)?以上"
    r"|(?:过|超|超过)(?:[0-9０-９.]+|[一二三四五六七八九十百千两]+)?(?:千万|百万|万|亿)(?:美)?元(?:级)?)的?"
)
# The investment of projects named before: 总投资, 计划总投资, 投资额.
_BARE_INVESTMENT_RE = re.compile(r"(?:计划)?总投资(?:额)?|投资(?:额|总额)?|计划投资总额")
_INVESTMENT_TAIL_RE = re.compile(r"(?:计划)?(?:总投资|投资)(?:额|总额)?$")
_PROJECTS_RE = re.compile(r"项目(?:数)?$")
# Words around a project class that say nothing about which projects: 本次集中开工项目.
_PROJECT_FILLER_RE = re.compile(
    r"本次|此次|本批|集中|现场|其中|全部|累计|共|已|新$|各类|的"
    r"|[一二三四1-4]季度|[上下]半年|前三季度|今年以来|年初以来|今年|全年|[0-9]+[-—至][0-9]+月"
)
# A subject or office left before the projects: 示范区新引进…, 港区在建…, 蓝谷管理局….
_LEFTOVER_SUBJECT_RE = re.compile(r"^.*(?:区|市|县|镇|局|委|园|中心|公司)(?!级)")
_MAX_QUALIFIER = 8
# A paragraph about a part of some projects: "签约项目中，…", "开工项目中，…".
_PART_OF_RE = re.compile(r"(?:从)?(?P<stem>[\u4e00-\u9fff]{1,10}?)项目中[，,]")
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
    patterns: tuple[re.Pattern[str], ...] = ()
    class_words: re.Pattern[str] | None = None  # a project count: the words of its class
    of: str | None = None  # a project investment: the key of the projects it is the investment of


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
            patterns=tuple(re.compile(pattern) for pattern in entry.get("patterns", ())),
            class_words=re.compile(entry["class_words"]) if "class_words" in entry else None,
            of=entry.get("of"),
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


@dataclass(frozen=True, slots=True)
class Projects:
    """Which projects a metric counts: their class (an indicator) and the qualifier."""

    indicator: Indicator | None  # None: projects of no class of their own (亿元以上项目)
    qualifier: str | None
    clear: bool  # False when the leftover words are too many to tell what is counted
    # Industrial by its category only (产业类项目, 先进制造业项目): a part of the projects
    # counted before it when there are some, qualified by ``part_qualifier``.
    by_category: bool = False
    part_qualifier: str | None = None


@lru_cache(maxsize=4096)  # metrics repeat across articles; the answer depends on nothing else
def read_projects(stem: str) -> Projects:
    """The projects named by ``stem``, the metric before 项目 (新开工工业 → new_starts, 工业)."""
    threshold = _THRESHOLD_RE.search(stem)
    rest = stem
    if threshold is not None:
        rest = stem[: threshold.start()] + stem[threshold.end() :]
    if "项目中" in rest:  # 新开工项目中产业类: the class first, the category after
        head, _, rest = rest.partition("项目中")
        found = _project_class(head)
        category = rest
    else:
        found = _project_class(rest)
        category = found[1] if found[0] else rest
        found = (found[0], "")
    indicator = found[0]
    category = _PROJECT_FILLER_RE.sub("", category)
    category = _LEFTOVER_SUBJECT_RE.sub("", category) if category else category
    by_category = False
    threshold_words = threshold.group().removeprefix("投资").rstrip("的") if threshold else ""
    part_qualifier = (threshold_words + category) or None
    if indicator is None and category:
        # 工业项目, 先进制造业项目: a class of their own when nothing else names one.
        industrial = taxonomy().by_key["industrial_projects"]
        if industrial.class_words and industrial.class_words.search(category):
            indicator, by_category = industrial, True
    if (
        indicator is not None
        and indicator.class_words
        and indicator.class_words.fullmatch(category)
    ):
        category = ""  # 工业项目 is industrial_projects: the category is the class itself
    words = threshold_words + category
    clear = len(words) <= _MAX_QUALIFIER and "、" not in words and "等" not in words
    return Projects(indicator, words or None, clear, by_category, part_qualifier)


def _project_class(text: str) -> tuple[Indicator | None, str]:
    """The first project class whose words occur in ``text``, and ``text`` without them."""
    for item in taxonomy().indicators:
        if item.class_words is None or item.key == "industrial_projects":
            continue
        match = item.class_words.search(text)
        if match is not None:
            start = match.start() - 1 if text[: match.start()].endswith("新") else match.start()
            return item, text[:start] + text[match.end() :]  # 新开工工业 → 工业
    return None, text


@lru_cache(maxsize=4096)
def match_indicator(metric: str) -> Indicator | None:
    """The indicator whose pattern matches the whole metric, if any."""
    for item in taxonomy().indicators:
        if any(pattern.fullmatch(metric) for pattern in item.patterns):
            return item
    return None


@dataclass(slots=True)
class IndicatorLinker:
    """Indicators for the facts of one article, in text order, paragraph by paragraph."""

    topic: Indicator | None = None  # the projects counted last: what a bare 总投资 is of
    topic_qualifier: str | None = None
    by_metric: dict[str, tuple[str | None, str | None]] = field(default_factory=dict)
    classes: set[str] = field(default_factory=set)  # project classes counted in the paragraph

    def new_paragraph(self, text: str) -> None:
        """Forget the last paragraph's projects, unless this one goes on about them (其中，…)
        and they were of one class only; a paragraph that opens with its projects (签约项目中，…)
        makes them the topic."""
        classes, self.classes = self.classes, set()
        if text.lstrip().startswith("其中") and len(classes) == 1:
            return
        self.topic, self.topic_qualifier, self.by_metric = None, None, {}
        opening = _PART_OF_RE.match(text.lstrip())
        if opening is not None:
            projects = read_projects(opening["stem"])
            if projects.indicator is not None and not projects.by_category and projects.clear:
                self.topic, self.topic_qualifier = projects.indicator, projects.qualifier

    def link(self, metric: str | None, kind: str, norm_unit: str) -> tuple[str | None, str | None]:
        """(indicator key, qualifier) of one fact."""
        if not metric or kind == "ratio":
            return None, None
        if kind in ("change_pct", "pp", "change_abs") and metric in self.by_metric:
            return self.by_metric[metric]
        found = self._level(metric, unit_family(norm_unit) if kind != "change_pct" else None)
        self.by_metric[metric] = found
        return found

    def _level(self, metric: str, family: str | None) -> tuple[str | None, str | None]:
        investment_of = taxonomy().investment_of
        if _PROJECTS_RE.search(metric) and family in ("count", None):
            projects = read_projects(_PROJECTS_RE.sub("", metric))
            if projects.by_category and self.topic is not None and projects.clear:
                # 其中产业类项目97个: a part of the projects counted before.
                self.topic_qualifier = projects.part_qualifier
                return self.topic.key, projects.part_qualifier
            indicator = projects.indicator or self.topic
            if indicator is None or not projects.clear:
                return None, None
            if projects.indicator is not None or self.topic is None:
                self.topic_qualifier = None
            self.classes.add(indicator.key)
            qualifier = projects.qualifier or (None if projects.indicator else self.topic_qualifier)
            self.topic, self.topic_qualifier = indicator, qualifier
            return indicator.key, qualifier
        if family in ("money", None) and (tail := _INVESTMENT_TAIL_RE.search(metric)):
            stem = metric[: tail.start()]
            if _BARE_INVESTMENT_RE.fullmatch(metric) and self.topic is not None:
                return investment_of.get(self.topic.key), self.topic_qualifier
            if _PROJECTS_RE.search(stem) or stem in ("签约", "开工", "新开工"):
                projects = read_projects(_PROJECTS_RE.sub("", stem))
                if projects.indicator is not None and projects.clear:
                    return investment_of.get(projects.indicator.key), projects.qualifier
        found = match_indicator(metric)
        if found is not None and family in (found.unit, None):
            return found.key, None
        return None, None
