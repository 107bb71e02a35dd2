"""The generic spider: any site, no registry entry.

    scrapy crawl site -a start_url=URL [-a allow=REGEX] [-a max_pages=N] [-a max_depth=N]
        [-a place=NAME]

It follows links within the start URL's host (and ``allow``, when given, a regular expression
the real URL must match), extracts every page, and archives only the pages extraction calls
articles: list, search, about, video and error pages are skipped. Continuation pages of a
multi-page article (``_2.html``, ``index_1.html`` parts) are joined into their first page.

``max_depth`` (default 5) counts link hops from the start page; pagination links (下一页,
page numbers, ``index_N``, ``list_N``) are not hops, so a list is walked to its last page.
``max_pages`` (default 200) bounds the requests. When a limit keeps URLs unvisited, the
crawl ends with an INFO line naming the limit and how many URLs it left. Articles are stored
under one ``sources`` row per host, ``site:<host>``, so health and counts are per site.

``place`` (the place the site reports on: what 全区/全市 mean in its facts when an article
names no place of its own) is the ``-a place=`` argument; without it each page's own words say
it, its footer and the site's name in its title (…_威海南海新区, 主办：青岛市即墨区…: see
``pipelines.facts.places.page_place``), read the same way by ``newscrawl reparse``, so a site
crawled here and by its registry spider gives the same facts.
"""

from __future__ import annotations

import re
from collections.abc import AsyncIterator, Iterable, Iterator
from datetime import UTC, datetime
from typing import Any
from urllib.parse import urlsplit

from scrapy.http import Request, Response, TextResponse

from newscrawl.samples.urls import SAMPLE_SUFFIX, from_sample_url
from newscrawl.spiders.base import NewsSpider
from newscrawl.spiders.links import Link
from newscrawl.spiders.multipage import PendingArticle
from pipelines.dedup.urls import canonical_url, origin
from pipelines.extraction import ExtractedPage

DEFAULT_MAX_PAGES = 200
DEFAULT_MAX_DEPTH = 5


def parse_limit(name: str, value: str | int | None, default: int) -> int:
    """A whole-number spider argument (``-a max_pages=50``), at least 1."""
    if value is None:
        return default
    try:
        number = int(str(value).strip())
    except ValueError:
        raise ValueError(f"{name}={value!r} is not a whole number (e.g. -a {name}=50)") from None
    if number < 1:
        raise ValueError(f"{name}={value!r} must be at least 1")
    return number


# Links that never lead to a page worth extracting.
SKIP_SUFFIXES = (
    ".jpg", ".jpeg", ".png", ".gif", ".webp", ".svg", ".ico", ".css", ".js", ".pdf", ".doc",
    ".docx", ".xls", ".xlsx", ".zip", ".rar", ".mp4", ".mp3", ".apk", ".exe",
)  # fmt: skip


