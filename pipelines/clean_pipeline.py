"""The first pipeline: the extracted paragraphs become the archived text and its hash.

Thin glue over ``pipelines.cleaning``; the rules live there and are shared with
``newscrawl extract`` and ``newscrawl reparse``.
"""

from __future__ import annotations

from typing import Self

from scrapy.crawler import Crawler
from scrapy.exceptions import DropItem
from scrapy.statscollectors import StatsCollector

from newscrawl.items import ArticleItem
from pipelines.cleaning import clean_paragraphs, content_hash


class CleanPipeline:
    """Fills ``ArticleItem.text`` and ``.content_hash``; drops items left without text."""

    def __init__(self, stats: StatsCollector) -> None:
        self.stats = stats

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Self:
        assert crawler.stats is not None
        return cls(crawler.stats)

    def process_item(self, item: ArticleItem) -> ArticleItem:
        if not isinstance(item, ArticleItem):
            return item
        item.text = "\n".join(clean_paragraphs(item.paragraphs))
        if not item.text:
            self.stats.inc_value("newscrawl/clean/dropped_empty")
            raise DropItem(f"no text left after cleaning: {item.url}")
        item.content_hash = content_hash(item.text, cleaned=True)
        self.stats.inc_value("newscrawl/clean/cleaned")
        return item
