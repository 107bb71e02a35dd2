"""Kill -9 in the middle of a crawl, then resume (with JOBDIR) or simply rerun (without): the
archive ends identical to an uninterrupted crawl's: same articles, same versions, same facts,
no lost article and no duplicate version.

The sample web is served by ``tests.support.fault_server`` slowed down per request, so that the crawl
is still running when the archive holds its first articles: that is when the kill lands.
"""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text

from tests.support.crawl import REPO, crawl_command, run_crawl
from tests.support.fault_server import MANY, FaultServer, fault_serving

pytestmark = pytest.mark.slow

SINCE = "2026-01-01"
# Seconds the server waits before each answer: the crawl takes several seconds, not one.
DELAY = 1.0
# Kill once this many versions are stored (the sources below have more articles than that).
KILL_AFTER = 2
# One request at a time per site: the articles then reach the archive DELAY apart, so the kill
# lands between two of them even when a loaded machine polls the archive late.
ONE_AT_A_TIME = {"CONCURRENT_REQUESTS_PER_DOMAIN": "1"}


@pytest.fixture(scope="module")
def slow_web() -> Iterator[FaultServer]:
    with fault_serving(delay=DELAY) as server:
        yield server


def snapshot(db_url: str) -> dict[str, list[tuple]]:
    """Everything a consumer reads, without ids and clocks (they differ between any two runs)."""
    engine = create_engine(db_url)
    queries = {
        "articles": "SELECT a.url, s.key, a.latest_version FROM articles a "
        "JOIN sources s ON s.id = a.source_id ORDER BY a.url",
        "versions": "SELECT a.url, v.version, v.content_hash, v.title, v.published, v.author, "
        "v.original_source, v.text FROM article_versions v "
        "JOIN articles a ON a.id = v.article_id ORDER BY a.url, v.version",
        "facts": "SELECT a.url, v.version, f.metric, f.kind, f.value, f.unit, f.norm_value, "
        'f.norm_unit, f.period, f.subject, f.basis, f.start, f."end" FROM facts f '
        "JOIN article_versions v ON v.id = f.version_id JOIN articles a ON a.id = v.article_id "
        'ORDER BY a.url, v.version, f.start, f."end", f.metric, f.kind',
        "raw_pages": "SELECT sha256, url FROM raw_pages ORDER BY sha256",
    }
    try:
        with engine.connect() as connection:
            return {
                name: [tuple(row) for row in connection.execute(text(sql))]
                for name, sql in queries.items()
            }
    finally:
        engine.dispose()


def crawl_args(server: FaultServer) -> dict[str, object]:
    return {"sample_port": server.port, "since": SINCE}


def stored_versions(db_path: Path) -> int:
    if not db_path.exists():
        return 0
    try:
        with sqlite3.connect(f"file:{db_path}?mode=ro", uri=True, timeout=1) as connection:
            return connection.execute("SELECT count(*) FROM article_versions").fetchone()[0]
    except sqlite3.OperationalError:
        return 0  # the schema is not there yet


def crawl_and_kill(
    spider: str, db_path: Path, args: dict[str, object], settings: dict[str, str], log: Path
) -> int:
    """Start a crawl, SIGKILL it as soon as KILL_AFTER versions are stored; return how many
    were stored at that moment."""
    env = {**os.environ, "NEWSCRAWL_DB_URL": f"sqlite:///{db_path}", "PYTHONPATH": str(REPO)}
    with log.open("w") as output:
        process = subprocess.Popen(
            crawl_command(spider, args, settings),
            cwd=REPO,
            env=env,
            stdout=output,
            stderr=subprocess.STDOUT,
        )
        try:
            deadline = time.monotonic() + 120
            while stored_versions(db_path) < KILL_AFTER:
                assert process.poll() is None, f"crawl ended before the kill: {log.read_text()}"
                assert time.monotonic() < deadline, "no article archived in 120 s"
                time.sleep(0.02)
            process.send_signal(signal.SIGKILL)
        finally:
            process.kill()
            process.wait(timeout=30)
    assert process.returncode == -signal.SIGKILL
    return stored_versions(db_path)


@pytest.fixture(scope="module")
def reference(slow_web: FaultServer, tmp_path_factory: pytest.TempPathFactory) -> dict:
    """What one uninterrupted crawl of each source archives."""
    results = {}
    for spider in SPIDERS:
        db = tmp_path_factory.mktemp("reference") / "archive.db"
        run_crawl(
            spider, f"sqlite:///{db}", args=crawl_args(slow_web), settings=ONE_AT_A_TIME,
            timeout=300,
        )  # fmt: skip
        results[spider] = snapshot(f"sqlite:///{db}")
        assert len(results[spider]["versions"]) > KILL_AFTER + 1
    return results


SPIDERS = ("whnanhai", "qdrb")  # a multi-page article (TRS); an e-paper (edition → page → article)


@pytest.mark.parametrize("spider", SPIDERS)
@pytest.mark.parametrize("jobdir", [True, False], ids=["jobdir", "rerun"])
def test_killed_crawl_resumes_to_the_same_archive(
    spider: str, jobdir: bool, slow_web: FaultServer, reference: dict, tmp_path: Path
) -> None:
    db = tmp_path / "archive.db"
    settings = {**ONE_AT_A_TIME, "NEWSCRAWL_SPOOL_DIR": str(tmp_path / "spool")}
    if jobdir:
        settings["JOBDIR"] = str(tmp_path / "job")
    args = crawl_args(slow_web)
    at_kill = crawl_and_kill(spider, db, args, settings, tmp_path / "killed.log")
    expected = reference[spider]
    assert at_kill < len(expected["versions"]), "the kill landed after the crawl was done"

    resumed = run_crawl(spider, f"sqlite:///{db}", args=args, settings=settings, timeout=300)
    assert snapshot(f"sqlite:///{db}") == expected, resumed.log[-3000:]
    # the resumed crawl fetched only what the killed one had not archived
    assert resumed.stat("newscrawl/articles") == len(expected["articles"]) - at_kill


@pytest.fixture(scope="module")
def big_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[FaultServer, dict]]:
    """The fault server's big site, barely slowed down, and an uninterrupted crawl of it."""
    with fault_serving(delay=0.01) as server:
        db = tmp_path_factory.mktemp("big-reference") / "archive.db"
        run_crawl("site", f"sqlite:///{db}", args=big_site_args(server), timeout=600)
        expected = snapshot(f"sqlite:///{db}")
        assert len(expected["versions"]) == MANY
        yield server, expected


def big_site_args(server: FaultServer) -> dict[str, object]:
    return {"start_url": server.url("many/"), "max_pages": MANY + 10}


def test_killed_big_crawl_resumes_from_its_jobdir(
    big_site: tuple[FaultServer, dict], tmp_path: Path
) -> None:
    """Hundreds of requests: the duplicate filter's fingerprints of work that was queued or in
    flight reach the JOBDIR before the kill, the queue does not. A resume must still fetch it."""
    server, expected = big_site
    db = tmp_path / "archive.db"
    settings = {"JOBDIR": str(tmp_path / "job"), "NEWSCRAWL_SPOOL_DIR": str(tmp_path / "spool")}
    args = big_site_args(server)
    at_kill = crawl_and_kill("site", db, args, settings, tmp_path / "killed.log")
    assert at_kill < MANY, "the kill landed after the crawl was done"

    resumed = run_crawl("site", f"sqlite:///{db}", args=args, settings=settings, timeout=600)
    assert snapshot(f"sqlite:///{db}") == expected, resumed.log[-3000:]
