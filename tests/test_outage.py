"""The archive's PostgreSQL server restarts in the middle of a crawl: every article still ends up
in the archive exactly once (saves are retried, or spooled to disk and replayed), and the crawl
runs to its normal end.

This restarts the real server on this machine (``pg_ctlcluster``); it is started again in a
``finally`` whatever happens, and the test waits until it answers.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text

from archive.store import Archive
from tests.support.crawl import REPO, CrawlRun, crawl_command
from tests.support.fault_server import FaultServer, fault_serving
from tests.support.services import IN_CI

pytestmark = [pytest.mark.slow, pytest.mark.pg]

PAGES = 150  # the start page and 149 articles of the fault server's big site
# Longer than the store's own retries (about 6 s of backoff), so some items go to the spool.
OUTAGE_SECONDS = 9
RESTART_AFTER = 10  # stored versions


def pg_cluster() -> tuple[str, str]:
    versions = sorted(os.listdir("/etc/postgresql")) if os.path.isdir("/etc/postgresql") else []
    if not versions or shutil.which("pg_ctlcluster") is None:
        message = "no local PostgreSQL cluster to restart (pg_ctlcluster)"
        if IN_CI:
            pytest.fail(message, pytrace=False)
        pytest.skip(message)
    return versions[-1], "main"


def pg_ctl(action: str, cluster: tuple[str, str]) -> None:
    subprocess.run(
        [
            "pg_ctlcluster",
            "--skip-systemctl-redirect",
            *cluster,
            action,
            *(["-m", "fast"] if action == "stop" else []),
        ],
        check=True,
        capture_output=True,
        timeout=60,
    )


def wait_until_ready(timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if subprocess.run(["pg_isready", "-q", "-h", "127.0.0.1"], check=False).returncode == 0:
            return
        time.sleep(0.2)
    raise AssertionError("PostgreSQL did not come back")


@pytest.fixture
def pg_restarter() -> Iterator[tuple[str, str]]:
    cluster = pg_cluster()
    try:
        yield cluster
    finally:
        # Whatever happened: leave the server running for everyone else.
        if subprocess.run(["pg_isready", "-q", "-h", "127.0.0.1"], check=False).returncode != 0:
            subprocess.run(
                ["pg_ctlcluster", "--skip-systemctl-redirect", *cluster, "start"],
                check=False,
                capture_output=True,
                timeout=60,
            )
        wait_until_ready()


@pytest.fixture(scope="module")
def slow_web() -> Iterator[FaultServer]:
    with fault_serving(delay=0.1) as server:
        yield server


def stored_versions(db_url: str) -> int:
    engine = create_engine(db_url, connect_args={"connect_timeout": 2})
    try:
        with engine.connect() as connection:
            return connection.execute(text("SELECT count(*) FROM article_versions")).scalar_one()
    except Exception:  # down, or restarting: not there yet
        return 0
    finally:
        engine.dispose()


def test_crawl_survives_a_database_restart(
    pg_database: str, pg_restarter: tuple[str, str], slow_web: FaultServer, tmp_path: Path
) -> None:
    Archive.from_url(pg_database, upgrade=True).close()
    spool_dir = tmp_path / "spool"
    command = crawl_command(
        "site",
        {"start_url": slow_web.url("many/"), "max_pages": PAGES},
        {"NEWSCRAWL_SPOOL_DIR": str(spool_dir)},
    )
    env = {**os.environ, "NEWSCRAWL_DB_URL": pg_database, "PYTHONPATH": str(REPO)}
    log_path = tmp_path / "crawl.log"
    with log_path.open("w") as output:
        process = subprocess.Popen(
            command, cwd=REPO, env=env, stdout=output, stderr=subprocess.STDOUT
        )
        try:
            deadline = time.monotonic() + 120
            while stored_versions(pg_database) < RESTART_AFTER:
                assert process.poll() is None, log_path.read_text()[-3000:]
                assert time.monotonic() < deadline, "nothing archived in 120 s"
                time.sleep(0.05)
            pg_ctl("stop", pg_restarter)
            time.sleep(OUTAGE_SECONDS)
            assert process.poll() is None, "the crawl ended (or died) while the database was down"
            pg_ctl("start", pg_restarter)
            wait_until_ready()
            process.wait(timeout=300)
        finally:
            if process.poll() is None:
                process.kill()
                process.wait()
    run = CrawlRun(process.returncode, log_path.read_text())
    assert run.returncode == 0, run.log[-4000:]
    assert "Traceback" not in run.log, run.log[-4000:]

    engine = create_engine(pg_database)
    try:
        with engine.connect() as connection:
            versions = connection.execute(
                text(
                    "SELECT a.url, v.version FROM article_versions v "
                    "JOIN articles a ON a.id = v.article_id ORDER BY a.url"
                )
            ).all()
            (status,) = connection.execute(text("SELECT status FROM crawl_runs")).one()
    finally:
        engine.dispose()
    expected = {slow_web.url(f"many/{n}.html") for n in range(PAGES - 1)}
    assert sorted(url for url, _ in versions) == sorted(expected), "an article was lost or doubled"
    assert {version for _, version in versions} == {1}
    assert status == "finished"
    # The outage really hit the crawl: saves failed and were retried or spooled, then replayed.
    assert "archive write failed" in run.log or run.stat("newscrawl/archive/spooled") > 0
    assert run.stat("newscrawl/archive/spooled") == run.stat("newscrawl/archive/replayed")
    assert not list(spool_dir.glob("*.jsonl")) or all(
        p.stat().st_size == 0 for p in spool_dir.glob("*.jsonl")
    )
