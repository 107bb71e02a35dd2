"""A hostile local site, for the hardening tests (tests/test_hostile.py).

It serves everything ``tests.fault_server`` serves, plus pages under
``http://127.0.0.1:PORT/hostile/`` that attack the crawler the way a malicious or badly broken
site would: a "下一页" link to a local file, redirects to ``file://`` and to another port,
megabytes of response headers, links with credentials in them, a gzip bomb under a URL that
says "offsite" and "robots.txt", session ids that change on every visit, pages with tens of
thousands of links, and a short article whose headline holds "500".
"""

from __future__ import annotations

import gzip
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from newscrawl.samples.server import in_thread
from tests.support.fault_server import Article, FaultHandler, FaultServer

HOSTILE = "/hostile/"
# Credentials a link carries: they must appear in no request, log line or database row.
USER, PASSWORD = "admin", "S3cret-in-url-4471"
# The text of the local file the "下一页" link points at.
SECRET_TEXT = "本机机密文件内容 LOCAL-SECRET-7731 不得出现在归档中"
# How much the bomb inflates to (far over the test crawl's DOWNLOAD_MAXSIZE).
BOMB_SIZE = 64 * 1024 * 1024
# Headers sent by the big-header page: 4000 lines of 1 KB, 4 MB in all.
BIG_HEADER_LINES = 4000
# Links on the many-links page.
MANY_LINKS = 20_000

ARTICLES = {
    "parts/article.html": Article(
        "黄岛区一季度新签约项目27个",
        "一季度黄岛区新签约项目27个，总投资186亿元，同比增长15.2%。",
        "黄岛区",
        "2026-04-11",
        home=HOSTILE,
    ),
    "userinfo/article.html": Article(
        "城阳区新开工项目19个",
        "城阳区一季度新开工项目19个，总投资74亿元，其中过亿元项目11个。",
        "城阳区",
        "2026-04-12",
        home=HOSTILE,
    ),
    "session/article.html": Article(
        "即墨区现代物流项目集中开工",
        "即墨区现代物流项目集中开工，共9个项目，总投资38亿元。",
        "即墨区",
        "2026-04-13",
        home=HOSTILE,
    ),
    "after-many-links.html": Article(
        "平度市签约新能源项目8个",
        "平度市签约新能源项目8个，总投资52亿元，预计年产值超过90亿元。",
        "平度市",
        "2026-04-14",
        home=HOSTILE,
    ),
}
# An article with a 2,000-character headline, byline and source (under the test crawl's
# DOWNLOAD_MAXSIZE, far over the bounds).
LONG_NAME = "胶" * 2_000
LONG_TITLE = "莱西市项目建设" + "长" * 2_000


def long_fields_article() -> str:
    article = Article(LONG_TITLE, "莱西市新开工项目12个，总投资33亿元。", "莱西市", "2026-04-16")
    return article.html().replace("来源：莱西市融媒体中心", f"来源：{LONG_NAME} 作者：{LONG_NAME}")


# A short article whose headline has a number that is no status code.
TOP_500 = Article(
    "世界500强企业落户胶州",
    "又一家世界500强企业落户胶州，项目总投资12亿元。",
    "胶州市",
    "2026-04-15",
    home=HOSTILE,
)


