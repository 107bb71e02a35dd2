"""A crawl's pool of child processes for the pure CPU work of spiders and pipelines.

Scrapy runs a crawl in one process: extraction, cleaning, MinHash and fact extraction (pure
functions of a page's bytes or of an item's text: ``pipelines.extraction``, ``pipelines.parse``)
share one interpreter lock with the downloader, so on a crawl that fetches faster than it can
parse they take their time from fetching. This extension runs them in
``NEWSCRAWL_CPU_PROCESSES`` child processes instead; spiders and pipelines fetch it with
``crawl_pool(crawler)`` and ``await pool.run(function, *args)``. With 0 processes, or without
Scrapy's asyncio reactor, ``run`` calls the function in place: same results, one CPU.

Why not ``concurrent.futures.ProcessPoolExecutor``: it hands every call to a feeder thread and
every result to a manager thread, and those hand-offs under the interpreter lock cost the
crawling process more CPU than the calls they move (measured in docs/benchmarks.md). Here each
child has one socket to the crawling process, read and written by the asyncio event loop
itself: a call is one pickled frame out, its result one frame back, and no thread is involved.
The frames are ``multiprocessing.connection``'s (a 4-byte length, then the pickle), so the child
side is a plain ``Connection`` loop.

The arguments and results travel pickled: callers send what the function reads (the body, a
text, a list of paragraphs), and functions must be importable by name.
"""

from __future__ import annotations

import asyncio
import itertools
import logging
import multiprocessing
import os
import pickle
import socket
import struct
from collections.abc import Callable
from multiprocessing.process import BaseProcess
from typing import Any, Self, TypeVar

from scrapy import signals
from scrapy.crawler import Crawler
from scrapy.utils.reactor import is_asyncio_reactor_installed

from newscrawl.pool_child import call_bounded, serve

T = TypeVar("T")
logger = logging.getLogger(__name__)

_LENGTH = struct.Struct("!i")
_LONG_LENGTH = struct.Struct("!Q")


class ChildProcessLost(RuntimeError):
    """A pool child ended while calls to it were under way."""


class _ChildChannel(asyncio.Protocol):
    """The crawling process's end of one child's socket."""

    def __init__(self, process: BaseProcess) -> None:
        self.process = process
        self.transport: asyncio.Transport | None = None
        self.buffer = bytearray()
        self.pending: dict[int, asyncio.Future[Any]] = {}
        self.replacement: asyncio.Future[_ChildChannel] | None = None  # once it has ended

    def connection_made(self, transport: asyncio.BaseTransport) -> None:
        assert isinstance(transport, asyncio.Transport)
        self.transport = transport

    def call(
        self,
        call_id: int,
        function: Callable[..., Any],
        args: tuple[Any, ...],
        kwargs: dict[str, Any],
    ) -> Any:
        assert self.transport is not None
        future = asyncio.get_running_loop().create_future()
        message = (call_id, function, args, kwargs)
        payload = pickle.dumps(message, protocol=pickle.HIGHEST_PROTOCOL)
        if len(payload) <= 0x7FFFFFFF:
            header = _LENGTH.pack(len(payload))
        else:
            header = _LENGTH.pack(-1) + _LONG_LENGTH.pack(len(payload))
        self.pending[call_id] = future
        self.transport.writelines((header, payload))
        return future

    def data_received(self, data: bytes) -> None:
        self.buffer += data
        while len(self.buffer) >= _LENGTH.size:
            size = _LENGTH.unpack_from(self.buffer)[0]
            start = _LENGTH.size
            if size == -1:
                if len(self.buffer) < start + _LONG_LENGTH.size:
                    return
                size = _LONG_LENGTH.unpack_from(self.buffer, start)[0]
                start += _LONG_LENGTH.size
            end = start + size
            if len(self.buffer) < end:
                return
            call_id, ok, value = pickle.loads(bytes(self.buffer[start:end]))
            del self.buffer[:end]
            future = self.pending.pop(call_id)
            if future.done():  # cancelled by its caller
                continue
            if ok:
                future.set_result(value)
            else:
                future.set_exception(value)

    def connection_lost(self, exc: Exception | None) -> None:
        self.transport = None
        for future in self.pending.values():
            if not future.done():
                future.set_exception(
                    ChildProcessLost(f"pool child {self.process.pid} ended (exit code "
                                     f"{self.process.exitcode})")
                )  # fmt: skip
        self.pending.clear()


