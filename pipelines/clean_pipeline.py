"""The first pipeline: the extracted paragraphs become the archived text and its hash.

Thin glue over ``pipelines.cleaning``; the rules live there and are shared with
``newscrawl extract`` and ``newscrawl reparse``.
"""

from __future__ import annotations

from typing import Self

from scrapy.crawler import Crawler
from scrapy.exceptions import DropItem
from scrapy.statscollectors import StatsCollector

from newscrawl.process_pool import ProcessPool, crawl_pool
from pipelines.items import ArticleItem
from pipelines.parse import cleaned_text


class CleanPipeline:
    """Fills ``ArticleItem.text`` and ``.content_hash``; drops items left without text."""

    def __init__(self, crawler: Crawler, stats: StatsCollector) -> None:
        self.crawler = crawler
        self.stats = stats
        self.pool = ProcessPool(0)

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Self:
        assert crawler.stats is not None
        return cls(crawler, crawler.stats)

    def open_spider(self) -> None:
        self.pool = crawl_pool(self.crawler)

    async def process_item(self, item: ArticleItem) -> ArticleItem:
        if not isinstance(item, ArticleItem):
            return item
        item.text, item.content_hash = await self.pool.run(cleaned_text, item.paragraphs)
        if not item.text:
            self.stats.inc_value("newscrawl/clean/dropped_empty")
            raise DropItem(f"no text left after cleaning: {item.url}")
        self.stats.inc_value("newscrawl/clean/cleaned")
        return item
