"""The facts pipeline: the figures of each article's cleaned text, with the extractor version.

Thin glue over ``pipelines.facts``; the archive stores ``item.facts`` with the version that
produced them, so ``newscrawl reparse`` can tell which stored facts an improved extractor
should replace.
"""

from __future__ import annotations

from datetime import date
from typing import Self

from scrapy.crawler import Crawler
from scrapy.statscollectors import StatsCollector

from newscrawl.items import ArticleItem
from pipelines.facts import EXTRACTOR_VERSION, extract_facts


def published_date(published: str | None) -> date | None:
    """The date part of an ISO 8601 date or date-time ('2022-03-30T09:00:00+08:00')."""
    if not published:
        return None
    try:
        return date.fromisoformat(published[:10])
    except ValueError:
        return None


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
        # The item has no place field yet; once the source registry carries each source's
        # place, take it from there when the page names none.
        place = getattr(item, "place", None)
        facts = extract_facts(item.text, published=published_date(item.published), place=place)
        item.facts = [fact.to_dict() for fact in facts]
        item.extractor_version = EXTRACTOR_VERSION
        self.stats.inc_value("newscrawl/facts/extracted", len(facts))
        if not facts:
            self.stats.inc_value("newscrawl/facts/articles_without_facts")
        return item
