"""The local HTTP server for the sample web.

One server on one port serves every sample site; it routes by the Host header, so
``http://www.sohu.com.localhost:PORT/a/1_2`` gets ``sites/www.sohu.com/a/1_2``. It behaves like
the real sites where crawling depends on it: per-site charset headers (or none), status codes
(404 pages, a 521 anti-bot challenge), Discuz's URL rewrite, robots.txt, and ETag /
Last-Modified with ``304 Not Modified`` answers to conditional requests.

Two control URLs exist on every host, for tests and demos:

- ``/__samples__/variant?name=edited`` serves ``<file>~edited`` in place of ``<file>`` wherever
  such a variant exists (``name=`` switches back to the original pages);
- ``/__samples__/log`` returns the requests served so far as JSON (``?clear=1`` empties it).
"""

from __future__ import annotations

import functools
import hashlib
import json
import re
import socketserver
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from email.utils import format_datetime, parsedate_to_datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from importlib import resources
from importlib.resources.abc import Traversable
from pathlib import Path
from typing import Any, TypeVar
from urllib.parse import parse_qs, urlsplit

from newscrawl.samples.urls import real_host

CONTROL_PREFIX = "/__samples__/"
ServerT = TypeVar("ServerT", bound=socketserver.BaseServer)
HTML_SUFFIXES = (".html", ".htm", ".shtml", ".php")
TYPES = {".txt": "text/plain", ".xml": "application/xml", ".json": "application/json"}


def sites_root() -> Traversable:
    return resources.files("newscrawl.samples") / "sites"


@dataclass(frozen=True)
class SiteMeta:
    charset_header: str | None
    last_modified: datetime
    status: dict[str, int]
    content_type: dict[str, str]
    rewrites: tuple[tuple[re.Pattern[str], str], ...]


@dataclass(frozen=True)
class Reply:
    status: int
    headers: dict[str, str]
    body: bytes


@dataclass
class SampleWeb:
    """The sample web's content and HTTP behaviour, independent of any socket."""

    root: Traversable | Path = field(default_factory=sites_root)
    variant: str | None = None
    _sites: dict[str, SiteMeta | None] = field(default_factory=dict, repr=False)

    def site(self, host: str) -> SiteMeta | None:
        """The site served for ``host``: looked up by exact name among the sample sites, never
        as a path (a Host header ``www.zngk.vip/../..`` names no site)."""
        if host not in self.known_hosts:
            return None
        if host not in self._sites:
            self._sites[host] = self._load_site(host)
        return self._sites[host]

    def _load_site(self, host: str) -> SiteMeta | None:
        meta_file = self.root / host / "_site.json"
        if not meta_file.is_file():
            return None
        data: dict[str, Any] = json.loads(meta_file.read_text(encoding="utf-8"))
        return SiteMeta(
            charset_header=data["charset_header"],
            last_modified=parsedate_to_datetime(data["last_modified"]),
            status=data["status"],
            content_type=data["content_type"],
            rewrites=tuple((re.compile(p), r) for p, r in data["rewrites"]),
        )

    @functools.cached_property
    def known_hosts(self) -> frozenset[str]:
        return frozenset(self.hosts())

    def hosts(self) -> list[str]:
        return sorted(d.name for d in self.root.iterdir() if (d / "_site.json").is_file())

    def _file(self, host: str, target: str) -> tuple[Traversable | None, bool]:
        """The file for a request target, and whether it is the active variant."""
        path, _, query = target.partition("?")
        parts = [p for p in path.split("/") if p]
        if any(p in (".", "..") or p.startswith("_") for p in parts):
            return None, False
        if not parts or path.endswith("/"):
            parts.append("index.html")
        if query:
            parts[-1] += "@" + query
        node = self.root / host
        for part in parts:
            node = node / part
        if self.variant:
            variant = node.parent / f"{node.name}~{self.variant}" if parts else None
            if variant is not None and variant.is_file():
                return variant, True
        if node.is_file():
            return node, False
        if node.is_dir() and (node / "index.html").is_file():
            return node / "index.html", False
        return None, False

    def respond(self, host_header: str, target: str, request_headers: dict[str, str]) -> Reply:
        host = real_host(host_header)
        meta = self.site(host)
        if meta is None:
            return Reply(
                404, {"Content-Type": "text/plain; charset=utf-8"}, b"unknown sample site\n"
            )
        for pattern, replacement in meta.rewrites:
            target, count = pattern.subn(replacement, target)
            if count:
                break
        file, is_variant = self._file(host, target)
        status = 200
        if file is None:
            file = self.root / host / "_404.html"
            status = 404
            if not file.is_file():
                return Reply(404, {"Content-Type": "text/plain"}, b"404 Not Found\n")
            target = "/_404.html"
        path = target.split("?", 1)[0]
        status = meta.status.get(path, status)
        body = file.read_bytes()
        headers = {"Content-Type": self._content_type(meta, path, file.name)}
        if status != 200:
            return Reply(status, headers, body)

        modified = meta.last_modified + (timedelta(days=1) if is_variant else timedelta())
        etag = '"' + hashlib.sha1(body).hexdigest()[:20] + '"'
        headers["ETag"] = etag
        headers["Last-Modified"] = format_datetime(modified, usegmt=True)
        if not_modified(request_headers, etag, modified):
            return Reply(304, {k: v for k, v in headers.items() if k != "Content-Type"}, b"")
        return Reply(200, headers, body)

    @staticmethod
    def _content_type(meta: SiteMeta, path: str, name: str) -> str:
        if path in meta.content_type:
            return meta.content_type[path]
        name = name.split("@", 1)[0].split("~", 1)[0]
        suffix = Path(name).suffix
        kind = TYPES.get(suffix, "text/html")
        if kind == "text/html" and suffix not in (*HTML_SUFFIXES, ""):
            kind = "application/octet-stream"
        charset = meta.charset_header if kind != "application/octet-stream" else None
        if kind == "text/plain":
            charset = "utf-8"
        return f"{kind}; charset={charset}" if charset else kind


