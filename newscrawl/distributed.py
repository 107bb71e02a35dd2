"""Distributed crawling: any number of workers share one scrapy-redis queue and duplicate filter.

Enabled by ``NEWSCRAWL_REDIS_URL`` (a setting or the environment variable). Every
``scrapy crawl <key>`` (or ``scrapy crawl site -a start_url=…``) process pointed at the same Redis
then takes its requests from one shared queue, and a URL seen by any worker is not fetched again
by another. The queue, the duplicate filter and their Redis formats are scrapy-redis's own; this
module adds what scrapy-redis 0.9.1 lacks on current Scrapy:

- start requests: spiders keep ``async def start()`` (scrapy-redis's ``RedisSpider`` only starts
  from its ``spider_idle`` handler, and Scrapy >= 2.13 no longer calls its ``start_requests``).
  Every worker yields the same start requests; the first copy of each enters the queue and the
  others are dropped, even those marked ``dont_filter``.
- an end: a worker stops once the shared queue is empty and no live worker has a request in
  flight (one could still add requests), instead of idling forever or stopping while the others
  are busy.
- per-crawl keys: without ``NEWSCRAWL_CRAWL_ID`` the first worker of a crawl starts from an empty
  queue and filter and the last one out deletes them, so the next scheduled crawl revisits every
  page; with it, the keys belong to that crawl and expire ``NEWSCRAWL_REDIS_TTL`` seconds after its
  last activity, so a worker started late or restarted joins (or resumes) the same crawl.
- no deprecated Scrapy API (stats calls without a ``spider`` argument, Scrapy's request
  fingerprinter instead of scrapy-redis's own hash).
"""

from __future__ import annotations

import os
from importlib.util import find_spec
from urllib.parse import urlsplit, urlunsplit

from scrapy.exceptions import NotConfigured
from scrapy.settings import BaseSettings

REDIS_URL_SETTING = "NEWSCRAWL_REDIS_URL"
# The scheduler and duplicate filter live in their own module so that this add-on, enabled in
# every crawl, imports nothing from redis or scrapy-redis (the optional ``redis`` extra).
SCHEDULER_MODULE = "newscrawl.redis_scheduler"
MISSING_EXTRA = (
    f'{REDIS_URL_SETTING} is set but scrapy-redis is not installed: pip install "newscrawl[redis]"'
)


def redis_url_from(settings: BaseSettings) -> str | None:
    """The Redis URL of distributed mode: the setting, else the environment, else None."""
    return settings.get(REDIS_URL_SETTING) or os.environ.get(REDIS_URL_SETTING) or None


class DistributedAddon:
    """Scrapy add-on that switches the scheduler to Redis when ``NEWSCRAWL_REDIS_URL`` is set.

    Enabled in ``newscrawl/settings.py`` with ``ADDONS = {"newscrawl.distributed.DistributedAddon":
    100}``; without a Redis URL it changes nothing and the crawl runs on Scrapy's own scheduler.
    """

    def update_settings(self, settings: BaseSettings) -> None:
        redis_url = redis_url_from(settings)
        if not redis_url:
            raise NotConfigured  # no message: single-process mode is the normal case
        if find_spec("scrapy_redis") is None:
            raise RuntimeError(MISSING_EXTRA)
        prefix = settings.get("NEWSCRAWL_REDIS_PREFIX") or "newscrawl"
        crawl_id = settings.get("NEWSCRAWL_CRAWL_ID") or os.environ.get("NEWSCRAWL_CRAWL_ID")
        # `%(spider)s` is filled in by scrapy-redis when the spider opens.
        base = f"{prefix}:%(spider)s" + (f":{crawl_id}" if crawl_id else "")
        for name, value in {
            "REDIS_URL": redis_url,
            "SCHEDULER": f"{SCHEDULER_MODULE}.RedisScheduler",
            "DUPEFILTER_CLASS": f"{SCHEDULER_MODULE}.RedisDupeFilter",
            "SCHEDULER_QUEUE_CLASS": "scrapy_redis.queue.PriorityQueue",
            "SCHEDULER_QUEUE_KEY": f"{base}:requests",
            "SCHEDULER_DUPEFILTER_KEY": f"{base}:dupefilter",
            "NEWSCRAWL_REDIS_KEY": base,
            "NEWSCRAWL_CRAWL_ID": crawl_id or "",
        }.items():
            settings.set(name, value, priority="addon")


def redis_problem(settings: BaseSettings) -> str | None:
    """Why distributed mode cannot start (Redis unreachable, scrapy-redis missing), or None.

    Checked by the crawl commands before any crawler starts: inside a crawl the failure only
    shows as scrapy-redis's connection traceback followed by Scrapy's "Engine slot not
    assigned".
    """
    redis_url = redis_url_from(settings)
    if not redis_url:
        return None
    if find_spec("scrapy_redis") is None:
        return MISSING_EXTRA
    import redis

    client = redis.Redis.from_url(redis_url, socket_connect_timeout=5, socket_timeout=5)
    try:
        client.ping()
    except redis.RedisError as error:
        return (
            f"cannot reach Redis at {redact_redis(redis_url)} ({error}): start it, or unset "
            f"{REDIS_URL_SETTING} to crawl without distributed mode"
        )
    finally:
        client.close()
    return None


def redact_redis(url: str) -> str:
    """A Redis URL without its password."""
    parts = urlsplit(url)
    if parts.password is None:
        return url
    host = parts.hostname or ""
    netloc = f"{parts.username or ''}:***@{host}" + (f":{parts.port}" if parts.port else "")
    return urlunsplit(parts._replace(netloc=netloc))
