"""End-to-end crawls of every CMS family against the local sample web, into a real SQLite
archive, each crawl in its own ``scrapy crawl`` process."""

from __future__ import annotations

import pytest

from newscrawl.samples.server import SampleServer
from tests.support.crawl import archived, control, failures, run_crawl, run_newscrawl

# the shared fixtures

SINCE = "2026-01-01"  # fixed, so the results do not depend on today's date

EXPECTED = {
    "whnanhai": [
        ("http://www.whnanhai.gov.cn/xwzx/gzdt/202603/t20260302_4490.html", "南海新区召开招商引资工作会议", "2026-03-02T15:08:00+08:00"),
        ("http://www.whnanhai.gov.cn/xwzx/gzdt/202604/t20260410_4512.html", "南海新区一季度新开工项目23个 总投资86亿元", "2026-04-10T10:30:12+08:00"),
        ("http://www.whnanhai.gov.cn/xwzx/gzdt/202604/t20260415_4520.html", "南海新区2026年重点项目建设推进情况", "2026-04-15T09:00:00+08:00"),
        ("http://www.whnanhai.gov.cn/xwzx/gzdt/202605/t20260506_4561.html", "南海新区与中国电建签约文旅康养项目 总投资30亿元", "2026-05-06T17:45:00+08:00"),
        ("http://www.whnanhai.gov.cn/xwzx/gzdt/202606/t20260611_4603.html", "南海新区新能源装备产业园二期开工 计划总投资42亿元", "2026-06-11T16:20:00+08:00"),
    ],
    "qdrb": [
        ("http://epaper.qingdaonews.com/qdrb/html/2026-04/09/content_144211_3491102.htm", "西海岸新区一季度新开工项目155个", "2026-04-09"),
        ("http://epaper.qingdaonews.com/qdrb/html/2026-04/09/content_144211_3491103.htm", "即墨区一季度新开工项目68个 总投资137亿元", "2026-04-09"),
        ("http://epaper.qingdaonews.com/qdrb/html/2026-06/01/content_144571_3494420.htm", "青岛港前5个月集装箱吞吐量1290万标准箱", "2026-06-01"),
        ("http://epaper.qingdaonews.com/qdrb/html/2026-06/01/content_144572_3494431.htm", "平度市新开工工业项目36个", "2026-06-01"),
        ("http://epaper.qingdaonews.com/qdrb/html/2026-06/02/content_144591_3494474.htm", "前5个月全市新签约过亿元项目412个", "2026-06-02"),
        ("http://epaper.qingdaonews.com/qdrb/html/2026-06/02/content_144591_3494475.htm", "全市二季度重点项目集中开工 129个项目总投资682亿元", "2026-06-02"),
        ("http://epaper.qingdaonews.com/qdrb/html/2026-06/02/content_144592_3494480.htm", "上合示范区前5个月实际使用外资2.1亿美元", "2026-06-02"),
    ],
    "xhaxw": [
        ("http://epaper.xihaiannews.com/html/2026-04/07/content_20802.htm", "董家口港区一季度完成货物吞吐量4370万吨", "2026-04-07"),
        ("http://epaper.xihaiannews.com/html/2026-04/07/content_20807.htm", "新区“双招双引”签约项目23个", "2026-04-07"),
        ("http://epaper.xihaiannews.com/html/2026-04/08/content_20831.htm", "西海岸新区一季度新开工项目155个 总投资421亿元", "2026-04-08"),
        ("http://epaper.xihaiannews.com/html/2026-04/08/content_20836.htm", "灵山湾影视文化产业区集中签约项目12个 总投资95亿元", "2026-04-08"),
    ],
    "sohu_xhafb": [
        ("http://www.sohu.com/a/868501234_121106994", "西海岸新区一季度新开工项目155个 总投资421亿元", "2026-04-08T18:32:00+08:00"),
        ("http://www.sohu.com/a/868512345_121106994", "西海岸新区二季度重大项目集中开工 63个项目总投资580亿元", "2026-04-18T10:05:00+08:00"),
        ("http://www.sohu.com/a/868523456_121106994", "西海岸新区在深圳举办招商推介会 现场签约项目18个", "2026-05-12T20:15:00+08:00"),
    ],
    "zngk": [
        ("http://www.zngk.vip/post/1288.html", "[园区招商]西海岸新区一季度新开工项目155个 总投资421亿元", "2026-04-10"),
        ("http://www.zngk.vip/post/1289.html", "[园区招商]即墨区一季度新开工项目68个 总投资137亿元", "2026-04-11"),
        ("http://www.zngk.vip/post/1290.html", "西海岸新区产业园区招商政策汇编：落户奖励最高2000万元", "2026-05-06"),
        ("http://www.zngk.vip/post/1291.html", "西海岸新区前4个月实际使用外资5.6亿美元 同比增长15.3%", "2026-05-15"),
    ],
    "ocean52": [
        ("https://www.52ocean.cn/forum.php?mod=viewthread&tid=6101", "【转】西海岸新区一季度新开工项目155个 总投资421亿元", "2026-04-11T09:23:00+08:00"),
        ("https://www.52ocean.cn/forum.php?mod=viewthread&tid=6102", "西海岸海洋经济一季度：海洋生产总值增长8.1%", "2026-04-13T09:30:00+08:00"),
        ("https://www.52ocean.cn/forum.php?mod=viewthread&tid=6103", "蓝谷管理局一季度招引海洋科技项目32个", "2026-04-16T14:05:00+08:00"),
    ],
}  # fmt: skip

