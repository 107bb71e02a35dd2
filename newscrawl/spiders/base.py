"""The base of every newscrawl spider: the crawl's flow from start requests through articles
(one page or several) to items, and failure reporting.

The parts live in their own modules: revisit state against the archive (``incremental``), the
run's duplicate filter (``dupefilter``), request building (``http``), links (``links``),
multi-page joining (``multipage``) and item building (``items``). Spiders work on *real* URLs
only: in sample mode the download handler ``newscrawl.samples.download`` maps each request onto
the sample web on the wire and its response back.
"""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator, Callable, Iterable, Iterator
from datetime import UTC, date, datetime, timedelta
from functools import cached_property
from typing import Any, ClassVar, Self

import scrapy
from scrapy.crawler import Crawler
from scrapy.http import Request, Response, TextResponse
from scrapy.settings import SETTINGS_PRIORITIES, BaseSettings
from scrapy.spidermiddlewares.httperror import HttpError
from twisted.python.failure import Failure

from archive.store import KnownArticle
from newscrawl import failures
from newscrawl import signals as newscrawl_signals
from newscrawl.process_pool import ProcessPool, crawl_pool
from newscrawl.spiders.http import (
    CHALLENGE_STATUSES,
    build_request,
    conditional_headers,
    http_charset,
)
from newscrawl.spiders.incremental import ArchiveState, check_revisit_mode, parse_since
from newscrawl.spiders.items import article_item
from newscrawl.spiders.links import Link, followed_links, response_links, sitemap_links
from newscrawl.spiders.multipage import PendingArticle
from newscrawl.spiders.revisit import DEFAULT_LADDER
from pipelines.dedup.urls import canonical_url
from pipelines.extraction import ExtractedPage, extract_page
from pipelines.extraction.links import PageLink
from pipelines.items import ArticleItem

logger = logging.getLogger(__name__)


_TRUE = frozenset({"1", "true", "yes", "on"})
_FALSE = frozenset({"0", "false", "no", "off"})


def parse_flag(name: str, value: str | bool | None) -> bool | None:
    """A yes/no spider argument (``-a whole_thread=1``); None when not given."""
    if value is None or isinstance(value, bool):
        return value
    text = str(value).strip().lower()
    if text in _TRUE or text in _FALSE:
        return text in _TRUE
    raise ValueError(f"{name}={value!r}: use 1 or 0")


