"""Why a page could not be archived, as one specific reason string.

Every failure a crawl records in ``fetch_failures.reason`` comes from here, so that an operator
(and ``newscrawl sources``) can tell a dead server from a slow one, a truncated transfer from a
PDF behind an HTML link. The functions only look at values (an exception, a status, the bytes
of a body): no I/O, no crawler state.

Reasons:

=====================  ==================================================================
``http_<status>``      the server answered an error status (after the retries, for 5xx)
``challenge``          an anti-bot wall (decided by extraction, see ``CHALLENGE_STATUSES``)
``timeout``            no complete answer within ``DOWNLOAD_TIMEOUT``
``dns_error``          the host name does not resolve
``connection_refused`` nothing listens on the port
``connection_reset``   the connection broke (RST) before a response arrived
``connection_closed``  the server closed the connection cleanly without answering
``truncated``          fewer body bytes arrived than the Content-Length promised
``too_large``          the body is larger than ``DOWNLOAD_MAXSIZE`` (download cancelled, or
                       a compressed body that decompresses past it), or the response headers
                       exceed ``NEWSCRAWL_MAX_HEADER_BYTES`` / ``NEWSCRAWL_MAX_HEADERS``
``unsafe_url``         a URL the crawler never requests: a scheme other than http and https
                       (``file://``, ``ftp://``, ``data:``), or no host
``cpu_budget``         processing the page took more than ``NEWSCRAWL_PAGE_CPU_SECONDS`` of CPU
``interrupted``        the crawl was told to stop (SIGINT, SIGTERM) while the page was parsed
``ignored``            a request refused by a middleware with a bare ``IgnoreRequest``
``redirect_loop``      a redirect leads back to a URL already in its own redirect chain
``too_many_redirects`` more than ``REDIRECT_MAX_TIMES`` redirects
``empty_response``     a 200 with no body (or only whitespace)
``not_html``           a binary document (PDF, image, archive, Office) whatever its type says
``malformed``          bytes that are not text in any encoding, or text without any markup
``not_article: <why>`` an article URL whose page holds no article (``list``, ``video``, …)
=====================  ==================================================================

``None`` means "not a failure": robots.txt and the offsite filter refuse requests on purpose.

Reasons come from the type of the exception (and of its cause), never from its message: a
message holds the URL, and a URL can say anything ("/offsite/robots.txt-news.html"). Scrapy's
own middlewares refuse with a bare ``IgnoreRequest``, so ``newscrawl.middlewares`` replaces
them with subclasses raising the ``Refused`` types below.
"""

from __future__ import annotations

import codecs
import re

from scrapy.exceptions import (
    CannotResolveHostError,
    DownloadCancelledError,
    DownloadConnectionRefusedError,
    DownloadFailedError,
    DownloadTimeoutError,
    IgnoreRequest,
    ResponseDataLossError,
)
from scrapy.utils._compression import _DecompressionMaxSizeExceeded
from twisted.internet import error as tx
from twisted.web._newclient import ResponseFailed

from newscrawl.pool_child import CpuBudgetExceeded, Interrupted

# Signatures of documents that are not web pages (servers send them as text/html all the time).
BINARY_SIGNATURES = (
    b"%PDF-",
    b"PK\x03\x04",  # zip, docx, xlsx
    b"\xd0\xcf\x11\xe0",  # doc, xls (OLE)
    b"\x89PNG",
    b"GIF8",
    b"\xff\xd8\xff",  # JPEG
    b"\x1f\x8b",  # gzip that nobody decoded
    b"Rar!",
)
# Any element or doctype: an HTML page has at least one.
MARKUP_RE = re.compile(r"<\s*[!?a-zA-Z]")
CONTROL_RE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffd]")
# Share of control or undecodable characters above which decoded bytes are not text.
MAX_GARBAGE_RATIO = 0.02
SNIFF_BYTES = 8192


class Refused(IgnoreRequest):
    """A request the crawler refuses on purpose; ``reason`` is its failure reason, or None when
    refusing it is not a failure."""

    reason: str | None = "ignored"


class RobotsTxtRefused(Refused):
    reason = None


class OffsiteRefused(Refused):
    reason = None


class TooManyRedirects(Refused):
    reason = "too_many_redirects"


class UnsafeUrl(Refused):
    reason = "unsafe_url"


class HeadersTooLarge(Exception):
    """The response headers outgrew the configured caps; raised while they are parsed, so the
    connection is dropped before they take memory."""


