"""DedupPipeline: the Scrapy glue that gives an item its canonical URL and its signature."""

from __future__ import annotations

import asyncio

from scrapy.utils.test import get_crawler

from pipelines.dedup.minhash import NUM_PERM, text_signature
from pipelines.dedup_pipeline import DedupPipeline
from pipelines.items import ArticleItem
from tests.support.dedup import FETCHED_AT, ORIGINAL


def run(item: ArticleItem) -> tuple[ArticleItem, dict[str, int]]:
    crawler = get_crawler()
    pipeline = DedupPipeline.from_crawler(crawler)
    result = asyncio.run(pipeline.process_item(item))
    assert crawler.stats is not None
    stats = {
        key.removeprefix("newscrawl/dedup/"): value
        for key, value in crawler.stats.get_stats().items()
        if key.startswith("newscrawl/dedup/")
    }
    return result, stats


def item(url: str, text: str = ORIGINAL, declared: str | None = None) -> ArticleItem:
    return ArticleItem(
        url=url,
        source_key="zngk",
        family="zblog",
        fetched_at=FETCHED_AT,
        text=text,
        declared_original_url=declared,
    )


def test_fills_signature_and_canonical_url() -> None:
    result, stats = run(item("http://m.zngk.vip/post/2231.html?utm_source=wechat#top"))
    assert result.url == "http://www.zngk.vip/post/2231.html"
    assert len(result.minhash) == NUM_PERM
    assert result.minhash == [int(value) for value in text_signature(ORIGINAL)]
    assert stats == {"url_canonicalized": 1, "signed": 1}


def test_cross_site_canonical_stays_a_declared_original() -> None:
    result, stats = run(
        item("http://www.zngk.vip/post/2231.html", declared="https://m.sohu.com/a/1_2?spm=x")
    )
    assert result.url == "http://www.zngk.vip/post/2231.html"
    assert result.declared_original_url == "https://www.sohu.com/a/1_2"
    assert stats["declared_original"] == 1


def test_same_site_canonical_becomes_the_url() -> None:
    result, _ = run(
        item("http://www.zngk.vip/print.php?id=2231", declared="http://www.zngk.vip/post/2231.html")
    )
    assert (result.url, result.declared_original_url) == (
        "http://www.zngk.vip/post/2231.html",
        None,
    )


def test_empty_text_has_no_signature_and_other_items_pass() -> None:
    result, _ = run(item("http://www.zngk.vip/post/1.html", text=""))
    assert result.minhash == []
    other = {"url": "http://www.zngk.vip/"}
    assert asyncio.run(DedupPipeline.from_crawler(get_crawler()).process_item(other)) is other
