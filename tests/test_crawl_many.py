"""``newscrawl crawl --all`` over the bundled sources and a generated web of small sites
(``newscrawl.samples.many_sites``; entries in a user registry folder), a few of them failing and a few
slow: every healthy site is archived in full, each failure is reported on its source's line,
and the others are not stopped."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from collections import defaultdict
from collections.abc import Iterator
from pathlib import Path

import pytest

from newscrawl.registry import load_registry
from newscrawl.samples.many_sites import (
    ManySitesServer,
    make_sites,
    serve_in_thread,
    write_registry,
)
from tests.support.crawl import FAST, REPO, archived

pytestmark = pytest.mark.slow

SITES = 12  # sites 5 and 10 fail (503 everywhere); 4, 8 and 12 answer slowly


@pytest.fixture(scope="module")
def many(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[ManySitesServer, Path]]:
    sites = make_sites(SITES, slow_every=4, failing_every=5)
    registry = tmp_path_factory.mktemp("many") / "sources"
    write_registry(sites, registry)
    server = ManySitesServer(sites, articles=3, slow_delay=0.3)
    thread = serve_in_thread(server)
    yield server, registry
    server.shutdown()
    server.server_close()
    thread.join()


def test_crawl_all_over_generated_sites(many: tuple[ManySitesServer, Path], tmp_path: Path) -> None:
    server, registry = many
    db_url = f"sqlite:///{tmp_path / 'archive.db'}"
    env = {**os.environ, "NEWSCRAWL_SOURCES": str(registry), "NEWSCRAWL_DB_URL": db_url,
           "PYTHONPATH": str(REPO)}  # fmt: skip
    settings = [f"{name}={value}" for name, value in {**FAST, "RETRY_TIMES": "1"}.items()]
    command = [sys.executable, "-m", "newscrawl", "crawl", "--all", "--sample-port",
               str(server.port), "-s", "NEWSCRAWL_CONCURRENT_SOURCES=4"]  # fmt: skip
    for setting in settings:
        command += ["-s", setting]
    done = subprocess.run(
        command, cwd=REPO, env=env, capture_output=True, text=True, timeout=600, check=False
    )
    assert "Traceback" not in done.stderr, done.stderr[-3000:]
    assert done.returncode == 1, done.stdout + done.stderr[-3000:]  # two sources failed

    lines = {
        line.split()[0]: line
        for line in done.stdout.splitlines()
        if "pages=" in line and not line.startswith("total:")
    }
    keys = set(load_registry(user_dir=registry))
    assert set(lines) == keys  # one line per source: bundled and generated
    failing = {site.key for site in server.sites if site.failing}
    assert failing == {"g005_trs", "g010_trs"}
    for key, line in lines.items():
        assert ("FAILED" in line) == (key in failing), line
    assert re.search(rf"^total: {len(keys)} sources, 2 failed, pages=\d+ articles=\d+ ",
                     done.stdout, re.M)  # fmt: skip

    by_source: dict[str, set[str]] = defaultdict(set)
    for row in archived(db_url):
        by_source[row.source].add(row.url)
    for key, urls in server.expected_articles().items():
        assert by_source[key] == set(urls), key
    for key in set(load_registry(user_dir=Path("/nonexistent"))):
        assert by_source[key], f"bundled source {key} archived nothing"
