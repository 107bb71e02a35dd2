"""Distributed mode on a synthetic site: the scheduler and duplicate filter alone, real Redis.

Two ``scrapy runspider`` processes crawl a local link graph through one Redis queue. Each page
must be fetched exactly once across both, both must share the work and stop by themselves, and
no deprecation warning may appear. The registry spiders, the sample web and PostgreSQL are
covered by ``test_distributed.py``; this file isolates the Scrapy/scrapy-redis integration.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import threading
import time
from collections import Counter
from collections.abc import Iterator
from http.server import ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest
from scrapy import Spider
from scrapy.http import Response
from scrapy.settings import Settings
from scrapy.statscollectors import MemoryStatsCollector

from newscrawl.distributed import DistributedAddon
from newscrawl.samples.server import in_thread
from tests.support.http import HtmlHandler

REPO_ROOT = Path(__file__).resolve().parents[1]
LISTS = 6
ARTICLES_PER_LIST = 12
PAGES = 1 + LISTS + LISTS * ARTICLES_PER_LIST
ADDONS = json.dumps({"newscrawl.distributed.DistributedAddon": 100})


class LinkSpider(Spider):
    """Follows every link; run by the worker processes through ``scrapy runspider``."""

    name = "distributed_links"

    def __init__(self, start_url: str = "", **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.start_urls = [start_url]  # the default start() sends them with dont_filter=True

    def parse(self, response: Response) -> Iterator[Any]:
        yield {"url": response.url, "pid": os.getpid()}
        yield from response.follow_all(css="a")


class GraphHandler(HtmlHandler):
    """A small news site: the root lists LISTS list pages, each lists its articles and links
    back to the root and to the other lists (many duplicate links, as on real sites)."""

    served: list[str]
    lock: threading.Lock

    def do_GET(self) -> None:
        with self.lock:
            self.served.append(self.path)
        kind, _, number = self.path.strip("/").partition("/")
        if self.path == "/":
            targets = [f"/list/{i}" for i in range(LISTS)]
        elif kind == "list" and int(number) < LISTS:
            first = int(number) * ARTICLES_PER_LIST
            articles = range(first, first + ARTICLES_PER_LIST)
            targets = [
                "/",
                *(f"/list/{i}" for i in range(LISTS)),
                *(f"/article/{a}" for a in articles),
            ]
        elif kind == "article" and int(number) < LISTS * ARTICLES_PER_LIST:
            targets = ["/", f"/list/{int(number) // ARTICLES_PER_LIST}"]
        else:
            self.send_error(404)
            return
        links = "".join(f'<a href="{target}">{target}</a>' for target in targets)
        time.sleep(0.2)  # slow enough that both workers get a share
        body = f"<html><body><p>{self.path}</p>{links}</body></html>".encode()
        self.send_html(body)


@pytest.fixture
def graph_site() -> Iterator[tuple[str, list[str]]]:
    served: list[str] = []
    handler = type("Handler", (GraphHandler,), {"served": served, "lock": threading.Lock()})
    with in_thread(ThreadingHTTPServer(("127.0.0.1", 0), handler)) as server:
        yield f"http://127.0.0.1:{server.server_address[1]}/", served


def test_addon_is_inert_without_a_redis_url(monkeypatch: pytest.MonkeyPatch) -> None:
    from scrapy.exceptions import NotConfigured

    monkeypatch.delenv("NEWSCRAWL_REDIS_URL", raising=False)
    settings = Settings()
    with pytest.raises(NotConfigured):
        DistributedAddon().update_settings(settings)
    assert settings["SCHEDULER"] == "scrapy.core.scheduler.Scheduler"


def test_addon_scopes_keys_per_crawl_id(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NEWSCRAWL_REDIS_URL", "redis://127.0.0.1:6379/15")
    settings = Settings({"NEWSCRAWL_CRAWL_ID": "2024050110"})
    DistributedAddon().update_settings(settings)
    assert settings["SCHEDULER"] == "newscrawl.redis_scheduler.RedisScheduler"
    assert settings["REDIS_URL"] == "redis://127.0.0.1:6379/15"
    assert settings["SCHEDULER_QUEUE_KEY"] == "newscrawl:%(spider)s:2024050110:requests"
    assert settings["SCHEDULER_DUPEFILTER_KEY"] == "newscrawl:%(spider)s:2024050110:dupefilter"
    # A project setting outranks the add-on (priority "project" > "addon").
    settings = Settings()
    settings.set("SCHEDULER", "my.Scheduler", priority="project")
    DistributedAddon().update_settings(settings)
    assert settings["SCHEDULER"] == "my.Scheduler"


def run_workers(
    count: int, start_url: str, redis_url: str, prefix: str, tmp_path: Path, *extra: str
) -> list[tuple[subprocess.CompletedProcess[str], list[dict[str, Any]], dict[str, Any]]]:
    """Start ``count`` workers together, wait for all, return (process, items, stats) each."""
    env = {
        **os.environ,
        "PYTHONPATH": str(REPO_ROOT),
    }
    env.pop("NEWSCRAWL_REDIS_URL", None)
    workers = []
    for i in range(count):
        out = tmp_path / f"worker{i}.jsonl"
        stats = tmp_path / f"worker{i}.stats.json"
        command = [
            sys.executable,
            "-m",
            "scrapy",
            "runspider",
            __file__,
            "-a",
            f"start_url={start_url}",
            "-o",
            f"{out}:jsonlines",
            "-s",
            f"ADDONS={ADDONS}",
            "-s",
            f"NEWSCRAWL_REDIS_URL={redis_url}",
            "-s",
            f"NEWSCRAWL_REDIS_PREFIX={prefix}",
            "-s",
            "NEWSCRAWL_REDIS_WORKER_TIMEOUT=20",
            "-s",
            "CONCURRENT_REQUESTS=2",
            "-s",
            "LOG_LEVEL=INFO",
            "-s",
            f"STATS_CLASS={__name__}.JsonFileStats",
            "-s",
            f"STATS_FILE={stats}",
            *extra,
        ]
        # Outside the project directory: the bare Scrapy defaults plus the add-on.
        process = subprocess.Popen(
            command,
            cwd=tmp_path,
            env=env,
            text=True,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
        )
        workers.append((process, out, stats))
    results = []
    for process, out, stats in workers:
        stdout, stderr = process.communicate(timeout=180)
        done = subprocess.CompletedProcess(process.args, process.returncode, stdout, stderr)
        items = [json.loads(line) for line in out.read_text().splitlines()] if out.exists() else []
        results.append((done, items, json.loads(stats.read_text()) if stats.exists() else {}))
    return results


class JsonFileStats(MemoryStatsCollector):
    """Scrapy's memory stats that also writes the final stats to the ``STATS_FILE`` setting."""

    def _persist_stats(self, stats: dict[str, Any]) -> None:
        super()._persist_stats(stats)
        Path(self._crawler.settings["STATS_FILE"]).write_text(json.dumps(stats, default=str))


