"""The duplicate filter of a single-process crawl."""

from __future__ import annotations

from typing import Self

from scrapy.crawler import Crawler
from scrapy.dupefilters import RFPDupeFilter


class RunDupeFilter(RFPDupeFilter):
    """Scrapy's duplicate filter, kept in memory even when JOBDIR is set.

    With JOBDIR, Scrapy's filter writes every scheduled request's fingerprint to disk at once,
    while the queue is only saved on a clean stop: after a kill, the requests that were queued
    or in flight are "seen" but gone, and a resumed crawl never fetches them (nor even its
    start pages). What a crawl has done is what the archive holds, and spiders skip archived
    articles by themselves, so a filter that only spans one run loses nothing.
    """

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Self:
        return cls(
            None,
            crawler.settings.getbool("DUPEFILTER_DEBUG"),
            fingerprinter=crawler.request_fingerprinter,
        )