# Exceptions a page's processing (newscrawl.process_pool) can end with, and the failure reason
# each one is.
PROCESSING_REASONS: dict[type[Exception], str] = {
    CpuBudgetExceeded: "cpu_budget",
    Interrupted: "interrupted",
}
PROCESSING_ERRORS = tuple(PROCESSING_REASONS)


def http_reason(status: int) -> str:
    return f"http_{status}"


def exception_reason(error: BaseException) -> str | None:
    """The reason for a download that raised ``error``, or None when it was refused on purpose
    (robots.txt, the offsite filter), which is not a failure."""
    if isinstance(error, Refused):
        return error.reason
    if isinstance(error, IgnoreRequest):
        # Scrapy's decompression middleware refuses a body that inflates past DOWNLOAD_MAXSIZE.
        if isinstance(error.__cause__, _DecompressionMaxSizeExceeded):
            return "too_large"
        return "ignored"
    if isinstance(error, (DownloadTimeoutError, tx.TimeoutError, tx.TCPTimedOutError)):
        return "timeout"
    if isinstance(error, (CannotResolveHostError, tx.DNSLookupError)):
        return "dns_error"
    if isinstance(error, (DownloadConnectionRefusedError, tx.ConnectionRefusedError)):
        return "connection_refused"
    if isinstance(error, ResponseDataLossError):
        return "truncated"
    if isinstance(error, DownloadCancelledError):
        # Scrapy's HTTP handler cancels a download only when the body outgrows
        # DOWNLOAD_MAXSIZE (announced by Content-Length or counted while streaming).
        return "too_large"
    if isinstance(error, DownloadFailedError):
        return lost_connection_reason(error.__cause__)
    if isinstance(error, (ResponseFailed, tx.ConnectionLost, tx.ConnectionDone, tx.ConnectError)):
        return lost_connection_reason(error)
    return f"error: {type(error).__name__}"


def lost_connection_reason(error: BaseException | None) -> str:
    """A connection that ended without a complete response: reset, or closed cleanly."""
    causes: list[BaseException] = []
    if isinstance(error, ResponseFailed):
        causes = [reason.value for reason in error.reasons]  # Failures wrapped by Twisted
    elif error is not None:
        causes = [error]
    # ConnectionLost is the non-clean end (an RST); ConnectionDone a clean FIN.
    if any(isinstance(cause, HeadersTooLarge) for cause in causes):
        return "too_large"
    if any(isinstance(cause, tx.ConnectionLost) for cause in causes):
        return "connection_reset"
    if any(isinstance(cause, tx.ConnectionDone) for cause in causes):
        return "connection_closed"
    return "connection_lost"


def processing_reason(error: BaseException) -> str | None:
    """The reason for a page whose processing raised ``error``, when it is one of ours."""
    for kind, reason in PROCESSING_REASONS.items():
        if isinstance(error, kind):
            return reason
    return None


def retry_detail(retry_times: int) -> str | None:
    """What ``fetch_failures.detail`` says about retries (None when there were none)."""
    return f"gave up after {retry_times} retries" if retry_times else None


def is_redirect_loop(url: str, redirect_urls: list[str]) -> bool:
    """A redirected request whose target already occurred earlier in its own chain."""
    return url in redirect_urls


def body_reason(body: bytes, declared: str | None = None) -> str | None:
    """Why a successfully downloaded body cannot be a page at all, or None if it can be one.

    ``declared`` is the charset the server named; it is only one candidate, because Chinese
    sites often name the wrong one: the bytes are text if they decode cleanly as it, as UTF-8
    or as GB18030 (as UTF-16 when a byte order mark says so).
    """
    if not body.strip():
        return "empty_response"
    head = body[:SNIFF_BYTES].lstrip()
    if head.startswith(BINARY_SIGNATURES):
        return "not_html"
    utf16 = head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE))
    if b"\x00" in head and not utf16:
        return "not_html"  # NUL bytes: binary
    ratio, text = best_decoding(body[: SNIFF_BYTES * 8], "utf-16" if utf16 else declared)
    if ratio > MAX_GARBAGE_RATIO or not MARKUP_RE.search(text):
        return "malformed"
    return None


def best_decoding(body: bytes, declared: str | None = None) -> tuple[float, str]:
    """The decoding of ``body`` with the smallest share of control and undecodable characters,
    and that share."""
    best = (1.0, "")
    for candidate in dict.fromkeys(filter(None, (declared, "utf-8", "gb18030"))):
        try:
            text = body.decode(candidate, errors="replace")
        except LookupError:
            continue
        best = min(best, (len(CONTROL_RE.findall(text)) / max(len(text), 1), text))
    return best