EXPECTED_FAILURES = {
    "whnanhai": [("http://www.whnanhai.gov.cn/xwzx/gzdt/202602/t20260226_4470.html", "http_404", 404)],
    "qdrb": [],
    "xhaxw": [],
    "sohu_xhafb": [
        ("https://www.sohu.com/a/868534567_121106994", "not_article: video", 200),
        ("https://www.sohu.com/a/868400001_121106994", "http_404", 404),
    ],
    "zngk": [],
    "ocean52": [("https://www.52ocean.cn/forum.php?mod=viewthread&tid=6104", "challenge", 521)],
}  # fmt: skip


def current(db_url: str) -> list[tuple[str, str | None, str | None]]:
    return [(a.url, a.title, a.published) for a in archived(db_url)]


@pytest.mark.parametrize("key", sorted(EXPECTED))
def test_source_crawl_archives_exactly_its_articles(
    key: str, sample_web: SampleServer, archive_db: str
) -> None:
    control(sample_web, "log?clear=1")
    run = run_crawl(key, archive_db, args={"sample_port": sample_web.port, "since": SINCE})
    assert current(archive_db) == EXPECTED[key]
    assert {a.source for a in archived(archive_db)} == {key}
    assert sorted(failures(archive_db)) == sorted(EXPECTED_FAILURES[key])
    # robots.txt was fetched and obeyed: no disallowed path was ever requested
    requested = [entry["target"] for entry in control(sample_web, "log")]
    assert "/robots.txt" in requested
    assert not any(t.startswith(("/preview/", "/qdrb/search/", "/search.php")) for t in requested)

    second = run_crawl(key, archive_db, args={"sample_port": sample_web.port, "since": SINCE})
    assert current(archive_db) == EXPECTED[key], "a second crawl archived something new"
    assert second.stat("newscrawl/articles") == 0
    assert second.stat("newscrawl/skipped_known") >= len(EXPECTED[key])
    assert run.stat("newscrawl/articles") == len(EXPECTED[key])


def test_multi_page_article_is_joined(sample_web: SampleServer, archive_db: str) -> None:
    run = run_crawl("whnanhai", archive_db, args={"sample_port": sample_web.port, "since": SINCE})
    assert run.stat("newscrawl/article_parts") == 2
    from sqlalchemy import create_engine, text

    engine = create_engine(archive_db)
    with engine.connect() as connection:
        body = connection.execute(
            text(
                "SELECT v.text FROM article_versions v JOIN articles a ON a.id = v.article_id "
                "WHERE a.url LIKE '%t20260415_4520.html'"
            )
        ).scalar_one()
    engine.dispose()
    # one sentence from each of the three parts
    assert "已开工项目41个" in body
    assert "龙海路等8条市政道路全面开工" in body
    assert "周调度、月通报" in body


def test_since_stops_paging(sample_web: SampleServer, archive_db: str) -> None:
    control(sample_web, "log?clear=1")
    run_crawl("whnanhai", archive_db, args={"sample_port": sample_web.port, "since": "2026-05-01"})
    assert [a.url.rsplit("/", 1)[1] for a in archived(archive_db)] == [
        "t20260506_4561.html",
        "t20260611_4603.html",
    ]
    requested = {entry["target"] for entry in control(sample_web, "log")}
    # index.html lists nothing older than May 2026 only partly, index_1.html is all older:
    # so index_2.html is never fetched
    assert "/xwzx/gzdt/index_1.html" in requested
    assert "/xwzx/gzdt/index_2.html" not in requested


def test_changed_page_yields_one_new_version(sample_web: SampleServer, archive_db: str) -> None:
    args = {"sample_port": sample_web.port, "since": SINCE}
    run_crawl("whnanhai", archive_db, args=args)
    try:
        control(sample_web, "variant?name=edited")
        audit = run_crawl("whnanhai", archive_db, args={**args, "revisit": "all"})
        again = run_crawl("whnanhai", archive_db, args={**args, "revisit": "all"})
    finally:
        control(sample_web, "variant?name=")
    versions = [(a.url.rsplit("/", 1)[1], a.version) for a in archived(archive_db)]
    assert versions == [
        ("t20260302_4490.html", 1),
        ("t20260410_4512.html", 1),
        ("t20260410_4512.html", 2),
        ("t20260415_4520.html", 1),
        ("t20260506_4561.html", 1),
        ("t20260611_4603.html", 1),
    ]
    # the unchanged pages answered the conditional requests with 304
    assert audit.stat("newscrawl/revisits") == 5
    assert audit.stat("newscrawl/not_modified") == 4
    # auditing the edited page again: every page is unchanged now (the stored ETag matches)
    assert again.stat("newscrawl/revisits") == 5
    assert again.stat("newscrawl/not_modified") == 5


