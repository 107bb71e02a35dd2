"""Several crawls in one Scrapy process: ``newscrawl crawl KEY… | --all``, ``newscrawl demo``.

Sources run concurrently, a window of them at a time: at most ``NEWSCRAWL_CONCURRENT_SOURCES``
crawlers exist at once (each holds an engine, a downloader, pipelines and an archive
connection, so memory grows with the window, not with the number of sources), and two sources
that share a domain never run together, so ``CONCURRENT_REQUESTS_PER_DOMAIN`` and
``DOWNLOAD_DELAY`` hold per site across sources as they do within one. When a crawl ends the
next waiting source starts; a run over N sources therefore takes about the time of the slowest
few, not the sum. A source that cannot start or fails does not stop the others: its result
says why.
"""

from __future__ import annotations

import os
from collections import deque
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

PER_CRAWLER_PROCESSES = ("NEWSCRAWL_CPU_PROCESSES", "NEWSCRAWL_ARCHIVE_PROCESSES")
ERROR_STAT = "newscrawl/crawl_error"


@dataclass(frozen=True)
class CrawlResult:
    spider: str  # the source the crawl recorded under: the spider's name, or site:<host>
    stats: dict[str, Any]

    @property
    def failure(self) -> str | None:
        """Why the source failed, or None when it crawled normally."""
        if self.stats.get(ERROR_STAT):
            return str(self.stats[ERROR_STAT])
        reason = self.stats.get("finish_reason")
        if reason is None:
            return "the crawl did not start (the error is logged above)"
        if reason != "finished":
            return f"finished with {reason!r}"
        if self.stats.get("newscrawl/archive/still_spooled"):
            spooled = self.stats["newscrawl/archive/still_spooled"]
            return f"{spooled} items could not be archived (spooled for the next crawl)"
        if self.stats.get("newscrawl/start_failed"):
            return "start page could not be fetched"
        if self.stats.get("spider_exceptions/count") or self.stats.get("spider_exceptions"):
            return "the spider raised an exception"
        if not self.stats.get("response_received_count"):
            return "no page could be fetched"
        return None


def project_settings(overrides: dict[str, Any] | None = None) -> Any:
    # Works from any directory, also when installed without scrapy.cfg next to it.
    os.environ.setdefault("SCRAPY_SETTINGS_MODULE", "newscrawl.settings")
    from scrapy.utils.project import get_project_settings

    settings = get_project_settings()
    for name, value in (overrides or {}).items():
        settings.set(name, value, priority="cmdline")
    return settings


def shared_process_overrides(overrides: dict[str, Any] | None, crawls: int) -> dict[str, Any]:
    """The setting overrides for ``crawls`` crawls in one process.

    Every crawler starts its own child processes (``newscrawl.process_pool``): two Python
    interpreters per source. Several polite crawls in one process fetch a few pages per second
    each, which one CPU parses with ease, so they work in-process unless ``-s`` asks otherwise.
    """
    overrides = dict(overrides or {})
    if crawls > 1:
        for name in PER_CRAWLER_PROCESSES:
            overrides.setdefault(name, 0)
    return overrides


def job_domains(spider_class: Any, kwargs: dict[str, Any]) -> frozenset[str]:
    """The domains a crawl fetches from: its registry entry's, or its start URL's host."""
    source = getattr(spider_class, "source", None)
    if source is not None:
        return frozenset(source.allowed_domains)
    host = urlsplit(str(kwargs.get("start_url") or "")).hostname
    return frozenset({host} if host else ())


def run_crawls(
    jobs: Iterable[tuple[str, dict[str, Any]]],
    settings_overrides: dict[str, Any] | None = None,
) -> list[CrawlResult]:
    """Run spiders (name, spider arguments) in one CrawlerProcess, a window at a time (see the
    module's doc); their results in the order of ``jobs``."""
    from scrapy.crawler import CrawlerProcess

    jobs = list(jobs)
    settings = project_settings(shared_process_overrides(settings_overrides, len(jobs)))
    window = max(1, settings.getint("NEWSCRAWL_CONCURRENT_SOURCES", 16))
    process = CrawlerProcess(settings)
    results: dict[int, CrawlResult] = {}
    waiting: deque[tuple[int, str, dict[str, Any], frozenset[str]]] = deque()
    for index, (name, kwargs) in enumerate(jobs):
        try:
            domains = job_domains(process.spider_loader.load(name), kwargs)
        except KeyError:
            results[index] = CrawlResult(name, {ERROR_STAT: f"unknown spider {name!r}"})
            continue
        waiting.append((index, name, kwargs, domains))
    running: dict[int, frozenset[str]] = {}

    def start_next() -> None:
        while waiting and len(running) < window:
            busy = frozenset().union(*running.values())
            job = next((job for job in waiting if not job[3] & busy), None)
            if job is None:
                return  # every waiting source shares a domain with a running one
            waiting.remove(job)
            launch(*job)

    def launch(index: int, name: str, kwargs: dict[str, Any], domains: frozenset[str]) -> None:
        try:
            crawler = process.create_crawler(name)
            deferred = process.crawl(crawler, **kwargs)
        except Exception as error:  # a source that cannot start must not stop the others
            results[index] = CrawlResult(name, {ERROR_STAT: f"{type(error).__name__}: {error}"})
            return
        running[index] = domains

        def finished(outcome: Any) -> None:
            stats = dict(crawler.stats.get_stats()) if crawler.stats else {}
            if hasattr(outcome, "getErrorMessage"):  # a Failure: the crawl raised
                stats[ERROR_STAT] = f"{outcome.type.__name__}: {outcome.getErrorMessage()}"
            # The generic spider records under its host's source (site:<host>): name the
            # result the same way, so a summary's line and the archive's rows agree.
            source = getattr(crawler.spider, "source_key", None) or name
            results[index] = CrawlResult(source, stats)
            del running[index]
            start_next()

        deferred.addBoth(finished)

    start_next()
    if running:
        process.start()
    return [results[index] for index in range(len(jobs))]
