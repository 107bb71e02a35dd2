"""Subjects: the district, park or company a clause reports on.

Chinese has no spaces, so a name is found from its suffix (西海岸新区, 胶州市, 高新区集成电路产业园,
青岛某智能装备有限公司) and grown leftwards over Chinese characters until a word that cannot be
part of a name (一季度|西海岸新区, 园区企业|青岛骑士…有限公司). 全区/全市/我区/本市 mean the
article's own place.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_SUFFIXES = (
    "有限责任公司",
    "股份有限公司",
    "有限公司",
    "集团",
    "公司",
    "经济技术开发区",
    "开发区",
    "高新区",
    "示范区",
    "新区",
    "产业园区",
    "工业园区",
    "科技园区",
    "产业园",
    "工业园",
    "科技园",
    "园区",
    "街道",
    "区",
    "市",
    "县",
    "镇",
    "乡",
)
_SUFFIX_RE = re.compile("|".join(_SUFFIXES))
_OWN_PLACE_RE = re.compile(r"(?:全|我|本|该)(?P<level>区|市|县|镇|新区)")
_HAN = re.compile(r"[\u4e00-\u9fff]")

# Characters and words a name does not contain; the name starts after the last of them.
_BREAK_WORDS = (
    "季度",
    "半年",
    "今年",
    "去年",
    "以来",
    "企业",
    "其中",
    "目前",
    "项目",
    "签约",
    "投资",
    "由",
    "与",
    "和",
    "在",
    "的",
    "了",
    "据",
    "对",
    "年",
    "月",
    "日",
    "个",
    "是",
    "为",
    "将",
    "共",
    "已",
    "从",
    "向",
    "至",
    "及",
    "等",
    "全",
    "我",
    "本",
    "该",
)
# Common nouns ending in a place suffix that are not names.
_GENERIC = frozenset(
    [
        "城区",
        "市区",
        "社区",
        "小区",
        "景区",
        "片区",
        "街区",
        "厂区",
        "园区",
        "省市",
        "城市",
        "超市",
        "股市",
        "上市公司",
        "子公司",
        "分公司",
        "母公司",
        "总公司",
        "该公司",
        "县市",
        "全区",
        "全市",
        "全县",
        "地区",
        "辖区",
        "港区",
        "库区",
        "矿区",
        "校区",
        "新区",
    ]
)


_NOT_NAME_NEXT = frozenset("级委长政内域属直管场民值容貌")

# "…重点景区" is a kind of area, not a named place.
_GENERIC_AREAS = frozenset(word for word in _GENERIC if len(word) == 2 and word != "新区")


@dataclass(frozen=True, slots=True)
class SubjectMention:
    start: int
    end: int
    name: str


def _name_ending_at(text: str, end: int, suffix: str) -> str | None:
    begin = end - len(suffix)
    while begin > 0 and _HAN.match(text[begin - 1]):
        begin -= 1
    candidate = text[begin:end]
    head = candidate[: -len(suffix)]
    cut = 0
    for word in _BREAK_WORDS:
        position = head.rfind(word)
        if position >= 0:
            cut = max(cut, position + len(word))
    # 各 starts a name instead of ending one: 西海岸新区各产业园区 → 各产业园区 (a collective).
    collective = head.rfind("各")
    if collective >= cut:
        cut = collective
    name = candidate[cut:]
    core = name[: -len(suffix)]
    minimum = 2 if len(suffix) == 1 else 0 if suffix == "高新区" else 1
    if len(core) < minimum or name in _GENERIC or name[-2:] in _GENERIC_AREAS:
        return None
    return name


def find_subjects(text: str, place: str | None) -> list[SubjectMention]:
    """Subject mentions in one paragraph, in order; 全区/我市 resolve to ``place``."""
    mentions: list[SubjectMention] = []
    for match in _SUFFIX_RE.finditer(text):
        if text[match.end() : match.end() + 1] in _NOT_NAME_NEXT:
            continue  # 区级领导, 市委, 区政府, 区内: the suffix starts another word
        name = _name_ending_at(text, match.end(), match.group())
        if name is not None:
            mentions.append(SubjectMention(match.end() - len(name), match.end(), name))
    for match in _OWN_PLACE_RE.finditer(text):
        if place and place.endswith(match["level"]):
            mentions.append(SubjectMention(match.start(), match.end(), place))
    if place and place.endswith("新区"):
        # "新区重点景区…": a district that calls itself 新区.
        mentions.extend(
            SubjectMention(match.start(), match.end(), place)
            for match in re.finditer(r"(?<![\u4e00-\u9fff])新区|(?<=[，。；、])新区", text)
        )
    mentions.sort(key=lambda mention: (mention.end, mention.start))
    return mentions


def subject_at(mentions: list[SubjectMention], position: int, place: str | None) -> str | None:
    """The subject in force at ``position``: the last mention before it, else the place."""
    name = place
    for mention in mentions:
        if mention.end > position:
            break
        name = mention.name
    return name


# Names joined into a list before 分别: "城阳区、即墨区分别签约项目58个、51个".
_LIST_JOINERS = frozenset("、和与及")


def respectively_subjects(
    text: str, figures: list[tuple[int, str, bool]], subjects: list[SubjectMention]
) -> dict[int, str]:
    """Subjects paired in order with the figures of a 分别 clause, by figure index.

    The names listed right before 分别 go to the figures after it, in order, once per kind
    (58个 and 51个 get 城阳区 and 即墨区; 增长12%、15% too), when the counts agree.
    ``figures``: (start, kind, inside a 分别 list) of each figure of the paragraph.
    """
    paired: dict[int, str] = {}
    if "分别" not in text:
        return paired
    for match in re.finditer("分别", text):
        clause_start = match.start()
        while clause_start > 0 and text[clause_start - 1] not in "，,；;。！？!?：:\n":
            clause_start -= 1
        names: list[SubjectMention] = []
        end = match.start()
        for mention in reversed(subjects):
            if mention.end > end or mention.start < clause_start:
                continue
            between = text[mention.end : end]
            if names and not (len(between) == 1 and between in _LIST_JOINERS):
                break
            if not names and between.strip():
                break  # 分别 must follow the last name
            names.insert(0, mention)
            end = mention.start
        if len(names) < 2:
            continue
        sentence_end = match.end()
        while sentence_end < len(text) and text[sentence_end] not in "；;。！？!?\n":
            sentence_end += 1
        by_kind: dict[str, list[int]] = {}
        for index, (start, kind, respectively) in enumerate(figures):
            if match.end() <= start < sentence_end and respectively:
                by_kind.setdefault(kind, []).append(index)
        for indexes in by_kind.values():
            if len(indexes) == len(names):
                for index, mention in zip(indexes, names, strict=True):
                    paired[index] = mention.name
    return paired
