"""The generic ``site`` spider on a generated site served over real HTTP: a list of 30 pages
chained by 下一页 is walked to its end, the limits stop the crawl with a line that says so,
and every crawled host gets its own ``sources`` row."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text

from newscrawl.spiders.site import parse_limit
from tests.support.crawl import archived, run_crawl

LIST_PAGES = 30
PER_LIST = 2
TOWNS = ("长安镇", "许村镇", "周王庙镇", "盐官镇", "丁桥镇", "斜桥镇", "袁花镇", "黄湾镇")


def article_html(page: int, item: int) -> str:
    town = TOWNS[(page + item) % len(TOWNS)]
    amount = 3 + page * 2 + item
    paragraphs = [
        f"第{page}批第{item}号：{page}月以来，{town}新签约亿元以上产业项目{amount}个，"
        f"计划总投资{amount * 7}亿元，其中先进制造业项目占比超过六成。",
        f"{town}相关负责人介绍，编号为{page:02d}-{item}的智能装备项目已完成土地摘牌，"
        f"预计年内开工建设，建成后年产值可达{amount * 3}亿元，新增就业岗位{amount * 40}个。",
        f"今年以来，{town}坚持招商引资“一号工程”，累计走访企业{amount * 11}家，"
        "推动一批重大项目早签约、早落地、早投产。",
    ]
    body = "".join(f"<p>{paragraph}</p>" for paragraph in paragraphs)
    return (
        f"<html><head><meta charset='utf-8'><title>{town}招商引资动态（{page}-{item}）_海宁新闻网</title>"
        f"</head><body><div class='nav'><a href='/'>首页</a></div><div class='article'>"
        f"<h1>{town}招商引资动态（{page}-{item}）</h1><div class='info'>2026-04-{page % 28 + 1:02d}</div>"
        f"{body}</div></body></html>"
    )


def list_html(page: int) -> str:
    name = "index.html" if page == 1 else f"index_{page}.html"
    items = "".join(
        f"<li><a href='/news/a{page}_{item}.html'>招商引资动态（{page}-{item}）</a>"
        f"<span>2026-04-{page % 28 + 1:02d}</span></li>"
        for item in range(1, PER_LIST + 1)
    )
    pager = f"<a href='index_{page + 1}.html'>下一页</a>" if page < LIST_PAGES else ""
    return (
        f"<html><head><meta charset='utf-8'><title>园区动态 {name}</title></head><body>"
        f"<div class='nav'><a href='/'>首页</a></div><ul class='list'>{items}</ul>"
        f"<div class='pages'>{pager}</div></body></html>"
    )


class GeneratedSite(BaseHTTPRequestHandler):
    def do_GET(self) -> None:
        path = self.path.split("?")[0]
        body: str | None = None
        if path == "/":
            body = "<html><body><a href='/news/index.html'>园区动态</a></body></html>"
        elif path == "/news/index.html":
            body = list_html(1)
        elif path.startswith("/news/index_"):
            number = int(path.removeprefix("/news/index_").removesuffix(".html"))
            body = list_html(number) if 1 < number <= LIST_PAGES else None
        elif path.startswith("/news/a"):
            page, item = path.removeprefix("/news/a").removesuffix(".html").split("_")
            body = article_html(int(page), int(item))
        if body is None:
            self.send_error(404)
            return
        data = body.encode("utf-8")
        self.send_response(200)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture(scope="module")
def site_port() -> Iterator[int]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), GeneratedSite)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield server.server_address[1]
    finally:
        server.shutdown()
        server.server_close()


def sources(db_url: str) -> dict[str, str]:
    engine = create_engine(db_url)
    try:
        with engine.connect() as connection:
            rows = connection.execute(text("SELECT key, base_url FROM sources")).all()
    finally:
        engine.dispose()
    return dict(rows)


def test_long_pagination_is_walked_to_the_end(site_port: int, tmp_path: Path) -> None:
    db_url = f"sqlite:///{tmp_path / 'a.db'}"
    run = run_crawl("site", db_url, args={"start_url": f"http://127.0.0.1:{site_port}/"})
    urls = {row.url for row in archived(db_url)}
    expected = {
        f"http://127.0.0.1:{site_port}/news/a{page}_{item}.html"
        for page in range(1, LIST_PAGES + 1)
        for item in range(1, PER_LIST + 1)
    }
    assert urls == expected
    assert {row.source for row in archived(db_url)} == {"site:127.0.0.1"}
    assert "stopped the crawl" not in run.log


def test_each_host_gets_its_own_source_row(site_port: int, tmp_path: Path) -> None:
    db_url = f"sqlite:///{tmp_path / 'b.db'}"
    for host in ("127.0.0.1", "localhost"):
        run_crawl(
            "site", db_url, args={"start_url": f"http://{host}:{site_port}/", "max_pages": "8"}
        )
    assert sources(db_url) == {
        "site:127.0.0.1": f"http://127.0.0.1:{site_port}/",
        "site:localhost": f"http://localhost:{site_port}/",
    }


def test_max_pages_stops_the_crawl_and_says_so(site_port: int, tmp_path: Path) -> None:
    db_url = f"sqlite:///{tmp_path / 'c.db'}"
    run = run_crawl(
        "site", db_url, args={"start_url": f"http://127.0.0.1:{site_port}/", "max_pages": "10"}
    )
    assert run.stat("response_received_count") == 10 + 1  # and robots.txt
    line = next(line for line in run.log.splitlines() if "stopped the crawl" in line)
    assert "INFO" in line and "max_pages=10 stopped the crawl of 127.0.0.1:" in line
    left = int(line.split(": ")[-1].split()[0])
    assert left == run.stat("newscrawl/left_by_max_pages") > 0


def test_max_depth_counts_links_not_list_pages(site_port: int, tmp_path: Path) -> None:
    db_url = f"sqlite:///{tmp_path / 'd.db'}"
    start = f"http://127.0.0.1:{site_port}/news/index.html"
    run = run_crawl("site", db_url, args={"start_url": start, "max_depth": "1"})
    # All 30 list pages (pagination is no hop) and the articles they link (one hop).
    assert len(archived(db_url)) == LIST_PAGES * PER_LIST
    assert "stopped the crawl" not in run.log
    run = run_crawl(
        "site",
        f"sqlite:///{tmp_path / 'e.db'}",
        args={"start_url": f"http://127.0.0.1:{site_port}/", "max_depth": "1"},
    )
    assert f"max_depth=1 stopped the crawl of 127.0.0.1: {LIST_PAGES * PER_LIST} URLs" in run.log


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("abc", "max_pages='abc' is not a whole number (e.g. -a max_pages=50)"),
        ("0", "max_pages='0' must be at least 1"),
    ],
)
def test_limits_are_whole_numbers(value: str, message: str) -> None:
    with pytest.raises(ValueError) as raised:
        parse_limit("max_pages", value, 200)
    assert str(raised.value) == message
    assert parse_limit("max_depth", "3", 5) == 3
    assert parse_limit("max_depth", None, 5) == 5
