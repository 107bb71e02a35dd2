"""scrapy-redis's scheduler and duplicate filter, adapted to current Scrapy.

Loaded only in distributed mode (see ``newscrawl.distributed``, which explains the design).
"""

from __future__ import annotations

import logging
import os
import socket
import uuid
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Self

from redis import Redis
from redis.client import Pipeline
from scrapy import Request, Spider, signals
from scrapy.exceptions import DontCloseSpider, NotConfigured
from scrapy.utils.misc import load_object
from scrapy_redis import connection
from scrapy_redis.dupefilter import RFPDupeFilter
from scrapy_redis.scheduler import Scheduler
from twisted.internet import task

if TYPE_CHECKING:
    from scrapy.crawler import Crawler
    from scrapy.statscollectors import StatsCollector
    from scrapy.utils.request import RequestFingerprinterProtocol

logger = logging.getLogger(__name__)

START_CLAIMED_META = "newscrawl_start_claimed"
BUSY, IDLE = "busy", "idle"


class RedisDupeFilter(RFPDupeFilter):
    """scrapy-redis's shared set of seen requests, keyed by Scrapy's request fingerprints.

    Using the crawler's fingerprinter means the same requests count as duplicates in distributed
    and single-process mode (scrapy-redis hashes requests its own way). Every write refreshes the
    key's expiry, so an abandoned crawl's set disappears ``ttl`` seconds after its last activity.
    """

    def __init__(
        self,
        server: Redis,
        key: str,
        *,
        fingerprinter: RequestFingerprinterProtocol,
        ttl: int,
        stats: StatsCollector | None = None,
        debug: bool = False,
    ) -> None:
        super().__init__(server, key, debug=debug)
        self.fingerprinter = fingerprinter
        self.ttl = ttl
        self.stats = stats

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Self:
        settings = crawler.settings
        assert crawler.spider is not None, "the duplicate filter's key names the spider"
        return cls(
            connection.get_redis_from_settings(settings),
            settings["SCHEDULER_DUPEFILTER_KEY"] % {"spider": crawler.spider.name},
            fingerprinter=crawler.request_fingerprinter,
            ttl=settings.getint("NEWSCRAWL_REDIS_TTL", 24 * 3600),
            stats=crawler.stats,
            debug=settings.getbool("DUPEFILTER_DEBUG"),
        )

    @classmethod
    def from_spider(cls, spider: Spider) -> Self:
        return cls.from_crawler(spider.crawler)

    def request_fingerprint(self, request: Request) -> str:
        return self.fingerprinter.fingerprint(request).hex()

    def request_seen(self, request: Request) -> bool:
        pipe = self.server.pipeline(transaction=False)
        pipe.sadd(self.key, self.request_fingerprint(request))
        pipe.expire(self.key, self.ttl)
        added, _ = pipe.execute()
        return added == 0

    def log(self, request: Request, spider: Spider) -> None:
        if self.stats is not None:
            self.stats.inc_value("dupefilter/filtered")
        super().log(request, spider)


@dataclass(frozen=True, slots=True)
class CrawlKeys:
    """The Redis keys of one spider's distributed crawl."""

    requests: str  # scrapy-redis priority queue (sorted set)
    dupefilter: str  # scrapy-redis fingerprint set
    workers: str  # hash: worker id -> "busy|idle <redis time>"
    activity: str  # counter bumped on every dequeue, to tell a quiet queue from a drained one

    @classmethod
    def for_spider(cls, base: str, spider_name: str) -> CrawlKeys:
        base = base % {"spider": spider_name}
        return cls(
            requests=f"{base}:requests",
            dupefilter=f"{base}:dupefilter",
            workers=f"{base}:workers",
            activity=f"{base}:activity",
        )

    @property
    def all(self) -> tuple[str, ...]:
        return (self.requests, self.dupefilter, self.workers, self.activity)


