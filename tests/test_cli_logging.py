"""How loud the commands are: a scheduled crawl's stderr (what cron mails), ``-q``/``-v``,
and the item's log representation without its raw page."""

from __future__ import annotations

from datetime import UTC, datetime

from newscrawl.registry import load_registry
from newscrawl.samples.server import SampleServer
from pipelines.items import ArticleItem
from tests.support.crawl import run_newscrawl

# Measured: 5.6 KB for the six sample sources (468 KB before: Scrapy's DEBUG level logged every
# item with its raw HTML). The bound leaves room for a few more lines, not for a page per item.
DEFAULT_STDERR_BOUND = 16_000


def test_crawl_all_log_at_default_level_is_small(
    sample_web: SampleServer,
    archive_db: str,
) -> None:
    done = run_newscrawl(
        "crawl", "--all", "--sample-port", str(sample_web.port), "-s", "DOWNLOAD_DELAY=0",
        db_url=archive_db,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr[-3000:]
    assert len(done.stderr.encode()) < DEFAULT_STDERR_BOUND, done.stderr
    assert "<!DOCTYPE" not in done.stderr and "raw_body" not in done.stderr
    assert "Dumping Scrapy stats" not in done.stderr
    assert "Enabled item pipelines" not in done.stderr
    # one summary line per source, then the total line, on stdout
    *lines, total = done.stdout.splitlines()
    assert [line.split()[0] for line in lines] == sorted(load_registry())
    assert all("pages=" in line and "articles=" in line for line in lines)
    assert total.startswith(f"total: {len(lines)} sources, 0 failed")


def test_quiet_crawl_logs_only_warnings(
    sample_web: SampleServer,
    archive_db: str,
) -> None:
    done = run_newscrawl(
        "crawl", "zngk", "-q", "--sample-port", str(sample_web.port), "-s", "DOWNLOAD_DELAY=0",
        db_url=archive_db,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert done.stderr == ""  # zngk's sample pages all fetch and parse
    assert done.stdout.startswith("zngk ")


def test_verbose_crawl_logs_debug_and_the_stats(
    sample_web: SampleServer,
    archive_db: str,
) -> None:
    done = run_newscrawl(
        "crawl", "zngk", "--verbose", "--sample-port", str(sample_web.port),
        "-s", "DOWNLOAD_DELAY=0", db_url=archive_db,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr[-3000:]
    assert "DEBUG: Scraped from" in done.stderr
    assert "Dumping Scrapy stats" in done.stderr
    assert done.stderr.count("Spider opened") == 1  # one handler: no line twice


def test_item_repr_leaves_out_the_raw_page() -> None:
    item = ArticleItem(
        url="http://example.cn/a.html",
        source_key="site",
        family="generic",
        fetched_at=datetime(2026, 1, 1, tzinfo=UTC),
        raw_body=b"<html>" + b"x" * 20_000,
        minhash=list(range(128)),
        title="标题",
    )
    shown = repr(item)
    assert "<html>" not in shown and "minhash" not in shown
    assert "title='标题'" in shown
    assert len(shown) < 1000
