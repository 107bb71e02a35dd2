"""Site family detection and URL pattern derivation (``newscrawl sources add``), on the pages
of the sample web (each family's list and article pages, and a generic news site) and on a
generated Hanweb portal."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from lxml import html as lxml_html

from newscrawl.onboard import propose_key, propose_place
from newscrawl.samples.many_sites import ManySitesServer, make_sites
from pipelines.extraction.decoding import detect_encoding
from pipelines.extraction.links import page_links
from pipelines.extraction.site_family import detect_site_family
from pipelines.extraction.url_patterns import PageLinkInfo, derive_patterns, shape_of

SITES = Path(__file__).resolve().parents[1] / "newscrawl" / "samples" / "sites"


def sample_page(host: str, path: str, scheme: str = "http") -> tuple[str, str, list[PageLinkInfo]]:
    body = (SITES / host / path.replace("?", "@")).read_bytes()
    text = body.decode(detect_encoding(body), "replace")
    url = f"{scheme}://{host}/{path}"
    links = page_links(lxml_html.fromstring(text), url)
    return text, url, [PageLinkInfo(link.url, link.date) for link in links]


@pytest.mark.parametrize(
    ("host", "path", "family"),
    [
        ("epaper.qingdaonews.com", "qdrb/html/2026-06/02/node_1.htm", "epaper"),
        ("epaper.qingdaonews.com", "qdrb/html/2026-06/02/content_144591_3494474.htm", "epaper"),
        ("epaper.xihaiannews.com", "html/2026-04/08/node_2.htm", "epaper"),
        ("epaper.xihaiannews.com", "html/2026-04/08/content_20831.htm", "epaper"),
        ("www.52ocean.cn", "forum-58-1.html", "discuz"),
        ("www.52ocean.cn", "thread-6101-1-1.html", "discuz"),
        ("www.zngk.vip", "category-2.html", "blog"),
        ("www.zngk.vip", "post/1275.html", "blog"),
        ("www.whnanhai.gov.cn", "xwzx/gzdt/index.html", "trs"),
        ("www.whnanhai.gov.cn", "xwzx/gzdt/202604/t20260410_4512.html", "trs"),
        ("mp.sohu.com", "profile?xpt=eGloYWlmYWJ1QHNvaHUuY29t", "sohu"),
        ("www.sohu.com", "a/868501234_121106994", "sohu"),
        ("jiaozhou-news.example", "index.html", "generic"),
        ("jiaozhou-news.example", "news/list.html", "generic"),
        ("jiaozhou-news.example", "news/2026/0512/1203.shtml", "generic"),
        ("jiaozhou-news.example", "about.shtml", "generic"),
    ],
)
def test_family_of_sample_pages(host: str, path: str, family: str) -> None:
    text, url, links = sample_page(host, path)
    guess = detect_site_family(text, url, [link.url for link in links])
    assert guess.family == family, guess
    assert family == "generic" or guess.evidence


@pytest.fixture(scope="module")
def generated() -> ManySitesServer:
    server = ManySitesServer(make_sites(5, slow_every=0, failing_every=0), articles=4)
    server.server_close()  # only its rendered pages are used here
    return server


@pytest.mark.parametrize("family", ["hanweb", "trs", "blog", "epaper", "generic"])
def test_family_of_generated_list_pages(generated: ManySitesServer, family: str) -> None:
    site = next(s for s in generated.sites if s.family == family)
    path = "/qdrb/html/2026-06/10/node_1.htm" if family == "epaper" else site.start_path
    text = generated.web.pages[(site.host, path)].decode("utf-8")
    url = f"http://{site.host}{path}"
    links = [link.url for link in page_links(lxml_html.fromstring(text), url)]
    # Hanweb lists its articles in a script (the jpage datastore), not as links
    links += [f"http://{site.host}{href}" for href in re.findall(r'href="(/art/[^"]+)"', text)]
    assert detect_site_family(text, url, links).family == family


def test_hanweb_markers_win_over_the_shared_government_meta_tags() -> None:
    page = (
        '<html><head><meta name="ArticleTitle" content="x"><meta name="PubDate" content="2026-06-01">'
        '<script src="/module/web/jpage/jpage.js"></script></head><body>'
        '<a href="/col/col1234/index.html">政务动态</a></body></html>'
    )
    url = "http://www.example.gov.cn/art/2026/6/1/art_1234_5.html"
    assert detect_site_family(page, url).family == "hanweb"


def test_patterns_from_a_trs_column_page() -> None:
    _text, url, links = sample_page("www.whnanhai.gov.cn", "xwzx/gzdt/index.html")
    derived = derive_patterns(url, links, "trs")
    assert derived.list_patterns == (r"/xwzx/gzdt/index(_\d+)?\.html$",)
    assert derived.article_patterns == (r"/xwzx/gzdt/\d+/t\d+_\d+\.html$",)
    # the second part of a multi-page article is not an article of its own
    assert not re.search(
        derived.article_patterns[0], url.replace("index.html", "202604/t20260415_4520_1.html")
    )


def test_patterns_keep_constant_numbers_but_not_dates() -> None:
    _text, url, links = sample_page("www.52ocean.cn", "forum-58-1.html", "https")
    derived = derive_patterns(url, links, "discuz")
    assert derived.list_patterns == (r"/forum\-58\-\d+\.html$",)
    assert derived.article_patterns == (r"/thread\-\d+\-1\-1\.html$",)
    # Sohu's account id is the same in every link; an e-paper's month is a date
    assert shape_of([f"https://www.sohu.com/a/{n}_121106994" for n in (1, 22, 333)]) == (
        r"/a/\d+_121106994$"
    )
    dated = [f"http://e.cn/html/2026-06/0{d}/node_{n}.htm" for d, n in ((1, 1), (2, 1), (2, 2))]
    assert shape_of(dated) == r"/html/\d+\-\d+/\d+/node_\d+\.htm$"


def test_patterns_of_an_epaper_and_a_generic_site() -> None:
    _text, url, links = sample_page("epaper.qingdaonews.com", "qdrb/html/2026-06/02/node_1.htm")
    derived = derive_patterns(
        url, links, "epaper", start_urls=["http://epaper.qingdaonews.com/qdrb/html/index.htm"]
    )
    assert r"/qdrb/html/\d+\-\d+/\d+/node_\d+\.htm$" in derived.list_patterns
    assert r"/qdrb/html/index\.htm$" in derived.list_patterns
    assert derived.article_patterns == (r"/qdrb/html/\d+\-\d+/\d+/content_\d+_\d+\.htm$",)
    _text, url, links = sample_page("jiaozhou-news.example", "news/list.html")
    derived = derive_patterns(url, links, "generic")
    assert derived.article_patterns == (r"/news/\d+/\d+/\d+\.shtml$",)
    assert derived.list_patterns == (r"/news/list\.html$",)


def test_proposed_key_and_place() -> None:
    assert propose_key("www.whnanhai.gov.cn") == "whnanhai"
    assert propose_key("www.whnanhai.gov.cn", frozenset({"whnanhai"})) == "whnanhai_2"
    assert propose_key("epaper.qingdaonews.com") == "qingdaonews"
    assert propose_key("www.52ocean.cn") == "s_52ocean"
    assert propose_place("<title>工作动态_威海南海新区</title>") == "威海南海新区"  # a zone
    assert propose_place("<title>今日青岛 - 青岛日报</title>") == "青岛市"  # a place's outlet
    assert propose_place('<meta name="SiteName" content="山东省青岛市即墨区人民政府">') == "即墨区"
    assert propose_place("<title>本地要闻 - 某某县新闻网</title>") == "某某县"  # not in the table
    assert propose_place("<title>招商资讯-园区产业招商</title>") is None
