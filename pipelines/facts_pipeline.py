"""The facts pipeline: the figures of each article's cleaned text, with the parser version.

Thin glue over ``pipelines.facts`` (through ``pipelines.parse``, which ``newscrawl reparse``
shares); the archive stores ``item.facts`` with the version that produced them, so ``newscrawl
reparse`` can tell which stored results an improved parser should replace.
"""

from __future__ import annotations

from typing import Self

from scrapy.crawler import Crawler
from scrapy.statscollectors import StatsCollector

from newscrawl.process_pool import ProcessPool, crawl_pool
from pipelines.items import ArticleItem
from pipelines.parse import PARSER_VERSION, facts_for


class FactsPipeline:
    """Fills ``ArticleItem.facts`` (dicts, DESIGN.md's contract) and ``.extractor_version``."""

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
        item.facts = await self.pool.run(
            facts_for, item.text, item.published, item.place, item.original_source
        )
        item.extractor_version = PARSER_VERSION
        self.stats.inc_value("newscrawl/facts/extracted", len(item.facts))
        if not item.facts:
            self.stats.inc_value("newscrawl/facts/articles_without_facts")
        return item
