"""``newscrawl.failures`` on its own: real exception objects of the download stack in, the
specific reason out; no false alarm on any real page of the corpus."""

from __future__ import annotations

from pathlib import Path

import pytest
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
from twisted.python.failure import Failure
from twisted.web._newclient import ResponseNeverReceived

from newscrawl.failures import (
    HeadersTooLarge,
    OffsiteRefused,
    RobotsTxtRefused,
    TooManyRedirects,
    UnsafeUrl,
    body_reason,
    exception_reason,
    retry_detail,
)
from tests.support.fault_server import PDF


def wrapped(cause: BaseException) -> DownloadFailedError:
    """What Scrapy raises when Twisted's client lost the connection before a response."""
    error = DownloadFailedError("lost")
    error.__cause__ = ResponseNeverReceived([Failure(cause)])
    return error


def decompression_bomb() -> IgnoreRequest:
    """What Scrapy's HttpCompressionMiddleware raises for a body that inflates past the cap
    (its message names the response, so the URL: "offsite" or "robots.txt" in it change
    nothing)."""
    try:
        try:
            raise _DecompressionMaxSizeExceeded(70000, 65536)
        except _DecompressionMaxSizeExceeded as cause:
            raise IgnoreRequest("Ignored response <200 http://x.cn/offsite/bomb.html>") from cause
    except IgnoreRequest as error:
        return error


@pytest.mark.parametrize(
    ("error", "reason"),
    [
        (DownloadTimeoutError("Getting x took longer than 3 seconds."), "timeout"),
        (tx.TimeoutError(), "timeout"),
        (CannotResolveHostError("no.such.host"), "dns_error"),
        (tx.DNSLookupError(), "dns_error"),
        (DownloadConnectionRefusedError(), "connection_refused"),
        (ResponseDataLossError(), "truncated"),
        (DownloadCancelledError("Expected to receive 999 bytes which is larger"), "too_large"),
        (wrapped(tx.ConnectionLost()), "connection_reset"),
        (wrapped(tx.ConnectionDone()), "connection_closed"),
        (ResponseNeverReceived([Failure(tx.ConnectionLost())]), "connection_reset"),
        (TooManyRedirects("max redirections reached"), "too_many_redirects"),
        (RobotsTxtRefused("Forbidden by robots.txt"), None),
        (OffsiteRefused("Filtered offsite request to 'beian.gov.cn'"), None),
        (UnsafeUrl("file:///etc/passwd"), "unsafe_url"),
        (wrapped(HeadersTooLarge("4000 header lines")), "too_large"),
        (decompression_bomb(), "too_large"),
        # the type decides, never the message: a URL can say anything
        (IgnoreRequest("Ignored <200 http://a.cn/offsite/robots.txt.html>"), "ignored"),
        (ValueError("odd"), "error: ValueError"),
    ],
)
def test_exception_reason(error: BaseException, reason: str | None) -> None:
    assert exception_reason(error) == reason


@pytest.mark.parametrize(
    ("body", "declared", "reason"),
    [
        (b"", None, "empty_response"),
        (b" \r\n\t ", "utf-8", "empty_response"),
        (PDF, "utf-8", "not_html"),
        (b"\n\n" + PDF, None, "not_html"),
        (b"PK\x03\x04\x14\x00\x06\x00", None, "not_html"),
        (b"<html>\x00\x00\x00\x01</html>", None, "not_html"),
        (bytes(range(1, 9)) * 200, "utf-8", "malformed"),
        ("一季度新开工项目155个，同比增长21.1%。".encode(), None, "malformed"),  # no markup
        ("<p>一季度新开工项目155个</p>".encode("gbk"), "utf-8", None),  # wrong charset: still text
        ("<p>一季度新开工项目155个</p>".encode("utf-16"), None, None),  # BOM, NULs allowed
        (b"<html><body><p>ok", "bogus-charset", None),
    ],
)
def test_body_reason(body: bytes, declared: str | None, reason: str | None) -> None:
    assert body_reason(body, declared) == reason


def test_no_real_page_is_called_broken(corpus_dir: Path) -> None:
    pages = sorted(p for p in corpus_dir.rglob("*") if p.suffix in {".html", ".htm", ".shtml"})
    assert len(pages) > 50
    flagged = [(p.name, body_reason(p.read_bytes())) for p in pages if body_reason(p.read_bytes())]
    assert flagged == []


def test_retry_detail() -> None:
    assert retry_detail(0) is None
    assert retry_detail(2) == "gave up after 2 retries"
