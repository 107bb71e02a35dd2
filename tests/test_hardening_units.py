"""The hardening rules one by one, without a crawl: URL safety and redaction, session ids in
canonical URLs, the error-page rule, bounded metadata, the sample server's host lookup, the
spool's archive key, the project's settings."""

from __future__ import annotations

import http.client
import logging
from pathlib import Path
from typing import ClassVar

import pytest
from scrapy import Spider
from scrapy.http import Request
from scrapy.utils.test import get_crawler

from newscrawl import settings as project_settings
from newscrawl.failures import OffsiteRefused, TooManyRedirects, UnsafeUrl, exception_reason
from newscrawl.middlewares import OffsiteMiddleware, RedirectMiddleware, UrlSafetyMiddleware
from newscrawl.samples.server import SampleWeb, serving
from newscrawl.urlsafety import RedactingFilter, redact, strip_userinfo, unsafe_reason
from pipelines.dedup.urls import canonical_url
from pipelines.extraction import extract_page
from pipelines.extraction.types import MAX_NAME_CHARS, MAX_TITLE_CHARS
from pipelines.spool import archive_fingerprint, spool_path

# -- schemes and credentials -----------------------------------------------------------------


@pytest.mark.parametrize(
    "url",
    [
        "file:///etc/passwd",
        "file://127.0.0.1:8080/srv/www/a_1.html",
        "ftp://127.0.0.1/pub/a.html",
        "data:text/html,<p>x</p>",
        "gopher://127.0.0.1:70/",
        "s3://bucket/key",
        "http:///no-host",
        "http://127.0.0.1:notaport/",
    ],
)
def test_only_http_and_https_may_be_requested(url: str) -> None:
    assert unsafe_reason(url) is not None
    if "notaport" in url:
        return  # Scrapy refuses to build such a Request at all
    middleware = UrlSafetyMiddleware(get_crawler(Spider))
    with pytest.raises(UnsafeUrl):
        middleware.process_request(Request(url))


@pytest.mark.parametrize("url", ["http://a.cn/x.html", "https://a.cn:8443/x?y=1"])
def test_http_and_https_pass(url: str) -> None:
    assert unsafe_reason(url) is None
    assert UrlSafetyMiddleware(get_crawler(Spider)).process_request(Request(url)) is None


def test_user_info_is_stripped_from_the_request_and_its_real_url() -> None:
    middleware = UrlSafetyMiddleware(get_crawler(Spider))
    url = "http://admin:secret@127.0.0.1:8080/a/1.html?x=1"
    request = Request(url, meta={"real_url": "http://admin:secret@news.cn/a/1.html?x=1"})
    stripped = middleware.process_request(request)
    assert stripped is not None
    assert stripped.url == "http://127.0.0.1:8080/a/1.html?x=1"
    assert stripped.meta["real_url"] == "http://news.cn/a/1.html?x=1"
    assert middleware.process_request(stripped) is None
    assert strip_userinfo("https://u@h.cn/p") == "https://h.cn/p"


def test_credentials_are_redacted_from_any_text_and_log_record() -> None:
    message = "failed http://admin:pw@a.cn/x and https://u@b.cn:81/y; ftp://c:d@e/f"
    assert redact(message) == "failed http://a.cn/x and https://b.cn:81/y; ftp://e/f"
    assert redact("mail me@example.com") == "mail me@example.com"
    record = logging.LogRecord(
        "x", logging.ERROR, __file__, 1, "Crawled %s", ("http://a:b@c/",), None
    )
    assert RedactingFilter().filter(record)
    assert record.getMessage() == "Crawled http://c/"


# -- canonical URLs ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "url",
    [
        "http://a.cn/news/1.html;jsessionid=0A1B2C3D4E.node1",
        "http://a.cn/news/1.html;JSESSIONID=ZZ?id=7",
        "http://a.cn/news/1.html?sid=93a1&id=7",
        "http://a.cn/news/1.html?id=7&PHPSESSID=5f2b9c",
        "http://a.cn/news/1.html?ASPSESSIONIDSQTQDRAB=KLMN&id=7",
    ],
)
def test_session_ids_are_not_part_of_the_page_identity(url: str) -> None:
    expected = "http://a.cn/news/1.html?id=7" if "id=7" in url else "http://a.cn/news/1.html"
    assert canonical_url(url) == expected


# -- page types and metadata -----------------------------------------------------------------


def page(title: str, body: str) -> bytes:
    return (
        f"<html><head><title>{title}</title></head><body><div class='article'><h1>{title}</h1>"
        f"<p class='info'>发布时间：2026-04-15 来源：胶州市融媒体中心</p>{body}</div></body></html>"
    ).encode()


def test_a_number_in_a_short_article_headline_is_no_error_code() -> None:
    short = (
        "<p>又一家世界500强企业落户胶州，项目总投资12亿元，主要建设智能制造基地及研发中心。</p>"
        "<p>项目达产后预计年产值30亿元，将进一步壮大胶州市先进制造业集群，带动就业800余人。</p>"
    )
    extracted = extract_page(page("世界500强企业落户胶州", short), "http://a.cn/n/1.html")
    assert extracted.is_article, extracted.not_article_reason


