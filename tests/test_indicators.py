"""Indicator taxonomy and the linking of each fact to what it measures."""

from __future__ import annotations

import re
from datetime import date

import pytest

from pipelines.facts import extract_facts
from pipelines.facts.indicators import read_projects, taxonomy, tidy_metric

APRIL = date(2026, 4, 20)


def linked(text: str) -> list[tuple[int | float, str | None, str | None]]:
    """(value, indicator, qualifier) of each fact of ``text``."""
    facts = extract_facts(text, published=APRIL, place="青岛西海岸新区")
    return [(fact.value, fact.indicator, fact.qualifier) for fact in facts]


def test_taxonomy_is_versioned_and_complete() -> None:
    found = taxonomy()
    assert found.version.startswith("indicators-")
    keys = [item.key for item in found.indicators]
    assert len(keys) == len(set(keys))
    required = {
        "signed_projects", "signed_investment", "new_starts", "new_starts_investment",
        "under_construction", "completed_investment", "fixed_asset_investment",
        "industrial_investment", "tech_renovation_investment", "fdi_actual", "fdi_contracted",
        "domestic_capital", "exports", "imports", "gdp", "industrial_value_added",
        "fiscal_revenue", "retail_sales", "enterprises_added", "land_area",
    }  # fmt: skip
    assert required <= set(keys)
    for item in found.indicators:
        assert item.unit in ("count", "money", "area")
        assert item.name and item.definition
        assert item.patterns or item.class_words or item.of, item.key
        if item.of:
            assert found.by_key[item.of].class_words is not None  # an investment of projects
    # Every project class has its investment.
    for item in found.indicators:
        if item.class_words is not None:
            assert item.key in found.investment_of, item.key


def test_new_starts_investment_is_not_a_free_standing_total() -> None:
    assert linked("一季度，新开工项目155个，同比增长21.1%；总投资421亿元，同比增加241亿元。") == [
        (155, "new_starts", None),
        (21.1, "new_starts", None),
        (421, "new_starts_investment", None),
        (241, "new_starts_investment", None),
    ]


def test_one_article_three_totals_three_indicators() -> None:
    text = "\n".join(
        [
            "一季度，全区新开工项目48个，总投资126亿元。",
            "工业项目31个，总投资88亿元。",
            "全区签约项目26个，总投资152亿元。",
        ]
    )
    investments = [item for item in linked(text) if item[0] in (126, 88, 152)]
    assert [key for _, key, _ in investments] == [
        "new_starts_investment",
        "industrial_projects_investment",
        "signed_investment",
    ]


def test_threshold_class_stays_a_qualifier() -> None:
    text = "一季度，新开工项目155个，总投资421亿元。其中，亿元以上项目42个，总投资386.5亿元。"
    assert linked(text)[2:] == [
        (42, "new_starts", "亿元以上"),
        (386.5, "new_starts_investment", "亿元以上"),
    ]
    assert read_projects("10亿元以上").qualifier == "10亿元以上"
    assert read_projects("新引进过亿元").qualifier == "过亿元"
    assert read_projects("市级以上重点").indicator.key == "key_projects"


def test_project_category_after_its_class() -> None:
    text = "从项目结构看，新开工项目中产业类项目112个，总投资318亿元。"
    assert linked(text) == [(112, "new_starts", "产业类"), (318, "new_starts_investment", "产业类")]


