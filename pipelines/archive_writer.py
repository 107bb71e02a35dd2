"""Archive saves in child processes, so that a crawl uses more than one CPU.

A Scrapy crawl is one Python process, and its pipelines share one interpreter lock with the
downloader and the spiders. A save costs about as much CPU as Scrapy's own handling of a page
(docs/benchmarks.md), so in a thread it takes that time from the crawl; in another process it
runs beside it. ``concurrent.futures.ProcessPoolExecutor`` (standard library) does the transport;
each child opens the archive once and then runs ``Archive.save_article`` per item: still one
transaction per item, and the database still settles races between writers.

No Scrapy import: the pipeline (``pipelines.archive_pipeline``) is the glue.
"""

from __future__ import annotations

import multiprocessing
from concurrent.futures import ProcessPoolExecutor

from sqlalchemy.exc import InterfaceError, OperationalError

from archive.store import Archive
from newscrawl.items import ArticleItem

# The child's archive URL (set by the pool's initializer) and archive (opened at the first
# save, so that an unreachable database is reported like any other outage). Module state of
# the child process only: the crawling process never sets it.
_db_url: str | None = None
_archive: Archive | None = None


class ArchiveUnavailable(RuntimeError):
    """The database could not be reached, even after the store's retries (raised in place of
    the driver's error, which need not survive the trip between processes)."""


def _set_url(db_url: str | None) -> None:
    global _db_url
    _db_url = db_url


def _save(item: ArticleItem, crawl_run_id: int | None) -> str:
    global _archive
    try:
        if _archive is None:
            _archive = Archive.from_url(_db_url)
        return _archive.save_article(item, crawl_run_id=crawl_run_id).status
    except (OperationalError, InterfaceError) as error:
        raise ArchiveUnavailable(f"{type(error).__name__}: {error.orig}") from None


def _ready() -> bool:
    return True


class ArchiveWriter:
    """``processes`` child processes saving items into the archive at ``db_url``."""

    def __init__(self, db_url: str | None, processes: int) -> None:
        # spawn, not fork: the crawling process runs threads and an event loop, which a forked
        # child would inherit in whatever state they were.
        self.pool = ProcessPoolExecutor(
            processes,
            mp_context=multiprocessing.get_context("spawn"),
            initializer=_set_url,
            initargs=(db_url,),
        )
        # Start the children now (importing what a save needs takes a second) rather than at
        # the first article.
        self._warm_up = [self.pool.submit(_ready) for _ in range(processes)]

    def save(self, item: ArticleItem, crawl_run_id: int | None) -> str:
        """Store ``item`` (blocking; call it from a worker thread); the save's status."""
        return self.pool.submit(_save, item, crawl_run_id).result()

    def close(self) -> None:
        self.pool.shutdown(wait=True)
