"""The links a spider follows: from an HTML page (``a``, ``area``) or a sitemap, as real URLs
with the date shown next to them, each once."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from datetime import date

from scrapy.http import Response, TextResponse
from scrapy.utils.sitemap import Sitemap

from pipelines.extraction.links import NEAR_DATE_RE, PageLink, date_from_url, page_links
from pipelines.extraction.links import ymd as parse_date

# A spider's hook: the form of a discovered link to request, or None to ignore it.
Normalizer = Callable[[str], str | None]


@dataclass(frozen=True, slots=True)
class Link:
    url: str  # real URL
    date: date | None = None  # the date the list shows next to it, or the one in its URL


def response_links(
    response: Response,
    normalize: Normalizer,
    limit: int | None = None,
    on_truncated: Callable[[str], None] | None = None,
) -> Iterator[Link]:
    """Every link of an HTML page, with the date shown near it: the first ``limit`` ones
    (``on_truncated(url)`` is told when the page has more)."""
    if not isinstance(response, TextResponse):
        return
    links = page_links(response.selector.root, response.url, limit + 1 if limit else None)
    if limit and len(links) > limit:
        del links[limit:]
        if on_truncated is not None:
            on_truncated(response.url)
    yield from followed_links(links, normalize)


def followed_links(links: Iterable[PageLink], normalize: Normalizer) -> Iterator[Link]:
    """``links`` as a spider follows them: normalized URLs, each once."""
    seen: set[str] = set()
    for link in links:
        url = normalize(link.url)
        if not url or url in seen:
            continue
        seen.add(url)
        yield Link(url, link.date)


def sitemap_links(response: Response, normalize: Normalizer) -> Iterator[Link]:
    """The pages a sitemap lists, with their lastmod dates."""
    for entry in Sitemap(response.body):
        url = normalize(entry["loc"])
        if url:
            lastmod = entry.get("lastmod", "")
            match = NEAR_DATE_RE.match(lastmod)
            yield Link(url, parse_date(*match.groups()) if match else date_from_url(url))
