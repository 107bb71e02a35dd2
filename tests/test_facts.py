"""Fact extraction on the examples of issue 5, each with its exact expected facts."""

from __future__ import annotations

import re
from datetime import date

import pytest

from pipelines.facts import FACTS_VERSION, Fact, extract_facts

PUBLISHED = date(2022, 4, 20)
PLACE = "西海岸新区"
CONTRACT_KEYS = [
    "metric",
    "kind",
    "value",
    "unit",
    "norm_value",
    "norm_unit",
    "approx",
    "basis",
    "period",
    "subject",
    "estimate",
    "start",
    "end",
]
# Appended by facts-2.0 (the series fields); tests/test_periods.py, test_regions.py and
# test_indicators.py cover them.
SERIES_KEYS = [
    "period_start",
    "period_end",
    "region_code",
    "region",
    "entity_kind",
    "indicator",
    "qualifier",
]


def fact(quote: str, text: str, **fields: object) -> dict[str, object]:
    """An expected fact: defaults for the context fields, the span located from ``quote``
    (its first occurrence that does not continue a longer number: "2倍" is not in "1.2倍")."""
    start = next(
        m.start()
        for m in re.finditer(re.escape(quote), text)
        if not m.start() or text[m.start() - 1] not in "0123456789."
    )
    expected: dict[str, object] = {
        "approx": None,
        "basis": None,
        "period": None,
        "subject": PLACE,
        "estimate": False,
    }
    expected.update(fields)
    expected.setdefault("norm_value", expected["value"])
    expected.setdefault("norm_unit", expected["unit"])
    expected.update(start=start, end=start + len(quote))
    return {key: expected[key] for key in CONTRACT_KEYS}


def facts_of(text: str, published: date | None = PUBLISHED) -> list[dict[str, object]]:
    found = [f.to_dict() for f in extract_facts(text, published=published, place=PLACE)]
    return [{key: item[key] for key in CONTRACT_KEYS} for item in found]


def test_contract_keys_and_version() -> None:
    (found,) = extract_facts("新开工项目155个")
    assert isinstance(found, Fact)
    assert list(found.to_dict()) == CONTRACT_KEYS + SERIES_KEYS
    assert FACTS_VERSION.startswith("facts-")


def test_new_projects_quarter_with_change() -> None:
    text = "一季度新开工项目155个,同比增长21.1%;总投资421亿元"
    q1 = {"period": "2022-Q1"}
    assert facts_of(text) == [
        fact("155个", text, metric="新开工项目", kind="level", value=155, unit="个", **q1),
        fact(
            "21.1%", text, metric="新开工项目", kind="change_pct", value=21.1, unit="%",
            basis="yoy", **q1,
        ),
        fact(
            "421亿元", text, metric="总投资", kind="level", value=421, unit="亿元",
            norm_value=42_100_000_000, norm_unit="元", **q1,
        ),
    ]  # fmt: skip


def test_change_takes_the_metric_of_the_level_it_follows() -> None:
    text = "总投资421亿元,同比增加241亿元、增长133.9%"
    assert facts_of(text) == [
        fact(
            "421亿元", text, metric="总投资", kind="level", value=421, unit="亿元",
            norm_value=42_100_000_000, norm_unit="元",
        ),
        fact(
            "241亿元", text, metric="总投资", kind="change_abs", value=241, unit="亿元",
            norm_value=24_100_000_000, norm_unit="元", basis="yoy",
        ),
        fact(
            "133.9%", text, metric="总投资", kind="change_pct", value=133.9, unit="%",
            basis="yoy",
        ),
    ]  # fmt: skip


def test_enumeration_gives_one_fact_each() -> None:
    text = "已累计销售2000多辆摩托车、5000余组电池、近千台换电柜"
    assert facts_of(text) == [
        fact("2000多辆", text, metric="摩托车", kind="level", value=2000, unit="辆", approx="多"),
        fact("5000余组", text, metric="电池", kind="level", value=5000, unit="组", approx="余"),
        fact("千台", text, metric="换电柜", kind="level", value=1000, unit="台", approx="近"),
    ]


