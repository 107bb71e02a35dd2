"""Crawl runs written through the storage API exactly as the archive pipeline writes them:
runs with Scrapy stats, failures, articles (for the source health tests)."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from archive.store import Archive
from pipelines.cleaning import clean_text, content_hash
from pipelines.items import ArticleItem

TEXT = "一季度，西海岸新区新开工项目155个，同比增长21.1%；总投资421亿元。"


def article(source: str, number: int) -> ArticleItem:
    text = clean_text(f"{TEXT}第{number}篇报道。")
    return ArticleItem(
        url=f"http://{source}.example/news/{number}.html",
        source_key=source,
        family="trs",
        fetched_at=datetime.now(UTC),
        raw_body=text.encode(),
        encoding="utf-8",
        title=f"报道{number}",
        paragraphs=[text],
        text=text,
        content_hash=content_hash(text),
        parser_version="parser-1",
    )


def crawl(
    archive: Archive,
    source: str,
    *,
    articles: int = 0,
    pages: int = 5,
    failures: tuple[tuple[str, int | None], ...] = (),
    status: str = "finished",
    start_failed: bool = False,
) -> None:
    """One crawl run as the pipelines record it."""
    archive.ensure_source(source, source, "trs", f"http://{source}.example/")
    run = archive.start_crawl_run(source)
    outcomes: dict[str, int] = {}
    for number in range(articles):
        existing = len(archive.known_articles(source))
        outcome = archive.save_article(article(source, existing + number), crawl_run_id=run)
        outcomes[outcome.status] = outcomes.get(outcome.status, 0) + 1
    for n, (reason, http_status) in enumerate(failures):
        archive.record_failure(
            f"http://{source}.example/bad/{n}", reason, http_status, crawl_run_id=run, spider=source
        )
    stats: dict[str, Any] = {
        "finish_reason": "finished",
        "response_received_count": pages,
        "newscrawl/articles": articles,
        **{f"newscrawl/archive/{status}": n for status, n in outcomes.items()},
    }
    if start_failed:
        stats["newscrawl/start_failed"] = 1
    archive.finish_crawl_run(run, status, stats)
