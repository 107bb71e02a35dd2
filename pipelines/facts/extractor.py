"""Fact extraction: every reported figure in cleaned article text, with what it measures.

The extractor reads a text paragraph by paragraph: it finds numbers, pairs each with the unit
written after it, drops what is not a reported figure (dates, codes, ordinals, ranges,
thresholds, policy caps, view counters), then classifies the figure (level, change_pct,
change_abs, ratio, pp) and names its metric, period, subject, basis and estimate flag from the
clause around it. A wrong number is worse than a missing one, so every doubtful figure is left
out rather than guessed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, fields
from datetime import date

from pipelines.facts import metrics
from pipelines.facts.indicators import IndicatorLinker, taxonomy, tidy_metric
from pipelines.facts.numbers import (
    APPROX_PREFIXES,
    CN_DIGITS,
    NumberToken,
    parse_plain,
    scan_numbers,
    tidy,
)
from pipelines.facts.periods import clipped, find_periods, interval, period_at
from pipelines.facts.places import ArticlePlace, article_place, classify_subject
from pipelines.facts.subjects import find_subjects, respectively_subjects, subject_at
from pipelines.facts.units import UnitKind, UnitMatch, read_unit
from pipelines.regions.resolve import zones_version

# Bumped whenever the output for some input changes, so ``newscrawl reparse`` knows which
# stored facts to redo; the versions of the indicator taxonomy and of the zone table (bumped
# with any change to them or to the divisions table) are part of it.
FACTS_VERSION = f"facts-2.0+{taxonomy().version}+{zones_version()}"

KINDS = ("level", "change_pct", "change_abs", "ratio", "pp")


@dataclass(frozen=True, slots=True)
class Fact:
    """One figure; the fields and their order are the ``newscrawl extract`` contract
    (docs/facts.md): the fields of facts-1.0 first, the series fields after them."""

    metric: str | None
    kind: str
    value: int | float
    unit: str
    norm_value: int | float
    norm_unit: str
    approx: str | None
    basis: str | None
    period: str | None
    subject: str | None
    estimate: bool
    start: int
    end: int
    period_start: str | None = None  # ISO dates of the period's first and last day
    period_end: str | None = None
    region_code: str | None = None  # GB/T 2260 code of the subject's division
    region: str | None = None  # that division's official name
    entity_kind: str | None = None  # region, zone, company, park, project, industry, other
    indicator: str | None = None  # key of the indicator taxonomy (indicators.toml)
    qualifier: str | None = None  # threshold class as written: 亿元以上

    def to_dict(self) -> dict[str, object]:
        # The fields are all scalars: no need for asdict's recursive deep copy.
        return {name: getattr(self, name) for name in _FACT_FIELDS}


_FACT_FIELDS = tuple(field.name for field in fields(Fact))

# Text that holds digits but no figures: URLs, e-mail addresses, file names, ICP numbers.
_MASK_RE = re.compile(
    r"https?://[^\s\u4e00-\u9fff，。；、]+"
    r"|www\.[^\s\u4e00-\u9fff，。；、]+"
    r"|[\w.\-]+@[\w\-]+\.[\w.\-]+"
    r"|[^\s，。；：:、,;“”\"'()（）]+\.(?:pdf|docx?|xlsx?|pptx?|wps|zip|rar|jpe?g|png|gif|html?|txt)\b"
    r"|[\u4e00-\u9fff]ICP[备证]?[0-9\-号]+|ICP[备证][0-9\-号]+|公网安备[0-9号\-]+",
    re.IGNORECASE,
)
# A figure cannot touch Latin letters or code punctuation: G20, 5G, 19-6, 0532-86981234, 10:30.
_CODE_CHARS = set("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz_/\\-－:：.#@+＋")
_CLAUSE_BREAK = "，,；;。！？!?：:\n"
_SENTENCE_BREAK = "；;。！？!?\n"
# Bounds and conditions: "5个工作日以内", "1亿元以下", a threshold "亿元以上项目".
_BOUND_SUFFIXES = ("及以下", "以下", "以内", "之内", "及以内")
_THRESHOLD_PREFIXES = ("超过", "超", "逾", "过", "不低于", "不少于")
# Policy language: a cap or a rate is a rule, not a reported amount.
_POLICY_RE = re.compile(
    r"最高|最多|最低|不超过|不高于|不低于|不少于|上限|封顶|每[个家项亩人户名台套吨年]"
)
_POLICY_RATE_RE = re.compile(r"按.*(?:给予|补助|补贴|奖励|扶持)")
_COUNTER_RE = re.compile(
    r"(?:阅读|浏览|点击|访问|点赞|评论|转发|播放|收藏)(?:量|数|次数)?[:：\s]*$"
)
_ESTIMATE_RE = re.compile(
    r"预计|力争|争取|计划(?!的)|目标(?!的)|拟|有望|将(?!近)|建成后|投产后|达产后|即将"
)
_DONE_RE = re.compile(r"目前|已|截至|现有")
_ESTIMATE_AFTER_RE = re.compile(r"^(?:人民币)?的?(?:目标|预期)")
_NO_CARRY_RE = re.compile(r"同期|去年|上年|前年|往年|历年|以来|至今|累计|目前|现有|已有|共有|拥有")
_DURATION_BEFORE = ("前", "近", "后", "未来", "过去", "连续", "这", "每")
_DURATION_AFTER = ("内", "来", "以来", "前", "后", "之后", "之前", "间")
_ATTRIBUTIVE_CONTINUATIONS = set("，,；;。！？!?：:、和与及或同比较占其是为左以上人\n）)")
_DEICTIC_BEFORE = set("这那此该哪每前后头的了有是着下“”\"'")
_LONE_MAGNITUDES = {"十", "百", "千", "万", "亿", "拾", "佰", "仟"}


@dataclass(slots=True)
class _Quantity:
    """A number with its unit inside one paragraph, before naming."""

    start: int  # span of number + unit, paragraph offsets
    end: int
    value: float
    unit: UnitMatch
    approx: str | None
    tail: int  # end of the figure's reach: past 左右/以上 and past a noun after the unit
    kind: str = "level"
    sign: int = 1
    left: str = ""  # clause text before the figure (after the previous figure)
    clause_left: str = ""  # whole clause before the figure, for the basis
    respectively: bool = False  # inside a "分别 A 和 B" list
    noun: str = ""  # the noun right after the unit ("2000多辆|摩托车")
    clause_start: int = 0
    metric: str | None = None


# What every _MASK_RE match contains; most paragraphs contain none of it, and then the costly
# substitution (its file-name branch tries a run of characters at every position) is skipped.
_MASK_HINT_RE = re.compile(
    r"https?://|www\.|@|ICP|公网安备|\.(?:pdf|docx?|xlsx?|pptx?|wps|zip|rar|jpe?g|png|gif|html?|txt)\b",
    re.IGNORECASE,
)


def _masked(text: str) -> str:
    if not _MASK_HINT_RE.search(text):
        return text
    return _MASK_RE.sub(lambda match: " " * len(match.group()), text)


def _prefix_marker(text: str, start: int) -> str | None:
    for marker in APPROX_PREFIXES:
        if text.endswith(marker, 0, start):
            if marker == "过" and text[start - 2 : start - 1] in set("通经不看做办走错越"):
                return None
            return marker
    return None


def _read_quantity(text: str, token: NumberToken) -> _Quantity | None:
    """The unit and markers around one number, or None when it is not a reported figure."""
    start, end = token.start, token.end
    before = text[start - 1] if start else ""
    number_text = text[start:end]
    if before == "第" or before in _CODE_CHARS:
        return None
    inner = None
    position = end
    if text[position : position + 1] in ("多", "余"):
        inner, position = text[position], position + 1
    unit = read_unit(text, position, after_chinese=token.chinese)
    if unit is None or text[unit.end : unit.end + 1] in _CODE_CHARS - {"-", "－", ".", ":", "："}:
        return None
    if token.high is not None:
        return None  # a range is not one figure
    if token.chinese and number_text in ("一", "壹") and unit.kind is not UnitKind.TENTHS:
        return None  # 一个专班, 一家企业: an article, not a count
    if token.value == 0:
        return None  # 零部件, 〇: no one reports a zero with a measure word
    if token.chinese and len(number_text) > 1 and all(ch in CN_DIGITS for ch in number_text):
        return None  # 五六分钟, 三四个: an approximate pair, not the number 56
    if (
        token.chinese
        and token.value < 10
        and unit.kind in (UnitKind.COUNT, UnitKind.DURATION)
        and before in _DEICTIC_BEFORE
    ):
        return None  # 这三个, 那两位, 最容易出事的三个: pointing at things, not counting them
    prefix = _prefix_marker(text, start)
    if number_text in _LONE_MAGNITUDES and prefix is None:
        return None  # 亿元以上项目: a magnitude word without a number
    after = text[unit.end :]
    if after.startswith(_BOUND_SUFFIXES):
        return None
    approx = inner or prefix
    tail_start = unit.end
    if after.startswith(("以上", "及以上")):
        marker_end = unit.end + (2 if after.startswith("以上") else 3)
        if text[marker_end : marker_end + 1] not in _ATTRIBUTIVE_CONTINUATIONS | {""}:
            return None  # 亿元以上项目 / 1亿元以上的工业项目: a threshold
        approx, tail_start = "以上", marker_end
    elif after.startswith(("左右", "上下")):
        approx, tail_start = after[:2], unit.end + 2
    if text.startswith("人民币", tail_start):
        tail_start += 3
    if prefix in _THRESHOLD_PREFIXES:
        following = text[tail_start : tail_start + 1]
        if following == "的" or (following and following not in _ATTRIBUTIVE_CONTINUATIONS):
            return None  # 营业收入过10亿元的企业: a class of firms, not an amount
    if unit.kind is UnitKind.DURATION:
        if text.endswith(_DURATION_BEFORE, 0, start - (len(prefix) if prefix else 0)):
            return None
        if after.startswith(_DURATION_AFTER):
            return None
    return _Quantity(start, unit.end, token.value, unit, approx, tail_start)


def _percent_words(text: str) -> list[_Quantity]:
    """ "百分之二十" written out: a percentage without the % sign."""
    found = []
    for match in re.finditer(r"百分之([0-9０-９.．]+|[零〇一二两三四五六七八九十百]+)", text):
        value = parse_plain(match.group(1))
        if value is None:
            continue
        unit = UnitMatch(match.start(), match.start(), "%", "%", 1, UnitKind.PERCENT)
        found.append(_Quantity(match.start(), match.end(), value, unit, None, match.end()))
    return found


def _clause_start(text: str, position: int, breaks: str) -> int:
    start = position
    while start > 0 and text[start - 1] not in breaks:
        start -= 1
    return start


def _classify(quantity: _Quantity) -> None:
    """Kind and sign from the unit and the verb or comparison before the figure."""
    left = quantity.left
    unit_kind = quantity.unit.kind
    change = metrics.change_sign(left)
    comparison = metrics.comparison_sign(left) if change is None else None
    if unit_kind is UnitKind.POINTS:
        quantity.kind = "pp"
        quantity.sign = change or comparison or 1
    elif unit_kind in (UnitKind.PERCENT, UnitKind.TENTHS, UnitKind.TIMES):
        if change is not None:
            quantity.kind, quantity.sign = "change_pct", change
        else:
            quantity.kind = "ratio"
    elif change is not None and not left.rstrip().endswith(("增长率", "增速", "增幅", "降幅")):
        quantity.kind, quantity.sign = "change_abs", change
    elif re.search(r"(?:比|较)[^，。；]{0,10}(?:多|少)$", left):
        quantity.kind, quantity.sign = "change_abs", (1 if left.endswith("多") else -1)
    else:
        quantity.kind = "level"


def _normalize(quantity: _Quantity) -> tuple[int | float, str, int | float, str]:
    """value, unit as written, norm_value, norm_unit."""
    unit = quantity.unit
    value = quantity.value * quantity.sign
    written = unit.written
    if unit.kind is UnitKind.TIMES and quantity.kind == "change_pct":
        return tidy(value), written, tidy(value * 100), "%"
    return tidy(value), written, tidy(value * unit.factor), unit.norm_unit


@dataclass(slots=True)
class _Article:
    """What one paragraph's facts need from the rest of the article."""

    published: date | None
    place: ArticlePlace | None
    lead_period: str | None = None  # the period stated in the lead, carried to later figures
    lead_done: bool = False  # past the first paragraph with figures: the lead is fixed
    linker: IndicatorLinker = field(default_factory=IndicatorLinker)

    @property
    def place_name(self) -> str | None:
        return self.place.written if self.place else None


