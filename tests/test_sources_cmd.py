"""``newscrawl sources``: the health table a user reads, its JSON form and ``--check``."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from archive.store import Archive
from newscrawl.registry import load_registry
from tests.support.health import crawl

REPO_ROOT = Path(__file__).resolve().parents[1]


def newscrawl_sources(db_url: str, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(REPO_ROOT)}
    env.pop("NEWSCRAWL_DB_URL", None)
    return subprocess.run(
        [sys.executable, "-m", "newscrawl", "sources", "--db", db_url, *args],
        cwd=REPO_ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_table_lists_registry_and_crawled_sources_with_flags(sqlite_url: str) -> None:
    archive = Archive.from_url(sqlite_url)
    try:
        crawl(archive, "qdrb", articles=2)
        crawl(archive, "qdrb")
        crawl(archive, "zngk", failures=(("not_article: empty", 200),) * 2)
        crawl(archive, "site", failures=(("challenge", 521),))
    finally:
        archive.close()

    done = newscrawl_sources(sqlite_url)
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    assert lines[0] == sqlite_url
    header, *rows = lines[1:]
    assert header.split()[:3] == ["source", "last", "ok"]
    table = {row.split()[0]: row for row in rows}
    assert set(table) == set(load_registry()) | {"site"}
    # Fresh articles, but stored by the test's "parser-1", not the running parser.
    assert table["qdrb"].endswith("  parser-1   reparse")
    assert " 2 " in table["qdrb"] and " 1 " in table["qdrb"]  # articles, empty runs
    assert table["zngk"].endswith("layout broke, silent")
    assert table["site"].endswith("blocked, silent")
    assert table["ocean52"].endswith("never crawled")

    # --check: any flagged source makes it fail, for a monitoring job.
    assert newscrawl_sources(sqlite_url, "--check").returncode == 1


def test_json_lines(sqlite_url: str) -> None:
    archive = Archive.from_url(sqlite_url)
    try:
        crawl(archive, "qdrb", articles=1)
    finally:
        archive.close()
    done = newscrawl_sources(sqlite_url, "--json")
    assert done.returncode == 0, done.stderr
    rows = {row["source"]: row for row in map(json.loads, done.stdout.splitlines())}
    assert rows["qdrb"]["articles"] == 1
    assert rows["qdrb"]["runs"] == 1
    assert rows["qdrb"]["last_success_at"]
    assert rows["ocean52"]["flags"] == ["never crawled"]
    assert rows["ocean52"]["ok"] is False


def test_unmigrated_server_database_is_reported_not_a_traceback(pg_database: str) -> None:
    done = newscrawl_sources(pg_database)
    assert done.returncode == 1
    assert "newscrawl db upgrade" in done.stderr
    assert "Traceback" not in done.stderr
