"""Two ``scrapy crawl <key>`` workers, one Redis queue, one PostgreSQL archive, the sample web.

Real services only: the sample web in a thread, Redis (a key prefix of the test's own, deleted
afterwards) and a fresh PostgreSQL database. Under CI=true a missing service fails the test.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import urllib.request
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import func, select

from archive.models import Article, ArticleVersion, CrawlRun
from archive.store import Archive
from newscrawl.samples.server import SampleServer, serving

REPO_ROOT = Path(__file__).resolve().parents[1]
SPIDER = "qdrb"  # the largest registry source in the sample web (14 pages, 7 articles)

pytestmark = [pytest.mark.pg, pytest.mark.redis, pytest.mark.slow]


@pytest.fixture
def sample_web() -> Iterator[SampleServer]:
    with serving() as server:
        yield server


def served_log(server: SampleServer) -> list[dict[str, Any]]:
    url = f"http://127.0.0.1:{server.port}/__samples__/log"
    with urllib.request.urlopen(url, timeout=10) as reply:
        return json.loads(reply.read())


def test_two_workers_share_one_crawl_into_postgresql(
    sample_web: SampleServer, pg_database: str, redis_url: str, redis_prefix: str
) -> None:
    # A server database is migrated by the operator, once, before the workers start.
    Archive.from_url(pg_database, upgrade=True).close()
    env = {
        **os.environ,
        "PYTHONPATH": str(REPO_ROOT),
        "NEWSCRAWL_DB_URL": pg_database,
        "NEWSCRAWL_REDIS_URL": redis_url,
    }
    command = [
        sys.executable,
        "-m",
        "scrapy",
        "crawl",
        SPIDER,
        "-a",
        f"sample_port={sample_web.port}",
        "-s",
        f"NEWSCRAWL_REDIS_PREFIX={redis_prefix}",
        "-s",
        "LOG_LEVEL=INFO",
        # Keep the project's politeness delay: it is what makes one worker alone slow.
    ]
    workers = [
        subprocess.Popen(
            command,
            cwd=REPO_ROOT,
            env=env,
            text=True,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
        )
        for _ in range(2)
    ]
    logs = []
    for worker in workers:
        _, stderr = worker.communicate(timeout=240)  # both must stop by themselves
        assert worker.returncode == 0, stderr[-4000:]
        logs.append(stderr)

    for log in logs:
        assert "Deprecat" not in log, log[-4000:]
        assert "Traceback" not in log, log[-4000:]
        assert "newscrawl.redis_scheduler.RedisScheduler" in log
        assert "distributed crawl drained" in log

    fetches = Counter(
        (entry["host"], entry["target"])
        for entry in served_log(sample_web)
        if entry["target"] != "/robots.txt"  # each worker reads robots.txt for itself
    )
    assert fetches, "nothing was fetched"
    assert [page for page, count in fetches.items() if count > 1] == []

    archive = Archive.from_url(pg_database)
    try:
        with archive.sessions() as session:
            articles = session.scalar(select(func.count()).select_from(Article))
            versions = session.execute(
                select(ArticleVersion.article_id, func.count()).group_by(ArticleVersion.article_id)
            ).all()
            runs = session.execute(select(CrawlRun.spider, CrawlRun.status, CrawlRun.stats)).all()
    finally:
        archive.close()
    assert articles == 7
    assert len(versions) == 7 and all(count == 1 for _, count in versions)
    # One crawl run per worker, and the two together took every page once.
    assert sorted((spider, status) for spider, status, _ in runs) == [(SPIDER, "finished")] * 2
    dequeued = [stats.get("scheduler/dequeued/redis", 0) for _, _, stats in runs]
    assert sum(dequeued) == len(fetches)
    assert min(dequeued) > 0, f"one worker did all the work: {dequeued}"
    assert sum(stats.get("item_scraped_count", 0) for _, _, stats in runs) == 7

    import redis

    assert not list(redis.Redis.from_url(redis_url).scan_iter(f"{redis_prefix}:*"))
