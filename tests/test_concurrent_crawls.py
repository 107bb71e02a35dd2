"""Two crawls writing one archive at the same time, on SQLite (WAL) and on PostgreSQL: both
crawl the same pages, so every article is saved twice at nearly the same moment. The archive
must end with each article once, as one version, and neither crawl may fail on a lock.
"""

from __future__ import annotations

import os
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text

from archive.store import Archive
from tests.support.crawl import REPO, CrawlRun, crawl_command
from tests.support.fault_server import FaultServer, fault_serving

pytestmark = pytest.mark.slow

PAGES = 60  # the start page and 59 articles of the fault server's big site
CRAWLS = 2


@pytest.fixture(scope="module")
def web() -> Iterator[FaultServer]:
    with fault_serving() as server:
        yield server


def crawl_at_once(db_url: str, server: FaultServer, tmp_path: Path) -> list[CrawlRun]:
    """Start CRAWLS crawls of the same pages together; wait for all of them."""
    env = {**os.environ, "NEWSCRAWL_DB_URL": db_url, "PYTHONPATH": str(REPO)}
    processes = []
    for number in range(CRAWLS):
        command = crawl_command(
            "site",
            {"start_url": server.url("many/"), "max_pages": PAGES},
            {
                # not skipping what the other crawl archived: every page is saved twice
                "NEWSCRAWL_INCREMENTAL": "False",
                "NEWSCRAWL_SPOOL_DIR": str(tmp_path / f"spool{number}"),
            },
        )
        log = (tmp_path / f"crawl{number}.log").open("w")
        processes.append(
            (
                subprocess.Popen(command, cwd=REPO, env=env, stdout=log, stderr=subprocess.STDOUT),
                log,
            )
        )
    runs = []
    for number, (process, log) in enumerate(processes):
        process.wait(timeout=300)
        log.close()
        runs.append(CrawlRun(process.returncode, (tmp_path / f"crawl{number}.log").read_text()))
    return runs


def test_two_crawls_into_one_archive(archive_url: str, web: FaultServer, tmp_path: Path) -> None:
    Archive.from_url(archive_url, upgrade=True).close()
    runs = crawl_at_once(archive_url, web, tmp_path)
    for run in runs:
        assert run.returncode == 0, run.log[-4000:]
        assert "Traceback" not in run.log, run.log[-4000:]
        assert "database is locked" not in run.log
        assert "archive write failed" not in run.log  # not even a retried lock timeout
        assert run.stat("newscrawl/archive/spooled") == 0
        assert run.stat("newscrawl/failures") == 0

    engine = create_engine(archive_url)
    try:
        with engine.connect() as connection:
            versions = connection.execute(
                text(
                    "SELECT a.url, v.version FROM article_versions v "
                    "JOIN articles a ON a.id = v.article_id ORDER BY a.url"
                )
            ).all()
            pages = connection.execute(text("SELECT count(*) FROM raw_pages")).scalar_one()
            runs_stored = connection.execute(
                text("SELECT status FROM crawl_runs ORDER BY id")
            ).all()
    finally:
        engine.dispose()
    expected = sorted(web.url(f"many/{n}.html") for n in range(PAGES - 1))
    assert [url for url, _ in versions] == expected, "an article is missing or doubled"
    assert {version for _, version in versions} == {1}
    assert pages == len(expected)
    assert [status for (status,) in runs_stored] == ["finished"] * CRAWLS
    # both crawls really wrote: together they saved every article twice
    saved = [
        run.stat("newscrawl/archive/new") + run.stat("newscrawl/archive/unchanged") for run in runs
    ]
    assert saved == [len(expected)] * CRAWLS
