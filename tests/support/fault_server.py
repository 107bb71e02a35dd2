"""A fault-injecting local HTTP server for reliability tests.

It serves the sample web exactly as ``newscrawl.samples.server`` does (every
``<real-host>.localhost`` name), optionally slowed down per request, plus a *fault site* on the
bare address ``http://127.0.0.1:PORT/faults/``: an index page linking to good articles, to
articles that only come through after retries or with a lying charset, and to pages that fail
in every way a real server fails. ``GOOD`` and ``BAD`` below say what a correct crawl must make
of each: archived, or recorded in ``fetch_failures`` with that reason and status.

The misbehaviour happens on the wire (a reset is a real RST, a truncated body a real short
read), so the crawler meets it through its real download stack.
"""

from __future__ import annotations

import random
import socket
import struct
import threading
import time
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass

from newscrawl.samples.server import SampleRequestHandler, SampleServer, in_thread

PREFIX = "/faults/"
# Crawl settings the faults are sized for (the test crawl passes them).
# Not lower: the crawler's reactor thread also runs extraction and the pipelines, and the
# timeout clock runs while they do.
DOWNLOAD_TIMEOUT = 3
DOWNLOAD_MAXSIZE = 64 * 1024
REDIRECT_MAX_TIMES = 5
RETRY_TIMES = 2
# How long the slow page stalls: well past DOWNLOAD_TIMEOUT, short enough for a quick test.
STALL_SECONDS = 5.0

PARAGRAPHS = (
    "{place}坚持项目为王，围绕先进制造业、海洋经济和现代服务业精准招商，"
    "一批投资规模大、带动能力强的项目加快落地，为全年经济稳增长打下坚实基础。",
    "{place}将持续优化营商环境，强化土地、能耗、资金等要素保障，"
    "推动更多项目早开工、早投产、早见效，以项目建设的加速度跑出高质量发展的好成绩。",
)


@dataclass(frozen=True)
class Article:
    title: str
    lead: str  # the sentence with the figures
    place: str
    published: str
    home: str = PREFIX  # the site's home link in the page's navigation

    def html(self, charset: str | None = "utf-8") -> str:
        meta = f'<meta charset="{charset}">' if charset else ""
        body = "".join(f"<p>{p.format(place=self.place)}</p>" for p in PARAGRAPHS)
        return (
            f"<!DOCTYPE html><html><head>{meta}<title>{self.title}</title></head><body>"
            f'<div class="nav"><a href="{self.home}">首页</a></div>'
            f'<div class="article"><h1>{self.title}</h1>'
            f'<p class="info">发布时间：{self.published} 来源：{self.place}融媒体中心</p>'
            f"<p>{self.lead}</p>{body}</div></body></html>"
        )


