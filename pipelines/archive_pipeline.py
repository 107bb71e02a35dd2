"""The last pipeline: store each article in the archive and keep the crawl's records.

Thin glue over ``archive.store.Archive``. Saves run in ``NEWSCRAWL_ARCHIVE_PROCESSES`` child
processes (``pipelines.archive_writer`` through ``newscrawl.process_pool``), or with 0 in worker
threads of this process, so that neither a slow commit nor the CPU a save costs stalls the
downloader. When the database is unreachable even after the
store's retries (a restart, a network cut), items go to a disk spool and are replayed as soon
as a save succeeds again, at the end of the crawl, or at the start of the next one.
"""

from __future__ import annotations

import logging
import threading
from concurrent.futures import Future, ThreadPoolExecutor
from functools import partial
from pathlib import Path
from typing import Any, Self

from scrapy import Spider, signals
from scrapy.crawler import Crawler
from scrapy.utils.defer import maybe_deferred_to_future
from scrapy.utils.reactor import is_asyncio_reactor_installed
from sqlalchemy.exc import InterfaceError, OperationalError
from twisted.internet.threads import deferToThreadPool
from twisted.python.failure import Failure
from twisted.python.threadpool import ThreadPool

from archive.db import default_sqlite_path, resolve_db_url
from archive.store import Archive
from newscrawl import failures
from newscrawl import signals as newscrawl_signals
from newscrawl.process_pool import ProcessPool
from newscrawl.urlsafety import redact
from pipelines.archive_writer import ArchiveUnavailable, save_in_child
from pipelines.items import ArticleItem
from pipelines.spool import Spool, spool_path

logger = logging.getLogger(__name__)

# Saving threads for PostgreSQL (Twisted's default pool size).
SERVER_DB_WRITERS = 10
# Saving child processes for PostgreSQL unless NEWSCRAWL_ARCHIVE_PROCESSES says otherwise: a
# second one saves while the first waits for the server (docs/benchmarks.md).
SERVER_DB_PROCESSES = 2


