"""What every newscrawl spider shares: fetching through the sample web, incremental crawling
against the archive, article requests (conditional on revisits), multi-page joining, item
building and failure reporting.

Spiders work on *real* URLs throughout (the ones in the registry and in the archive). Only the
request sent over the wire is mapped onto the sample web when a sample port is set, and every
response URL is mapped back before anything else looks at it.
"""

from __future__ import annotations

import logging
import re
from collections.abc import AsyncIterator, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from functools import cached_property
from typing import Any, ClassVar, Self

import scrapy
from scrapy.crawler import Crawler
from scrapy.dupefilters import RFPDupeFilter
from scrapy.http import Request, Response, TextResponse
from scrapy.settings import SETTINGS_PRIORITIES, BaseSettings
from scrapy.spidermiddlewares.httperror import HttpError
from scrapy.utils.sitemap import Sitemap
from twisted.python.failure import Failure
from w3lib.url import safe_url_string

from archive.store import Archive, KnownArticle
from newscrawl import failures
from newscrawl import signals as newscrawl_signals
from newscrawl.process_pool import ProcessPool, crawl_pool
from newscrawl.samples.urls import from_sample_url, to_sample_url
from newscrawl.spiders.revisit import revisit_due
from pipelines.dedup.urls import canonical_url, page_identity
from pipelines.extraction import ExtractedPage, extract_page
from pipelines.extraction.links import NEAR_DATE_RE, PageLink, date_from_url, page_links
from pipelines.extraction.links import ymd as parse_date
from pipelines.items import ArticleItem
from pipelines.parse import join_parts

logger = logging.getLogger(__name__)

DEFAULT_LADDER = (timedelta(hours=1), timedelta(hours=6), timedelta(days=1), timedelta(days=7))
REVISIT_MODES = ("due", "all", "force")
# Status codes anti-bot walls answer with (Cloudflare 403/503, 加速乐 521, rate limits 429).
CHALLENGE_STATUSES = frozenset({403, 429, 503, 521})
CHARSET_RE = re.compile(rb"charset=[\"']?([\w.:-]+)", re.IGNORECASE)


def parse_since(text: str | None) -> date | None:
    if not text:
        return None
    try:
        return date.fromisoformat(text.strip())
    except ValueError:
        raise ValueError(f"since={text!r} is not a date like 2026-01-31") from None


def http_charset(response: Response) -> str | None:
    """The charset of the Content-Type header only (not what Scrapy guessed from the body)."""
    content_type = response.headers.get(b"Content-Type") or b""
    match = CHARSET_RE.search(content_type)
    return match.group(1).decode("ascii", "replace") if match else None


def header(response: Response, name: str) -> str | None:
    value = response.headers.get(name.encode())
    return value.decode("latin-1") if value else None


@dataclass(frozen=True, slots=True)
class Link:
    url: str  # real URL
    date: date | None = None  # the date the list shows next to it, or the one in its URL


@dataclass
class PendingArticle:
    """A multi-page article being assembled part by part."""

    url: str
    first: ExtractedPage
    status: int
    etag: str | None
    last_modified: str | None
    fetched_at: datetime
    parts: list[tuple[str, bytes]]  # (real URL, body) of each page of the article
    paragraphs: list[str]
    todo: list[str]
    done: set[str] = field(default_factory=set)

    @classmethod
    def first_page(
        cls, url: str, page: ExtractedPage, response: Response, fetched_at: datetime
    ) -> PendingArticle:
        return cls(
            url=url,
            first=page,
            status=response.status,
            etag=header(response, "ETag"),
            last_modified=header(response, "Last-Modified"),
            fetched_at=fetched_at,
            parts=[(url, response.body)],
            paragraphs=list(page.paragraphs),
            todo=[],
            done={canonical_url(url)},
        )


