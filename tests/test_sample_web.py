"""The sample web and its server: routing by host, HTTP behaviour the spiders rely on, and
a generator whose output is the committed files."""

from __future__ import annotations

import http.client
from pathlib import Path

from newscrawl.samples import build
from newscrawl.samples.server import SampleServer
from tests.support.crawl import control


def get(server: SampleServer, host: str, path: str, **headers: str) -> tuple[int, dict, bytes]:
    connection = http.client.HTTPConnection("127.0.0.1", server.port, timeout=10)
    connection.request("GET", path, headers={"Host": f"{host}.localhost:{server.port}", **headers})
    reply = connection.getresponse()
    body = reply.read()
    connection.close()
    return reply.status, dict(reply.getheaders()), body


def test_routes_by_host_and_serves_real_paths(sample_web: SampleServer) -> None:
    status, headers, body = get(
        sample_web, "epaper.qingdaonews.com", "/qdrb/html/2026-06/02/content_144591_3494474.htm"
    )
    assert status == 200
    assert headers["Content-Type"] == "text/html; charset=utf-8"
    assert "<founder-content>" in body.decode("utf-8")
    status, _, body = get(sample_web, "www.sohu.com", "/a/868501234_121106994")
    assert status == 200 and 'id="mp-editor"' in body.decode("utf-8")
    assert get(sample_web, "no.such.site", "/")[0] == 404


def test_discuz_rewrite_and_gbk(sample_web: SampleServer) -> None:
    by_query = get(sample_web, "www.52ocean.cn", "/forum.php?mod=viewthread&tid=6101")
    by_rewrite = get(sample_web, "www.52ocean.cn", "/thread-6101-1-1.html")
    assert by_query[0] == by_rewrite[0] == 200
    assert by_query[2] == by_rewrite[2]
    text = by_query[2].decode("gbk")
    assert 'class="jammer"' in text and "postmessage_" in text
    # the GBK page on the government site is served without any charset, in header or meta
    _status, headers, body = get(
        sample_web, "www.whnanhai.gov.cn", "/xwzx/gzdt/202603/t20260302_4490.html"
    )
    assert headers["Content-Type"] == "text/html"
    assert b"charset" not in body
    assert "招商引资工作会议" in body.decode("gbk")


def test_error_pages_and_challenge(sample_web: SampleServer) -> None:
    status, _, body = get(sample_web, "www.sohu.com", "/a/868400001_121106994")
    assert status == 404 and "页面不存在" in body.decode("utf-8")
    assert get(sample_web, "www.52ocean.cn", "/thread-6104-1-1.html")[0] == 521
    # the site's own metadata is not served
    assert get(sample_web, "www.zngk.vip", "/_site.json")[0] == 404


def test_conditional_requests(sample_web: SampleServer) -> None:
    path = "/xwzx/gzdt/202604/t20260410_4512.html"
    status, headers, _ = get(sample_web, "www.whnanhai.gov.cn", path)
    assert status == 200
    etag, modified = headers["ETag"], headers["Last-Modified"]
    assert get(sample_web, "www.whnanhai.gov.cn", path, **{"If-None-Match": etag})[0] == 304
    assert get(sample_web, "www.whnanhai.gov.cn", path, **{"If-Modified-Since": modified})[0] == 304
    assert get(sample_web, "www.whnanhai.gov.cn", path, **{"If-None-Match": '"x"'})[0] == 200


def test_variant_switch_serves_the_edited_page(sample_web: SampleServer) -> None:
    path = "/xwzx/gzdt/202604/t20260410_4512.html"
    original = get(sample_web, "www.whnanhai.gov.cn", path)
    try:
        assert control(sample_web, "variant?name=edited") == {"variant": "edited"}
        edited = get(sample_web, "www.whnanhai.gov.cn", path)
        other = get(sample_web, "www.whnanhai.gov.cn", "/xwzx/gzdt/202605/t20260506_4561.html")
    finally:
        control(sample_web, "variant?name=")
    assert "总投资66亿元" in edited[2].decode("utf-8")
    assert edited[1]["ETag"] != original[1]["ETag"]
    assert other[0] == 200  # pages without a variant are served as usual
    assert get(sample_web, "www.whnanhai.gov.cn", path)[2] == original[2]


def test_robots_txt_disallows_something_the_sites_link_to(sample_web: SampleServer) -> None:
    robots = get(sample_web, "www.whnanhai.gov.cn", "/robots.txt")[2].decode()
    assert "Disallow: /preview/" in robots
    listing = get(sample_web, "www.whnanhai.gov.cn", "/xwzx/gzdt/index.html")[2].decode()
    assert 'href="/preview/' in listing


def test_generator_output_is_committed_and_deterministic(tmp_path: Path) -> None:
    for site in build.build_all():
        site.write(tmp_path)
    generated = sorted(p.relative_to(tmp_path) for p in tmp_path.rglob("*") if p.is_file())
    committed = sorted(
        p.relative_to(build.SITES_DIR) for p in build.SITES_DIR.rglob("*") if p.is_file()
    )
    assert generated == committed
    for relative in generated:
        assert (tmp_path / relative).read_bytes() == (build.SITES_DIR / relative).read_bytes(), (
            relative
        )
    assert 40 <= sum(1 for p in generated if p.suffix not in (".txt", ".json", ".xml")) <= 90
