"""Downloader middlewares: what may be requested, and refusals with a type.

``UrlSafetyMiddleware`` runs first for every request the engine downloads (start URLs,
discovered links, article parts, redirects, robots.txt): it refuses URLs whose scheme is not
http or https (``UnsafeUrl``, recorded as ``unsafe_url``) and removes user info
(``user:password@``) from the URL before anything fetches, logs or stores it.

Scrapy's robots.txt, offsite and redirect middlewares refuse with a bare ``IgnoreRequest``
whose message is the only clue to why; the subclasses here raise the ``newscrawl.failures``
types instead, so that failure reasons come from types (see that module). The offsite filter
also checks the port when the spider names its ``allowed_ports``.
"""

from __future__ import annotations

from typing import Any, Self

from scrapy import Spider
from scrapy.crawler import Crawler
from scrapy.downloadermiddlewares.offsite import OffsiteMiddleware as ScrapyOffsiteMiddleware
from scrapy.downloadermiddlewares.redirect import MetaRefreshMiddleware as ScrapyMetaRefresh
from scrapy.downloadermiddlewares.redirect import RedirectMiddleware as ScrapyRedirectMiddleware
from scrapy.downloadermiddlewares.robotstxt import RobotsTxtMiddleware as ScrapyRobotsTxt
from scrapy.exceptions import IgnoreRequest
from scrapy.http import Request

from newscrawl.failures import OffsiteRefused, RobotsTxtRefused, TooManyRedirects, UnsafeUrl
from newscrawl.urlsafety import (
    has_userinfo,
    install_log_redaction,
    redact,
    strip_userinfo,
    unsafe_reason,
)
from pipelines.dedup.urls import origin


class UrlSafetyMiddleware:
    """Only http and https go on the wire, and never with credentials in the URL."""

    def __init__(self, crawler: Crawler) -> None:
        self.crawler = crawler

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Self:
        install_log_redaction()
        return cls(crawler)

    def process_request(self, request: Request) -> Request | None:
        reason = unsafe_reason(request.url)
        if reason is not None:
            self._inc("newscrawl/refused/unsafe_url")
            raise UnsafeUrl(f"refused {redact(request.url)}: {reason}")
        if has_userinfo(request.url):
            # Sent again without them: the request was scheduled under the URL as linked, so
            # the stripped one is new to the duplicate filter.
            self._inc("newscrawl/refused/userinfo_stripped")
            meta = dict(request.meta)
            if isinstance(meta.get("real_url"), str):
                meta["real_url"] = strip_userinfo(meta["real_url"])
            return request.replace(url=strip_userinfo(request.url), meta=meta)
        return None

    def _inc(self, key: str) -> None:
        if self.crawler.stats is not None:
            self.crawler.stats.inc_value(key)


class RobotsTxtMiddleware(ScrapyRobotsTxt):
    def process_request_2(self, rp: Any, request: Request) -> None:
        try:
            super().process_request_2(rp, request)
        except IgnoreRequest as refusal:
            raise RobotsTxtRefused(str(refusal)) from None


class OffsiteMiddleware(ScrapyOffsiteMiddleware):
    """Scrapy's offsite filter, plus the port: a spider with ``allowed_ports`` stays on them
    (a redirect to another port of the same host is another server)."""

    def process_request(self, request: Request) -> None:
        try:
            super().process_request(request)
        except OffsiteRefused:
            raise
        except IgnoreRequest as refusal:
            raise OffsiteRefused(str(refusal)) from None

    def should_follow(self, request: Request, spider: Spider) -> bool:
        if not super().should_follow(request, spider):
            return False
        ports = getattr(spider, "allowed_ports", None)
        if not ports:
            return True
        return origin(request.url)[2] in ports


class _TypedRedirects:
    def _redirect(self, redirected: Request, request: Request, reason: Any) -> Request:
        try:
            return super()._redirect(redirected, request, reason)  # type: ignore[misc]
        except IgnoreRequest as refusal:  # the only refusal there: too many redirects
            raise TooManyRedirects(str(refusal)) from None


class RedirectMiddleware(_TypedRedirects, ScrapyRedirectMiddleware):
    pass


class MetaRefreshMiddleware(_TypedRedirects, ScrapyMetaRefresh):
    pass