def test_two_workers_fetch_every_page_once_and_stop(
    graph_site: tuple[str, list[str]], redis_url: str, redis_prefix: str, tmp_path: Path
) -> None:
    start_url, served = graph_site
    started = time.monotonic()
    results = run_workers(2, start_url, redis_url, redis_prefix, tmp_path)
    elapsed = time.monotonic() - started

    for done, _, _ in results:
        assert done.returncode == 0, done.stderr[-3000:]
        assert "Deprecat" not in done.stderr, done.stderr[-3000:]
        assert "distributed crawl drained" in done.stderr

    pages = Counter(path for path in served if path != "/robots.txt")
    assert len(pages) == PAGES
    assert max(pages.values()) == 1, [p for p, c in pages.items() if c > 1]
    per_worker = [len(items) for _, items, _ in results]
    assert sum(per_worker) == PAGES
    assert min(per_worker) > 0, f"one worker did all the work: {per_worker}"
    dequeued = [stats.get("scheduler/dequeued/redis", 0) for _, _, stats in results]
    assert sum(dequeued) == PAGES
    assert all(stats.get("finish_reason") == "finished" for _, _, stats in results)
    assert elapsed < 120

    # The last worker out deleted the crawl's keys: the next crawl starts afresh (revisits).
    import redis

    assert not list(redis.Redis.from_url(redis_url).scan_iter(f"{redis_prefix}:*"))
    served.clear()
    again = tmp_path / "again"
    again.mkdir()
    ((done, items, _),) = run_workers(1, start_url, redis_url, redis_prefix, again)
    assert done.returncode == 0, done.stderr[-3000:]
    assert len(items) == PAGES


def test_crawl_id_keys_outlive_the_crawl_so_a_late_worker_does_not_repeat_it(
    graph_site: tuple[str, list[str]], redis_url: str, redis_prefix: str, tmp_path: Path
) -> None:
    import redis

    start_url, served = graph_site
    crawl = ("-s", "NEWSCRAWL_CRAWL_ID=run1", "-s", "NEWSCRAWL_REDIS_TTL=300")
    ((first, items, _),) = run_workers(1, start_url, redis_url, redis_prefix, tmp_path, *crawl)
    assert first.returncode == 0, first.stderr[-3000:]
    assert len(items) == PAGES
    client = redis.Redis.from_url(redis_url)
    dupefilter = f"{redis_prefix}:{LinkSpider.name}:run1:dupefilter"
    assert client.scard(dupefilter) == PAGES
    assert 0 < client.ttl(dupefilter) <= 300

    served.clear()
    late_dir = tmp_path / "late"
    late_dir.mkdir()
    ((late, late_items, _),) = run_workers(1, start_url, redis_url, redis_prefix, late_dir, *crawl)
    assert late.returncode == 0, late.stderr[-3000:]
    assert late_items == []
    assert not [path for path in served if path != "/robots.txt"]


def test_a_restarted_worker_resumes_a_scoped_crawl(
    graph_site: tuple[str, list[str]], redis_url: str, redis_prefix: str, tmp_path: Path
) -> None:
    start_url, served = graph_site
    crawl = ("-s", "NEWSCRAWL_CRAWL_ID=resume", "-s", "NEWSCRAWL_REDIS_TTL=300")
    first_dir, second_dir = tmp_path / "first", tmp_path / "second"
    first_dir.mkdir()
    second_dir.mkdir()
    # The first worker stops early, as if it had been stopped: the queue keeps the rest.
    ((first, first_items, _),) = run_workers(
        1, start_url, redis_url, redis_prefix, first_dir, *crawl, "-s", "CLOSESPIDER_PAGECOUNT=10"
    )
    assert first.returncode == 0, first.stderr[-3000:]
    ((second, second_items, _),) = run_workers(
        1, start_url, redis_url, redis_prefix, second_dir, *crawl
    )
    assert second.returncode == 0, second.stderr[-3000:]
    assert "Deprecat" not in second.stderr, second.stderr[-3000:]
    waiting = [line for line in second.stderr.splitlines() if "requests waiting" in line]
    assert waiting and " 0 requests waiting" not in waiting[0], waiting
    assert second_items, "the second worker took over the waiting requests"
    pages = Counter(path for path in served if path != "/robots.txt")
    assert max(pages.values()) == 1
    fetched = {item["url"] for item in first_items + second_items}
    assert len(fetched) == len(first_items) + len(second_items)