def not_modified(request_headers: dict[str, str], etag: str, modified: datetime) -> bool:
    """RFC 9110 §13.2.2: If-None-Match decides when present, else If-Modified-Since."""
    if_none_match = request_headers.get("if-none-match")
    if if_none_match is not None:
        tags = {t.strip().removeprefix("W/") for t in if_none_match.split(",")}
        return "*" in tags or etag in tags
    since = request_headers.get("if-modified-since")
    if since:
        try:
            return modified <= parsedate_to_datetime(since)
        except (TypeError, ValueError):
            return False
    return False


class SampleRequestHandler(BaseHTTPRequestHandler):
    server: SampleServer
    protocol_version = "HTTP/1.1"
    # Headers and body written separately on a kept-alive connection would let Nagle's
    # algorithm hold the body until the client's delayed ACK: ~40 ms per answer.
    disable_nagle_algorithm = True

    def version_string(self) -> str:
        return "nginx"  # what most of the real sites answer with

    def do_GET(self) -> None:
        self._serve(send_body=True)

    def do_HEAD(self) -> None:
        self._serve(send_body=False)

    def _serve(self, *, send_body: bool) -> None:
        if self.path.startswith(CONTROL_PREFIX):
            reply = self.server.control(self.path)
        else:
            headers = {k.lower(): v for k, v in self.headers.items()}
            reply = self.server.web.respond(self.headers.get("Host", ""), self.path, headers)
            self.server.record(self.headers.get("Host", ""), self.path, reply.status)
        self.send_response(reply.status)
        for name, value in reply.headers.items():
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(reply.body)))
        self.end_headers()
        if send_body:
            self.wfile.write(reply.body)

    def log_message(self, format: str, *args: Any) -> None:
        if self.server.verbose:
            super().log_message(format, *args)


class SampleServer(ThreadingHTTPServer):
    """A threaded HTTP server for the sample web; port 0 lets the OS choose a free port."""

    daemon_threads = True

    def __init__(
        self,
        address: tuple[str, int] = ("127.0.0.1", 0),
        *,
        variant: str | None = None,
        verbose: bool = False,
    ) -> None:
        super().__init__(address, SampleRequestHandler)
        self.web = SampleWeb(variant=variant or None)
        self.verbose = verbose
        self._log: list[dict[str, Any]] = []
        self._lock = threading.Lock()

    @property
    def port(self) -> int:
        return self.server_address[1]

    def record(self, host: str, target: str, status: int) -> None:
        with self._lock:
            self._log.append({"host": real_host(host), "target": target, "status": status})

    def control(self, target: str) -> Reply:
        parts = urlsplit(target)
        query = parse_qs(parts.query, keep_blank_values=True)
        command = parts.path.removeprefix(CONTROL_PREFIX)
        if command == "variant":
            self.web.variant = (query.get("name") or [""])[0] or None
            payload: Any = {"variant": self.web.variant}
        elif command == "log":
            with self._lock:
                payload = list(self._log)
                if query.get("clear"):
                    self._log.clear()
        else:
            return Reply(404, {"Content-Type": "text/plain"}, b"unknown control command\n")
        body = json.dumps(payload, ensure_ascii=False).encode("utf-8")
        return Reply(200, {"Content-Type": "application/json"}, body)


@contextmanager
def serving(
    host: str = "127.0.0.1", port: int = 0, *, variant: str | None = None
) -> Iterator[SampleServer]:
    """Run a :class:`SampleServer` in a background thread for the duration of a ``with`` block."""
    with in_thread(SampleServer((host, port), variant=variant)) as server:
        yield server


@contextmanager
def in_thread(server: ServerT) -> Iterator[ServerT]:
    """Serve ``server`` from a daemon thread until the ``with`` block ends, then close it."""
    thread = threading.Thread(target=server.serve_forever, name="sample-web", daemon=True)
    thread.start()
    try:
        yield server
    finally:
        server.shutdown()
        server.server_close()
        thread.join()