def test_generic_spider_archives_articles_and_skips_the_rest(
    sample_web: SampleServer, archive_db: str
) -> None:
    run = run_crawl(
        "site",
        archive_db,
        args={"start_url": "http://jiaozhou-news.example/", "sample_port": sample_web.port},
    )
    assert current(archive_db) == [
        ("http://jiaozhou-news.example/news/2026/0512/1203.shtml", "胶州市4月份新签约项目19个 总投资146亿元", "2026-05-12T18:20:00+08:00"),
        ("http://jiaozhou-news.example/news/2026/0518/1210.shtml", "胶东临空经济示范区一季度新开工项目27个", "2026-05-18T09:05:00+08:00"),
        ("http://jiaozhou-news.example/news/2026/0520/1215.shtml", "胶州湾北部产业园上半年计划完成投资52亿元", "2026-05-20T14:36:00+08:00"),
    ]  # fmt: skip
    assert failures(archive_db) == [
        ("http://jiaozhou-news.example/news/2026/0401/1100.shtml", "http_404", 404)
    ]
    # the home, list, about, search and video pages were fetched but not archived
    assert run.stat("response_received_count") >= 8
    assert run.stat("robotstxt/forbidden") == 1  # /admin/preview/… is disallowed


GENERIC_SITE_ARTICLES = {
    "www.zngk.vip": [
        "http://www.zngk.vip/post/1275.html",
        "http://www.zngk.vip/post/1288.html",
        "http://www.zngk.vip/post/1289.html",
        "http://www.zngk.vip/post/1290.html",
        "http://www.zngk.vip/post/1291.html",
    ],
    "www.whnanhai.gov.cn": [
        "http://www.whnanhai.gov.cn/xwzx/gzdt/202509/t20250918_4301.html",
        "http://www.whnanhai.gov.cn/xwzx/gzdt/202603/t20260302_4490.html",
        "http://www.whnanhai.gov.cn/xwzx/gzdt/202604/t20260410_4512.html",
        "http://www.whnanhai.gov.cn/xwzx/gzdt/202604/t20260415_4520.html",
        "http://www.whnanhai.gov.cn/xwzx/gzdt/202605/t20260506_4561.html",
        "http://www.whnanhai.gov.cn/xwzx/gzdt/202606/t20260611_4603.html",
    ],
}


@pytest.mark.parametrize("host", sorted(GENERIC_SITE_ARTICLES))
def test_generic_spider_tells_articles_from_lists_and_about_pages(
    host: str, sample_web: SampleServer, archive_db: str
) -> None:
    # The generic spider has never seen these sites: it must find the articles on its own,
    # without the registry's URL patterns, and skip the home, column, tag and about pages.
    run = run_crawl(
        "site", archive_db, args={"start_url": f"http://{host}/", "sample_port": sample_web.port}
    )
    assert [a.url for a in archived(archive_db)] == GENERIC_SITE_ARTICLES[host]
    assert run.stat("newscrawl/not_article/list") == 3
    assert run.stat("newscrawl/not_article/about") == 1


def test_generic_spider_respects_max_pages_and_allow(
    sample_web: SampleServer, archive_db: str
) -> None:
    run = run_crawl(
        "site",
        archive_db,
        args={
            "start_url": f"http://jiaozhou-news.example.localhost:{sample_web.port}/news/list.html",
            "allow": r"/news/2026/05",
            "max_pages": 3,
        },
    )
    assert run.stat("newscrawl/articles") == 2
    assert all(
        a.url.startswith("http://jiaozhou-news.example/news/2026/05") for a in archived(archive_db)
    )


def test_newscrawl_crawl_runs_several_sources_and_reports_failure(
    sample_web: SampleServer, archive_db: str
) -> None:
    done = run_newscrawl(
        "crawl", "zngk", "xhaxw", "--sample-port", str(sample_web.port), "--since", SINCE,
        "-s", "DOWNLOAD_DELAY=0", db_url=archive_db,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr[-3000:]
    assert {a.source for a in archived(archive_db)} == {"zngk", "xhaxw"}
    assert len(archived(archive_db)) == len(EXPECTED["zngk"]) + len(EXPECTED["xhaxw"])

    # nothing listens on port 9 (discard): the start page fails, so the source fails
    down = run_newscrawl(
        "crawl", "zngk", "--sample-port", "9", "-s", "RETRY_TIMES=0", db_url=archive_db
    )
    assert down.returncode == 1
    assert "FAILED" in down.stdout

    unknown = run_newscrawl("crawl", "nosuchsource", db_url=archive_db)
    assert unknown.returncode == 2
    assert "unknown source nosuchsource" in unknown.stderr
