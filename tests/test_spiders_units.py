"""The spiders' pure helpers: revisit ladder, URL forms, pagination, dates, loopback names."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

from newscrawl.resolver import is_loopback_name
from newscrawl.samples.urls import from_sample_url, to_sample_url
from newscrawl.spiders.discuz import thread_url
from newscrawl.spiders.revisit import revisit_due
from newscrawl.spiders.source import next_pages, pagination_key
from pipelines.extraction.links import date_from_url

LADDER = (timedelta(hours=1), timedelta(hours=6), timedelta(days=1), timedelta(days=7))
T0 = datetime(2026, 11, 1, 8, 0, tzinfo=UTC)


def test_revisit_ladder() -> None:
    # just archived: nothing due
    assert not revisit_due(T0, T0, T0 + timedelta(minutes=59), LADDER)
    # an hour later the first checkpoint has passed
    assert revisit_due(T0, T0, T0 + timedelta(hours=1), LADDER)
    # checked at 1h30: next due after the 6 h checkpoint
    seen = T0 + timedelta(hours=1, minutes=30)
    assert not revisit_due(T0, seen, T0 + timedelta(hours=5), LADDER)
    assert revisit_due(T0, seen, T0 + timedelta(hours=6), LADDER)
    # not checked for weeks: one revisit is due, not one per missed checkpoint
    assert revisit_due(T0, T0, T0 + timedelta(days=30), LADDER)
    # checked after the last checkpoint: never again
    seen = T0 + timedelta(days=8)
    assert not revisit_due(T0, seen, T0 + timedelta(days=400), LADDER)


def test_discuz_thread_urls_fold_into_one_form() -> None:
    base = "https://www.52ocean.cn"
    canonical = f"{base}/forum.php?mod=viewthread&tid=6101"
    assert thread_url(f"{base}/thread-6101-1-1.html") == canonical
    assert thread_url(f"{base}/forum.php?mod=viewthread&tid=6101&extra=page%3D1") == canonical
    assert thread_url(f"{base}/thread-6103-2-1.html") is None  # replies only
    assert thread_url(f"{base}/forum.php?mod=viewthread&tid=6103&page=2") is None
    assert thread_url(f"{base}/forum-58-2.html") == f"{base}/forum-58-2.html"


def test_pagination_follows_only_the_next_page() -> None:
    assert pagination_key("http://x/a/index_12.html") == ("http://x/a/index_#.html", 12)
    assert pagination_key("http://x/forum-58-2.html") == ("http://x/forum-58-#.html", 2)
    assert pagination_key("http://x/a/index.html") == ("http://x/a/index.html", 0)
    listed = [f"http://x/a/index_{n}.html" for n in range(1, 10)]
    assert next_pages("http://x/a/index.html", listed) == {"http://x/a/index_1.html"}
    assert next_pages("http://x/a/index_4.html", listed) == {"http://x/a/index_5.html"}
    assert next_pages("http://x/a/index_9.html", listed) == set()


def test_dates_in_urls() -> None:
    assert date_from_url("http://e/qdrb/html/2026-06/02/content_1_2.htm") == date(2026, 6, 2)
    assert date_from_url("http://g/xwzx/gzdt/202604/t20260410_4512.html") == date(2026, 4, 10)
    assert date_from_url("http://j/news/2026/0512/1203.shtml") == date(2026, 5, 12)
    assert date_from_url("http://z/post/1288.html") is None


def test_sample_url_mapping_round_trips() -> None:
    real = "https://www.sohu.com/a/868501234_121106994"
    sample = to_sample_url(real, 8765)
    assert sample == "http://www.sohu.com.localhost:8765/a/868501234_121106994"
    assert from_sample_url(sample, {"www.sohu.com": "https"}) == real
    query = "https://www.52ocean.cn/forum.php?mod=viewthread&tid=6101"
    assert from_sample_url(to_sample_url(query, 1), {"www.52ocean.cn": "https"}) == query
    assert from_sample_url("http://example.com/x") == "http://example.com/x"


def test_loopback_names() -> None:
    assert is_loopback_name("localhost")
    assert is_loopback_name("www.sohu.com.localhost")
    assert is_loopback_name("WWW.SOHU.COM.LOCALHOST.")
    assert not is_loopback_name("localhost.example.com")
    assert not is_loopback_name("www.sohu.com")