class RedisScheduler(Scheduler):
    """scrapy-redis's scheduler, made to start, share and stop cleanly on current Scrapy.

    Workers register in a Redis hash with their state and a heartbeat (Redis server time, so
    clocks on different machines do not matter). A worker whose heartbeat is older than
    ``NEWSCRAWL_REDIS_WORKER_TIMEOUT`` seconds is taken for dead and no longer holds others up.
    """

    def __init__(self, server: Redis, crawler: Crawler, **kwargs: Any) -> None:
        super().__init__(server, **kwargs)
        self.crawler = crawler
        settings = crawler.settings
        self.stats = crawler.stats
        self.key_base: str = settings["NEWSCRAWL_REDIS_KEY"]
        self.scoped = bool(settings.get("NEWSCRAWL_CRAWL_ID"))
        self.ttl = settings.getint("NEWSCRAWL_REDIS_TTL", 24 * 3600)
        self.worker_timeout = settings.getfloat("NEWSCRAWL_REDIS_WORKER_TIMEOUT", 60.0)
        # Scrapy pulls requests until its downloader is full (CONCURRENT_REQUESTS), and most of
        # them then wait in a per-site slot for DOWNLOAD_DELAY. Shared work must stay in Redis
        # until a worker can really start it, or the first worker hoards the whole queue.
        self.prefetch = settings.getint(
            "NEWSCRAWL_REDIS_PREFETCH", settings.getint("CONCURRENT_REQUESTS_PER_DOMAIN")
        )
        self.worker_id = f"{socket.gethostname()}:{os.getpid()}:{uuid.uuid4().hex[:8]}"
        self.keys: CrawlKeys | None = None
        self._state = BUSY
        self._drained_at_activity: int | None = None
        self._heartbeat: task.LoopingCall | None = None

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Self:
        settings = crawler.settings
        if not settings.get("NEWSCRAWL_REDIS_KEY"):
            raise NotConfigured(f"{cls.__name__} is enabled by newscrawl.distributed's add-on")
        server = connection.get_redis_from_settings(settings)
        server.ping()  # fail at start, not on the first request
        serializer = settings.get("SCHEDULER_SERIALIZER")
        scheduler = cls(
            server,
            crawler,
            persist=True,  # other workers still use the queue; cleanup is in close()
            queue_key=settings["SCHEDULER_QUEUE_KEY"],
            queue_cls=settings["SCHEDULER_QUEUE_CLASS"],
            dupefilter_key=settings["SCHEDULER_DUPEFILTER_KEY"],
            dupefilter_cls=settings["DUPEFILTER_CLASS"],
            serializer=load_object(serializer) if serializer else None,
        )
        crawler.signals.connect(scheduler.spider_idle, signal=signals.spider_idle)
        return scheduler

    # -- life cycle --------------------------------------------------------------------------

    def open(self, spider: Spider) -> None:
        self.keys = CrawlKeys.for_spider(self.key_base, spider.name)
        self.df = load_object(self.dupefilter_cls).from_crawler(self.crawler)
        new_crawl = self.server.transaction(
            self._join_crawl, self.keys.workers, value_from_callable=True
        )
        # scrapy-redis's open() does the same, but logs through the deprecated Spider.log().
        self.spider = spider
        self.queue = load_object(self.queue_cls)(
            server=self.server,
            spider=spider,
            key=self.keys.requests,
            serializer=self.serializer,
        )
        logger.info(
            "distributed crawl %s: worker %s %s (queue %s, %d requests waiting)",
            self.key_base % {"spider": spider.name},
            self.worker_id,
            "started a new crawl" if new_crawl else "joined",
            self.keys.requests,
            len(self.queue),
        )
        heartbeat_interval = max(self.worker_timeout / 4, 0.5)
        self._heartbeat = task.LoopingCall(self._beat)
        self._heartbeat.start(heartbeat_interval, now=False)

    def _join_crawl(self, pipe: Pipeline) -> bool:
        """Register this worker; reset the crawl's keys when it is the first live one.

        Runs under WATCH on the workers hash, so of two workers starting together only one sees
        an empty crawl and resets it; the other's transaction is retried and then joins.
        """
        assert self.keys is not None
        now = self._now(pipe)
        live = self._live_workers(pipe.hgetall(self.keys.workers), now)
        new_crawl = not live and not self.scoped
        pipe.multi()
        if new_crawl:
            # Leftovers of a crawl whose workers all died: start over rather than resume, so that
            # the pages a dead worker had taken off the queue are not lost to the filter.
            pipe.delete(*self.keys.all)
        pipe.hset(self.keys.workers, self.worker_id, f"{BUSY} {now}")
        self._expire_all(pipe)
        return new_crawl

    def close(self, reason: str) -> None:
        if self._heartbeat is not None and self._heartbeat.running:
            self._heartbeat.stop()
        if self.keys is None:
            return
        last = self.server.transaction(
            self._leave_crawl, self.keys.workers, value_from_callable=True
        )
        if not last:
            outcome = "others still at work"
        elif self.scoped:
            outcome = "the last one; the crawl's keys expire on their own"
        else:
            outcome = "the last one; the crawl's keys were deleted"
        logger.info("distributed crawl: worker %s left (%s), %s", self.worker_id, reason, outcome)

    def _leave_crawl(self, pipe: Pipeline) -> bool:
        assert self.keys is not None
        now = self._now(pipe)
        others = self._live_workers(pipe.hgetall(self.keys.workers), now)
        others.pop(self.worker_id, None)
        pipe.multi()
        if not others and not self.scoped:
            pipe.delete(*self.keys.all)
        else:
            pipe.hdel(self.keys.workers, self.worker_id)
        return not others

    # -- requests ----------------------------------------------------------------------------

    def enqueue_request(self, request: Request) -> bool:
        # Start requests arrive once from every worker. The first copy claims the URL for the
        # crawl (marked, so its retries and redirects pass like any dont_filter request);
        # the others are duplicates even when the spider set dont_filter.
        claim_start = (
            request.dont_filter
            and request.meta.get("is_start_request")
            and not request.meta.get(START_CLAIMED_META)
        )
        if (not request.dont_filter or claim_start) and self.df.request_seen(request):
            self.df.log(request, self.spider)
            return False
        if claim_start:
            request.meta[START_CLAIMED_META] = True
        self.queue.push(request)
        self.stats.inc_value("scheduler/enqueued/redis")
        return True

    def next_request(self) -> Request | None:
        engine = self.crawler.engine
        if self.prefetch and engine is not None and len(engine.downloader.active) >= self.prefetch:
            return None  # the engine asks again when a download finishes
        request = self.queue.pop()
        if request is None:
            return None
        assert self.keys is not None
        # Busy before the request leaves Redis' sight: another worker that finds the queue
        # empty must know that this one may still add to it.
        pipe = self.server.pipeline(transaction=False)
        pipe.incr(self.keys.activity)
        if self._state != BUSY:
            self._state = BUSY
            pipe.hset(self.keys.workers, self.worker_id, f"{BUSY} {self._now(self.server)}")
        pipe.execute()
        self.stats.inc_value("scheduler/dequeued/redis")
        return request

    # -- the end of a crawl ------------------------------------------------------------------

    def spider_idle(self, spider: Spider) -> None:
        """Keep the worker open until the whole crawl, not only this worker, has drained.

        Drained: the shared queue is empty, every live worker is idle, and nothing was taken
        off the queue since this worker's previous idle check (Scrapy re-checks an idle spider
        every few seconds), which covers a worker caught between taking a request and saying
        it is busy.
        """
        assert self.keys is not None
        self._state = IDLE
        now = self._now(self.server)
        pipe = self.server.pipeline(transaction=False)
        pipe.hset(self.keys.workers, self.worker_id, f"{IDLE} {now}")
        pipe.zcard(self.keys.requests)
        pipe.hgetall(self.keys.workers)
        pipe.get(self.keys.activity)
        _, waiting, workers, activity_raw = pipe.execute()
        activity = int(activity_raw or 0)
        busy = [
            worker
            for worker, state in self._live_workers(workers, now).items()
            if state == BUSY and worker != self.worker_id
        ]
        if waiting or busy:
            self._drained_at_activity = None
            raise DontCloseSpider
        if self._drained_at_activity != activity:
            self._drained_at_activity = activity
            raise DontCloseSpider
        logger.info("distributed crawl drained: queue empty and no worker busy")

    # -- helpers -----------------------------------------------------------------------------

    def _beat(self) -> None:
        assert self.keys is not None
        pipe = self.server.pipeline(transaction=False)
        pipe.hset(self.keys.workers, self.worker_id, f"{self._state} {self._now(self.server)}")
        self._expire_all(pipe)
        pipe.execute()

    def _expire_all(self, pipe: Pipeline) -> None:
        assert self.keys is not None
        for key in self.keys.all:
            pipe.expire(key, self.ttl)

    @staticmethod
    def _now(server: Redis | Pipeline) -> float:
        seconds, microseconds = server.time()
        return seconds + microseconds / 1e6

    def _live_workers(self, workers: dict[bytes, bytes], now: float) -> dict[str, str]:
        """Worker id -> state, for the workers whose heartbeat is recent enough."""
        live: dict[str, str] = {}
        for worker, value in workers.items():
            state, _, beat = value.decode().partition(" ")
            if now - float(beat) < self.worker_timeout:
                live[worker.decode()] = state
        return live
