"""The last pipeline: store each article in the archive and keep the crawl's records.

Thin glue over ``archive.store.Archive``. Database work runs in Twisted's thread pool so that a
slow commit never stalls the downloader.
"""

from __future__ import annotations

import logging
from typing import Any, Self

from scrapy import Spider, signals
from scrapy.crawler import Crawler
from scrapy.utils.defer import maybe_deferred_to_future
from twisted.internet.threads import deferToThread
from twisted.python.failure import Failure

from archive.store import Archive
from newscrawl import signals as newscrawl_signals
from newscrawl.items import ArticleItem

logger = logging.getLogger(__name__)


class ArchivePipeline:
    def __init__(self, crawler: Crawler, db_url: str | None) -> None:
        self.crawler = crawler
        self.db_url = db_url
        self.archive: Archive | None = None
        self.crawl_run_id: int | None = None
        self.close_reason = "finished"

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Self:
        pipeline = cls(crawler, crawler.settings.get("NEWSCRAWL_DB_URL") or None)
        crawler.signals.connect(pipeline.fetch_failed, signal=newscrawl_signals.fetch_failed)
        crawler.signals.connect(pipeline.spider_error, signal=signals.spider_error)
        crawler.signals.connect(pipeline.item_error, signal=signals.item_error)
        crawler.signals.connect(pipeline.spider_closed, signal=signals.spider_closed)
        return pipeline

    @property
    def spider_name(self) -> str:
        assert self.crawler.spider is not None
        return self.crawler.spider.name

    def open_spider(self) -> None:
        self.archive = Archive.from_url(self.db_url)
        source = getattr(self.crawler.spider, "source", None)
        if source is not None:
            self.archive.ensure_source(
                source.key, source.name, source.family, source.base_url, source.place
            )
        self.crawl_run_id = self.archive.start_crawl_run(self.spider_name)
        logger.info("archiving into %s (crawl run %d)", self.archive.db_location, self.crawl_run_id)

    async def process_item(self, item: Any) -> Any:
        if not isinstance(item, ArticleItem):
            return item
        assert self.archive is not None
        outcome = await maybe_deferred_to_future(
            deferToThread(self.archive.save_article, item, crawl_run_id=self.crawl_run_id)
        )
        stats = self.crawler.stats
        assert stats is not None
        stats.inc_value(f"newscrawl/archive/{outcome.status}")
        return item

    def spider_closed(self, spider: Spider, reason: str) -> None:
        self.close_reason = reason

    def close_spider(self) -> None:
        if self.archive is None or self.crawl_run_id is None:
            return
        stats = self.crawler.stats
        assert stats is not None
        collected = stats.get_stats()
        failures = int(collected.get("newscrawl/failures", 0))
        status = self.close_reason
        if status == "finished" and failures:
            status = "finished_with_failures"
        self.archive.finish_crawl_run(self.crawl_run_id, status, collected)
        self.archive.close()

    # -- failures --------------------------------------------------------------------------

    def fetch_failed(self, url: str, reason: str, http_status: int | None = None) -> None:
        self._record_failure(url, reason, http_status)

    def spider_error(self, failure: Failure, response: Any, spider: Spider) -> None:
        self._record_failure(
            response.url,
            f"spider_error: {failure.type.__name__}",
            response.status,
            detail=failure.getErrorMessage(),
        )

    def item_error(self, item: Any, response: Any, spider: Spider, failure: Failure) -> None:
        url = getattr(item, "url", None) or getattr(response, "url", "")
        self._record_failure(
            url,
            f"item_error: {failure.type.__name__}",
            getattr(response, "status", None),
            detail=failure.getErrorMessage(),
        )

    def _record_failure(
        self, url: str, reason: str, http_status: int | None, detail: str | None = None
    ) -> None:
        stats = self.crawler.stats
        assert stats is not None
        stats.inc_value("newscrawl/failures")
        stats.inc_value(f"newscrawl/failures/{reason.split(':')[0]}")
        if self.archive is None:
            return
        self.archive.record_failure(
            url,
            reason,
            http_status,
            crawl_run_id=self.crawl_run_id,
            spider=self.spider_name,
            detail=detail,
        )