class ArchivePipeline:
    def __init__(
        self, crawler: Crawler, db_url: str | None, spool_dir: Path, processes: int | None = 0
    ) -> None:
        self.crawler = crawler
        self.db_url = db_url
        self.spool_dir = spool_dir
        self.processes = processes
        self.writer: ProcessPool | None = None
        self.spool: Spool | None = None
        # Saves run in several pool threads; the spool file is appended and replayed by one
        # of them at a time.
        self.spool_lock = threading.Lock()
        self.spool_pending = False
        self.archive: Archive | None = None
        self.crawl_run_id: int | None = None
        self.close_reason = "finished"
        # Failures are reported by signal handlers on the reactor thread; their rows are
        # written by this thread so that a commit waiting for the SQLite write lock (held by a
        # save) never stalls the crawl.
        self.failure_writer: ThreadPoolExecutor | None = None
        self.save_pool: ThreadPool | None = None

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Self:
        spool_dir = crawler.settings.get("NEWSCRAWL_SPOOL_DIR")
        pipeline = cls(
            crawler,
            crawler.settings.get("NEWSCRAWL_DB_URL") or None,
            Path(spool_dir) if spool_dir else default_sqlite_path().parent / "spool",
            _optional_int(crawler.settings.get("NEWSCRAWL_ARCHIVE_PROCESSES")),
        )
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
        self.failure_writer = ThreadPoolExecutor(1, thread_name_prefix="newscrawl-failures")
        # SQLite takes one writer at a time: more saving threads would only queue on its lock
        # (polling in the busy handler) and compete for the GIL. A server database commits
        # several transactions at once.
        sqlite = self.archive.engine.dialect.name == "sqlite"
        writers = 1 if sqlite else SERVER_DB_WRITERS
        processes = self.processes
        if processes is None:
            processes = 1 if sqlite else SERVER_DB_PROCESSES
        if processes > 0 and is_asyncio_reactor_installed():
            # The children's replies are read by the asyncio event loop.
            self.writer = ProcessPool(processes, name="archive")
            self.writer.usable = True
        self.save_pool = ThreadPool(1, writers, name="newscrawl-archive")
        self.save_pool.start()
        logger.info("archiving into %s (crawl run %d)", self.archive.db_location, self.crawl_run_id)
        # The spool of this archive (resolved: the default SQLite file's URL).
        self.spool = Spool(
            spool_path(self.spool_dir, resolve_db_url(self.db_url), self.spider_name)
        )
        legacy = self.spool_dir / f"{self.spider_name}.jsonl"
        if legacy.exists():
            logger.warning(
                "%s holds items of an unknown archive (spooled before spools were kept per "
                "archive): not replayed; move it to %s to replay it into this one",
                legacy,
                self.spool.path,
            )
        self._replay_spool()

    async def process_item(self, item: Any) -> Any:
        if not isinstance(item, ArticleItem):
            return item
        if self.writer is None:
            await self._in_thread(self._save_or_spool, item)
            return item
        try:
            status = await self.writer.run(save_in_child, self.db_url, item, self.crawl_run_id)
        except ArchiveUnavailable as error:
            self._spool(item, error)
            return item
        self._inc(f"newscrawl/archive/{status}")
        if self.spool_pending:
            await self._in_thread(self._replay_spool)
        return item

    async def _in_thread(self, function: Any, *args: Any) -> None:
        from twisted.internet import reactor  # the installed one (asyncio): import it late

        assert self.save_pool is not None
        await maybe_deferred_to_future(deferToThreadPool(reactor, self.save_pool, function, *args))

    def _save(self, item: ArticleItem) -> None:
        assert self.archive is not None
        outcome = self.archive.save_article(item, crawl_run_id=self.crawl_run_id)
        self._inc(f"newscrawl/archive/{outcome.status}")

    def _save_or_spool(self, item: ArticleItem) -> None:
        """Runs in a worker thread."""
        try:
            self._save(item)
        except (OperationalError, InterfaceError) as error:
            self._spool(item, error)
            return
        if self.spool_pending:
            self._replay_spool()

    def _spool(self, item: ArticleItem, error: Exception) -> None:
        assert self.spool is not None
        logger.error("archive unavailable (%s): spooling %s", type(error).__name__, item.url)
        with self.spool_lock:
            self.spool.append(item)
            self.spool_pending = True
        self._inc("newscrawl/archive/spooled")

    def _replay_spool(self) -> None:
        assert self.spool is not None
        with self.spool_lock:
            replayed = self.spool.replay(self._save)
            self.spool_pending = len(self.spool) > 0
        if replayed:
            logger.info("replayed %d spooled items into the archive", replayed)
            self._inc("newscrawl/archive/replayed", replayed)

    def _inc(self, key: str, count: int = 1) -> None:
        stats = self.crawler.stats
        assert stats is not None
        stats.inc_value(key, count)

    def spider_closed(self, spider: Spider, reason: str) -> None:
        self.close_reason = reason

    def close_spider(self) -> None:
        if self.archive is None or self.crawl_run_id is None:
            return
        assert self.spool is not None
        if self.save_pool is not None:
            self.save_pool.stop()  # every item was saved before the pipelines close
            self.save_pool = None
        if self.writer is not None:
            self.writer.close()
            self.writer = None  # a last spool replay saves in this process
        if self.failure_writer is not None:
            self.failure_writer.shutdown(wait=True)
            self.failure_writer = None
        self._replay_spool()
        stats = self.crawler.stats
        assert stats is not None
        still_spooled = len(self.spool)
        if still_spooled:
            # Not in the archive: the crawl did not do its job (`newscrawl crawl` exits 1).
            stats.set_value("newscrawl/archive/still_spooled", still_spooled)
            logger.error(
                "%d items are still spooled in %s: they will be replayed by the next crawl",
                still_spooled,
                self.spool.path,
            )
        collected = stats.get_stats()
        failures = int(collected.get("newscrawl/failures", 0))
        status = self.close_reason
        if status == "finished" and still_spooled:
            status = "spooled"
        elif status == "finished" and failures:
            status = "finished_with_failures"
        self.archive.finish_crawl_run(self.crawl_run_id, status, collected)
        self.archive.close()

    # -- failures --------------------------------------------------------------------------

    def fetch_failed(
        self, url: str, reason: str, http_status: int | None = None, detail: str | None = None
    ) -> None:
        self._record_failure(url, reason, http_status, detail)

    def spider_error(self, failure: Failure, response: Any, spider: Spider) -> None:
        self._record_failure(
            response.url,
            failures.processing_reason(failure.value) or f"spider_error: {failure.type.__name__}",
            response.status,
            detail=failure.getErrorMessage(),
        )

    def item_error(self, item: Any, response: Any, spider: Spider, failure: Failure) -> None:
        url = getattr(item, "url", None) or getattr(response, "url", "")
        self._record_failure(
            url,
            failures.processing_reason(failure.value) or f"item_error: {failure.type.__name__}",
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
        if self.failure_writer is None:  # before open_spider or after close_spider
            write()
            return
        self.failure_writer.submit(write).add_done_callback(partial(_log_lost_failure, url))


def _log_lost_failure(url: str, future: Future[None]) -> None:
    error = future.exception()
    if error is not None:
        logger.error("could not record the failure of %s: %r", url, error)


def _optional_int(value: Any) -> int | None:
    return None if value is None or value == "" else int(value)
