"""The base of registry spiders: list pages, pagination and a date window from a registry entry."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from datetime import UTC, datetime, timedelta
from typing import Any, ClassVar

from scrapy.http import Request, Response

from newscrawl.registry import Source
from newscrawl.spiders.base import NewsSpider
from newscrawl.spiders.links import Link
from pipelines.extraction.url_patterns import pagination_key


def next_pages(current_url: str, list_urls: Iterable[str]) -> set[str]:
    """Of the list pages a page links to, the ones to follow: in each numbered series only the
    next page, so that paging is sequential and can stop where ``since`` is reached (a list
    links pages 1 2 3 … 10 at once; fetching them all would page past the window)."""
    current_key, current_number = pagination_key(current_url)
    best: dict[str, tuple[int, str]] = {}
    for url in list_urls:
        key, number = pagination_key(url)
        floor = current_number if key == current_key else -1
        if number > floor and (key not in best or number < best[key][0]):
            best[key] = (number, url)
    return {url for _number, url in best.values()}


class SourceSpider(NewsSpider):
    """Crawls one registry source: its start URLs, the list pages its ``patterns.list`` match
    (pagination, e-paper 版面 and 上一期 links, sitemaps) and the articles its
    ``patterns.article`` match. Patterns are matched against real URLs.

    Paging stops at ``since`` (default: ``policy.date_window_days`` before today): a list page
    whose dated article links are all older does not lead to further list pages.
    """

    source: ClassVar[Source]

    def configure(self) -> None:
        source = self.source
        self.source_key = source.key
        self.place = source.place
        self.allowed_domains = list(source.allowed_domains)
        self.schemes = source.schemes
        self.revisit_ladder = source.policy.revisit_ladder
        self.max_depth = source.policy.max_depth
        # -a whole_thread=… given on the command line wins over the registry policy.
        if self.whole_thread_arg is None:
            self.whole_thread = source.policy.whole_thread
        if self.since is None:
            today = datetime.now(UTC).date()
            self.since = today - timedelta(days=source.policy.date_window_days)
        self.list_pages = 0

    def start_requests_for(self) -> Iterable[Request]:
        for url in self.source.start_urls:
            request = self.list_request(url, start=True)
            if request is not None:
                yield request

    def list_request(self, url: str, *, start: bool = False) -> Request | None:
        if self.list_pages >= self.source.policy.max_list_pages or not self.claim(url):
            return None
        self.list_pages += 1
        self.crawler.stats.inc_value("newscrawl/list_pages")
        return self.request(url, self.parse_list, start=start)

    def list_links(self, response: Response) -> Iterator[Link]:
        content_type = (response.headers.get(b"Content-Type") or b"").lower()
        if b"xml" in content_type or response.url.endswith(".xml"):
            yield from self.sitemap_links(response)
        else:
            yield from self.page_links(response)

    def parse_list(self, response: Response) -> Iterator[Any]:
        links = list(self.list_links(response))
        article_dates = [
            link.date for link in links if link.date and self.source.is_article_url(link.url)
        ]
        # Everything this page lists is older than the window: later pages are older still.
        exhausted = bool(self.since and article_dates and max(article_dates) < self.since)
        depth = response.meta.get("depth", 0)
        follow = next_pages(
            response.url,  # after redirects (the entry page's meta refresh)
            (link.url for link in links if self.source.is_list_url(link.url)),
        )
        for link in links:
            if self.source.is_article_url(link.url):
                request = self.maybe_article(link)
            elif self.source.is_list_url(link.url):
                if exhausted or depth >= self.max_depth or link.url not in follow:
                    continue
                if self.since and link.date and link.date < self.since:
                    continue
                request = self.list_request(link.url)
            else:
                continue
            if request is not None:
                yield request
