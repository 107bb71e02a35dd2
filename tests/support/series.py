"""Facts with the series fields and a reprint family that carries them, for the tests of the
views, the reference tables and the consumer commands."""

from __future__ import annotations

from typing import Any

from archive.store import Archive
from tests.support.dedup import reprint_family

REGIONS = [
    {"code": "370000", "name": "山东省", "parent_code": None, "level": "province"},
    {"code": "370200", "name": "青岛市", "parent_code": "370000", "level": "prefecture"},
    {"code": "370211", "name": "黄岛区", "parent_code": "370200", "level": "county"},
    {"code": "370214", "name": "城阳区", "parent_code": "370200", "level": "county"},
    {"code": "371000", "name": "威海市", "parent_code": "370000", "level": "prefecture"},
]
INDICATORS = [
    {
        "key": "new_starts",
        "name": "新开工项目",
        "unit_family": "count",
        "definition": "Projects that started construction in the period.",
    },
    {
        "key": "new_starts_investment",
        "name": "新开工项目总投资",
        "unit_family": "money",
        "definition": "Total planned investment of the projects started in the period.",
    },
]
SIBLING_URL = "http://www.chengyang.gov.cn/n1/2022-03-31/sibling.html"
UNRELATED_URL = "http://www.qdport.example/news/2022-04-02.html"


def fact(value: float, **fields: Any) -> dict[str, Any]:
    """A fact dict as the core's extractor emits it (the ``newscrawl extract`` contract)."""
    base: dict[str, Any] = {
        "metric": "新开工项目",
        "kind": "level",
        "value": value,
        "unit": "个",
        "norm_value": value,
        "norm_unit": "个",
        "approx": None,
        "basis": None,
        "period": "2022-Q1",
        "period_start": "2022-01-01",
        "period_end": "2022-03-31",
        "subject": "西海岸新区",
        "region_code": "370211",
        "region": "黄岛区",
        "entity_kind": "region",
        "indicator": "new_starts",
        "qualifier": None,
        "estimate": False,
        "start": 0,
        "end": 3,
    }
    base.update(fields)
    return base


NEW_STARTS = fact(155)
INVESTMENT = fact(
    421, metric="总投资", unit="亿元", norm_value=4.21e10, norm_unit="元",
    indicator="new_starts_investment",
)  # fmt: skip
TARGET = fact(520, period="2022", period_start="2022-01-01", period_end="2022-12-31",
              estimate=True, approx="以上")  # fmt: skip


def save_family(archive: Archive) -> list[str]:
    """The reprint family: the original has three figures, each reprint repeats the first."""
    urls = []
    for index, item in enumerate(reprint_family()):
        item.facts = [NEW_STARTS, INVESTMENT, TARGET] if index == 0 else [NEW_STARTS]
        archive.save_article(item)
        urls.append(item.url)
    return urls
