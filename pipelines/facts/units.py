"""Units written after a number: money, measure words, percentages, 个百分点, 成, 倍.

``read_unit(text, pos)`` reads an optional magnitude (万, 亿, 千万…) and a unit starting at
``pos``; the result says how to normalize: money to 元 (or the foreign currency), counts keep
their measure word, percentages stay %, 成 becomes tens of percent.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from pipelines.facts.numbers import MAGNITUDES


class UnitKind(StrEnum):
    MONEY = "money"
    COUNT = "count"  # measure words and physical units
    DURATION = "duration"
    PERCENT = "percent"
    POINTS = "points"  # 个百分点
    TENTHS = "tenths"  # 成: one tenth
    TIMES = "times"  # 倍


# Base unit as written → (normalized unit, kind). Matched longest first.
BASE_UNITS: dict[str, tuple[str, UnitKind]] = {
    "元": ("元", UnitKind.MONEY),
    "美元": ("美元", UnitKind.MONEY),
    "欧元": ("欧元", UnitKind.MONEY),
    "日元": ("日元", UnitKind.MONEY),
    "港元": ("港元", UnitKind.MONEY),
    "港币": ("港元", UnitKind.MONEY),
    "英镑": ("英镑", UnitKind.MONEY),
    "韩元": ("韩元", UnitKind.MONEY),
    "%": ("%", UnitKind.PERCENT),
    "％": ("%", UnitKind.PERCENT),
    "个百分点": ("个百分点", UnitKind.POINTS),
    "百分点": ("个百分点", UnitKind.POINTS),
    "成": ("%", UnitKind.TENTHS),
    "倍": ("倍", UnitKind.TIMES),
    # durations
    "个工作日": ("个工作日", UnitKind.DURATION),
    "工作日": ("个工作日", UnitKind.DURATION),
    "个月": ("个月", UnitKind.DURATION),
    "天": ("天", UnitKind.DURATION),
    "小时": ("小时", UnitKind.DURATION),
    "分钟": ("分钟", UnitKind.DURATION),
    # measure words
    **{
        word: (word, UnitKind.COUNT)
        for word in (
            "个",
            "家",
            "项",
            "名",
            "位",
            "人",
            "人次",
            "户",
            "辆",
            "台",
            "台套",
            "组",
            "组次",
            "套",
            "场",
            "场次",
            "次",
            "座",
            "栋",
            "幢",
            "间",
            "张",
            "件",
            "条",
            "所",
            "株",
            "棵",
            "头",
            "只",
            "艘",
            "架",
            "部",
            "款",
            "根",
            "块",
            "份",
            "类",
            "种",
            "处",
            "支",
            "亩",
            "公顷",
            "平方米",
            "平米",
            "平方公里",
            "立方米",
            "方",
            "吨",
            "千克",
            "公斤",
            "瓦",
            "千瓦",
            "兆瓦",
            "吉瓦",
            "千瓦时",
            "兆瓦时",
            "吉瓦时",
            "度电",
            "公里",
            "千米",
            "米",
            "标箱",
            "TEU",
            "千伏",
            "床",
            "张床",
        )
    },
}
_BASE_BY_LENGTH = sorted(BASE_UNITS, key=len, reverse=True)
_MAGNITUDES_BY_LENGTH = sorted(MAGNITUDES, key=len, reverse=True)
# read_unit runs after every number: index the units by their first character (longest first
# within each) instead of trying every unit at every number.
_BASE_BY_FIRST: dict[str, tuple[str, ...]] = {}
for _word in _BASE_BY_LENGTH:
    _BASE_BY_FIRST[_word[0]] = (*_BASE_BY_FIRST.get(_word[0], ()), _word)

# Words that begin with 成 after a number but are not "tenths": 建成, 三成立… are rare after a
# numeral, yet "一成为" / "两成本" would read as 10% / 20% without this guard.
_NOT_TENTHS_NEXT = set("为立本交长功果员都效绩就型品")
# A measure word that starts a longer word is not a unit: "3部门", "两项目标", "5方面".
_UNIT_WORDS = frozenset(
    [
        "部门",
        "条例",
        "条件",
        "类型",
        "种类",
        "处理",
        "场景",
        "场所",
        "台阶",
        "份额",
        "间隔",
        "项目标",
        "名单",
        "名称",
        "位于",
        "位置",
        "头部",
        "支持",
        "支撑",
        "部件",
        "部署",
        "部分",
        "方面",
        "方式",
        "方案",
        "方向",
        "方法",
        "户籍",
        "次年",
        "件事",
        "人员",
        "批次",
        "米粮",
        "块钱",
    ]
)


@dataclass(frozen=True, slots=True)
class UnitMatch:
    """A unit read after a number: ``text[start:end]`` is magnitude + unit as written."""

    start: int
    end: int
    written: str  # '亿元', '万人次', '%'
    norm_unit: str
    factor: int  # magnitude multiplier (1 when none)
    kind: UnitKind


# For each base unit, the longer words that start with it ("部" → "部门", "部署"…).
_WORDS_STARTING_WITH: dict[str, tuple[str, ...]] = {
    base: tuple(sorted(word for word in _UNIT_WORDS if word.startswith(base)))
    for base in BASE_UNITS
}


def _base_at(text: str, pos: int) -> str | None:
    for word in _BASE_BY_FIRST.get(text[pos : pos + 1], ()):
        if text.startswith(word, pos):
            return word
    return None


def read_unit(text: str, pos: int, *, after_chinese: bool = False) -> UnitMatch | None:
    """Read '[magnitude]unit' at ``pos``; None when no unit follows (a bare number).

    ``after_chinese``: the number was written in Chinese numerals, where 方 is a side
    (三方协议), never cubic metres.
    """
    magnitude = ""
    base = _base_at(text, pos)
    # '千瓦' is a unit, '千万元' is a magnitude and a unit: try the magnitude reading too and keep
    # whichever covers more text.
    for word in _MAGNITUDES_BY_LENGTH:
        if text.startswith(word, pos):
            after = _base_at(text, pos + len(word))
            if after is not None and (base is None or len(word) + len(after) > len(base)):
                magnitude, base = word, after
            break
    if base is None:
        return None
    end = pos + len(magnitude) + len(base)
    base_start = end - len(base)
    if any(text.startswith(word, base_start) for word in _WORDS_STARTING_WITH[base]):
        return None
    if after_chinese and base == "方" and not magnitude:
        return None
    norm_unit, kind = BASE_UNITS[base]
    if kind is UnitKind.TENTHS and (magnitude or text[end : end + 1] in _NOT_TENTHS_NEXT):
        return None
    if kind in (UnitKind.PERCENT, UnitKind.POINTS, UnitKind.TIMES) and magnitude:
        return None
    factor = MAGNITUDES.get(magnitude, 1)
    if kind is UnitKind.TENTHS:
        factor = 10
    return UnitMatch(pos, end, magnitude + base, norm_unit, factor, kind)
