"""Fetch one article (all its parts) with the project's Scrapy settings: ``newscrawl extract -u``.

The page is fetched the way a crawl fetches it — robots.txt obeyed, the project's User-Agent,
``DOWNLOAD_MAXSIZE``, timeouts and retries, the sample web's ``*.localhost`` resolver — by a
one-request spider in a Scrapy ``CrawlerProcess`` with the project's settings and none of its
pipelines or extensions (nothing is archived). A multi-page article's next parts (下一页) are
fetched too and joined as the archive stores them (``pipelines.parse.join_parts``).

One process, one fetch: Twisted's reactor cannot be restarted.
"""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

import scrapy
from scrapy.http import Request, Response
from scrapy.spidermiddlewares.httperror import HttpError
from twisted.python.failure import Failure

from newscrawl import failures
from newscrawl.commands.crawl import project_settings
from newscrawl.spiders.http import http_charset
from newscrawl.spiders.multipage import PendingArticle
from pipelines.extraction import ExtractedPage, extract_page
from pipelines.parse import join_parts

# A 下一页 chain longer than this is a list, not an article.
MAX_PARTS = 20


class FetchError(Exception):
    """The page could not be fetched; the message is the one-line reason."""


@dataclass
class FetchedArticle:
    url: str  # the first part's URL after redirects
    parts: list[tuple[str, bytes]] = field(default_factory=list)
    http_encoding: str | None = None  # the charset of the first part's Content-Type header
    error: str | None = None
    missing_parts: list[str] = field(default_factory=list)  # "URL: reason" of parts not fetched

    @property
    def body(self) -> bytes:
        """The raw page: the parts joined the way the archive stores them."""
        return join_parts(self.parts)


class ArticleFetchSpider(scrapy.Spider):
    """Fetches ``url`` and the parts its pager links to (as a crawl's spider assembles a
    multi-page article); fills ``result``."""

    name = "newscrawl-fetch"

    def __init__(self, url: str, result: FetchedArticle, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.url = url
        self.result = result
        self.pending: PendingArticle | None = None

    async def start(self) -> AsyncIterator[Request]:
        yield Request(self.url, callback=self.parse, errback=self.failed, dont_filter=True)

    def parse(self, response: Response, **kwargs: Any) -> Iterator[Request]:
        page = self.extract(response)
        self.pending = PendingArticle.first_page(response.url, page, response, datetime.now(UTC))
        if page.is_article:
            yield from self.next_part(page)
        self.result.url = response.url
        self.result.http_encoding = http_charset(response)
        self.result.parts = self.pending.parts

    def parse_part(self, response: Response) -> Iterator[Request]:
        assert self.pending is not None
        page = self.extract(response)
        self.pending.add_part(response.url, response.body, page)
        yield from self.next_part(page)

    def next_part(self, page: ExtractedPage) -> Iterator[Request]:
        assert self.pending is not None
        next_url = self.pending.next_part(page)
        if next_url is not None and len(self.pending.parts) < MAX_PARTS:
            yield Request(next_url, callback=self.parse_part, errback=self.part_failed)

    @staticmethod
    def extract(response: Response) -> ExtractedPage:
        return extract_page(response.body, response.url, http_encoding=http_charset(response))

    def failed(self, failure: Failure) -> None:
        self.result.error = describe_failure(failure)

    def part_failed(self, failure: Failure) -> Iterator[Request]:
        # The parts fetched so far are still the article, as in a crawl; the others are tried.
        assert self.pending is not None
        self.result.missing_parts.append(f"{failure.request.url}: {describe_failure(failure)}")
        yield from self.next_part(self.pending.first)


@contextmanager
def silenced_log(silence: bool) -> Iterator[None]:
    """Drop every log record inside the block (when ``silence``): the fetch's outcome is the
    command's one line. A filter on the root logger's handlers, not logger levels: Scrapy sets
    those itself when its crawler process starts."""
    handlers = list(logging.getLogger().handlers) if silence else []
    drop = logging.Filter("-")  # a name no logger has: no record passes
    for handler in handlers:
        handler.addFilter(drop)
    try:
        yield
    finally:
        for handler in handlers:
            handler.removeFilter(drop)


def describe_failure(failure: Failure) -> str:
    """One line saying why a request failed, in the crawl's failure vocabulary."""
    if failure.check(HttpError):
        status = failure.value.response.status
        return f"{failures.http_reason(status)} (the server answered HTTP {status})"
    error = failure.value
    message = str(error).strip().splitlines()[0] if str(error).strip() else type(error).__name__
    if "robots.txt" in message:
        return "refused by the site's robots.txt (ROBOTSTXT_OBEY)"
    reason = failures.exception_reason(error) or "ignored"
    if reason == "too_large":
        return "too_large (the body exceeds DOWNLOAD_MAXSIZE)"
    return f"{reason} ({message})"


def fetch_article(
    url: str, settings_overrides: dict[str, Any] | None = None, *, log: bool = False
) -> FetchedArticle:
    """Fetch the article at ``url``; raises ``FetchError`` with a one-line reason.

    Scrapy's and Twisted's log records are dropped unless ``log`` (``--verbose``): the outcome
    is the command's one line."""
    from scrapy.crawler import CrawlerProcess

    settings = project_settings(
        {
            # Fetch only: nothing is archived, no child process is started.
            "ITEM_PIPELINES": {},
            "EXTENSIONS": {},
            "ADDONS": {},
            "TELNETCONSOLE_ENABLED": False,
            "REMOTE_CONTROL_ENABLED": False,
            "LOG_ENABLED": log,
            **(settings_overrides or {}),
        }
    )
    result = FetchedArticle(url=url)
    with silenced_log(not log):
        process = CrawlerProcess(settings)
        process.crawl(ArticleFetchSpider, url=url, result=result)
        process.start()
    if result.error:
        raise FetchError(result.error)
    if not result.parts:
        raise FetchError("nothing was fetched")
    return result
