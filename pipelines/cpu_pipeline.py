"""The base of the item pipelines whose work is pure CPU on the item (cleaning, dedup
signatures, facts): built from the crawler, running their functions in the crawl's process
pool (``newscrawl.process_pool``), and passing anything but an ``ArticleItem`` through."""

from __future__ import annotations

from typing import Any, Self

from scrapy.crawler import Crawler
from scrapy.statscollectors import StatsCollector

from newscrawl.process_pool import ProcessPool, crawl_pool
from pipelines.items import ArticleItem


class CpuPipeline:
    """Subclasses implement :meth:`process_article`; ``self.pool.run(function, *args)`` runs a
    pure function in a child process (in place before the spider opens or without the pool)."""

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

    async def process_item(self, item: Any) -> Any:
        if not isinstance(item, ArticleItem):
            return item
        return await self.process_article(item)

    async def process_article(self, item: ArticleItem) -> ArticleItem:
        raise NotImplementedError