def _paragraph_facts(text: str, offset: int, article: _Article) -> list[Fact]:
    published, place = article.published, article.place_name
    masked = _masked(text)
    quantities: list[_Quantity] = []
    taken_until = 0
    candidates = [q for token in scan_numbers(masked) if (q := _read_quantity(masked, token))]
    candidates += _percent_words(masked)
    candidates.sort(key=lambda quantity: quantity.start)
    for quantity in candidates:
        if quantity.start < taken_until:
            continue
        clause_start = _clause_start(masked, quantity.start, _CLAUSE_BREAK)
        marker = _prefix_marker(masked, quantity.start)
        left_end = quantity.start - (len(marker) if marker else 0)
        clause_left = masked[clause_start:left_end]
        clause_end = quantity.end
        while clause_end < len(masked) and masked[clause_end] not in _CLAUSE_BREAK:
            clause_end += 1
        if (
            _POLICY_RE.search(masked, clause_start, quantity.start)
            or _POLICY_RATE_RE.search(masked, clause_start, clause_end)
            or _COUNTER_RE.search(clause_left)
        ):
            continue
        previous = quantities[-1] if quantities else None
        left_start = clause_start
        if previous is not None and previous.tail > clause_start:
            left_start = max(clause_start, previous.tail)
        quantity.left = masked[left_start:left_end].lstrip("、和与及或，, ")
        quantity.noun, quantity.tail = metrics.noun_after(masked, quantity.tail)
        quantity.clause_left = clause_left
        quantity.clause_start = clause_start
        quantity.respectively = "分别" in clause_left
        if quantity.respectively and not quantity.left and previous is not None:
            quantity.kind, quantity.sign = previous.kind, previous.sign
        else:
            _classify(quantity)
        quantities.append(quantity)
        taken_until = quantity.end
    if not quantities and article.lead_done:
        return []  # most paragraphs hold no figure: nothing below concerns them
    periods = find_periods(masked, published)
    # The lead's period: the first one stated before the first figure of the article. It
    # carries only to later paragraphs that state no period of their own.
    carried = article.lead_period if article.lead_done and not periods else None
    if not article.lead_done:
        first_figure = quantities[0].start if quantities else len(masked)
        if article.lead_period is None and periods and periods[0].start < first_figure:
            article.lead_period = periods[0].label
        article.lead_done = bool(quantities)
    if not quantities:
        return []
    subjects = find_subjects(masked, place)
    _name_metrics(masked, quantities, periods, subjects)
    paired = respectively_subjects(
        masked, [(q.start, q.kind, q.respectively) for q in quantities], subjects
    )
    linker = article.linker
    linker.new_paragraph(masked)
    facts = []
    for index, quantity in enumerate(quantities):
        value, unit, norm_value, norm_unit = _normalize(quantity)
        basis = (
            metrics.basis_of(quantity.clause_left)
            if quantity.kind in ("change_pct", "change_abs", "pp")
            else None
        )
        sentence_start = _clause_start(masked, quantity.start, _SENTENCE_BREAK)
        # A marker earlier in the sentence carries over, unless a later clause says the
        # figures are already reached (计划…，目前已入驻企业40家).
        markers = list(_ESTIMATE_RE.finditer(masked, sentence_start, quantity.start))
        estimate = bool(
            (markers and not _DONE_RE.search(masked, markers[-1].end(), quantity.start))
            or _ESTIMATE_AFTER_RE.search(masked[quantity.end :])
        )
        period = period_at(periods, quantity.start)
        # 从项目结构看……总投资318亿元: the lead's period; not for another time (去年同期,
        # 建区以来) or a stock as of now (目前, 现有, 累计) named before the figure.
        if (
            period is None
            and not estimate
            and carried
            and not _NO_CARRY_RE.search(masked, sentence_start, quantity.start)
        ):
            period = carried
        if estimate:
            bounds = interval(period)
            first, last = bounds if bounds else (None, None)
        else:
            period, first, last = clipped(period, published)
        subject = paired.get(index) or subject_at(subjects, quantity.start, place)
        entity_kind, resolution = classify_subject(subject, article.place)
        metric = tidy_metric(quantity.metric)
        indicator, qualifier = linker.link(metric, quantity.kind, norm_unit)
        facts.append(
            Fact(
                metric=metric,
                kind=quantity.kind,
                value=value,
                unit=unit,
                norm_value=norm_value,
                norm_unit=norm_unit,
                approx=quantity.approx,
                basis=basis,
                period=period,
                subject=subject,
                estimate=estimate,
                start=offset + quantity.start,
                end=offset + quantity.end,
                period_start=first.isoformat() if first else None,
                period_end=last.isoformat() if last else None,
                region_code=resolution.code if resolution else None,
                region=resolution.name if resolution else None,
                entity_kind=entity_kind,
                indicator=indicator,
                qualifier=qualifier,
            )
        )
    return facts