ARTICLES = {
    "good/plain.html": Article(
        "胶州市一季度新开工项目48个",
        "今年一季度，胶州市新开工项目48个，同比增长12.5%；总投资216亿元，其中过亿元项目31个。",
        "胶州市",
        "2026-04-02",
    ),
    "flaky/500.html": Article(
        "黄岛区签约先进制造业项目17个 总投资93亿元",
        "黄岛区集中签约先进制造业项目17个，总投资93亿元，预计达产后年产值超过150亿元。",
        "黄岛区",
        "2026-04-03",
    ),
    "flaky/503.html": Article(
        "城阳区一季度实际使用外资1.2亿美元",
        "一季度城阳区实际使用外资1.2亿美元，同比增长18.4%，新设外商投资企业26家。",
        "城阳区",
        "2026-04-04",
    ),
    "flaky/503-retry-after.html": Article(
        "李沧区重点项目完成投资58亿元",
        "截至3月底，李沧区62个重点项目累计完成投资58亿元，完成年度计划的26.3%。",
        "李沧区",
        "2026-04-05",
    ),
    "charset/gbk-no-charset.html": Article(
        "莱西市新开工工业项目22个",
        "一季度莱西市新开工工业项目22个，总投资64亿元，其中新能源汽车配套项目9个。",
        "莱西市",
        "2026-04-06",
    ),
    "charset/gbk-wrong-charset.html": Article(
        "即墨区招引内资到账45亿元",
        "一季度即墨区招引内资到账45亿元，同比增长9.7%；新签约过亿元项目14个。",
        "即墨区",
        "2026-04-07",
    ),
    "malformed/tag-soup.html": Article(
        "崂山区新签约科技项目31个",
        "崂山区一季度新签约科技创新项目31个，总投资约120亿元，涉及人工智能、生物医药等领域。",
        "崂山区",
        "2026-04-08",
    ),
}
# What a correct crawl archives: URL path → title.
GOOD = {path: article.title for path, article in ARTICLES.items()}
# What a correct crawl records as failures: URL path → (reason, HTTP status or None).
BAD: dict[str, tuple[str, int | None]] = {
    "down/500.html": ("http_500", 500),
    "down/503.html": ("http_503", 503),
    "down/404.html": ("http_404", 404),
    "slow.html": ("timeout", None),
    "reset.html": ("connection_reset", None),
    "truncated.html": ("truncated", None),
    "huge.html": ("too_large", None),
    "huge-chunked.html": ("too_large", None),
    "loop-a.html": ("redirect_loop", None),
    "chain/1.html": ("too_many_redirects", None),
    "report.html": ("not_html", 200),
    "empty.html": ("empty_response", 200),
    "garbled.html": ("malformed", 200),
}
# Pages that are fine but are not articles: never archived, never failures.
NOT_ARTICLES = ("list.html", "notice.html")
# Pages that fail this many times before they serve (<= RETRY_TIMES, so retries get them).
FLAKY_FAILURES = 2

# The big site under /faults/many/: enough article links that a crawl's duplicate filter
# writes its fingerprints to disk (JOBDIR) long before the crawl is done.
MANY = 300
PLACES = ("胶州市", "黄岛区", "城阳区", "李沧区", "莱西市", "即墨区", "崂山区", "平度市", "市南区")
INDUSTRIES = ("新能源", "生物医药", "海洋装备", "集成电路", "现代物流", "文旅康养", "智能家电")


def many_article(number: int) -> Article:
    """Article ``number`` of the big site: its own place, industry and figures."""
    place = PLACES[number % len(PLACES)]
    industry = INDUSTRIES[number % len(INDUSTRIES)]
    projects, investment = 5 + number % 40, 10 + number
    return Article(
        f"{place}{industry}产业第{number}批签约项目{projects}个",
        f"{place}第{number}批{industry}产业项目集中签约，签约项目{projects}个，"
        f"总投资{investment}亿元，同比增长{number % 30 + 1}.{number % 10}%。",
        place,
        f"2026-{number % 12 + 1:02d}-{number % 28 + 1:02d}",
        home=f"{PREFIX}many/",
    )


