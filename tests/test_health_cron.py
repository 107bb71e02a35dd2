"""What cron and systemd timers rely on: ``newscrawl crawl --all`` writes one crawl run per
spider, exits 1 when a source failed, and ``newscrawl sources --check`` then reports it."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import select

from archive.models import CrawlRun
from archive.store import Archive
from newscrawl.registry import load_registry
from newscrawl.samples.server import SampleServer, serving

REPO_ROOT = Path(__file__).resolve().parents[1]
FAST = ("-s", "DOWNLOAD_DELAY=0", "-s", "AUTOTHROTTLE_ENABLED=False", "-s", "RETRY_TIMES=0")

pytestmark = pytest.mark.slow


@pytest.fixture
def sample_web() -> Iterator[SampleServer]:
    with serving() as server:
        yield server


def newscrawl(db_url: str, *args: str) -> subprocess.CompletedProcess[str]:
    # A bare environment, as cron gives: only the archive's URL is set.
    env = {"PATH": os.environ["PATH"], "NEWSCRAWL_DB_URL": db_url, "PYTHONPATH": str(REPO_ROOT)}
    return subprocess.run(
        [sys.executable, "-m", "newscrawl", *args],
        cwd="/",
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )


def runs(db_url: str) -> list[tuple[str, str]]:
    archive = Archive.from_url(db_url)
    try:
        with archive.sessions() as session:
            return [
                (row.spider, row.status)
                for row in session.execute(
                    select(CrawlRun.spider, CrawlRun.status).order_by(CrawlRun.id)
                )
            ]
    finally:
        archive.close()


def test_crawl_all_for_cron(sample_web: SampleServer, sqlite_url: str) -> None:
    keys = sorted(load_registry())
    done = newscrawl(sqlite_url, "crawl", "--all", "--sample-port", str(sample_web.port), *FAST)
    assert done.returncode == 0, done.stdout + done.stderr[-4000:]
    *lines, total = done.stdout.splitlines()
    assert [line.split()[0] for line in lines] == keys  # one line per source, then the total
    assert total.startswith(f"total: {len(keys)} sources, 0 failed, ")
    first = runs(sqlite_url)
    assert sorted(spider for spider, _ in first) == keys  # one crawl run per spider
    assert all(status.startswith("finished") for _, status in first)

    # The sites are unreachable: the sources fail, and so does the command.
    dead = newscrawl(sqlite_url, "crawl", "qdrb", "zngk", "--sample-port", "1", *FAST)
    assert dead.returncode == 1, dead.stdout + dead.stderr[-4000:]
    assert dead.stdout.count("FAILED") == 2
    assert sorted(spider for spider, _ in runs(sqlite_url)[len(first) :]) == ["qdrb", "zngk"]

    check = newscrawl(sqlite_url, "sources", "--check")
    assert check.returncode == 1
    flagged = {line.split()[0]: line for line in check.stdout.splitlines()[2:]}
    assert flagged["qdrb"].endswith("failing") and flagged["zngk"].endswith("failing")
    assert flagged["xhaxw"].endswith("ok")