def _name_metrics(text: str, quantities: list[_Quantity], periods: list, subjects: list) -> None:
    """Fill ``metric`` for each figure of a paragraph; changes inherit within a sentence."""
    removable = [text[m.start : m.end] for m in (*periods, *subjects)]
    removable += [
        "全区",
        "全市",
        "全县",
        "全镇",
        "我区",
        "我市",
        "本区",
        "本市",
        "该区",
        "该市",
        "园区",
        "新区",  # 预计全年新区固定资产投资: the place, never part of a metric
    ]
    removable.sort(key=len, reverse=True)
    sentence_levels: list[str] = []
    level_names: list[str] = []  # every level's name in the sentence, repeats kept, for 分别
    sentence_start = -1
    last_metric: str | None = None
    last_clause = -1
    pending_respectively: list[_Quantity] = []
    for quantity in quantities:
        start = _clause_start(text, quantity.start, _SENTENCE_BREAK)
        if start != sentence_start:
            sentence_start, sentence_levels, last_metric = start, [], None
            level_names = []
            pending_respectively = []
        if quantity.respectively and quantity.kind != "level":
            pending_respectively.append(quantity)
            count = len(pending_respectively)
            names = level_names if count == len(level_names) else sentence_levels
            if count <= len(names):
                for index, item in enumerate(pending_respectively):
                    item.metric = names[-count + index]
            continue
        left = quantity.left
        reference = metrics.reference_head(left) if quantity.kind != "level" else None
        if reference is not None:
            name = metrics.name_from_left(reference, removable) if reference else ""
        elif quantity.kind != "level" and metrics.comparison_sign(left) is not None:
            name = ""
        else:
            name = metrics.name_from_left(left, removable)
            if name.startswith("占") and last_metric and quantity.kind in ("ratio", "pp"):
                name = last_metric + name
        if not name and quantity.kind in ("level", "change_abs"):
            name = quantity.noun
        if not name and (quantity.kind != "level" or quantity.clause_start == last_clause):
            # A change names the figure it follows in the sentence; a level only inherits
            # inside its own clause ("另有3000万美元外资项目1个").
            name = last_metric or ""
        quantity.metric = name or None
        if name:
            last_metric, last_clause = name, quantity.clause_start
            if quantity.kind == "level" and name not in sentence_levels:
                sentence_levels.append(name)
            if quantity.kind == "level":
                level_names.append(name)


def extract_facts(
    text: str,
    *,
    published: date | None = None,
    place: str | None = None,
    source: str | None = None,
) -> list[Fact]:
    """All facts in cleaned article text (paragraphs separated by newlines).

    ``published`` resolves relative periods (今年, 一季度); ``place`` is the carrying site's
    place and ``source`` the original outlet (来源): the article's own place, the subject of
    全区/全市 and of figures that name none, is read from the text first, then from
    ``source``, and is ``place`` only when neither names one (pipelines.facts.places).
    """
    article = _Article(published, article_place(text, source, place))
    facts: list[Fact] = []
    offset = 0
    for paragraph in text.split("\n"):
        if paragraph.strip():
            facts.extend(_paragraph_facts(paragraph, offset, article))
        offset += len(paragraph) + 1
    return facts
