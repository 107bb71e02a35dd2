"""Scrapy's feed exports of the articles: ``scrapy crawl KEY -O out.jsonl|.csv|.json|.xml``.

Real crawls of the sample web (each in its own ``scrapy crawl`` process); the exported rows are
compared with what the same crawl stored in the archive.
"""

from __future__ import annotations

import csv
import json
import os
import subprocess
import sys
from dataclasses import fields
from pathlib import Path
from typing import Any
from xml.etree import ElementTree

import pytest

from newscrawl.exporters import ARCHIVE_ONLY_FIELDS, EXPORT_FIELDS
from newscrawl.samples.server import SampleServer
from pipelines.items import ArticleItem
from tests.support.crawl import FAST, REPO, archived

SINCE = "2026-01-01"


def crawl_to(
    feed: Path, db_url: str, server: SampleServer, **spider_args: str
) -> subprocess.CompletedProcess[str]:
    command = [sys.executable, "-m", "scrapy", "crawl", "qdrb", "-O", str(feed)]
    arguments = {"sample_port": str(server.port), "since": SINCE, **spider_args}
    for name, value in arguments.items():
        command += ["-a", f"{name}={value}"]
    # No telnet console: with many crawls on the machine its port range (6023-6073) runs out.
    for name, value in {**FAST, "TELNETCONSOLE_ENABLED": "False"}.items():
        command += ["-s", f"{name}={value}"]
    env = {**os.environ, "NEWSCRAWL_DB_URL": db_url, "PYTHONPATH": str(REPO)}
    done = subprocess.run(
        command, cwd=REPO, env=env, capture_output=True, text=True, timeout=180, check=False
    )
    assert done.returncode == 0, done.stderr[-3000:]
    assert "Traceback" not in done.stderr, done.stderr[-3000:]
    assert "] ERROR: " not in done.stderr, done.stderr[-3000:]  # e.g. an item not serializable
    return done


def test_export_fields_are_the_items_fields_but_the_archive_only_ones() -> None:
    names = [f.name for f in fields(ArticleItem)]
    assert [name for name in names if name not in ARCHIVE_ONLY_FIELDS] == EXPORT_FIELDS
    assert {"raw_body", "minhash"} <= ARCHIVE_ONLY_FIELDS
    assert {"url", "title", "text", "facts"} <= set(EXPORT_FIELDS)


def read_jsonl(path: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def test_jsonl_and_csv_exports_hold_the_archived_articles(
    tmp_path: Path,
    sample_web: SampleServer,
    archive_db: str,
) -> None:
    jsonl = tmp_path / "out.jsonl"
    crawl_to(jsonl, archive_db, sample_web)
    stored = {a.url: a for a in archived(archive_db)}
    rows = read_jsonl(jsonl)
    assert len(stored) >= 2
    assert sorted(row["url"] for row in rows) == sorted(stored)
    for row in rows:
        assert list(row) == EXPORT_FIELDS  # no raw_body, minhash or paragraphs
        assert row["title"] == stored[row["url"]].title
        assert row["published"] == stored[row["url"]].published
        assert row["source_key"] == "qdrb"
        assert row["fetched_at"].endswith("+00:00")
        assert isinstance(row["facts"], list)
        assert all(isinstance(fact, dict) and "norm_value" in fact for fact in row["facts"])
    assert any(row["facts"] for row in rows), "the sample articles report figures"

    # A second crawl into a fresh file: known articles are skipped, so nothing is exported...
    again = tmp_path / "again.csv"
    crawl_to(again, archive_db, sample_web)
    assert again.read_text(encoding="utf-8") == ""
    # ... unless export_known=1 asks for the articles the archive already holds.
    known = tmp_path / "known.csv"
    crawl_to(known, archive_db, sample_web, export_known="1")
    with known.open(encoding="utf-8", newline="") as handle:
        csv_rows = list(csv.DictReader(handle))
    assert sorted(row["url"] for row in csv_rows) == sorted(stored)
    by_url = {row["url"]: row for row in rows}
    for row in csv_rows:
        assert list(row) == EXPORT_FIELDS
        assert row["text"] == by_url[row["url"]]["text"]
        assert json.loads(row["facts"]) == by_url[row["url"]]["facts"]
    assert len(archived(archive_db)) == len(stored), "the re-fetch made no new version"


@pytest.mark.parametrize("suffix", ["json", "xml"])
def test_json_and_xml_exports(
    suffix: str,
    tmp_path: Path,
    sample_web: SampleServer,
    archive_db: str,
) -> None:
    feed = tmp_path / f"out.{suffix}"
    crawl_to(feed, archive_db, sample_web)
    stored = sorted(a.url for a in archived(archive_db))
    if suffix == "json":
        rows = json.loads(feed.read_text(encoding="utf-8"))
        assert sorted(row["url"] for row in rows) == stored
        assert all("raw_body" not in row and isinstance(row["facts"], list) for row in rows)
    else:
        items = ElementTree.parse(feed).getroot().findall("item")
        assert sorted(item.findtext("url") for item in items) == stored
        assert all(item.find("raw_body") is None for item in items)
        facts = [fact for item in items for fact in item.find("facts")]
        assert facts and all(fact.findtext("norm_value") for fact in facts)


@pytest.mark.parametrize(
    ("argv", "line"),
    [
        (["nosuch"], "scrapy crawl: no spider named 'nosuch' (known: "),
        (["site"], "scrapy crawl: site: the site spider needs -a start_url=URL"),
        (["qdrb", "-a", "since=yesterday"], "scrapy crawl: qdrb: since='yesterday' is not a date"),
        (["qdrb", "-a", "export_known=maybe"], "scrapy crawl: qdrb: export_known='maybe'"),
        (
            ["qdrb", "-a", "export_known=1", "-a", "revisit=due"],
            "scrapy crawl: qdrb: export_known=1 fetches every known article: drop revisit=due",
        ),
    ],
)
def test_scrapy_crawl_mistakes_end_with_one_line(argv: list[str], line: str) -> None:
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    done = subprocess.run(
        [sys.executable, "-m", "scrapy", "crawl", *argv, "-s", "LOG_LEVEL=INFO"],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 2
    assert "Traceback" not in done.stderr
    assert done.stderr.strip().splitlines()[-1].startswith(line)
