"""The last pipeline: store each article in the archive.

Thin glue over ``archive.store.Archive``. Saves run in ``NEWSCRAWL_ARCHIVE_PROCESSES`` child
processes (``pipelines.archive_writer`` through ``newscrawl.process_pool``), or with 0 in worker
threads of this process, so that neither a slow commit nor the CPU a save costs stalls the
downloader. When the database is unreachable even after the
store's retries (a restart, a network cut), items go to a disk spool and are replayed as soon
as a save succeeds again, at the end of the crawl, or at the start of the next one. The crawl
run the versions belong to, and the failures, are recorded by ``newscrawl.crawl_runs``.
"""

from __future__ import annotations

import logging
import threading
from pathlib import Path
from typing import Any, Self

from scrapy.crawler import Crawler
from scrapy.utils.defer import maybe_deferred_to_future
from scrapy.utils.reactor import is_asyncio_reactor_installed
from sqlalchemy.exc import InterfaceError, OperationalError
from twisted.internet.threads import deferToThreadPool
from twisted.python.threadpool import ThreadPool

from archive.db import default_sqlite_path, resolve_db_url
from archive.store import Archive
from newscrawl import signals as newscrawl_signals
from newscrawl.process_pool import ProcessPool
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
        # Set when the crawl-run recorder has opened the run (after open_spider, before the
        # first item).
        self.crawl_run_id: int | None = None
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
        crawler.signals.connect(
            pipeline.crawl_run_started, signal=newscrawl_signals.crawl_run_started
        )
        return pipeline

    @property
    def spider_name(self) -> str:
        """What crawl runs and failures are recorded under: the source the spider archives
        into (a registry key, ``site:<host>`` for the generic spider), so that health is per
        source; the spider's name for other spiders."""
        spider = self.crawler.spider
        assert spider is not None
        return getattr(spider, "source_key", None) or spider.name

    def open_spider(self) -> None:
        self.archive = Archive.from_url(self.db_url)
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
        logger.info("archiving into %s", self.archive.db_location)
        # The spool of this archive (resolved: the default SQLite file's URL).
        self.spool = Spool(
            spool_path(self.spool_dir, resolve_db_url(self.db_url), self.spider_name)
        )
        legacy = self.spool_dir / f"{self.spider_name.replace(':', '_')}.jsonl"
        if legacy.exists():
            logger.warning(
                "%s holds items of an unknown archive (spooled before spools were kept per "
                "archive): not replayed; move it to %s to replay it into this one",
                legacy,
                self.spool.path,
            )

    def crawl_run_started(self, crawl_run_id: int) -> None:
        self.crawl_run_id = crawl_run_id
        # Items a previous crawl spooled are saved as part of this run.
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

    def _set(self, key: str, value: int) -> None:
        stats = self.crawler.stats
        assert stats is not None
        stats.set_value(key, value)

    def close_spider(self) -> None:
        if self.archive is None:
            return
        assert self.spool is not None
        if self.save_pool is not None:
            self.save_pool.stop()  # every item was saved before the pipelines close
            self.save_pool = None
        if self.writer is not None:
            self.writer.close()
            self.writer = None  # a last spool replay saves in this process
        self._replay_spool()
        still_spooled = len(self.spool)
        if still_spooled:
            # Not in the archive: the crawl did not do its job. The crawl run's status says so
            # (newscrawl.crawl_runs) and `newscrawl crawl` exits 1.
            self._set("newscrawl/archive/still_spooled", still_spooled)
            logger.error(
                "%d items are still spooled in %s: they will be replayed by the next crawl",
                still_spooled,
                self.spool.path,
            )
        self.archive.close()


def _optional_int(value: Any) -> int | None:
    return None if value is None or value == "" else int(value)