@pytest.mark.parametrize(
    ("text", "indicator"),
    [
        ("签约项目23个", "signed_projects"),
        ("本次集中开工项目129个", "new_starts"),
        ("在建项目65个", "under_construction"),
        ("竣工投产项目18个", "completed_projects"),
        ("签约项目总投资268亿元", "signed_investment"),
        ("累计完成投资286亿元", "completed_investment"),
        ("固定资产投资增长12.4%", "fixed_asset_investment"),
        ("工业投资增长18.2%", "industrial_investment"),
        ("技术改造投资增长25.1%", "tech_renovation_investment"),
        ("实际使用外资1.2亿美元", "fdi_actual"),
        ("合同外资3.5亿美元", "fdi_contracted"),
        ("实际到位内资85亿元", "domestic_capital"),
        ("外贸进出口总额1680亿元", "trade"),
        ("出口额920亿元", "exports"),
        ("进口额760亿元", "imports"),
        ("地区生产总值1218亿元", "gdp"),
        ("规上工业增加值增长9.4%", "industrial_value_added"),
        ("一般公共预算收入42.8亿元", "fiscal_revenue"),
        ("社会消费品零售总额86.3亿元", "retail_sales"),
        ("新增市场主体1.2万户", "enterprises_added"),
        ("新增国家高新技术企业26家", "high_tech_enterprises_added"),
        ("供应工业用地1200亩", "land_area"),
    ],
)
def test_indicator_of_each_pattern(text: str, indicator: str) -> None:
    (fact,) = extract_facts("一季度，" + text, published=APRIL)
    assert fact.indicator == indicator


@pytest.mark.parametrize(
    "text",
    [
        "民间投资增长4.6%",  # not in the taxonomy
        "总投资95亿元",  # whose investment? nothing counted before it
        "工业投资占全部投资比重达到38.4%",  # a share is not the indicator it is a share of
        "地区生产总值1218家",  # a unit of the wrong family
    ],
)
def test_unmapped_metrics_stay_null(text: str) -> None:
    facts = extract_facts("一季度，" + text, published=APRIL)
    assert facts and all(fact.indicator is None for fact in facts)


@pytest.mark.parametrize(
    ("metric", "tidied"),
    [
        ("分别签约项目", "签约项目"),
        ("全年签约项目", "签约项目"),
        ("路、海洋装备三大产业链签约项目占", "三大产业链签约项目"),
        ("新开工项目", "新开工项目"),
        (None, None),
    ],
)
def test_tidy_metric(metric: str | None, tidied: str | None) -> None:
    assert tidy_metric(metric) == tidied


def test_every_pattern_compiles_and_matches_its_own_name_where_it_can() -> None:
    for item in taxonomy().indicators:
        for pattern in item.patterns:
            assert isinstance(pattern, re.Pattern)


def test_a_category_of_projects_is_a_part_of_the_projects_counted_before() -> None:
    text = "本次集中开工项目129个，总投资682亿元，其中产业类项目97个，总投资514亿元。"
    assert linked(text) == [
        (129, "new_starts", None),
        (682, "new_starts_investment", None),
        (97, "new_starts", "产业类"),
        (514, "new_starts_investment", "产业类"),
    ]
    # With nothing counted before, an industrial category is its own class.
    assert linked("先进制造业项目47个，总投资186亿元。") == [
        (47, "industrial_projects", "先进制造业"),
        (186, "industrial_projects_investment", "先进制造业"),
    ]
    assert linked("今年以来，平度市新开工工业项目36个。")[0][1:] == ("new_starts", "工业")


def test_topic_across_paragraphs_only_for_a_plain_continuation() -> None:
    text = "一季度，新开工项目63个，总投资580亿元。\n其中，10亿元以上项目14个，总投资392亿元。"
    assert linked(text)[2:] == [
        (14, "new_starts", "10亿元以上"),
        (392, "new_starts_investment", "10亿元以上"),
    ]
    # Two classes counted before: 其中 could be a part of either, so nothing is guessed.
    two = "一季度，安排重点项目56个，已开工项目41个。\n其中，产业项目32个，总投资268亿元。"
    assert [key for _, key, _ in linked(two)[2:]] == [None, None]
    # A new paragraph forgets the projects of the last one.
    fresh = "一季度，新开工项目63个。\n从投资看，总投资580亿元。"
    assert linked(fresh)[1][1] is None
    # ...unless it opens with them.
    opening = "一季度，签约项目23个。\n签约项目中，新能源项目4个，总投资71亿元。"
    assert linked(opening)[1:] == [
        (4, "signed_projects", "新能源"),
        (71, "signed_investment", "新能源"),
    ]