class HostileHandler(FaultHandler):
    server: HostileServer

    def do_GET(self) -> None:
        path = self.path.split("?", 1)[0].split(";", 1)[0]
        host = self.headers.get("Host", "").split(":")[0]
        if host == "127.0.0.1" and path == self.server.article_with_parts:
            self.server.hit(path)
            self.article_with_file_part()
            return
        if host == "127.0.0.1" and path.startswith(HOSTILE):
            hits = self.server.hit(self.path)
            route = ROUTES.get(path.removeprefix(HOSTILE))
            if route is None:
                self.reply(404, b"<html><title>404 Not Found</title></html>")
            else:
                route(self, hits)
            return
        super().do_GET()

    def page(self, links: list[str], title: str = "列表") -> None:
        items = "".join(f'<li><a href="{link}">{link}</a></li>' for link in links)
        html = f"<html><head><title>{title}</title></head><body><ul>{items}</ul></body></html>"
        self.reply(200, html.encode())

    def index(self, hits: int) -> None:
        server = self.server
        self.page(
            [
                server.article_with_parts,
                HOSTILE + "redirect-to-file.html",
                HOSTILE + "redirect-to-other-port.html",
                HOSTILE + "big-headers.html",
                HOSTILE + "long-header-line.html",
                server.userinfo_url("userinfo/article.html"),
                server.userinfo_url("userinfo/missing.html"),
                HOSTILE + "offsite/robots.txt/bomb.html",
                HOSTILE + "offsite/robots.txt/gone.html",
                HOSTILE + "top500.html",
                HOSTILE + "long-fields.html",
            ]
        )

    def article_with_file_part(self) -> None:
        """An article whose "下一页" is its own path with ``_1`` on the same host and port, but
        file://: the local file at that path (``SECRET_TEXT``); page 2 the same over FTP. The
        article is served at the secret file's directory so that the paths match."""
        netloc = f"127.0.0.1:{self.server.port}"
        stem = self.server.article_with_parts.removesuffix(".html")
        article = ARTICLES["parts/article.html"]
        pager = (
            f'<div class="pages"><a href="file://{netloc}{stem}_1.html">下一页</a>'
            f'<a href="ftp://{netloc}{stem}_2.html">2</a></div></body>'
        )
        self.reply(200, article.html().replace("</body>", pager).encode())

    def big_headers(self) -> None:
        self.send_response(200)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        filler = "x" * 1000
        try:
            for number in range(BIG_HEADER_LINES):
                self.send_header(f"X-Filler-{number}", filler)
            body = ARTICLES["userinfo/article.html"].html().encode()
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)
        except OSError:
            pass  # the client hung up: the cap worked
        self.close_connection = True

    def long_header_line(self) -> None:
        self.send_response(200)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        try:
            self.send_header("X-Long", "y" * (1024 * 1024))
            self.end_headers()
            self.wfile.write(ARTICLES["userinfo/article.html"].html().encode())
        except OSError:
            pass
        self.close_connection = True

    def bomb(self) -> None:
        self.reply(200, self.server.bomb, headers={"Content-Encoding": "gzip"})

    def session_index(self, hits: int) -> None:
        """The same article under a new session id on every visit, in the three usual forms."""
        article = HOSTILE + "session/article.html"
        self.page(
            [
                f"{article};jsessionid=J{hits}X{hits * 7}",
                f"{article}?sid=S{hits}",
                f"{article}?PHPSESSID=P{hits}ab",
            ]
        )

    def many_links(self) -> None:
        """A list of MANY_LINKS links (``?n=`` for another number), every other one with a
        date: for the others, the search for a date climbs to the whole list."""
        query = self.path.partition("?")[2]
        count = int(query.removeprefix("n=")) if query.startswith("n=") else MANY_LINKS
        rows = "".join(
            f'<li><a href="{HOSTILE}many/{n}.html">第{n}条</a>{" 2026-03-15" if n % 2 else ""}</li>'
            for n in range(count)
        )
        after = f'<p><a href="{HOSTILE}after-many-links.html">平度市</a></p>'
        self.reply(200, f"<html><body>{after}<ul>{rows}</ul></body></html>".encode())

    def redirect_to(self, location: str) -> None:
        self.reply(302, b"", headers={"Location": location})


Route = Callable[[HostileHandler, int], None]
ROUTES: dict[str, Route] = {
    "": HostileHandler.index,
    **{path: (lambda h, n, a=a: h.reply(200, a.html().encode())) for path, a in ARTICLES.items()},
    "redirect-to-file.html": lambda h, n: h.redirect_to(f"file://{h.server.secret_file}"),
    "redirect-to-other-port.html": lambda h, n: h.redirect_to(
        f"http://127.0.0.1:{h.server.other_port}/faults/good/plain.html"
    ),
    "big-headers.html": lambda h, n: h.big_headers(),
    "long-header-line.html": lambda h, n: h.long_header_line(),
    "offsite/robots.txt/bomb.html": lambda h, n: h.bomb(),
    "offsite/robots.txt/gone.html": lambda h, n: h.reply(
        404, b"<html><title>404 Not Found</title></html>"
    ),
    "top500.html": lambda h, n: h.reply(200, TOP_500.html().encode()),
    "long-fields.html": lambda h, n: h.reply(200, long_fields_article().encode()),
    "session/": HostileHandler.session_index,
    "many-links.html": lambda h, n: h.many_links(),
    "budget/": lambda h, n: h.page(
        [HOSTILE + "many-links.html", HOSTILE + "after-many-links.html", HOSTILE + "top500.html"]
    ),
}


class HostileServer(FaultServer):
    def __init__(self, secret_file: Path, other_port: int = 9) -> None:
        super().__init__()
        self.RequestHandlerClass = HostileHandler
        self.secret_file = secret_file
        # The article whose parts are local files: at the path of the secret file's directory.
        self.article_with_parts = str(secret_file.parent / "article.html")
        self.other_port = other_port
        self.bomb = gzip.compress(b"\0" * BOMB_SIZE, compresslevel=9)

    @property
    def site(self) -> str:
        return f"http://127.0.0.1:{self.port}{HOSTILE}"

    def hostile_url(self, path: str) -> str:
        return self.site + path

    def userinfo_url(self, path: str) -> str:
        return f"http://{USER}:{PASSWORD}@127.0.0.1:{self.port}{HOSTILE}{path}"


def write_secret_file(directory: Path) -> Path:
    """A local file shaped like an article part (``…/article_1.html``), holding SECRET_TEXT."""
    secret = directory / "article_1.html"
    directory.mkdir(parents=True, exist_ok=True)
    secret.write_text(
        f"<html><body><div class='article'><p>{SECRET_TEXT}</p>" * 3 + "</div></body></html>",
        encoding="utf-8",
    )
    return secret


@contextmanager
def hostile_serving(secret_file: Path, other_port: int = 9) -> Iterator[HostileServer]:
    with in_thread(HostileServer(secret_file, other_port)) as server:
        yield server


def burn_cpu(seconds: float) -> float:
    """Spin for ``seconds`` of CPU time (a stand-in for a page that parses forever); the CPU
    time it used."""
    start = time.process_time()
    while time.process_time() - start < seconds:
        pass
    return time.process_time() - start
