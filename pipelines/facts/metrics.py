"""Metric naming: the noun phrase a figure measures, read from the clause around it.

Chinese statistical prose puts the metric right before the figure, wrapped in a subject,
period, adverbs and an "attain" verb: "1-10月，即墨区规上工业企业实现营业收入1523.6亿元". The
name is what is left once those are peeled off (营业收入). When nothing is left the figure
names its noun after the unit ("2000多辆摩托车", "近千台换电柜"), and a change or comparison with
no noun of its own ("，同比增长21.1%", "高于全市3.2个百分点") takes the metric of the figure it
follows; the extractor supplies that.
"""

from __future__ import annotations

import re

# Change verbs right before a figure, with their sign. Longest first so 下降 wins over 降.
CHANGE_VERBS: dict[str, int] = {
    "增长率": 1,
    "增速": 1,
    "增幅": 1,
    "降幅": -1,
    "增长": 1,
    "增加": 1,
    "提高": 1,
    "提升": 1,
    "上升": 1,
    "上涨": 1,
    "扩大": 1,
    "下降": -1,
    "减少": -1,
    "降低": -1,
    "回落": -1,
    "下滑": -1,
    "下跌": -1,
    "收窄": -1,
    "缩小": -1,
    "缩减": -1,
}
# Comparisons with a benchmark (高于全市3.2个百分点): a gap, signed, naming no metric of their own.
COMPARISON_RE = re.compile(
    r"(?:(?P<above>高于|快于|超出|多于)|(?P<below>低于|慢于|少于))[^，。；]{0,12}$"
    r"|(?<![占同环])比(?![重例率])[^，。；]{0,10}(?:(?P<above2>高|快|多)|(?P<below2>低|慢|少))$"
)
# "占年度计划的", "恢复到2019年同期的", "是上年同期的": a share of something named earlier.
REFERENCE_RE = re.compile(r"(?:占|恢复到|恢复至|相当于|是|为|完成|达到)[^，。；]{0,14}的$")

BASIS_YOY_RE = re.compile(
    r"同比|(?:比|较)(?:上年|去年)(?:同期)?(?![末底初])|(?:上年|去年)同期|与上年同期相比"
)
BASIS_MOM_RE = re.compile(r"环比|(?:比|较)上月")

# Verbs that only say a figure was reached; the metric is the noun after the last of them.
_ATTAIN_VERBS = (
    "实现",
    "完成",
    "达到",
    "拥有",
    "共有",
    "建成",
    "培育",
    "聚集",
    "集聚",
    "形成",
    "布设",
    "销售",
    "带动",
    "建设",
    "吸引",
    "安排",
    "举办",
    "签署",
    "纳入",
    "涵盖",
)
# ...unless an object verb starts a compound noun: 销售收入, 建设用地.
_OBJECT_VERBS = ("销售", "建设", "布设", "带动")
_VERB_COMPOUNDS = ("收入", "额", "面积", "用地", "规模", "量", "总额", "产值", "利润", "率")
# Words after which the metric starts: estimate markers and "after completion" phrases.
_CUT_AFTER_RE = re.compile(r"预计|力争|争取|有望|(?:建成|投产|达产|竣工)后")
# A comparison base at the end: 较上年末, 较年初, 较上半年.
_BASE_TAIL_RE = re.compile(r"(?:比|较|与)(?![重例率])[^，。；比较]{1,8}$")
# Verb + noun pairs that are metric names in their own right.
_LEXICAL_METRICS = ("完成投资", "实现投资", "有效投资")
_TRAILING = (
    "人民币",
    "分别",
    "完成",
    "实现",
    "累计",
    "共计",
    "合计",
    "总计",
    "已达",
    "达到",
    "突破",
    "超过",
    "接近",
    "将近",
    "稳定在",
    "压缩至",
    "压缩到",
    "增至",
    "达",
    "为",
    "是",
    "了",
    "约",
    "近",
    "超",
    "逾",
    "过",
    "共",
    "计",
    "有",
    "可",
    "在",
    "至",
    "到",
    "将",
    "已",
    "另",
    "其中",
)
_LEADING = (
    "其中",
    "另有",
    "另",
    "目前",
    "现场",
    "今年以来",
    "年初以来",
    "以来",
    "今年",
    "全年",
    "当年",
    "预计",
    "力争",
    "争取",
    "计划",
    "累计",
    "共计",
    "合计",
    "总计",
    "共",
    "将",
    "可",
    "还",
    "再",
    "了",
    "的",
    "和",
    "与",
    "及",
    "、",
    "，",
)
_POST_NOUN_STOP_RE = re.compile(
    r"[^\u4e00-\u9fffA-Za-z“”]|累计|完成|实现|达到|同比|环比|增长|增加|下降|减少|共|已|为|是|有|的|和"
    r"|与|及|等|人民币|现场|签约|开工|落地|投产|出席|参加|参与|正在|加紧|入驻|集中|分别"
)
_MAX_METRIC_CHARS = 16
# A class of projects is part of the metric: 签约项目总投资 is not a project's 总投资.
_PROJECT_CLASS_RE = re.compile(r"(?:签约|开工|在建|竣工|投产|引进|招引|落地|重点|重大)项目$")


