"""Canonical URLs: one archive key per page, declared originals kept apart."""

from __future__ import annotations

import pytest

from pipelines.dedup.urls import canonical_url, names_same_page, page_identity, same_origin


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        # w3lib: sorted query, fragment dropped, percent-encoding normalized
        ("http://www.sohu.com/a/1_2?b=2&a=1#comments", "http://www.sohu.com/a/1_2?a=1&b=2"),
        (
            "http://www.zngk.vip/search.php?q=招商",
            "http://www.zngk.vip/search.php?q=%E6%8B%9B%E5%95%86",
        ),
        # case of the host, default port
        ("HTTP://WWW.Sohu.COM:80/a/1_2", "http://www.sohu.com/a/1_2"),
        ("https://www.sohu.com:443/a/1_2", "https://www.sohu.com/a/1_2"),
        ("http://www.sohu.com.localhost:8080/a/1_2", "http://www.sohu.com.localhost:8080/a/1_2"),
        # tracking parameters
        (
            "https://www.sohu.com/a/533412345_121106902?spm=smpc.author.fd-d.1.1648&scm=1.2"
            "&utm_source=wechat&utm_medium=social&from=timeline&isappinstalled=0",
            "https://www.sohu.com/a/533412345_121106902",
        ),
        (
            "http://www.52ocean.cn/forum.php?mod=viewthread&tid=20418&from=share",
            "http://www.52ocean.cn/forum.php?mod=viewthread&tid=20418",
        ),
        # mobile editions
        ("https://m.sohu.com/a/533412345_121106902", "https://www.sohu.com/a/533412345_121106902"),
        (
            "http://wap.xihaiannews.com/wap/news/8812.html",
            "http://www.xihaiannews.com/news/8812.html",
        ),
        ("http://3g.163.com/news/article/H3KQ.html", "http://www.163.com/news/article/H3KQ.html"),
        # a two-label host is a domain, not a mobile prefix
        ("http://m.cn/a.html", "http://m.cn/a.html"),
        # not http(s): untouched
        ("mailto:editor@qingdaonews.com", "mailto:editor@qingdaonews.com"),
    ],
)
def test_canonical_url(url: str, expected: str) -> None:
    assert canonical_url(url) == expected


def test_canonical_url_is_idempotent() -> None:
    url = "https://m.sohu.com/a/533412345_121106902?spm=1&b=2&a=%E4%B8%AD#x"
    assert canonical_url(canonical_url(url)) == canonical_url(url)


def test_same_origin_is_scheme_host_and_port() -> None:
    # the mobile edition is the desktop site; the default port is no port
    assert same_origin("https://m.sohu.com/a/1", "https://www.sohu.com/a/2")
    assert same_origin("http://www.zngk.vip:80/a", "http://WWW.zngk.vip/b")
    assert not same_origin("http://news.sohu.com/a/1", "http://www.sohu.com/a/1")
    assert not same_origin("http://sohu.com/a/1", "http://www.sohu.com/a/1")
    assert not same_origin("http://localhost:8080/a", "http://localhost:8081/a")
    assert not same_origin("http://www.sohu.com/a/1", "https://www.sohu.com/a/1")


def test_a_page_names_itself_on_its_origin_or_as_its_scheme_twin() -> None:
    page = "https://www.sohu.com/a/868501234_121106994"
    assert names_same_page(page, "https://www.sohu.com/a/1")
    # Sohu serves https and declares the http spelling of the same page
    assert names_same_page(page, "http://www.sohu.com/a/868501234_121106994")
    assert not names_same_page(page, "http://www.sohu.com/a/1")
    assert not names_same_page(page, "https://news.sohu.com/a/868501234_121106994")
    assert not names_same_page("http://127.0.0.1:8080/a", "http://127.0.0.1:8081/a")


def test_same_site_canonical_is_the_identity() -> None:
    url, declared = page_identity(
        "http://www.xihaiannews.com/print.php?id=8812&utm_source=qq", "/html/8812.html"
    )
    assert url == "http://www.xihaiannews.com/html/8812.html"
    assert declared is None


def test_cross_site_canonical_is_a_declared_original() -> None:
    # A Z-Blog reprint site that copied the Sohu page's <link rel=canonical>.
    url, declared = page_identity(
        "http://www.zngk.vip/post/2231.html?from=timeline",
        "https://www.sohu.com/a/533412345_121106902?spm=smpc.1",
    )
    assert url == "http://www.zngk.vip/post/2231.html"
    assert declared == "https://www.sohu.com/a/533412345_121106902"


def test_own_canonical_and_copied_og_url() -> None:
    url, declared = page_identity(
        "http://m.zngk.vip/post/2231.html",
        "http://www.zngk.vip/post/2231.html",
        "https://www.sohu.com/a/533412345_121106902",
    )
    assert url == "http://www.zngk.vip/post/2231.html"
    assert declared == "https://www.sohu.com/a/533412345_121106902"


def test_mobile_canonical_to_desktop_is_not_a_declared_original() -> None:
    url, declared = page_identity(
        "https://m.sohu.com/a/533412345_121106902", "https://www.sohu.com/a/533412345_121106902"
    )
    assert (url, declared) == ("https://www.sohu.com/a/533412345_121106902", None)


def test_missing_or_bogus_links_leave_the_page_url() -> None:
    assert page_identity("http://www.zngk.vip/post/1.html", "", None) == (
        "http://www.zngk.vip/post/1.html",
        None,
    )
    assert page_identity("http://www.zngk.vip/post/1.html", "javascript:void(0)") == (
        "http://www.zngk.vip/post/1.html",
        None,
    )


def test_a_subdomain_or_another_port_is_not_the_page() -> None:
    # A blog on a subdomain, or another service on the same host, cannot claim a page's identity.
    assert page_identity("http://blog.zngk.vip/p/1.html", "http://www.zngk.vip/post/2231.html") == (
        "http://blog.zngk.vip/p/1.html",
        "http://www.zngk.vip/post/2231.html",
    )
    assert page_identity("http://127.0.0.1:8081/a.html", "http://127.0.0.1:8080/b.html") == (
        "http://127.0.0.1:8081/a.html",
        "http://127.0.0.1:8080/b.html",
    )


def test_the_http_spelling_of_an_https_page_is_its_identity() -> None:
    page = "https://www.sohu.com/a/868501234_121106994?spm=smpc"
    declared = "http://www.sohu.com/a/868501234_121106994"
    assert page_identity(page, declared) == (declared, None)