class RunDupeFilter(RFPDupeFilter):
    """Scrapy's duplicate filter, kept in memory even when JOBDIR is set.

    With JOBDIR, Scrapy's filter writes every scheduled request's fingerprint to disk at once,
    while the queue is only saved on a clean stop: after a kill, the requests that were queued
    or in flight are "seen" but gone, and a resumed crawl never fetches them (nor even its
    start pages). What a crawl has done is what the archive holds, and spiders skip archived
    articles by themselves, so a filter that only spans one run loses nothing.
    """

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Self:
        return cls(
            None,
            crawler.settings.getbool("DUPEFILTER_DEBUG"),
            fingerprinter=crawler.request_fingerprinter,
        )


class NewsSpider(scrapy.Spider):
    """Base of all newscrawl spiders (registry families and the generic ``site`` spider).

    Spider arguments: ``sample_port`` (crawl the bundled sample web on that port instead of the
    real sites; also the setting ``NEWSCRAWL_SAMPLE_PORT``), ``since`` (ISO date: do not page
    past it, skip articles dated before it), ``revisit`` (``due`` by default; ``all``
    re-fetches every known article now with conditional requests; ``force`` without them).
    """

    family: ClassVar[str | None] = None  # the extraction family; None lets extraction detect it
    source_key: ClassVar[str] = "site"
    place: str | None = None  # the main place the source reports on (全区/全市 in facts)
    revisit_ladder: tuple[timedelta, ...] = DEFAULT_LADDER
    max_depth: int = 5

    def __init__(
        self,
        *args: Any,
        sample_port: str | int | None = None,
        since: str | None = None,
        revisit: str | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.sample_port = int(sample_port) if sample_port else None
        self.since: date | None = parse_since(since)
        self.revisit_mode = revisit or "due"
        if self.revisit_mode not in REVISIT_MODES:
            raise ValueError(f"revisit={revisit!r}: use one of {', '.join(REVISIT_MODES)}")
        self.schemes: dict[str, str] = {}
        self.known: dict[str, KnownArticle] = {}
        self.archive: Archive | None = None
        self.requested: set[str] = set()

    @classmethod
    def update_settings(cls, settings: BaseSettings) -> None:
        super().update_settings(settings)
        # Just above Scrapy's default (which `scrapy crawl` re-applies over spider settings of
        # equal priority) and below everything else: a project setting or an add-on with a
        # shared filter (distributed mode) still wins.
        settings.set(
            "DUPEFILTER_CLASS",
            f"{__name__}.RunDupeFilter",
            priority=SETTINGS_PRIORITIES["default"] + 1,
        )

    @classmethod
    def from_crawler(cls, crawler: Crawler, *args: Any, **kwargs: Any) -> Self:
        spider = super().from_crawler(crawler, *args, **kwargs)
        settings = crawler.settings
        if spider.sample_port is None:
            spider.sample_port = settings.getint("NEWSCRAWL_SAMPLE_PORT") or None
        spider.incremental = settings.getbool("NEWSCRAWL_INCREMENTAL", True)
        spider.db_url = settings.get("NEWSCRAWL_DB_URL") or None
        spider.configure()
        if spider.sample_port:
            # The offsite filter sees the sample host names, so allow those too.
            domains = list(getattr(spider, "allowed_domains", None) or [])
            spider.allowed_domains = domains + [f"{d}.localhost" for d in domains]
        crawler.signals.connect(spider.close_archive, signal=scrapy.signals.spider_closed)
        crawler.signals.connect(spider.on_request_dropped, signal=scrapy.signals.request_dropped)
        return spider

    def configure(self) -> None:
        """Hook for subclasses: finish setting up once settings and arguments are known."""

    # -- URLs ----------------------------------------------------------------------------------

    def fetch_url(self, url: str) -> str:
        """The URL to request for a real URL (mapped onto the sample web in sample mode)."""
        return to_sample_url(url, self.sample_port) if self.sample_port else url

    def real_url(self, url: str) -> str:
        return from_sample_url(url, self.schemes) if self.sample_port else url

    def normalize_link(self, url: str) -> str | None:
        """Hook: the form of a discovered link to request, or None to ignore it."""
        return url

    # -- the archive ---------------------------------------------------------------------------

    def open_archive(self) -> None:
        if not self.incremental:
            return
        self.archive = Archive.from_url(self.db_url)
        self.known = {
            canonical_url(u): k for u, k in self.archive.known_articles(self.source_key).items()
        }
        logger.info("%d articles of %s already archived", len(self.known), self.source_key)

    def close_archive(self, spider: scrapy.Spider) -> None:
        if self.archive is not None:
            self.archive.close()
            self.archive = None

    def known_article(self, url: str) -> KnownArticle | None:
        """The archive's record of ``url``; the http/https twin counts (sites declare either)."""
        key = canonical_url(url)
        found = self.known.get(key)
        if found is None and key.startswith(("http://", "https://")):
            scheme, rest = key.split("://", 1)
            found = self.known.get(("https" if scheme == "http" else "http") + "://" + rest)
        return found

    def due_revisits(self, now: datetime) -> Iterator[KnownArticle]:
        for known in self.known.values():
            if self.revisit_mode != "due" or revisit_due(
                known.first_seen, known.last_seen, now, self.revisit_ladder
            ):
                yield known

    # -- requests --------------------------------------------------------------------------------

    async def start(self) -> AsyncIterator[Any]:
        self.open_archive()
        now = datetime.now(UTC)
        for known in self.due_revisits(now):
            yield self.article_request(known.url, known=known)
        for request in self.start_requests_for():
            yield request

    def start_requests_for(self) -> Iterable[Request]:
        """Hook: the first requests of a crawl (list pages, sitemaps, a start URL)."""
        return ()

    def article_request(self, url: str, *, known: KnownArticle | None = None) -> Request | None:
        """A request for an article page, or None when it was already requested this run."""
        key = canonical_url(url)
        if key in self.requested:
            return None
        self.requested.add(key)
        headers: dict[str, str] = {}
        meta: dict[str, Any] = {"real_url": url}
        if known is not None:
            meta["revisit"] = True
            meta["handle_httpstatus_list"] = [304]
            self.crawler.stats.inc_value("newscrawl/revisits")
            if self.revisit_mode != "force":
                if known.etag:
                    headers["If-None-Match"] = known.etag
                if known.last_modified:
                    headers["If-Modified-Since"] = known.last_modified
        return Request(
            safe_url_string(self.fetch_url(url)),
            callback=self.parse_article,
            errback=self.on_error,
            headers=headers,
            meta=meta,
            # a revisit must reach the page even if discovery already linked to it
            dont_filter=known is not None,
        )

    def maybe_article(self, link: Link) -> Request | None:
        """Request a discovered article unless it is too old or known and not due."""
        if self.since and link.date and link.date < self.since:
            self.crawler.stats.inc_value("newscrawl/skipped_before_since")
            return None
        if self.known_article(link.url) is not None:
            # Known articles are requested from start() when a revisit is due.
            self.crawler.stats.inc_value("newscrawl/skipped_known")
            return None
        return self.article_request(link.url)

    # -- responses -------------------------------------------------------------------------------

    def response_real_url(self, response: Response) -> str:
        return self.real_url(response.url)

    async def parse_article(self, response: Response) -> AsyncIterator[Any]:
        url = self.response_real_url(response)
        fetched_at = datetime.now(UTC)
        if response.status == 304:
            self.crawler.stats.inc_value("newscrawl/not_modified")
            if self.archive is not None:
                self.archive.record_not_modified(response.meta.get("real_url", url), fetched_at)
            return
        if self.unusable_body(response, url):
            return
        page = await self.extract_async(response, url, fetched_at)
        if page is None:
            return
        if not page.is_article:
            self.on_not_article(url, page, response.status)
            return
        pending = PendingArticle.first_page(url, page, response, fetched_at)
        for output in self.continue_article(pending, page):
            yield output

    def continue_article(self, pending: PendingArticle, page: ExtractedPage) -> Iterator[Any]:
        for next_url in page.next_page_urls:
            key = canonical_url(next_url)
            if key not in pending.done and next_url not in pending.todo:
                pending.todo.append(next_url)
        if not pending.todo:
            yield self.build_item(pending)
            return
        next_url = pending.todo.pop(0)
        pending.done.add(canonical_url(next_url))
        yield Request(
            safe_url_string(self.fetch_url(next_url)),
            callback=self.parse_part,
            errback=self.on_part_error,
            meta={"pending": pending, "real_url": next_url},
            dont_filter=True,
        )

    async def parse_part(self, response: Response) -> AsyncIterator[Any]:
        pending: PendingArticle = response.meta["pending"]
        url = self.response_real_url(response)
        page = None
        if not self.unusable_body(response, url):
            page = await self.extract_async(response, url, pending.fetched_at)
        if page is None:
            # The parts we have are still worth archiving.
            page = pending.first
        else:
            pending.parts.append((url, response.body))
            pending.paragraphs.extend(page.paragraphs)
            self.crawler.stats.inc_value("newscrawl/article_parts")
        for output in self.continue_article(pending, page):
            yield output

    def on_part_error(self, failure: Failure) -> Iterator[Any]:
        # A missing part is recorded; the parts we have are still worth archiving.
        pending: PendingArticle = failure.request.meta["pending"]
        self.on_error(failure)
        yield from self.continue_article(pending, pending.first)

    def extract(self, response: Response, url: str, fetched_at: datetime) -> ExtractedPage:
        return extract_page(
            response.body,
            url,
            family=self.family,
            fetched_at=fetched_at,
            http_encoding=http_charset(response),
        )

    async def extract_async(
        self, response: Response, url: str, fetched_at: datetime, *, links: bool = False
    ) -> ExtractedPage | None:
        """``extract`` in the crawl's process pool (newscrawl.process_pool), away from the
        downloader; ``links=True`` lists the page's links from the same parse (at most
        NEWSCRAWL_MAX_LINKS_PER_PAGE). None when the page's CPU budget ran out or the crawl
        was stopped meanwhile: the failure is recorded."""
        try:
            page = await self.pool.run(
                extract_page,
                response.body,
                url,
                family=self.family,
                fetched_at=fetched_at,
                http_encoding=http_charset(response),
                links=links,
                max_links=self.max_links,
            )
        except failures.PROCESSING_ERRORS as error:
            reason = failures.processing_reason(error) or "error"
            self.record_failure(url, reason, response.status, str(error))
            return None
        if page.links_truncated:
            self.links_truncated(url)
        return page

    def links_truncated(self, url: str) -> None:
        self.crawler.stats.inc_value("newscrawl/links_truncated")
        logger.warning("%s has more than %d links: following the first ones", url, self.max_links)

    @property
    def max_links(self) -> int | None:
        return self.crawler.settings.getint("NEWSCRAWL_MAX_LINKS_PER_PAGE") or None

    @cached_property
    def pool(self) -> ProcessPool:
        return crawl_pool(self.crawler)

    def build_item(self, pending: PendingArticle) -> ArticleItem:
        page = pending.first
        identity, declared = page_identity(pending.url, page.canonical_url)
        self.crawler.stats.inc_value("newscrawl/articles")
        return ArticleItem(
            url=identity,
            source_key=self.source_key,
            place=self.place,
            family=page.family,
            fetched_at=pending.fetched_at,
            http_status=pending.status,
            raw_body=join_parts(pending.parts),
            encoding=page.encoding,
            etag=pending.etag,
            last_modified=pending.last_modified,
            title=page.title,
            published=page.published,
            author=page.author,
            original_source=page.original_source,
            original_title=page.original_title,
            declared_original_url=page.declared_original_url or declared,
            paragraphs=pending.paragraphs,
        )

    def on_not_article(self, url: str, page: ExtractedPage, status: int) -> None:
        """An article URL that held no article: a broken layout, a video, a challenge wall."""
        self.record_failure(url, f"not_article: {page.not_article_reason or 'unknown'}", status)

    # -- failures --------------------------------------------------------------------------------

    def record_failure(
        self, url: str, reason: str, http_status: int | None = None, detail: str | None = None
    ) -> None:
        """Report a page that could not be fetched or held no article (see newscrawl.signals).

        ``reason`` is one of newscrawl.failures' reasons; ``detail`` says more (retries, the
        error message)."""
        logger.warning("failed: %s (%s, HTTP %s)", url, reason, http_status)
        self.crawler.signals.send_catch_log(
            signal=newscrawl_signals.fetch_failed,
            url=url,
            reason=reason,
            http_status=http_status,
            detail=detail,
        )

    def unusable_body(self, response: Response, url: str) -> bool:
        """Record and skip a 200 whose body cannot be a page (empty, binary, garbage)."""
        reason = failures.body_reason(response.body, http_charset(response))
        if reason is None:
            return False
        self.record_failure(url, reason, response.status)
        return True

    def on_error(self, failure: Failure) -> None:
        request = failure.request
        url = request.meta.get("real_url") or self.real_url(request.url)
        detail = failures.retry_detail(request.meta.get("retry_times", 0))
        if failure.check(HttpError):
            response = failure.value.response
            reason = failures.http_reason(response.status)
            if response.status in CHALLENGE_STATUSES and isinstance(response, TextResponse):
                page = extract_page(response.body, url, http_encoding=http_charset(response))
                if page.not_article_reason == "challenge":
                    reason = "challenge"
            detail = failures.retry_detail(response.meta.get("retry_times", 0))
            self.record_failure(url, reason, response.status, detail)
        else:
            reason = failures.exception_reason(failure.value)
            if reason is None:
                # robots.txt said no, or the offsite filter: on purpose, not a failure
                self.crawler.stats.inc_value("newscrawl/ignored")
                logger.debug("ignored %s: %s", url, failure.getErrorMessage())
                return
            message = f"{type(failure.value).__name__}: {failure.getErrorMessage()}"
            self.record_failure(url, reason, None, "; ".join(filter(None, [detail, message])))
        if request.meta.get("start"):
            self.crawler.stats.inc_value("newscrawl/start_failed")

    def on_request_dropped(self, request: Request, spider: scrapy.Spider) -> None:
        """A redirect back into its own chain is dropped by the duplicate filter, silently:
        without this the page would vanish without a failure record."""
        chain = request.meta.get("redirect_urls")
        if chain and failures.is_redirect_loop(request.url, chain):
            url = request.meta.get("real_url") or self.real_url(chain[0])
            self.record_failure(url, "redirect_loop", None, " -> ".join([*chain, request.url]))

    def page_links(self, response: Response) -> Iterator[Link]:
        """Every link of an HTML page (a, area), as real URLs with the date shown near them."""
        if not isinstance(response, TextResponse):
            return
        # The response's own URL as the base: the sample web's, mapped back by real_url().
        limit = self.max_links
        links = page_links(response.selector.root, response.url, limit + 1 if limit else None)
        if limit and len(links) > limit:
            self.links_truncated(self.real_url(response.url))
            del links[limit:]
        yield from self.real_links(links)

    def real_links(self, links: Iterable[PageLink]) -> Iterator[Link]:
        """``links`` as this spider follows them: real, normalized URLs, each once."""
        seen: set[str] = set()
        for link in links:
            url = self.normalize_link(self.real_url(link.url))
            if not url or url in seen:
                continue
            seen.add(url)
            yield Link(url, link.date)

    def sitemap_links(self, response: Response) -> Iterator[Link]:
        """The pages a sitemap lists, with their lastmod dates."""
        for entry in Sitemap(response.body):
            url = self.normalize_link(self.real_url(entry["loc"]))
            if url:
                lastmod = entry.get("lastmod", "")
                match = NEAR_DATE_RE.match(lastmod)
                yield Link(url, parse_date(*match.groups()) if match else date_from_url(url))