def change_sign(left: str) -> int | None:
    """Sign of the change verb ending ``left`` ("同比增长" → 1, "下降" → -1), else None."""
    tail = left.rstrip("了约近超逾达为到至:： ")
    for verb, sign in CHANGE_VERBS.items():
        if tail.endswith(verb):
            return sign
    return None


def comparison_sign(left: str) -> int | None:
    """Sign of a benchmark comparison ending ``left`` ("高于全市平均水平" → 1), else None."""
    match = COMPARISON_RE.search(left)
    if match is None:
        return None
    return 1 if match["above"] or match["above2"] else -1


def reference_head(left: str) -> str | None:
    """The text before a reference verb ("产值|是上年的", "|占年度计划的"), '' for an
    anaphoric or empty head; None when ``left`` ends in no reference."""
    match = REFERENCE_RE.search(left)
    if match is None:
        return None
    head = left[: match.start()]
    return "" if head.endswith(_ANAPHORIC) else head


# Nouns that point back at the figure before: "总量占全市的31.3%".
_ANAPHORIC = ("总量", "规模", "其", "这", "此", "分别")


def basis_of(clause_left: str) -> str | None:
    """'yoy' for 同比/比上年, 'mom' for 环比, from the clause before a change."""
    if BASIS_MOM_RE.search(clause_left):
        return "mom"
    if BASIS_YOY_RE.search(clause_left):
        return "yoy"
    return None


_CHANGE_VERB_TUPLE = tuple(CHANGE_VERBS)


def _strip_trailing(phrase: str) -> str:
    changed = True
    while changed and phrase:
        changed = False
        # The loops run only when some word matches (a tuple endswith is one C call).
        if phrase.endswith(_CHANGE_VERB_TUPLE):
            for verb in CHANGE_VERBS:
                if phrase.endswith(verb) and verb not in ("增长率", "增速", "增幅", "降幅"):
                    phrase, changed = phrase[: -len(verb)], True
        for pattern in (BASIS_YOY_RE, BASIS_MOM_RE):
            match = pattern.search(phrase)
            if match and match.end() == len(phrase):
                phrase, changed = phrase[: match.start()], True
        match = _BASE_TAIL_RE.search(phrase)
        if match and match.start() > 0:
            phrase, changed = phrase[: match.start()], True
        elif match and match.start() == 0:
            phrase, changed = "", True
        if phrase.endswith(_TRAILING) and not phrase.endswith(_LEXICAL_METRICS):
            for word in _TRAILING:
                if phrase.endswith(word):
                    phrase, changed = phrase[: -len(word)], True
                    break
    return phrase


def _cut_at_last_verb(phrase: str) -> str:
    for lexical in _LEXICAL_METRICS:
        if phrase.endswith(lexical):
            return lexical
    cut = 0
    for verb in _ATTAIN_VERBS:
        position = phrase.rfind(verb)
        rest = position + len(verb)
        compound = phrase.startswith(("率", "额", "量"), rest) or (
            verb in _OBJECT_VERBS and phrase.startswith(_VERB_COMPOUNDS, rest)
        )
        if position >= 0 and not compound:
            cut = max(cut, position + len(verb))
    for match in _CUT_AFTER_RE.finditer(phrase):
        cut = max(cut, match.end())
    # "二期项目总投资", "…开发项目日产天然气": the project is the subject, the rest the metric.
    project = phrase.rfind("项目", cut)
    if (
        project >= 0
        and len(phrase) - (project + 2) >= 2
        and not _PROJECT_CLASS_RE.search(phrase, 0, project + 2)
    ):
        cut = project + 2
    return phrase[cut:]


def _strip_leading(phrase: str, removable: list[str]) -> str:
    if phrase in removable:
        return ""
    changed = True
    while changed and phrase:
        changed = False
        for word in (*removable, *_LEADING):
            if word and phrase.startswith(word) and len(phrase) > len(word):
                phrase, changed = phrase[len(word) :], True
                break
    return phrase


def name_from_left(left: str, removable: list[str]) -> str:
    """The metric named by the clause text before a figure, or '' when it names none.

    ``removable``: subject and period mentions found in that text (西海岸新区, 一季度, 全区).
    """
    phrase = re.sub(r"\s", "", left).strip("、，,：:；;")
    phrase = re.sub(r"[（(][^）)]*[）)]", "", phrase)
    phrase = _strip_trailing(phrase)
    phrase = _cut_at_last_verb(phrase)
    phrase = _strip_leading(phrase, removable)
    phrase = _strip_trailing(phrase)
    if phrase in _LEADING or phrase in _TRAILING:
        return ""
    if not re.search(r"[\u4e00-\u9fff]", phrase):
        return ""
    return phrase[-_MAX_METRIC_CHARS:]


def noun_after(text: str, position: int) -> tuple[str, int]:
    """The noun right after a unit ("2000多辆|摩托车、") and where it ends; ('', position) if none."""
    match = _POST_NOUN_STOP_RE.search(text, position)
    end = match.start() if match else len(text)
    noun = text[position:end]
    if len(noun) < 2:
        return "", position
    return noun[:_MAX_METRIC_CHARS], end