@pytest.mark.parametrize(
    ("title", "body"),
    [
        ("404", "<p>抱歉，您访问的页面不存在或已被删除，请返回首页继续浏览。</p>"),
        ("404 - 搜狐", "<p>返回首页</p>"),
        ("页面不存在_威海南海新区", "<p>请检查您输入的网址是否正确。</p>"),
        ("胶州新闻网", "<p>抱歉，页面不存在！您要找的页面可能已经被删除。</p>"),
        ("500 Internal Server Error", "<p>nginx</p>"),
    ],
)
def test_error_pages_are_known_by_their_words(title: str, body: str) -> None:
    extracted = extract_page(page(title, body), "http://a.cn/n/1.html")
    assert extracted.not_article_reason == "404"


def test_metadata_fields_are_bounded() -> None:
    huge_title = "胶州" * 500_000  # a 1 MB title
    body = "<p>" + "一季度胶州市新开工项目48个，总投资216亿元。" * 10 + "</p>"
    html = page(huge_title, body).replace(
        "来源：胶州市融媒体中心".encode(),
        ("来源：" + "胶" * 5000 + " 作者：" + "李" * 3000).encode(),
    )
    extracted = extract_page(html, "http://a.cn/n/1.html")
    assert extracted.title is not None and len(extracted.title) <= MAX_TITLE_CHARS
    assert extracted.title.startswith("胶州胶州")
    for value in (extracted.author, extracted.original_source):
        assert value is None or len(value) <= MAX_NAME_CHARS


# -- the sample server -----------------------------------------------------------------------


@pytest.mark.parametrize(
    "host",
    [
        "www.zngk.vip.localhost/../../..",
        "www.zngk.vip/../../../../etc",
        "..",
        "www.zngk.vip.localhost/..%2f..",
        "../newscrawl",
    ],
)
def test_the_sample_server_resolves_hosts_by_exact_name(host: str) -> None:
    assert SampleWeb().respond(host, "/index.html", {}).status == 404
    with serving() as server:
        connection = http.client.HTTPConnection("127.0.0.1", server.port, timeout=10)
        connection.putrequest("GET", "/_site.json", skip_host=True)
        connection.putheader("Host", host)
        connection.endheaders()
        reply = connection.getresponse()
        body = reply.read()
        connection.close()
    assert reply.status == 404 and b"charset_header" not in body


def test_the_sample_server_still_serves_its_sites() -> None:
    assert SampleWeb().respond("www.zngk.vip.localhost:8080", "/index.html", {}).status == 200


# -- the spool's archive ---------------------------------------------------------------------------


def test_a_spool_belongs_to_one_archive(tmp_path: Path) -> None:
    spool_dir = tmp_path / "spool"
    a = "postgresql+psycopg://newscrawl:old-password@db.internal:5432/archive_a"
    a_new_password = "postgresql+psycopg://newscrawl:new-password@db.internal:5432/archive_a"
    b = "postgresql+psycopg://newscrawl:old-password@db.internal:5432/archive_b"
    assert spool_path(spool_dir, a, "site") == spool_path(spool_dir, a_new_password, "site")
    assert spool_path(spool_dir, a, "site") != spool_path(spool_dir, b, "site")
    assert spool_path(spool_dir, a, "site") != spool_path(spool_dir, a, "zngk")
    assert "old-password" not in str(spool_path(spool_dir, a, "site"))
    # one SQLite file, however its path is spelled
    assert archive_fingerprint(f"sqlite:///{tmp_path}/archive.db") == archive_fingerprint(
        f"sqlite:///{tmp_path}/spool/../archive.db"
    )


# -- settings --------------------------------------------------------------------------------------


def test_remote_consoles_are_off_and_only_web_schemes_have_handlers() -> None:
    assert project_settings.TELNETCONSOLE_ENABLED is False
    assert project_settings.REMOTE_CONTROL_ENABLED is False
    handlers = project_settings.DOWNLOAD_HANDLERS
    assert {scheme for scheme, handler in handlers.items() if handler} == {"http", "https"}


# -- refusals with types ---------------------------------------------------------------------------


class PortBoundSpider(Spider):
    name = "port-bound"
    allowed_domains: ClassVar[list[str]] = ["news.example"]
    allowed_ports: ClassVar[set[int]] = {8080}


def test_the_offsite_filter_checks_the_port_and_refuses_with_a_type() -> None:
    crawler = get_crawler(PortBoundSpider)
    spider = PortBoundSpider()
    crawler.spider = spider
    middleware = OffsiteMiddleware.from_crawler(crawler)
    middleware.spider_opened(spider)
    assert middleware.process_request(Request("http://news.example:8080/a.html")) is None
    for url in ("http://news.example:8081/a.html", "http://other.example:8080/a.html"):
        with pytest.raises(OffsiteRefused):
            middleware.process_request(Request(url))
    assert exception_reason(OffsiteRefused("x")) is None  # deliberate: not a failure


def test_too_many_redirects_is_a_type() -> None:
    crawler = get_crawler(Spider, {"REDIRECT_MAX_TIMES": 1})
    crawler.spider = Spider("s")
    middleware = RedirectMiddleware.from_crawler(crawler)
    first = Request("http://a.example/1")
    second = middleware._redirect(Request("http://a.example/2"), first, 302)
    with pytest.raises(TooManyRedirects) as refused:
        middleware._redirect(Request("http://a.example/3"), second, 302)
    assert exception_reason(refused.value) == "too_many_redirects"