class SiteSpider(NewsSpider):
    name = "site"
    source_key = "site"

    def __init__(
        self,
        *args: Any,
        start_url: str | None = None,
        allow: str | None = None,
        max_pages: str | int | None = None,
        max_depth: str | int | None = None,
        place: str | None = None,
        **kwargs: Any,
    ) -> None:
        if not start_url:
            raise ValueError("the site spider needs -a start_url=URL")
        parts = urlsplit(start_url)
        # Pointed straight at the sample web (http://host.localhost:PORT/): crawl it as the
        # real host, so the archive gets real URLs.
        if parts.hostname and parts.hostname.endswith(SAMPLE_SUFFIX) and parts.port:
            kwargs.setdefault("sample_port", parts.port)
        super().__init__(*args, **kwargs)
        self.start_url = from_sample_url(start_url) if self.sample_port else start_url
        self.host = urlsplit(self.start_url).hostname or ""
        port = origin(self.start_url)[2]
        # Another port of the host is another server; a site on a default port may move
        # between http and https. The offsite filter checks these too (allowed_ports:
        # newscrawl.middlewares), so a redirect to another port is not followed either.
        self.allowed_ports = {80, 443} if port in (80, 443) else {port}
        self.allowed_domains = [self.host]
        self.schemes = {self.host: urlsplit(self.start_url).scheme}
        self.source_key = f"site:{self.host}"
        self.allow = re.compile(allow) if allow else None
        self.max_pages = parse_limit("max_pages", max_pages, DEFAULT_MAX_PAGES)
        self.max_depth = parse_limit("max_depth", max_depth, DEFAULT_MAX_DEPTH)
        self.pages = 0
        # URLs a limit kept from being requested, by limit (reported when the crawl ends).
        self.held_back: dict[str, set[str]] = {"max_pages": set(), "max_depth": set()}
        self.place = place or None

    def start_requests_for(self) -> Iterable[Request]:
        request = self.page_request(Link(self.start_url), start=True)
        if request is not None:
            yield request

    def wanted(self, url: str) -> bool:
        parts = urlsplit(url)
        if parts.scheme not in ("http", "https") or parts.hostname != self.host:
            return False
        if origin(url)[2] not in self.allowed_ports:
            return False
        if parts.path.lower().endswith(SKIP_SUFFIXES):
            return False
        return self.allow is None or bool(self.allow.search(url)) or url == self.start_url

    def page_request(self, link: Link, *, start: bool = False, hops: int = 0) -> Request | None:
        if canonical_url(link.url) in self.requested:
            return None
        if self.pages >= self.max_pages:
            self.held_back["max_pages"].add(canonical_url(link.url))
            return None
        if self.known_article(link.url) is not None:
            return None  # requested from start() when its revisit is due
        if not start and self.known_non_article(link.url):
            return None
        if self.since and link.date and link.date < self.since:
            return None
        if not self.claim(link.url):
            return None
        self.pages += 1
        return self.request(link.url, self.parse_page, start=start, meta={"hops": hops})

    async def parse_page(self, response: Response) -> AsyncIterator[Any]:
        if not isinstance(response, TextResponse):
            return
        url = response.url
        if self.unusable_body(response, url):
            return
        fetched_at = datetime.now(UTC)
        page = await self.extract_async(response, url, fetched_at, links=True)
        if page is None:
            return
        hops = response.meta.get("hops", 0)
        pagination = {self.normalize_link(u) for u in page.pagination_urls}
        for link in self.follow_links(page.links):
            if not self.wanted(link.url):
                continue
            # Walking a list's pages is not going deeper into the site.
            link_hops = hops if link.url in pagination else hops + 1
            if link_hops > self.max_depth:
                self.held_back["max_depth"].add(canonical_url(link.url))
                continue
            request = self.page_request(link, hops=link_hops)
            if request is not None:
                yield request
        if page.is_article:
            if self.is_continuation(url, page):
                self.crawler.stats.inc_value("newscrawl/skipped_part")
                return
            pending = PendingArticle.first_page(url, page, response, fetched_at)
            for output in self.continue_article(pending, page):
                yield output
        elif page.not_article_reason == "challenge":
            self.record_failure(url, "challenge", response.status)
        else:
            reason = page.not_article_reason or "unknown"
            self.crawler.stats.inc_value(f"newscrawl/not_article/{reason}")

    def closed(self, reason: str) -> None:
        for limit, urls in self.held_back.items():
            left = len(urls - self.requested)
            if left:
                self.logger.info(
                    "%s=%d stopped the crawl of %s: %d URLs left unvisited",
                    limit,
                    getattr(self, limit),
                    self.host,
                    left,
                )
                self.crawler.stats.set_value(f"newscrawl/left_by_{limit}", left)

    def is_continuation(self, url: str, page: ExtractedPage) -> bool:
        """A later part of a multi-page article (``x_2.html``), which its first part joins."""
        if canonical_url(url) in self.part_urls:
            return True
        match = re.search(r"^(.*?)_\d+(\.s?html?)$", url)
        return bool(match) and canonical_url(match.group(1) + match.group(2)) in self.requested

    @property
    def part_urls(self) -> set[str]:
        return self.__dict__.setdefault("_part_urls", set())

    def continue_article(self, pending: PendingArticle, page: ExtractedPage) -> Iterator[Any]:
        self.part_urls.update(canonical_url(u) for u in page.next_page_urls)
        # Parts are fetched by the article; discovery must not fetch them again on its own.
        self.requested.update(canonical_url(u) for u in page.next_page_urls)
        yield from super().continue_article(pending, page)