def test_percentage_points_and_falls_are_signed() -> None:
    text = "工业投资占比提高3.5个百分点，规上工业增加值下降2.4%，竣工项目同比减少4个"
    assert facts_of(text) == [
        fact("3.5个百分点", text, metric="工业投资占比", kind="pp", value=3.5, unit="个百分点"),
        fact("2.4%", text, metric="规上工业增加值", kind="change_pct", value=-2.4, unit="%"),
        fact("4个", text, metric="竣工项目", kind="change_abs", value=-4, unit="个", basis="yoy"),
    ]


def test_ratios() -> None:
    text = "开工率71.7%，完成年度计划的78.5%"
    assert facts_of(text) == [
        fact("71.7%", text, metric="开工率", kind="ratio", value=71.7, unit="%"),
        fact("78.5%", text, metric="开工率", kind="ratio", value=78.5, unit="%"),
    ]


def test_tenths_and_times() -> None:
    text = "利润同比增长1.2倍，税收增长三成，产值是上年的2倍"
    assert facts_of(text) == [
        fact(
            "1.2倍", text, metric="利润", kind="change_pct", value=1.2, unit="倍",
            norm_value=120, norm_unit="%", basis="yoy",
        ),
        fact(
            "三成", text, metric="税收", kind="change_pct", value=3, unit="成",
            norm_value=30, norm_unit="%",
        ),
        fact("2倍", text, metric="产值", kind="ratio", value=2, unit="倍"),
    ]  # fmt: skip


@pytest.mark.parametrize(
    ("text", "quote", "value", "unit", "norm_value", "norm_unit"),
    [
        ("签约金额人民币350亿元", "350亿元", 350, "亿元", 35_000_000_000, "元"),
        ("合同外资1.2亿美元", "1.2亿美元", 1.2, "亿美元", 120_000_000, "美元"),
        ("总投资1.5亿欧元", "1.5亿欧元", 1.5, "亿欧元", 150_000_000, "欧元"),
        ("产值一百零五亿元", "一百零五亿元", 105, "亿元", 10_500_000_000, "元"),
        ("利润4,850万元", "4,850万元", 4850, "万元", 48_500_000, "元"),
        ("从业人员4万人", "4万人", 4, "万人", 40_000, "人"),
        ("新增市场主体1.26万户", "1.26万户", 1.26, "万户", 12_600, "户"),
        ("厂房8万平方米", "8万平方米", 8, "万平方米", 80_000, "平方米"),
        ("年产３０万吨", "３０万吨", 30, "万吨", 300_000, "吨"),
        ("工业用电量1.85亿千瓦时", "1.85亿千瓦时", 1.85, "亿千瓦时", 185_000_000, "千瓦时"),
        ("海洋生产总值1.2万亿元", "1.2万亿元", 1.2, "万亿元", 1.2e12, "元"),
        ("营业收入3千万元", "3千万元", 3, "千万元", 30_000_000, "元"),
        ("装机容量200千瓦", "200千瓦", 200, "千瓦", 200, "千瓦"),
    ],
)
def test_units_and_magnitudes(
    text: str, quote: str, value: float, unit: str, norm_value: float, norm_unit: str
) -> None:
    (found,) = facts_of(text)
    assert text[found["start"] : found["end"]] == quote
    assert (found["value"], found["unit"]) == (value, unit)
    assert found["norm_value"] == pytest.approx(norm_value)
    assert found["norm_unit"] == norm_unit


