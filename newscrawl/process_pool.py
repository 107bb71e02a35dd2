"""A crawl's pool of child processes for the pipelines' pure CPU work.

Scrapy runs a crawl in one process: every pipeline shares one interpreter lock with the
downloader and the spiders, so on a crawl that fetches faster than it can parse, cleaning,
MinHash and fact extraction (pure functions of the item's text, ``pipelines.parse``) take their
time from fetching. This extension owns a ``concurrent.futures.ProcessPoolExecutor`` (standard
library) sized by ``NEWSCRAWL_CPU_PROCESSES``; pipelines fetch it with
``crawler.get_extension(ProcessPool)`` and await ``run(function, *args)``. With 0 processes, or
without the asyncio reactor, ``run`` calls the function in place: same results, one CPU.

The arguments and results travel pickled, so the pipelines send only what the function reads
(a text, a list of paragraphs), not the item with its raw page.
"""

from __future__ import annotations

import asyncio
import multiprocessing
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from typing import Any, Self, TypeVar

from scrapy import signals
from scrapy.crawler import Crawler
from scrapy.utils.reactor import is_asyncio_reactor_installed

T = TypeVar("T")


def _ready() -> bool:
    return True


class ProcessPool:
    def __init__(self, processes: int) -> None:
        self.processes = processes
        self.executor: ProcessPoolExecutor | None = None

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Self:
        pool = cls(crawler.settings.getint("NEWSCRAWL_CPU_PROCESSES"))
        crawler.signals.connect(pool.engine_started, signal=signals.engine_started)
        crawler.signals.connect(pool.engine_stopped, signal=signals.engine_stopped)
        return pool

    def engine_started(self) -> None:
        # run() awaits the children's futures on the asyncio loop.
        if self.processes > 0 and is_asyncio_reactor_installed():
            self.start()

    def start(self) -> None:
        # spawn, not fork: this process runs threads and an event loop, which a forked child
        # would inherit in whatever state they were.
        self.executor = ProcessPoolExecutor(
            self.processes, mp_context=multiprocessing.get_context("spawn")
        )
        for _ in range(self.processes):  # start the children now, not at the first item
            self.executor.submit(_ready)

    def engine_stopped(self) -> None:
        if self.executor is not None:
            self.executor.shutdown(wait=True)
            self.executor = None

    async def run(self, function: Callable[..., T], *args: Any) -> T:
        """``function(*args)`` in a child process (in place when the pool is off)."""
        if self.executor is None:
            return function(*args)
        return await asyncio.wrap_future(self.executor.submit(function, *args))


def crawl_pool(crawler: Crawler) -> ProcessPool:
    """The crawl's pool; an inert one (functions run in place) when the extension is off."""
    return crawler.get_extension(ProcessPool) or ProcessPool(0)
