"""FactsPipeline built from a real Scrapy crawler, and the gold-set quality bar."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime
from pathlib import Path

from scrapy.utils.test import get_crawler

from pipelines.extraction.dates import iso_day as published_date
from pipelines.facts import extract_facts
from pipelines.facts.gold import load_gold, pair
from pipelines.facts_pipeline import FactsPipeline
from pipelines.items import ArticleItem
from pipelines.parse import PARSER_VERSION

GOLD = Path(__file__).resolve().parents[1] / "benchmarks" / "facts_gold" / "gold.jsonl"


def make_item(text: str, published: str | None) -> ArticleItem:
    return ArticleItem(
        url="https://www.example.gov.cn/a/1.html",
        source_key="site",
        family="generic",
        fetched_at=datetime(2022, 4, 21, tzinfo=UTC),
        published=published,
        text=text,
    )


def test_pipeline_fills_facts_and_version() -> None:
    crawler = get_crawler()
    pipeline = FactsPipeline.from_crawler(crawler)
    item = make_item("一季度，新开工项目155个，同比增长21.1%。", "2022-04-20T09:30:00+08:00")
    assert asyncio.run(pipeline.process_item(item)) is item
    assert item.parser_version == PARSER_VERSION
    assert [(f["metric"], f["kind"], f["value"], f["period"]) for f in item.facts] == [
        ("新开工项目", "level", 155, "2022-Q1"),
        ("新开工项目", "change_pct", 21.1, "2022-Q1"),
    ]
    assert crawler.stats.get_value("newscrawl/facts/extracted") == 2


def test_pipeline_counts_articles_without_facts() -> None:
    crawler = get_crawler()
    pipeline = FactsPipeline.from_crawler(crawler)
    item = asyncio.run(pipeline.process_item(make_item("会议于3月29日召开。", None)))
    assert item.facts == [] and item.parser_version == PARSER_VERSION
    assert crawler.stats.get_value("newscrawl/facts/articles_without_facts") == 1


def test_published_date() -> None:
    assert str(published_date("2022-03-30T09:00:00+08:00")) == "2022-03-30"
    assert str(published_date("2022-03-30")) == "2022-03-30"
    assert published_date("yesterday") is None
    assert published_date(None) is None


def test_gold_set_meets_the_quality_bar() -> None:
    """Precision >= 0.95 and recall >= 0.90 on the hand-annotated gold set."""
    records = load_gold(GOLD)
    assert len(records) >= 40
    tp = predicted = expected = 0
    for record in records:
        found = [
            f.to_dict()
            for f in extract_facts(
                record["text"],
                published=datetime.fromisoformat(record["published"]).date(),
                place=record["place"],
            )
        ]
        tp += len(pair(found, record["facts"]))
        predicted += len(found)
        expected += len(record["facts"])
    assert tp / predicted >= 0.95
    assert tp / expected >= 0.90