@pytest.mark.parametrize(
    ("text", "period"),
    [
        ("一季度，完成投资30亿元", "2022-Q1"),
        ("上半年，完成投资30亿元", "2022-H1"),
        ("前三季度，完成投资30亿元", "2022-01/2022-09"),
        ("1-10月，完成投资30亿元", "2021-01/2021-10"),  # October not reached by 20 April
        ("1至3月，完成投资30亿元", "2022-Q1"),  # one interval, one label
        # A reported figure of "this year" published on 20 April covers January to March.
        ("今年，完成投资30亿元", "2022-Q1"),
        ("去年，完成投资30亿元", "2021"),
        ("2022年，完成投资30亿元", "2022-Q1"),
        ("2021年一季度，完成投资30亿元", "2021-Q1"),
        ("截至3月底，完成投资30亿元", "2022-Q1"),
        ("3月份，完成投资30亿元", "2022-03"),
        ("完成投资30亿元", None),
    ],
)
def test_periods_resolve_against_the_publish_date(text: str, period: str | None) -> None:
    (found,) = facts_of(text)
    assert found["period"] == period


def test_periods_need_a_publish_date_when_relative() -> None:
    (found,) = facts_of("一季度，完成投资30亿元", published=None)
    assert found["period"] is None
    (found,) = facts_of("2022年一季度，完成投资30亿元", published=None)
    assert found["period"] == "2022-Q1"


@pytest.mark.parametrize("marker", ["预计", "力争", "计划", "目标", "争取"])
def test_estimates(marker: str) -> None:
    (found,) = facts_of(f"全年{marker}引进项目50个")
    assert found["estimate"] is True
    assert found["value"] == 50


def test_plan_reference_is_not_an_estimate() -> None:
    text = "完成投资126.8亿元，占年度计划的78.5%"
    assert [f["estimate"] for f in facts_of(text)] == [False, False]


def test_subjects_and_own_place() -> None:
    text = "胶州市新增专精特新企业37家；全区高新技术企业562家；青岛某装备有限公司总投资12亿元"
    subjects = [f["subject"] for f in facts_of(text)]
    assert subjects == ["胶州市", PLACE, "青岛某装备有限公司"]


@pytest.mark.parametrize(
    "text",
    [
        "渤中19-6凝析气田一期开发项目开工",
        "地铁6号线二期工程",
        "G20峰会和5G基站",
        "第十二次全体会议，第一期工程，第3名",
        "亿元以上项目、5000万元以上的项目、营业收入过10亿元的企业",
        "给予最高奖励2000万元",
        "单个项目最高补助500万元，按设备投资额的10%给予补助",
        "每家企业奖励50万元",
        "咨询电话：0532-86981234，手机13905321234",
        "鲁ICP备05012345号-1",
        "2022年3月30日10时30分，14:30",
        "二〇二二年",
        "浏览次数：1523 阅读 3.2万 点赞 568 阅读量：1.2万次",
        "详见http://www.jiaozhou.gov.cn/n1234/c2022.html",
        "附件：2022年项目清单.xlsx",
        "建设周期3-5年，投资3到5亿元，3至5个项目",
        "一个中心、一套方案",
        "审批时限压缩至5个工作日以内",
        "连续两年位列第一，近三年来",
        "世界500强企业",
        "十四五期间",
        "占全国针织服装市场份额的十分之一",
        "整车及零部件企业",
        "3部门联合发文，签署三方协议",
    ],
)
def test_not_facts(text: str) -> None:
    assert facts_of(text) == []


def test_offsets_count_across_paragraphs() -> None:
    text = "第一段没有数字。\n一季度，新开工项目155个。"
    (found,) = facts_of(text)
    assert text[found["start"] : found["end"]] == "155个"
    assert found["period"] == "2022-Q1"


def test_respectively_pairs_changes_with_levels_in_order() -> None:
    text = "共接待游客186.5万人次，实现旅游收入12.3亿元，分别同比增长8.6%和10.2%"
    changes = [f for f in facts_of(text) if f["kind"] == "change_pct"]
    assert [(f["metric"], f["value"], f["basis"]) for f in changes] == [
        ("接待游客", 8.6, "yoy"),
        ("旅游收入", 10.2, "yoy"),
    ]
