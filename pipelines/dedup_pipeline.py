"""Dedup glue: the page's canonical identity and the MinHash signature of its cleaned text.

Runs after ``CleanPipeline``. The story decision itself needs the archive (the persistent LSH
index, the other articles' texts) and is taken by the store in the transaction that saves the
item (``archive.stories.assign_story``); this pipeline prepares what it needs.
"""

from __future__ import annotations

from typing import Self

from scrapy.crawler import Crawler
from scrapy.statscollectors import StatsCollector

from newscrawl.items import ArticleItem
from pipelines.dedup.minhash import shingle_hashes, signature
from pipelines.dedup.urls import page_identity


class DedupPipeline:
    """Canonicalizes ``ArticleItem.url`` (a same-site canonical link becomes the URL, another
    site's stays in ``declared_original_url``) and fills ``ArticleItem.minhash``."""

    def __init__(self, stats: StatsCollector) -> None:
        self.stats = stats

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Self:
        assert crawler.stats is not None
        return cls(crawler.stats)

    def process_item(self, item: ArticleItem) -> ArticleItem:
        if not isinstance(item, ArticleItem):
            return item
        url, declared = page_identity(item.url, item.declared_original_url)
        if url != item.url:
            self.stats.inc_value("newscrawl/dedup/url_canonicalized")
        item.url, item.declared_original_url = url, declared
        if declared:
            self.stats.inc_value("newscrawl/dedup/declared_original")
        shingles = shingle_hashes(item.text)
        item.minhash = [int(value) for value in signature(shingles)] if shingles.size else []
        self.stats.inc_value("newscrawl/dedup/signed")
        return item
