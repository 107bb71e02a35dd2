"""The facts pipeline: the figures of each article's cleaned text, with the parser version.

Thin glue over ``pipelines.facts`` (through ``pipelines.parse``, which ``newscrawl reparse``
shares); the archive stores ``item.facts`` with the version that produced them, so ``newscrawl
reparse`` can tell which stored results an improved parser should replace.
"""

from __future__ import annotations

from typing import Self

from scrapy.crawler import Crawler
from scrapy.statscollectors import StatsCollector

from newscrawl.items import ArticleItem
from pipelines.parse import PARSER_VERSION, facts_for


class FactsPipeline:
    """Fills ``ArticleItem.facts`` (dicts, DESIGN.md's contract) and ``.extractor_version``."""

    def __init__(self, stats: StatsCollector) -> None:
        self.stats = stats

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Self:
        assert crawler.stats is not None
        return cls(crawler.stats)

    def process_item(self, item: ArticleItem) -> ArticleItem:
        if not isinstance(item, ArticleItem):
            return item
        item.facts = facts_for(item.text, item.published, item.place)
        item.extractor_version = PARSER_VERSION
        self.stats.inc_value("newscrawl/facts/extracted", len(item.facts))
        if not item.facts:
            self.stats.inc_value("newscrawl/facts/articles_without_facts")
        return item
