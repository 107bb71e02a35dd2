"""``newscrawl browse``: the real Datasette server over a real SQLite archive, driven over HTTP;
its metadata is the docs'."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from archive.store import Archive
from newscrawl import browse_metadata
from tests.support.dedup import UNRELATED, make_item
from tests.support.series import UNRELATED_URL, fact, save_family

REPO = Path(__file__).resolve().parents[1]
NEWSCRAWL = (sys.executable, "-m", "newscrawl")


def test_shipped_metadata_is_the_docs() -> None:
    assert browse_metadata.load() == browse_metadata.from_docs(), (
        "docs/schema.md or docs/series.md changed: run python -m newscrawl.browse_metadata"
    )


def test_metadata_describes_tables_views_and_queries() -> None:
    metadata = browse_metadata.load()
    assert "GB/T 2260" in metadata["tables"]["facts"]["columns"]["region_code"]
    assert "original" in metadata["tables"]["fact_series"]["description"]
    assert set(metadata["tables"]["figure_conflicts"]["columns"]) >= {"value_a", "url_b"}
    assert {"signed_investment_by_district", "xihaian_2026"} <= set(metadata["queries"])
    assert "FROM fact_series" in metadata["queries"]["xihaian_2026"]["sql"]


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def get_json(url: str) -> Any:
    with urllib.request.urlopen(url, timeout=10) as reply:
        return json.loads(reply.read())


@pytest.fixture
def served(tmp_path: Path) -> Iterator[str]:
    pytest.importorskip("datasette")
    path = tmp_path / "archive.sqlite3"
    archive = Archive.from_url(f"sqlite:///{path}")
    try:
        save_family(archive)
        this_year = fact(12, period="2026-Q1", period_start="2026-01-01", period_end="2026-03-31")
        archive.save_article(
            make_item(UNRELATED_URL, UNRELATED, published="2026-04-02", facts=[this_year])
        )
    finally:
        archive.close()
    port = free_port()
    server = subprocess.Popen(
        [*NEWSCRAWL, "browse", "--db", f"sqlite:///{path}", "--port", str(port)],
        cwd=REPO,
        env={**os.environ, "PYTHONPATH": str(REPO)},
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                get_json(f"{base}/-/versions.json")
                break
            except (urllib.error.URLError, ConnectionError):
                if server.poll() is not None or time.monotonic() > deadline:
                    output = server.stdout.read().decode() if server.stdout else ""
                    pytest.fail(f"newscrawl browse did not start: {output[-2000:]}")
                time.sleep(0.2)
        yield f"{base}/archive"
    finally:
        server.terminate()
        server.wait(timeout=30)


def test_browse_serves_the_archive_with_descriptions_and_canned_queries(served: str) -> None:
    rows = get_json(f"{served}/fact_series.json?_shape=array")
    assert len(rows) == 4
    assert {row["reprints"] for row in rows} == {0, 6}
    metadata = get_json(served.rsplit("/", 1)[0] + "/-/metadata.json")
    tables = metadata["databases"]["archive"]["tables"]
    assert "GB/T 2260" in tables["facts"]["columns"]["region_code"]
    with urllib.request.urlopen(f"{served}/facts", timeout=10) as reply:
        page = reply.read().decode()
    assert "One row per figure" in page  # the table's description from docs/schema.md
    figures = get_json(f"{served}/xihaian_2026.json?_shape=array")
    assert [f["value"] for f in figures] == [12]
    assert get_json(f"{served}/conflicts.json?_shape=array") == []


def test_browse_refuses_postgresql_in_one_line() -> None:
    done = subprocess.run(
        [*NEWSCRAWL, "browse", "--db", "postgresql+psycopg://user:secret@127.0.0.1/archive"],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert done.returncode == 2
    assert done.stderr.count("\n") == 1 and "SQLite files only" in done.stderr
    assert "secret" not in done.stderr
