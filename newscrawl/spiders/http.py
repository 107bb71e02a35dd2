"""The HTTP side of the spiders: the one way a request is built, and what is read from the
headers of a response."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from scrapy.http import Request, Response
from w3lib.url import safe_url_string

from archive.store import KnownArticle

# Status codes anti-bot walls answer with (Cloudflare 403/503, 加速乐 521, rate limits 429).
CHALLENGE_STATUSES = frozenset({403, 429, 503, 521})
CHARSET_RE = re.compile(rb"charset=[\"']?([\w.:-]+)", re.IGNORECASE)


def build_request(
    url: str,
    callback: Callable[..., Any],
    errback: Callable[..., Any],
    *,
    start: bool = False,
    meta: dict[str, Any] | None = None,
    headers: dict[str, str] | None = None,
    dont_filter: bool = False,
) -> Request:
    """A request for the real URL ``url``. ``meta["real_url"]`` keeps ``url`` as the spider
    wrote it (the request URL is its percent-encoded form); ``meta["start"]`` marks the first
    requests of a crawl, whose failure means the crawl failed (``newscrawl/start_failed``)."""
    request_meta: dict[str, Any] = {"real_url": url}
    if start:
        request_meta["start"] = True
    request_meta.update(meta or {})
    return Request(
        safe_url_string(url),
        callback=callback,
        errback=errback,
        headers=headers,
        meta=request_meta,
        dont_filter=dont_filter,
    )


def conditional_headers(known: KnownArticle) -> dict[str, str]:
    """``If-None-Match`` / ``If-Modified-Since`` for an article the archive holds."""
    headers: dict[str, str] = {}
    if known.etag:
        headers["If-None-Match"] = known.etag
    if known.last_modified:
        headers["If-Modified-Since"] = known.last_modified
    return headers


def http_charset(response: Response) -> str | None:
    """The charset of the Content-Type header only (not what Scrapy guessed from the body)."""
    content_type = response.headers.get(b"Content-Type") or b""
    match = CHARSET_RE.search(content_type)
    return match.group(1).decode("ascii", "replace") if match else None


def header(response: Response, name: str) -> str | None:
    value = response.headers.get(name.encode())
    return value.decode("latin-1") if value else None
