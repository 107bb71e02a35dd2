"""Anti-bot interstitials: detected, never archived as articles, recorded as failures, and
shown by ``newscrawl sources`` as a blocked source.

Two crawls: the generic ``site`` spider against a tiny server of this test (a JS-cookie
challenge served once with HTTP 521, once with 200, next to a real article), and the ``ocean52``
registry spider against the sample web, whose forum serves a 521 challenge for one thread.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select

from archive.models import Article, ArticleVersion, FetchFailure
from archive.store import Archive
from newscrawl.samples.server import SampleServer, serving

REPO_ROOT = Path(__file__).resolve().parents[1]
FAST = ("-s", "DOWNLOAD_DELAY=0", "-s", "AUTOTHROTTLE_ENABLED=False", "-s", "LOG_LEVEL=INFO")

ARTICLE = """<html><head><meta charset="utf-8"><title>西海岸新区一季度新开工项目155个</title></head>
<body><div class="nav"><a href="/">首页</a></div><div class="article"><h1>西海岸新区一季度新开工项目155个</h1>
<p class="info">发布时间：2026-04-02 来源：青岛日报 作者：董梅雪</p>
<p>今年一季度，西海岸新区新开工项目155个，同比增长21.1%；总投资421亿元，其中过亿元项目86个。</p>
<p>新区坚持项目为王，围绕先进制造业、海洋经济和现代服务业精准招商，一批投资规模大、带动能力强的
项目加快落地，为全年经济稳增长打下坚实基础。</p>
<p>下一步，新区将持续优化营商环境，强化要素保障，推动更多项目早开工、早投产、早见效。</p>
</div></body></html>"""

# The shape of 加速乐 / 知道创宇 walls: no text, a script that sets a clearance cookie and reloads.
CHALLENGE = """<html><head><meta charset="utf-8"></head><body><script>
document.cookie=('__jsl_clearance=1714000000.123|0|'+(function(){return 'abc'})())+';max-age=3600;path=/';
location.href=location.pathname+location.search</script></body></html>"""
ACW_CHALLENGE = """<html><script>var arg1='3B9F4A1C';function setCookie(n,v){document.cookie=n+'='+v}
setCookie('acw_sc__v2', arg1);document.location.reload();</script></html>"""

PAGES: dict[str, tuple[int, str]] = {
    "/": (
        200,
        '<html><body><ul><li><a href="/news/1.html">新开工项目155个</a> 2026-04-02</li>'
        '<li><a href="/news/2.html">总投资421亿元</a> 2026-04-03</li>'
        '<li><a href="/news/3.html">招商引资签约</a> 2026-04-04</li></ul></body></html>',
    ),
    "/news/1.html": (200, ARTICLE),
    "/news/2.html": (521, CHALLENGE),
    "/news/3.html": (200, ACW_CHALLENGE),
}


class WalledSite(BaseHTTPRequestHandler):
    def do_GET(self) -> None:
        status, html = PAGES.get(self.path, (404, "<html><title>404 Not Found</title></html>"))
        body = html.encode("utf-8")
        self.send_response(status)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: Any) -> None:
        pass


@pytest.fixture
def walled_site() -> Iterator[str]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), WalledSite)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture
def sample_web() -> Iterator[SampleServer]:
    with serving() as server:
        yield server


def scrapy_crawl(db_url: str, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "NEWSCRAWL_DB_URL": db_url, "PYTHONPATH": str(REPO_ROOT)}
    env.pop("NEWSCRAWL_REDIS_URL", None)
    return subprocess.run(
        [sys.executable, "-m", "scrapy", "crawl", *args, *FAST],
        cwd=REPO_ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=240,
    )


def sources_report(db_url: str) -> dict[str, dict[str, Any]]:
    done = subprocess.run(
        [sys.executable, "-m", "newscrawl", "sources", "--db", db_url, "--json"],
        cwd=REPO_ROOT,
        env={**os.environ, "PYTHONPATH": str(REPO_ROOT)},
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    return {row["source"]: row for row in map(json.loads, done.stdout.splitlines())}


def archived(db_url: str) -> tuple[list[str], list[str], list[tuple[str, str, int | None]]]:
    """(article URLs, version texts, (url, reason, http status) of failures)."""
    archive = Archive.from_url(db_url)
    try:
        with archive.sessions() as session:
            urls = list(session.scalars(select(Article.url).order_by(Article.url)))
            texts = list(session.scalars(select(ArticleVersion.text)))
            failures = [
                tuple(row)
                for row in session.execute(
                    select(
                        FetchFailure.url, FetchFailure.reason, FetchFailure.http_status
                    ).order_by(FetchFailure.url)
                )
            ]
    finally:
        archive.close()
    return urls, texts, failures


def test_challenges_on_any_site_are_failures_not_articles(
    walled_site: str, sqlite_url: str
) -> None:
    done = scrapy_crawl(sqlite_url, "site", "-a", f"start_url={walled_site}/")
    assert done.returncode == 0, done.stderr[-4000:]

    urls, texts, failures = archived(sqlite_url)
    assert urls == [f"{walled_site}/news/1.html"]
    assert not any("cookie" in text or "__jsl" in text for text in texts)
    assert failures == [
        (f"{walled_site}/news/2.html", "challenge", 521),
        (f"{walled_site}/news/3.html", "challenge", 200),
    ]

    site = sources_report(sqlite_url)["site:127.0.0.1"]  # one source per crawled host
    assert "blocked" in site["flags"]
    assert "layout broke" not in site["flags"]
    assert site["last_run_challenges"] == 2
    assert site["articles"] == 1


def test_registry_spider_records_the_sample_webs_521_wall(
    sample_web: SampleServer, sqlite_url: str
) -> None:
    done = scrapy_crawl(sqlite_url, "ocean52", "-a", f"sample_port={sample_web.port}")
    assert done.returncode == 0, done.stderr[-4000:]

    urls, _, failures = archived(sqlite_url)
    # Thread 6104 (linked as thread-6104-1-1.html, requested as forum.php?…&tid=6104) is walled.
    assert not [url for url in urls if "6104" in url]
    assert [(reason, status) for url, reason, status in failures if "6104" in url] == [
        ("challenge", 521)
    ]
    assert urls, "the forum's real threads are still archived"
    # One walled thread beside archived ones is reported, but the source is not blocked: that
    # takes at least as many walled URLs as articles reached (archive.health).
    ocean52 = sources_report(sqlite_url)["ocean52"]
    assert ocean52["last_run_challenges"] == 1
    assert "blocked" not in ocean52["flags"]
