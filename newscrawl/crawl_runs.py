"""The crawl's own records in the archive: one ``crawl_runs`` row per spider run, and a
``fetch_failures`` row for every page that failed.

A Scrapy extension, so that the run is closed from ``spider_closed`` with Scrapy's finish reason
(``finished``, ``shutdown`` after Ctrl-C or SIGTERM, ``closespider_timeout``, …) as its status
(``spooled`` for a finished crawl that left items in the disk spool),
after every item pipeline has finished saving. Failures come from three signals: the spiders'
``newscrawl.signals.fetch_failed`` and Scrapy's ``spider_error`` and ``item_error``.
"""

from __future__ import annotations

import logging
from concurrent.futures import Future, ThreadPoolExecutor
from functools import partial
from typing import Any, Self

from scrapy import Spider, signals
from scrapy.crawler import Crawler
from scrapy.statscollectors import StatsCollector
from twisted.python.failure import Failure

from archive.store import Archive
from newscrawl import failures
from newscrawl import signals as newscrawl_signals
from newscrawl.urlsafety import redact

logger = logging.getLogger(__name__)


class CrawlRunRecorder:
    def __init__(self, crawler: Crawler, db_url: str | None) -> None:
        self.crawler = crawler
        self.db_url = db_url
        self.archive: Archive | None = None
        self.crawl_run_id: int | None = None
        self.spider_name = ""
        # Failures are reported by signal handlers on the reactor thread; their rows are
        # written by this thread so that a commit waiting for the SQLite write lock (held by a
        # save) never stalls the crawl.
        self.failure_writer: ThreadPoolExecutor | None = None

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Self:
        recorder = cls(crawler, crawler.settings.get("NEWSCRAWL_DB_URL") or None)
        crawler.signals.connect(recorder.spider_opened, signal=signals.spider_opened)
        crawler.signals.connect(recorder.spider_closed, signal=signals.spider_closed)
        crawler.signals.connect(recorder.fetch_failed, signal=newscrawl_signals.fetch_failed)
        crawler.signals.connect(recorder.spider_error, signal=signals.spider_error)
        crawler.signals.connect(recorder.item_error, signal=signals.item_error)
        return recorder

    @property
    def stats(self) -> StatsCollector:
        assert self.crawler.stats is not None
        return self.crawler.stats

    def spider_opened(self, spider: Spider) -> None:
        # Runs and failures are recorded under the source the spider archives into (a
        # registry key, site:<host> for the generic spider), so that health is per source.
        self.spider_name = getattr(spider, "source_key", None) or spider.name
        self.archive = Archive.from_url(self.db_url)
        source = getattr(spider, "source", None)
        if source is not None:
            self.archive.ensure_source(
                source.key, source.name, source.family, source.base_url, source.place
            )
        self.crawl_run_id = self.archive.start_crawl_run(self.spider_name)
        self.failure_writer = ThreadPoolExecutor(1, thread_name_prefix="newscrawl-failures")
        logger.info("crawl run %d in %s", self.crawl_run_id, self.archive.db_location)
        self.crawler.signals.send_catch_log(
            newscrawl_signals.crawl_run_started, crawl_run_id=self.crawl_run_id
        )

    def spider_closed(self, spider: Spider, reason: str) -> None:
        if self.archive is None or self.crawl_run_id is None:
            return
        if self.failure_writer is not None:
            self.failure_writer.shutdown(wait=True)
            self.failure_writer = None
        stats = self.stats.get_stats()
        status = reason
        if reason == "finished" and stats.get("newscrawl/archive/still_spooled"):
            status = "spooled"  # items the archive could not take are waiting on disk
        self.archive.finish_crawl_run(self.crawl_run_id, status, stats)
        self.archive.close()
        self.archive = None

    # -- failures --------------------------------------------------------------------------

    def fetch_failed(
        self, url: str, reason: str, http_status: int | None = None, detail: str | None = None
    ) -> None:
        self.record_failure(url, reason, http_status, detail)

    def spider_error(self, failure: Failure, response: Any, spider: Spider) -> None:
        self.record_failure(
            response.url,
            failures.processing_reason(failure.value) or f"spider_error: {failure.type.__name__}",
            response.status,
            detail=failure.getErrorMessage(),
        )

    def item_error(self, item: Any, response: Any, spider: Spider, failure: Failure) -> None:
        url = getattr(item, "url", None) or getattr(response, "url", "")
        self.record_failure(
            url,
            failures.processing_reason(failure.value) or f"item_error: {failure.type.__name__}",
            getattr(response, "status", None),
            detail=failure.getErrorMessage(),
        )

    def record_failure(
        self, url: str, reason: str, http_status: int | None, detail: str | None = None
    ) -> None:
        self.stats.inc_value("newscrawl/failures")
        self.stats.inc_value(f"newscrawl/failures/{reason.split(':')[0]}")
        if self.archive is None:
            return
        # Credentials in a URL are never stored (nor logged: newscrawl.urlsafety).
        url, detail = redact(url), redact(detail) if detail else detail
        write = partial(
            self.archive.record_failure,
            url,
            reason,
            http_status,
            crawl_run_id=self.crawl_run_id,
            spider=self.spider_name,
            detail=detail,
        )
        if self.failure_writer is None:
            write()
            return
        self.failure_writer.submit(write).add_done_callback(partial(_log_lost_failure, url))


def _log_lost_failure(url: str, future: Future[None]) -> None:
    error = future.exception()
    if error is not None:
        logger.error("could not record the failure of %s: %r", url, error)
