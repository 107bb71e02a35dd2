"""Periods as dates: canonical labels, intervals, year to date, clipping, lead carry-over."""

from __future__ import annotations

from datetime import date

import pytest

from pipelines.facts import extract_facts
from pipelines.facts.periods import (
    canonical,
    clipped,
    find_periods,
    interval,
    last_reported_month,
    year_to_date,
)

APRIL = date(2026, 4, 20)
Q1 = ("2026-Q1", "2026-01-01", "2026-03-31")


def period_of(text: str, published: date = APRIL) -> tuple[str | None, str | None, str | None]:
    (fact,) = extract_facts(text, published=published, place="青岛西海岸新区")
    return fact.period, fact.period_start, fact.period_end


@pytest.mark.parametrize(
    "text",
    [
        "一季度，新开工项目155个",
        "第一季度，新开工项目155个",
        "1-3月，新开工项目155个",
        "1—3月，新开工项目155个",
        "1至3月，新开工项目155个",
        "今年1-3月份，新开工项目155个",
        "截至3月底，新开工项目155个",
        "前三个月，新开工项目155个",
        "2026年一季度，新开工项目155个",
    ],
)
def test_first_quarter_is_one_interval_with_one_label(text: str) -> None:
    assert period_of(text) == Q1


@pytest.mark.parametrize(
    ("text", "published", "expected"),
    [
        ("上半年，新开工项目155个", date(2026, 7, 15), ("2026-H1", "2026-01-01", "2026-06-30")),
        ("1-6月，新开工项目155个", date(2026, 7, 15), ("2026-H1", "2026-01-01", "2026-06-30")),
        (
            "前三季度，新开工项目155个",
            date(2026, 10, 20),
            ("2026-01/2026-09", "2026-01-01", "2026-09-30"),
        ),
        ("5月份，新开工项目155个", date(2026, 6, 3), ("2026-05", "2026-05-01", "2026-05-31")),
        ("去年，新开工项目155个", date(2026, 6, 3), ("2025", "2025-01-01", "2025-12-31")),
        ("2025年全年，新开工项目155个", date(2026, 1, 20), ("2025", "2025-01-01", "2025-12-31")),
        ("去年一季度，新开工项目155个", APRIL, ("2025-Q1", "2025-01-01", "2025-03-31")),
    ],
)
def test_periods_and_their_dates(
    text: str, published: date, expected: tuple[str, str, str]
) -> None:
    assert period_of(text, published) == expected


@pytest.mark.parametrize(
    ("published", "label", "last"),
    [
        (date(2026, 6, 15), "2026-01/2026-05", "2026-05-31"),  # June: January to May
        (date(2026, 6, 30), "2026-H1", "2026-06-30"),  # the last day of June covers June
        (date(2026, 4, 2), "2026-Q1", "2026-03-31"),
        (date(2026, 2, 10), "2026-01", "2026-01-31"),
        (date(2026, 12, 31), "2026", "2026-12-31"),
    ],
)
def test_year_to_date_ends_with_the_last_month_the_report_can_cover(
    published: date, label: str, last: str
) -> None:
    for phrase in ("今年以来", "年初以来"):
        assert period_of(f"{phrase}，新开工项目155个", published) == (label, "2026-01-01", last)


def test_year_to_date_in_january_is_january_up_to_the_publication() -> None:
    assert last_reported_month(date(2026, 1, 10)) == (2025, 12)
    assert year_to_date(date(2026, 1, 10)) == "2026-01"
    assert period_of("今年以来，新开工项目5个", date(2026, 1, 10)) == (
        "2026-01",
        "2026-01-01",
        "2026-01-10",
    )


def test_this_year_in_june_is_not_the_full_year() -> None:
    # A reported figure: the year so far, not the label of a whole year.
    assert period_of("今年，新开工项目155个", date(2026, 6, 15)) == (
        "2026-01/2026-05",
        "2026-01-01",
        "2026-05-31",
    )
    # A target keeps the full year: it is not a reported figure.
    (target,) = extract_facts("力争全年新开工项目300个", published=date(2026, 6, 15))
    assert target.estimate
    assert (target.period, target.period_start, target.period_end) == (
        "2026",
        "2026-01-01",
        "2026-12-31",
    )


def test_a_reported_figure_never_ends_after_the_publish_date() -> None:
    assert clipped("2026-Q2", date(2026, 5, 15)) == ("2026-Q2", date(2026, 4, 1), date(2026, 5, 15))
    assert clipped("2026-Q1", date(2026, 4, 1)) == ("2026-Q1", date(2026, 1, 1), date(2026, 3, 31))
    assert clipped(None, APRIL) == (None, None, None)
    (fact,) = extract_facts("二季度，新开工项目12个", published=date(2026, 5, 15))
    assert fact.period_end == "2026-05-15"


def test_canonical_labels_and_intervals() -> None:
    assert canonical("2026-01/2026-03") == "2026-Q1"
    assert canonical("2026-04/2026-06") == "2026-Q2"
    assert canonical("2026-01/2026-06") == "2026-H1"
    assert canonical("2026-07/2026-12") == "2026-H2"
    assert canonical("2026-01/2026-12") == "2026"
    assert canonical("2026-01/2026-05") == "2026-01/2026-05"
    assert canonical("2026-Q3") == "2026-Q3"
    assert interval("2026-H2") == (date(2026, 7, 1), date(2026, 12, 31))
    assert interval("2024-02") == (date(2024, 2, 1), date(2024, 2, 29))
    assert interval("2026-01/2026-05") == (date(2026, 1, 1), date(2026, 5, 31))
    assert interval("not a period") is None
    assert [m.label for m in find_periods("1-3月和一季度", APRIL)] == ["2026-Q1", "2026-Q1"]


LEAD_ARTICLE = "\n".join(
    [
        "一季度，全区新开工项目155个，同比增长21.1%，总投资421亿元。",
        "从项目结构看，产业类项目112个，总投资318亿元。",
        "去年同期，全区新开工项目128个。",
        "目前，全区现有在建项目320个。",
        "力争全年新开工项目600个。",
    ]
)


def test_the_leads_period_carries_to_later_paragraphs() -> None:
    facts = extract_facts(LEAD_ARTICLE, published=APRIL, place="青岛西海岸新区")
    by_value = {fact.value: fact for fact in facts}
    # A later paragraph that states no period of its own inherits the lead's.
    assert (by_value[112].period, by_value[318].period) == ("2026-Q1", "2026-Q1")
    assert by_value[318].period_start == "2026-01-01"
    # Another time (去年同期) or a stock as of now (目前, 现有) is not the lead's period.
    assert (by_value[128].period, by_value[320].period) == (None, None)
    # An estimate keeps its own period.
    assert by_value[600].estimate and by_value[600].period == "2026"


def test_no_carry_inside_the_lead_or_into_a_paragraph_with_its_own_period() -> None:
    text = "园区已集聚企业200余家，今年前10个月实现产值105亿元。\n1-9月，出口增长8%。"
    facts = extract_facts(text, published=date(2026, 11, 22), place="青岛西海岸新区")
    assert [fact.period for fact in facts] == [None, "2026-01/2026-10", "2026-01/2026-09"]


def test_no_lead_period_no_carry() -> None:
    text = "全区新开工项目155个。\n从项目结构看，产业类项目112个。"
    assert [fact.period for fact in extract_facts(text, published=APRIL)] == [None, None]
