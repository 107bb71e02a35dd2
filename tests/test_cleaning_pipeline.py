"""CleanPipeline: text and hash from paragraphs, empty items dropped, stats counted."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime

import pytest
from scrapy.exceptions import DropItem
from scrapy.utils.test import get_crawler

from pipelines.clean_pipeline import CleanPipeline
from pipelines.cleaning import content_hash
from pipelines.items import ArticleItem


def make_item(paragraphs: list[str]) -> ArticleItem:
    return ArticleItem(
        url="https://www.zngk.vip/post/1288.html",
        source_key="zngk",
        family="blog",
        fetched_at=datetime(2026, 4, 11, tzinfo=UTC),
        paragraphs=paragraphs,
    )


def test_fills_text_and_hash() -> None:
    crawler = get_crawler()
    pipeline = CleanPipeline.from_crawler(crawler)
    item = asyncio.run(
        pipeline.process_item(
            make_item(["\u3000\u3000一季度新开工项目155个,同比增长21.1%。", "责任编辑：张三"])
        )
    )
    assert item.text == "一季度新开工项目155个，同比增长21.1%。"
    assert item.content_hash == content_hash(item.text)
    assert crawler.stats.get_value("newscrawl/clean/cleaned") == 1


def test_drops_items_without_text() -> None:
    crawler = get_crawler()
    pipeline = CleanPipeline.from_crawler(crawler)
    with pytest.raises(DropItem):
        asyncio.run(pipeline.process_item(make_item(["责任编辑：张三", ") p$ h5 I0 B7 b"])))
    assert crawler.stats.get_value("newscrawl/clean/dropped_empty") == 1