class NewsSpider(scrapy.Spider):
    """Base of all newscrawl spiders (registry families and the generic ``site`` spider).

    Spider arguments: ``sample_port`` (crawl the bundled sample web on that port instead of the
    real sites; also the setting ``NEWSCRAWL_SAMPLE_PORT``), ``since`` (ISO date: do not page
    past it, skip articles dated before it), ``revisit`` (``due`` by default; ``all``
    re-fetches every known article now with conditional requests; ``force`` without them),
    ``export_known`` (``1``: fetch the articles the archive already holds too, unconditionally,
    so that a feed export, ``-O out.jsonl``, holds every article and not only the new ones),
    ``whole_thread`` (``1``/``0``: archive every post of a forum thread as marked parts, not
    the opening post alone; a registry source's ``policy.whole_thread`` is the default).
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
        export_known: str | bool = False,
        whole_thread: str | bool | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.whole_thread_arg = parse_flag("whole_thread", whole_thread)
        self.whole_thread = bool(self.whole_thread_arg)
        self.sample_port = int(sample_port) if sample_port else None
        self.since: date | None = parse_since(since)
        if parse_flag("export_known", export_known):
            if revisit not in (None, "force"):
                raise ValueError(
                    f"export_known=1 fetches every known article: drop revisit={revisit}"
                )
            revisit = "force"
        self.revisit_mode = check_revisit_mode(revisit)
        # The real scheme of each host (read by the sample web's download handler).
        self.schemes: dict[str, str] = {}
        self.archived = ArchiveState()
        self.requested: set[str] = set()  # canonical URLs requested this run

    @classmethod
    def update_settings(cls, settings: BaseSettings) -> None:
        super().update_settings(settings)
        # Just above Scrapy's default (which `scrapy crawl` re-applies over spider settings of
        # equal priority) and below everything else: a project setting or an add-on with a
        # shared filter (distributed mode) still wins.
        settings.set(
            "DUPEFILTER_CLASS",
            "newscrawl.spiders.dupefilter.RunDupeFilter",
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
        crawler.signals.connect(spider.close_archive, signal=scrapy.signals.spider_closed)
        crawler.signals.connect(spider.on_request_dropped, signal=scrapy.signals.request_dropped)
        return spider

    def configure(self) -> None:
        """Hook for subclasses: finish setting up once settings and arguments are known."""

    def normalize_link(self, url: str) -> str | None:
        """Hook: the form of a discovered link to request, or None to ignore it."""
        return url

    # -- the archive ---------------------------------------------------------------------------

    def close_archive(self, spider: scrapy.Spider) -> None:
        self.archived.close()

    def known_article(self, url: str) -> KnownArticle | None:
        return self.archived.get(url)

    def known_non_article(self, url: str) -> bool:
        """Whether an earlier crawl found ``url`` gone or no article (then it is skipped)."""
        if self.archived.is_non_article(url):
            self.crawler.stats.inc_value("newscrawl/skipped_non_article")
            return True
        return False

    # -- requests --------------------------------------------------------------------------------

    async def start(self) -> AsyncIterator[Any]:
        if self.incremental:
            self.archived = ArchiveState.open(self.db_url, self.source_key)
        now = datetime.now(UTC)
        for known in self.archived.due(now, self.revisit_mode, self.revisit_ladder):
            yield self.article_request(known.url, known=known)
        for request in self.start_requests_for():
            yield request

    def start_requests_for(self) -> Iterable[Request]:
        """Hook: the first requests of a crawl (list pages, sitemaps, a start URL)."""
        return ()

    def request(
        self,
        url: str,
        callback: Callable[..., Any],
        *,
        errback: Callable[..., Any] | None = None,
        start: bool = False,
        meta: dict[str, Any] | None = None,
        headers: dict[str, str] | None = None,
        dont_filter: bool = False,
    ) -> Request:
        """A request for the real URL ``url`` (see ``newscrawl.spiders.http.build_request``);
        failures go to :meth:`on_error` unless ``errback`` says otherwise."""
        return build_request(
            url,
            callback,
            errback or self.on_error,
            start=start,
            meta=meta,
            headers=headers,
            dont_filter=dont_filter,
        )

    def claim(self, url: str) -> bool:
        """Note ``url`` as requested this run; False when it already was."""
        key = canonical_url(url)
        if key in self.requested:
            return False
        self.requested.add(key)
        return True

    def article_request(self, url: str, *, known: KnownArticle | None = None) -> Request | None:
        """A request for an article page, or None when it was already requested this run."""
        if not self.claim(url):
            return None
        if known is None:
            return self.request(url, self.parse_article)
        self.crawler.stats.inc_value("newscrawl/revisits")
        return self.request(
            url,
            self.parse_article,
            meta={"revisit": True, "handle_httpstatus_list": [304]},
            headers=conditional_headers(known) if self.revisit_mode != "force" else {},
            # a revisit must reach the page even if discovery already linked to it
            dont_filter=True,
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
        if self.known_non_article(link.url):
            return None
        return self.article_request(link.url)

    # -- responses -------------------------------------------------------------------------------

    async def parse_article(self, response: Response) -> AsyncIterator[Any]:
        url = response.url
        fetched_at = datetime.now(UTC)
        if response.status == 304:
            self.crawler.stats.inc_value("newscrawl/not_modified")
            self.archived.record_not_modified(response.meta.get("real_url", url), fetched_at)
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
        next_url = pending.next_part(page)
        if next_url is None:
            yield self.build_item(pending)
            return
        yield self.request(
            next_url,
            self.parse_part,
            errback=self.on_part_error,
            meta={"pending": pending},
            dont_filter=True,
        )

    async def parse_part(self, response: Response) -> AsyncIterator[Any]:
        pending: PendingArticle = response.meta["pending"]
        url = response.url
        page = None
        if not self.unusable_body(response, url):
            page = await self.extract_async(response, url, pending.fetched_at)
        if page is None:
            # The parts we have are still worth archiving.
            page = pending.first
        else:
            pending.add_part(url, response.body, page)
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
            whole_thread=self.whole_thread,
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
                whole_thread=self.whole_thread,
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
        self.crawler.stats.inc_value("newscrawl/articles")
        return article_item(pending, self.source_key, self.place)

    def on_not_article(self, url: str, page: ExtractedPage, status: int) -> None:
        """An article URL that held no article: a broken layout, a video, a challenge wall."""
        self.record_failure(url, f"not_article: {page.not_article_reason or 'unknown'}", status)

    # -- links -----------------------------------------------------------------------------------

    def page_links(self, response: Response) -> Iterator[Link]:
        """Every link of an HTML page (a, area), normalized, with the date shown near them (at
        most NEWSCRAWL_MAX_LINKS_PER_PAGE)."""
        return response_links(
            response, self.normalize_link, self.max_links, on_truncated=self.links_truncated
        )

    def follow_links(self, links: Iterable[PageLink]) -> Iterator[Link]:
        """``links`` (from extraction) as this spider follows them: normalized, each once."""
        return followed_links(links, self.normalize_link)

    def sitemap_links(self, response: Response) -> Iterator[Link]:
        return sitemap_links(response, self.normalize_link)

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
        url = request.meta.get("real_url") or request.url
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
            url = request.meta.get("real_url") or chain[0]
            self.record_failure(url, "redirect_loop", None, " -> ".join([*chain, request.url]))