class ProcessPool:
    def __init__(self, processes: int, name: str = "cpu", cpu_seconds: float | None = None) -> None:
        self.processes = processes
        self.name = name
        self.cpu_seconds = cpu_seconds or None  # per call; None: unbounded
        self.usable = False  # decided when the engine starts
        self.channels: list[_ChildChannel] = []
        self._started: asyncio.Future[None] | None = None
        self._call_ids = itertools.count()

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Self:
        settings = crawler.settings
        pool = cls(
            settings.getint("NEWSCRAWL_CPU_PROCESSES"),
            cpu_seconds=settings.getfloat("NEWSCRAWL_PAGE_CPU_SECONDS"),
        )
        crawler.signals.connect(pool.engine_started, signal=signals.engine_started)
        crawler.signals.connect(pool.engine_stopped, signal=signals.engine_stopped)
        return pool

    def engine_started(self) -> None:
        # The children's sockets are read by the asyncio event loop.
        self.usable = self.processes > 0 and is_asyncio_reactor_installed()

    async def run(self, function: Callable[..., T], *args: Any, **kwargs: Any) -> T:
        """``function(*args, **kwargs)`` in a child process (in place when the pool is off)."""
        if not self.usable:
            return call_bounded(function, args, kwargs, self.cpu_seconds)
        if self._started is None:
            # At the first call, not at engine start: a crawl that never calls needs no child.
            self._started = asyncio.ensure_future(self._start())
        await self._started
        channel = min(self.channels, key=lambda channel: len(channel.pending))
        if channel.transport is None:
            channel = await self._replace(channel)
        return await channel.call(next(self._call_ids), function, args, kwargs)

    async def _start(self) -> None:
        for number in range(self.processes):
            self.channels.append(await self._spawn(number))

    async def _spawn(self, number: int) -> _ChildChannel:
        # spawn, not fork: this process runs threads and an event loop, which a forked child
        # would inherit in whatever state they were.
        context = multiprocessing.get_context("spawn")
        ours, theirs = context.Pipe(duplex=True)  # a Unix socket pair
        process = context.Process(
            target=serve,
            args=(theirs, self.cpu_seconds),
            name=f"newscrawl-{self.name}-{number}",
            daemon=True,
        )
        process.start()
        theirs.close()
        sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM, fileno=os.dup(ours.fileno()))
        ours.close()
        channel = _ChildChannel(process)
        await asyncio.get_running_loop().create_connection(lambda: channel, sock=sock)
        return channel

    async def _replace(self, dead: _ChildChannel) -> _ChildChannel:
        """A new child in place of one that ended (killed, out of memory): the calls it had
        failed with ChildProcessLost, the crawl goes on with the next ones."""
        if dead.replacement is None:
            dead.process.join(0)
            logger.warning(
                "pool child %s ended (exit code %s): starting another",
                dead.process.pid,
                dead.process.exitcode,
            )
            dead.replacement = asyncio.ensure_future(self._spawn(self.channels.index(dead)))
            replacement = await dead.replacement
            self.channels[self.channels.index(dead)] = replacement
            return replacement
        return await dead.replacement

    def engine_stopped(self) -> None:
        # Every item has been processed: the children have nothing left to do.
        self.close()

    def close(self) -> None:
        """Stop the children (calls still under way fail with ChildProcessLost)."""
        for channel in self.channels:
            channel.process.terminate()
        for channel in self.channels:
            channel.process.join(10)
            if channel.transport is not None:
                channel.transport.abort()
        self.channels.clear()
        self._started = None
        self.usable = False


def crawl_pool(crawler: Crawler) -> ProcessPool:
    """The crawl's pool; an inert one (functions run in place) when the extension is off."""
    return crawler.get_extension(ProcessPool) or ProcessPool(0)
