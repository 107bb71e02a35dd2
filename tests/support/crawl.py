"""Shared fixtures for crawl tests: the sample web in a thread, crawls in subprocesses, and
reading back what the archive holds.

Each crawl runs in its own ``scrapy crawl`` process so the Twisted reactor is fresh every time,
exactly as a user (or cron) runs it. The fixtures (``sample_web``, ``archive_db``) reach every
test module through ``pytest_plugins`` in tests/conftest.py; import the helpers from here.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import create_engine, text

from newscrawl.samples.server import SampleServer, serving

REPO = Path(__file__).resolve().parents[2]
# Our own loopback server: no politeness delays, so crawls take a second, not a minute.
FAST = {"DOWNLOAD_DELAY": "0", "AUTOTHROTTLE_ENABLED": "False", "LOG_LEVEL": "INFO"}


@pytest.fixture(scope="module")
def sample_web() -> Iterator[SampleServer]:
    with serving() as server:
        yield server


@pytest.fixture
def archive_db(tmp_path: Path) -> str:
    return f"sqlite:///{tmp_path / 'archive.db'}"


def control(server: SampleServer, command: str) -> Any:
    """Call the sample server's control URL (``variant?name=edited``, ``log?clear=1``)."""
    url = f"http://127.0.0.1:{server.port}/__samples__/{command}"
    with urllib.request.urlopen(url, timeout=10) as reply:
        return json.loads(reply.read())


@dataclass
class CrawlRun:
    returncode: int
    log: str

    def stat(self, name: str) -> int:
        """A numeric value from the stats Scrapy dumps at the end of the log (0 if absent)."""
        marker = f"'{name}': "
        for line in reversed(self.log.splitlines()):
            if marker in line:
                value = line.split(marker, 1)[1].rstrip(",}").strip()
                return int(value)
        return 0


def run_crawl(
    spider: str,
    db_url: str,
    *,
    args: dict[str, Any] | None = None,
    settings: dict[str, str] | None = None,
    timeout: int = 180,
) -> CrawlRun:
    command = [sys.executable, "-m", "scrapy", "crawl", spider]
    for name, value in (args or {}).items():
        command += ["-a", f"{name}={value}"]
    for name, value in {**FAST, **(settings or {})}.items():
        command += ["-s", f"{name}={value}"]
    env = {**os.environ, "NEWSCRAWL_DB_URL": db_url, "PYTHONPATH": str(REPO)}
    done = subprocess.run(
        command, cwd=REPO, env=env, capture_output=True, text=True, timeout=timeout, check=False
    )
    run = CrawlRun(done.returncode, done.stdout + done.stderr)
    assert done.returncode == 0, run.log[-4000:]
    assert "Traceback" not in run.log, run.log[-4000:]
    return run


def run_newscrawl(*argv: str, db_url: str, timeout: int = 300) -> subprocess.CompletedProcess:
    env = {**os.environ, "NEWSCRAWL_DB_URL": db_url, "PYTHONPATH": str(REPO)}
    return subprocess.run(
        [sys.executable, "-m", "newscrawl", *argv],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )


@dataclass(frozen=True)
class Archived:
    source: str
    url: str
    version: int
    title: str | None
    published: str | None


def archived(db_url: str) -> list[Archived]:
    """Every stored version, read straight from the database (no project code in between)."""
    engine = create_engine(db_url)
    try:
        with engine.connect() as connection:
            rows = connection.execute(
                text(
                    "SELECT s.key, a.url, v.version, v.title, v.published "
                    "FROM article_versions v JOIN articles a ON a.id = v.article_id "
                    "JOIN sources s ON s.id = a.source_id ORDER BY s.key, a.url, v.version"
                )
            ).all()
    finally:
        engine.dispose()
    return [Archived(*row) for row in rows]


def failures(db_url: str) -> list[tuple[str, str, int | None]]:
    engine = create_engine(db_url)
    try:
        with engine.connect() as connection:
            rows = connection.execute(
                text("SELECT url, reason, http_status FROM fetch_failures ORDER BY id")
            ).all()
    finally:
        engine.dispose()
    return [tuple(row) for row in rows]


def crawl_command(spider: str, args: dict[str, object], settings: dict[str, str]) -> list[str]:
    command = [sys.executable, "-m", "scrapy", "crawl", spider]
    for name, value in args.items():
        command += ["-a", f"{name}={value}"]
    for name, value in {**FAST, **settings}.items():
        command += ["-s", f"{name}={value}"]
    return command
