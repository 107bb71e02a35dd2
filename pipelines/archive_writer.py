"""Archive saves as they run in a child process of the crawl (``newscrawl.process_pool``).

A save costs about as much CPU as Scrapy's own handling of a page (docs/benchmarks.md); in a
thread of the crawling process it would take that time from the downloader, under the same
interpreter lock. ``ArchivePipeline`` sends each item to ``save_in_child`` in a child process
instead: still one ``Archive.save_article`` transaction per item, the database still settling
races between writers.

No Scrapy import: a spawned child imports this module to find the function.
"""

from __future__ import annotations

from sqlalchemy.exc import InterfaceError, OperationalError

from archive.store import Archive
from pipelines.items import ArticleItem

# The child's archives by URL, opened at their first save (so that an unreachable database is
# reported like any later outage). State of the child process only.
_archives: dict[str | None, Archive] = {}


class ArchiveUnavailable(RuntimeError):
    """The database could not be reached, even after the store's retries (raised in place of
    the driver's error, which need not survive the trip between processes)."""


def save_in_child(db_url: str | None, item: ArticleItem, crawl_run_id: int | None) -> str:
    """Store ``item`` in the archive at ``db_url``; the save's status."""
    try:
        archive = _archives.get(db_url)
        if archive is None:
            archive = _archives[db_url] = Archive.from_url(db_url)
        return archive.save_article(item, crawl_run_id=crawl_run_id).status
    except (OperationalError, InterfaceError) as error:
        raise ArchiveUnavailable(f"{type(error).__name__}: {error.orig}") from None
