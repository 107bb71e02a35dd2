"""Source health over a real archive (SQLite and PostgreSQL), written through the storage API
exactly as the archive pipeline writes it: crawl runs with Scrapy stats, failures, articles."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

from archive.health import HealthPolicy, SourceHealth, source_health
from archive.store import Archive
from tests.support.health import crawl


def by_source(archive: Archive, **kwargs: Any) -> dict[str, SourceHealth]:
    with archive.sessions() as session:
        return {health.source: health for health in source_health(session, **kwargs)}


def test_healthy_source_then_empty_runs(archive: Archive) -> None:
    crawl(archive, "good", articles=2)
    crawl(archive, "good", articles=0)
    crawl(archive, "good", articles=0)
    health = by_source(archive, current_parser="parser-1")["good"]
    assert health.flags == ()
    assert health.runs == 3
    assert health.articles == 2
    assert health.consecutive_empty_runs == 2
    assert health.last_success_at is not None and health.last_new_article_at is not None
    assert health.extractor_version == "parser-1"
    assert health.last_run_pages == 5 and health.last_run_errors == 0


def test_layout_broke_blocked_failing_and_never_crawled(archive: Archive) -> None:
    crawl(archive, "redesigned", articles=2)
    crawl(archive, "redesigned", failures=(("not_article: empty", 200),) * 3)
    crawl(archive, "walled", failures=(("challenge", 521), ("not_article: challenge", 200)))
    crawl(archive, "down", pages=0, failures=(("dns_error", None),), start_failed=True)
    crawl(archive, "reprinted", articles=1, failures=(("not_article: video", 200),))
    report = by_source(archive, expected=["redesigned", "walled", "down", "newsite"])

    redesigned = report["redesigned"]
    assert "layout broke" in redesigned.flags
    assert redesigned.last_run_not_articles == 3 and redesigned.last_run_articles == 0
    assert redesigned.consecutive_empty_runs == 1

    walled = report["walled"]
    # Challenges are not mistaken for a new layout; never an article in it: silent as well.
    assert walled.flags == ("blocked", "silent")
    assert walled.last_run_challenges == 2 and walled.last_run_errors == 2

    assert report["down"].flags[0] == "failing"
    assert report["down"].last_success_at is None
    assert report["newsite"].flags == ("never crawled",)
    # One video page among real articles is not a broken layout.
    assert report["reprinted"].flags == ()


def test_silent_source_and_reparse(archive: Archive) -> None:
    crawl(archive, "quiet", articles=1)
    crawl(archive, "quiet")
    later = datetime.now(UTC) + timedelta(days=8)
    report = by_source(archive, now=later, current_parser="parser-2")
    assert report["quiet"].flags == ("silent", "reparse")

    # Many empty runs in a row flag a source even when its last article is recent.
    for _ in range(3):
        crawl(archive, "quiet")
    policy = HealthPolicy(silent_after=timedelta(days=30), empty_runs_limit=4)
    assert by_source(archive, policy=policy)["quiet"].flags == ("silent",)
    assert by_source(archive)["quiet"].flags == ()


def test_only_failures_within_the_window_count_as_recent(archive: Archive) -> None:
    crawl(archive, "flaky", articles=1, failures=(("timeout", None), ("http_500", 500)))
    health = by_source(archive)["flaky"]
    assert health.errors_recent == 2
    later = by_source(archive, now=datetime.now(UTC) + timedelta(days=8))["flaky"]
    assert later.errors_recent == 0
    assert "silent" in later.flags


def test_only_a_finished_run_is_a_success(archive: Archive) -> None:
    # Scrapy's finish reason is the run's status: an interrupted or limited run is not healthy
    # even when it archived something.
    for status in ("shutdown", "closespider_timeout", "cancelled"):
        crawl(archive, status, articles=1, status=status)
    crawl(archive, "done", articles=1, failures=(("http_404", 404),))
    report = by_source(archive)
    for status in ("shutdown", "closespider_timeout", "cancelled"):
        assert report[status].flags == ("failing",)
        assert not report[status].ok and report[status].last_success_at is None
    assert report["done"].ok and report["done"].last_run_status == "finished"
