"""``newscrawl extract -u URL`` against the sample web on 127.0.0.1: the page is fetched with
the project's Scrapy settings (robots.txt obeyed, its User-Agent, its 下一页 parts followed),
and every failure ends with one line and exit status 1.

Each run is a subprocess: a fetch runs Twisted's reactor, which a process can start only once.
"""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import ClassVar

import pytest

from newscrawl.samples.server import SampleServer, in_thread
from newscrawl.settings import USER_AGENT
from pipelines.parse import join_parts, parse_page

REPO = Path(__file__).resolve().parents[1]
SITES = REPO / "newscrawl" / "samples" / "sites"
NANHAI = "www.whnanhai.gov.cn/xwzx/gzdt/202604/t20260415_4520"


def local(server: SampleServer, path: str) -> str:
    host, _, rest = path.partition("/")
    return f"http://{host}.localhost:{server.port}/{rest}"


def extract(*argv: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "newscrawl", "extract", *argv],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=180,
        check=False,
    )


class RecordingHandler(BaseHTTPRequestHandler):
    """A page, and a page larger than the project's DOWNLOAD_MAXSIZE; remembers User-Agents."""

    agents: ClassVar[list[str]] = []

    def do_GET(self) -> None:
        self.agents.append(self.headers.get("User-Agent", ""))
        if self.path == "/robots.txt":
            body = b"User-agent: *\nDisallow:\n"
        elif self.path == "/big.html":
            body = b"<html><body>" + b"<p>x</p>" * (17 * 1024 * 1024 // 8)
        else:
            body = (SITES / f"{NANHAI}.html").read_bytes()
        self.send_response(200)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture
def recording_server() -> Iterator[ThreadingHTTPServer]:
    RecordingHandler.agents = []
    with in_thread(ThreadingHTTPServer(("127.0.0.1", 0), RecordingHandler)) as server:
        yield server


def test_a_multi_page_article_is_fetched_and_extracted(sample_web: SampleServer) -> None:
    url = local(sample_web, NANHAI + ".html")
    result = extract("-u", url, "--place", "南海新区")
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    (record,) = [json.loads(line) for line in result.stdout.splitlines()]
    assert record["path"] == record["url"] == url
    assert record["is_article"] is True and record["title"]
    # All three parts, parsed exactly as the archive's raw page of the article would be.
    parts = [
        (local(sample_web, f"{NANHAI}{suffix}.html"), (SITES / f"{NANHAI}{suffix}.html"))
        for suffix in ("", "_1", "_2")
    ]
    raw = join_parts([(part_url, path.read_bytes()) for part_url, path in parts])
    expected = parse_page(raw, url, place="南海新区")
    assert record["text"] == expected.text
    assert record["facts"] == expected.facts and record["facts"]


def test_robots_txt_is_obeyed(sample_web: SampleServer) -> None:
    url = local(sample_web, "www.whnanhai.gov.cn/preview/t1.html")
    result = extract("-u", url)
    assert result.returncode == 1 and result.stdout == ""
    assert result.stderr == f"newscrawl extract: {url}: refused by the site's robots.txt " + (
        "(ROBOTSTXT_OBEY)\n"
    )


@pytest.mark.parametrize(
    ("path", "reason"),
    [
        ("www.whnanhai.gov.cn/xwzx/nosuch.html", "http_404"),
    ],
)
def test_a_failed_fetch_is_one_line(sample_web: SampleServer, path: str, reason: str) -> None:
    url = local(sample_web, path)
    result = extract("-u", url)
    assert result.returncode == 1 and result.stdout == ""
    assert result.stderr.count("\n") == 1 and "Traceback" not in result.stderr
    assert result.stderr.startswith(f"newscrawl extract: {url}: {reason}")


def test_the_project_user_agent_and_size_cap(recording_server: ThreadingHTTPServer) -> None:
    base = f"http://127.0.0.1:{recording_server.server_address[1]}"
    page = extract("-u", f"{base}/a.html")
    assert page.returncode == 0, page.stderr
    # robots.txt first, then the page: both with the project's User-Agent
    assert RecordingHandler.agents == [USER_AGENT, USER_AGENT]
    big = extract("-u", f"{base}/big.html")
    assert big.returncode == 1 and big.stdout == ""
    assert big.stderr == (
        f"newscrawl extract: {base}/big.html: too_large (the body exceeds DOWNLOAD_MAXSIZE)\n"
    )


def test_nothing_listening_is_one_line() -> None:
    result = extract("-u", "http://127.0.0.1:9/article.html")
    assert result.returncode != 0 and result.stdout == ""
    assert result.stderr.count("\n") == 1 and "Traceback" not in result.stderr