class FaultHandler(SampleRequestHandler):
    server: FaultServer

    def do_GET(self) -> None:
        if self.server.delay:
            time.sleep(self.server.delay)
        path = self.path.split("?", 1)[0]
        if self.headers.get("Host", "").split(":")[0] == "127.0.0.1" and path == "/robots.txt":
            self.reply(200, ROBOTS.encode(), content_type="text/plain; charset=utf-8")
            return
        if self.headers.get("Host", "").split(":")[0] == "127.0.0.1" and path.startswith(PREFIX):
            hits = self.server.hit(path)
            route = ROUTES.get(path.removeprefix(PREFIX))
            if route is None:
                self.reply(404, b"<html><title>404 Not Found</title></html>")
            else:
                route(self, hits)
            return
        super().do_GET()

    # -- ways to answer ------------------------------------------------------------------------

    def reply(
        self,
        status: int,
        body: bytes,
        *,
        content_type: str = "text/html; charset=utf-8",
        headers: dict[str, str] | None = None,
        content_length: int | None = None,
    ) -> None:
        self.send_response(status)
        if content_type:
            self.send_header("Content-Type", content_type)
        for name, value in (headers or {}).items():
            self.send_header(name, value)
        # A Content-Length other than the body's own is a lie (see ``truncated``).
        self.send_header(
            "Content-Length", str(len(body) if content_length is None else content_length)
        )
        self.end_headers()
        self.wfile.write(body)

    def reset(self) -> None:
        """Abort the connection with an RST (SO_LINGER 0), before any response."""
        self.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
        self.connection.close()
        self.close_connection = True

    def article(self, path: str, hits: int) -> None:
        article = ARTICLES[path]
        if path.startswith("charset/"):
            body = article.html(charset=None).encode("gbk")
            # Either no charset at all, or a wrong one: the bytes are GBK either way.
            content_type = "text/html" if "no-charset" in path else "text/html; charset=utf-8"
            self.reply(200, body, content_type=content_type)
        elif path.startswith("flaky/") and hits <= FLAKY_FAILURES:
            status = 500 if path == "flaky/500.html" else 503
            headers = {"Retry-After": "1"} if "retry-after" in path else {}
            self.reply(status, b"<html><title>Service Unavailable</title></html>", headers=headers)
        elif path.startswith("malformed/"):
            # Unclosed and stray tags, no </body></html>: browsers (and lxml) recover.
            html = article.html().replace("</p>", "").replace("</div></body></html>", "")
            self.reply(200, ("</span><div><b>" + html + "<td></tr></font>").encode())
        else:
            self.reply(200, article.html().encode())

    def index(self, hits: int) -> None:
        paths = [*ARTICLES, *BAD, *NOT_ARTICLES]
        items = "".join(
            f'<li><a href="{PREFIX}{path}">{path}</a> 2026-04-{n % 28 + 1:02d}</li>'
            for n, path in enumerate(paths)
        )
        self.reply(200, f"<html><body><ul>{items}</ul></body></html>".encode())

    def many_index(self) -> None:
        items = "".join(
            f'<li><a href="{PREFIX}many/{n}.html">{many_article(n).title}</a></li>'
            for n in range(MANY)
        )
        self.reply(200, f"<html><body><ul>{items}</ul></body></html>".encode())

    def stall(self) -> None:
        time.sleep(STALL_SECONDS)
        with suppress(OSError):  # the client gave up long ago
            self.reply(200, ARTICLES["good/plain.html"].html().encode())

    def truncated(self) -> None:
        body = ARTICLES["good/plain.html"].html().encode()
        self.reply(200, body[: len(body) // 2], content_length=len(body))
        self.close_connection = True

    def huge(self, *, chunked: bool) -> None:
        row = "<p>" + "西海岸新区重点项目建设情况一览。" * 20 + "</p>\n"
        body = ("<html><body>" + row * (4 * DOWNLOAD_MAXSIZE // len(row.encode()))).encode()
        if not chunked:
            with suppress(OSError):
                self.reply(200, body)
            return
        self.send_response(200)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Transfer-Encoding", "chunked")
        self.end_headers()
        try:
            for start in range(0, len(body), 8192):
                chunk = body[start : start + 8192]
                self.wfile.write(b"%x\r\n%s\r\n" % (len(chunk), chunk))
            self.wfile.write(b"0\r\n\r\n")
        except OSError:
            self.close_connection = True  # the client cancelled: the point of the exercise

    def secure_index(self) -> None:
        """Links a polite, on-site crawl must not follow: robots.txt-disallowed, another host."""
        other_host = f"http://www.sohu.com.localhost:{self.server.port}/a/868501234_121106994"
        links = [f"{PREFIX}good/plain.html", f"{PREFIX}private/secret.html", other_host]
        items = "".join(f'<li><a href="{link}">{link}</a></li>' for link in links)
        self.reply(200, f"<html><body><ul>{items}</ul></body></html>".encode())

    def endless(self) -> None:
        """A body that never ends (until ENDLESS_LIMIT): only a size cap stops the download."""
        self.send_response(200)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Transfer-Encoding", "chunked")
        self.end_headers()
        chunk = ("<p>" + "项目建设" * 4000 + "</p>").encode()
        sent = 0
        try:
            while sent < ENDLESS_LIMIT:
                self.wfile.write(b"%x\r\n%s\r\n" % (len(chunk), chunk))
                sent += len(chunk)
        except OSError:
            pass  # the client hung up: the cap worked
        self.server.endless_bytes_sent = sent
        self.close_connection = True

    def redirect(self, target: str) -> None:
        self.reply(302, b"", headers={"Location": PREFIX + target})

    def log_message(self, format: str, *args: object) -> None:
        pass


def _garbled() -> bytes:
    """Bytes no encoding makes text of: random high bytes laced with control characters."""
    rng = random.Random(8)
    return bytes(rng.choice([rng.randrange(0x80, 0x100), rng.randrange(1, 9)]) for _ in range(4000))


PDF = (
    b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n"
    b"2 0 obj\n<< /Length 44 /Filter /FlateDecode >>\nstream\nx\x9c\x03\x00\x00\x00\x00\x01"
    b"\nendstream\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n"
)
LIST_PAGE = (
    "<html><head><title>新闻列表</title></head><body><ul>"
    + "".join(f'<li><a href="{PREFIX}{path}">{a.title}</a></li>' for path, a in ARTICLES.items())
    + "</ul></body></html>"
)
NOTICE = "<html><head><title>提示</title></head><body><p>页面已删除。</p></body></html>"

ROBOTS = f"User-agent: *\nDisallow: {PREFIX}private/\n"
# The endless body stops here at the latest, far above the project's DOWNLOAD_MAXSIZE.
ENDLESS_LIMIT = 256 * 1024 * 1024

Route = Callable[[FaultHandler, int], None]
ROUTES: dict[str, Route] = {
    "": FaultHandler.index,
    **{path: (lambda h, n, path=path: h.article(path, n)) for path in ARTICLES},
    "down/500.html": lambda h, n: h.reply(
        500, b"<html><title>Internal Server Error</title></html>"
    ),
    "down/503.html": lambda h, n: h.reply(
        503, b"<html><title>Service Unavailable</title></html>", headers={"Retry-After": "1"}
    ),
    "down/404.html": lambda h, n: h.reply(404, b"<html><title>404 Not Found</title></html>"),
    "slow.html": lambda h, n: h.stall(),
    "reset.html": lambda h, n: h.reset(),
    "truncated.html": lambda h, n: h.truncated(),
    "huge.html": lambda h, n: h.huge(chunked=False),
    "huge-chunked.html": lambda h, n: h.huge(chunked=True),
    "loop-a.html": lambda h, n: h.redirect("loop-b.html"),
    "loop-b.html": lambda h, n: h.redirect("loop-a.html"),
    **{
        f"chain/{i}.html": (lambda h, n, i=i: h.redirect(f"chain/{i + 1}.html"))
        for i in range(1, 50)
    },
    "report.html": lambda h, n: h.reply(200, PDF),
    "empty.html": lambda h, n: h.reply(200, b""),
    "garbled.html": lambda h, n: h.reply(200, _garbled()),
    "list.html": lambda h, n: h.reply(200, LIST_PAGE.encode()),
    "many/": lambda h, n: h.many_index(),
    "secure/": lambda h, n: h.secure_index(),
    "private/secret.html": lambda h, n: h.reply(200, ARTICLES["good/plain.html"].html().encode()),
    "endless.html": lambda h, n: h.endless(),
    **{
        f"many/{i}.html": (lambda h, n, i=i: h.reply(200, many_article(i).html().encode()))
        for i in range(MANY)
    },
    "notice.html": lambda h, n: h.reply(200, NOTICE.encode()),
}


class FaultServer(SampleServer):
    """The sample web plus the fault site; ``delay`` slows every request down (seconds)."""

    def __init__(self, address: tuple[str, int] = ("127.0.0.1", 0), *, delay: float = 0.0):
        super().__init__(address)
        self.RequestHandlerClass = FaultHandler
        self.delay = delay
        self.hits: Counter[str] = Counter()
        self.endless_bytes_sent = 0
        self._hits_lock = threading.Lock()

    def hit(self, path: str) -> int:
        """Count a request for ``path`` and return how many there were, this one included."""
        with self._hits_lock:
            self.hits[path] += 1
            return self.hits[path]

    @property
    def fault_site(self) -> str:
        return f"http://127.0.0.1:{self.port}{PREFIX}"

    def url(self, path: str) -> str:
        return self.fault_site + path


@contextmanager
def fault_serving(*, delay: float = 0.0) -> Iterator[FaultServer]:
    with in_thread(FaultServer(delay=delay)) as server:
        yield server
