"""Scrapy's HTTP/1.1 download handler with caps on the response headers.

``DOWNLOAD_MAXSIZE`` bounds a body, but nothing bounds the headers: Twisted's parser keeps every
header line it is sent (a server sending 30 MB of headers took a crawl to 1.4 GB). This handler
counts header bytes and lines while they arrive and drops the connection as soon as either cap
is passed (``NEWSCRAWL_MAX_HEADER_BYTES``, ``NEWSCRAWL_MAX_HEADERS``), so the response fails
with ``HeadersTooLarge`` (reason ``too_large``) having cost at most the cap in memory. A single
line longer than Twisted's line limit (16 KB) fails the same way instead of as a lost
connection.

Scrapy offers no hook for this: the parser class is swapped on each connection's protocol the
way Scrapy's own handler swaps in its lenient parser (``scrapy.core.downloader.handlers.http11``
private classes, tested against the pinned Scrapy version by tests/test_hostile.py).
"""

from __future__ import annotations

from typing import Any

from scrapy.core.downloader.handlers.http11 import (
    HTTP11DownloadHandler,
    _LenientHTTP11ClientFactory,
    _LenientHTTP11ClientProtocol,
    _LenientHTTPClientParser,
)
from scrapy.crawler import Crawler
from twisted.internet.defer import Deferred

from newscrawl.failures import HeadersTooLarge


class _CappedParser(_LenientHTTPClientParser):
    # Set on the subclass each handler makes (limits are settings, parsers have no crawler).
    max_header_bytes = 0
    max_headers = 0

    def lineReceived(self, line: bytes) -> None:
        # Lines arrive only for the status line and the headers: the body is read raw.
        received = getattr(self, "_header_bytes", 0) + len(line) + 2
        lines = getattr(self, "_header_lines", 0) + 1
        self._header_bytes, self._header_lines = received, lines
        if self.max_header_bytes and received > self.max_header_bytes:
            raise HeadersTooLarge(f"response headers over {self.max_header_bytes} bytes")
        # the status line and the blank line that ends the headers are not headers
        if self.max_headers and lines > self.max_headers + 2:
            raise HeadersTooLarge(f"more than {self.max_headers} response header lines")
        super().lineReceived(line)

    def lineLengthExceeded(self, line: bytes) -> None:
        raise HeadersTooLarge(f"a response header line over {self.MAX_LENGTH} bytes")


class _CappedProtocol(_LenientHTTP11ClientProtocol):
    parser_class: type[_CappedParser] = _CappedParser

    def request(self, request: Any) -> Deferred[Any]:
        deferred = super().request(request)
        assert self._parser is not None
        self._parser.__class__ = self.parser_class
        return deferred


class _CappedFactory(_LenientHTTP11ClientFactory):
    protocol_class: type[_CappedProtocol] = _CappedProtocol

    def buildProtocol(self, addr: Any) -> _CappedProtocol:
        return self.protocol_class(self._quiescentCallback)


def capped_factory(max_header_bytes: int, max_headers: int) -> type[_CappedFactory]:
    """A connection factory whose responses' headers are capped at these limits."""
    parser = type(
        "CappedParser",
        (_CappedParser,),
        {"max_header_bytes": max_header_bytes, "max_headers": max_headers},
    )
    protocol = type("CappedProtocol", (_CappedProtocol,), {"parser_class": parser})
    return type("CappedFactory", (_CappedFactory,), {"protocol_class": protocol})


class HeaderCappedDownloadHandler(HTTP11DownloadHandler):
    """``DOWNLOAD_HANDLERS`` for http and https (newscrawl.settings)."""

    def __init__(self, crawler: Crawler) -> None:
        super().__init__(crawler)
        settings = crawler.settings
        self._pool._factory = capped_factory(
            settings.getint("NEWSCRAWL_MAX_HEADER_BYTES"), settings.getint("NEWSCRAWL_MAX_HEADERS")
        )
