"""The crawl-run record of a real crawl: Scrapy's finish reason is the stored status, and source
health follows it (a crawl stopped with Ctrl-C is not a healthy run)."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from sqlalchemy import create_engine, text

from archive import db
from archive.health import source_health
from archive.store import Archive
from newscrawl.samples.server import SampleServer
from tests.support.crawl import REPO, control

SOURCE = "whnanhai"


def crawl_runs(db_url: str) -> list[tuple[str, str]]:
    engine = create_engine(db_url)
    try:
        with engine.connect() as connection:
            return [
                tuple(row)
                for row in connection.execute(text("SELECT spider, status FROM crawl_runs"))
            ]
    finally:
        engine.dispose()


def test_sigint_during_a_crawl_is_stored_as_shutdown(
    sample_web: SampleServer,
    tmp_path: Path,
) -> None:
    db_url = f"sqlite:///{tmp_path / 'archive.sqlite3'}"
    control(sample_web, "log?clear=1")
    command = [
        sys.executable, "-m", "scrapy", "crawl", SOURCE,
        "-a", f"sample_port={sample_web.port}", "-a", "since=2026-01-01",
        # one request at a time, a second apart: the crawl is still running when interrupted
        "-s", "DOWNLOAD_DELAY=1", "-s", "AUTOTHROTTLE_ENABLED=False",
        "-s", "CONCURRENT_REQUESTS_PER_DOMAIN=1", "-s", "RANDOMIZE_DOWNLOAD_DELAY=False",
    ]  # fmt: skip
    env = {**os.environ, "NEWSCRAWL_DB_URL": db_url, "PYTHONPATH": str(REPO)}
    process = subprocess.Popen(
        command, cwd=REPO, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True
    )
    try:
        deadline = time.monotonic() + 60
        # Interrupt once the crawl has fetched a page besides robots.txt.
        while not [r for r in control(sample_web, "log") if r["target"] != "/robots.txt"]:
            assert process.poll() is None, process.communicate()[0][-3000:]
            assert time.monotonic() < deadline, "the crawl never started"
            time.sleep(0.05)
        process.send_signal(signal.SIGINT)
        log, _ = process.communicate(timeout=60)
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
    assert "Received SIGINT, shutting down gracefully" in log, log[-3000:]
    assert "Traceback" not in log, log[-3000:]

    assert crawl_runs(db_url) == [(SOURCE, "shutdown")]
    archive = Archive.from_url(db_url)
    try:
        with archive.sessions() as session:
            (health,) = [h for h in source_health(session) if h.source == SOURCE]
    finally:
        archive.close()
    assert health.last_run_status == "shutdown"
    assert not health.ok and "failing" in health.flags


def test_migration_0005_turns_finished_with_failures_into_finished(archive_url: str) -> None:
    engine = db.create_archive_engine(archive_url)
    try:
        db.upgrade(engine, "0004")
        with engine.begin() as connection:
            for spider, status in [("a", "finished_with_failures"), ("b", "shutdown")]:
                connection.execute(
                    text(
                        "INSERT INTO crawl_runs (spider, started_at, status) "
                        "VALUES (:spider, CURRENT_TIMESTAMP, :status)"
                    ),
                    {"spider": spider, "status": status},
                )
        db.upgrade(engine)
        with engine.connect() as connection:
            rows = connection.execute(text("SELECT spider, status FROM crawl_runs ORDER BY spider"))
            assert [tuple(row) for row in rows] == [("a", "finished"), ("b", "shutdown")]
    finally:
        engine.dispose()
