"""The links of a page, with the date a list shows next to each. Plain lxml, no Scrapy.

Spiders discover pages through these. The crawl runs this in the same child process call as
``extract_page`` (``extract_page(..., links=True)``), on the tree extraction parses anyway,
before cleaning drops the navigation, so that a page is parsed once and away from the downloader.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from urllib.parse import urljoin

from lxml.html import HtmlElement

# A date next to a link in a list: 2026-04-10, 2026/4/10, 2026.04.10, 2026年4月10日
NEAR_DATE_RE = re.compile(r"(20\d\d)\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})")
# A date inside a URL path: /2026-06/02/, /202604/t20260410_, /2026/0512/
URL_DATE_RES = (
    re.compile(r"/(20\d\d)-(\d\d)/(\d\d)/"),
    re.compile(r"/t(20\d\d)(\d\d)(\d\d)_"),
    re.compile(r"/(20\d\d)(\d\d)(\d\d)/"),
    re.compile(r"/(20\d\d)/(\d\d)(\d\d)/"),
)


@dataclass(frozen=True, slots=True)
class PageLink:
    url: str  # absolute, without fragment, as the page names it
    date: date | None  # the date in its URL, else the one shown in its row, item or block


def ymd(year: str, month: str, day: str) -> date | None:
    try:
        return date(int(year), int(month), int(day))
    except ValueError:
        return None


def date_from_url(url: str) -> date | None:
    for pattern in URL_DATE_RES:
        match = pattern.search(url)
        if match:
            return ymd(*match.groups())
    return None


# How far up from a link its row, item or block may be, and how many links it may hold: an
# ancestor with more links is the whole list, whose dates belong to other links.
NEAR_DATE_DEPTH = 3
NEAR_DATE_MAX_LINKS = 3


class _NearDates:
    """The date a list shows next to each link, for all the links of one page.

    Linear in the size of the page: the number of links under each element is counted once
    (in one walk, children before parents) and the date in an element's text is searched once,
    however many links ask for it. (Counting an ancestor's links for every link was quadratic:
    a list of 20,000 links took two minutes.)
    """

    def __init__(self, root: HtmlElement) -> None:
        self.links_under: dict[HtmlElement, int] = {}
        elements = list(root.iter())
        counts = self.links_under
        for element in reversed(elements):  # every element after all of its descendants
            own = counts.get(element, 0) + (element.tag == "a")
            counts[element] = own
            parent = element.getparent()
            if parent is not None and own:
                counts[parent] = counts.get(parent, 0) + own
        self.dates: dict[HtmlElement, date | None] = {}

    def __call__(self, anchor: HtmlElement) -> date | None:
        for depth, ancestor in enumerate(anchor.iterancestors()):
            if depth >= NEAR_DATE_DEPTH or self.links_under.get(ancestor, 0) > NEAR_DATE_MAX_LINKS:
                break
            if ancestor not in self.dates:
                match = NEAR_DATE_RE.search(ancestor.text_content())
                self.dates[ancestor] = ymd(*match.groups()) if match else None
            if self.dates[ancestor] is not None:
                return self.dates[ancestor]
        return None


def page_links(root: HtmlElement, page_url: str, limit: int | None = None) -> list[PageLink]:
    """Every link of the page (``a``, ``area``) once, resolved against ``<base href>`` or
    ``page_url``; script, mail and in-page links left out. At most ``limit`` links, the first
    ones in the page."""
    base = page_url
    for element in root.iter("base"):
        if element.get("href"):
            base = urljoin(page_url, element.get("href").strip())
            break
    seen: set[str] = set()
    links: list[PageLink] = []
    dates: _NearDates | None = None
    for element in root.iter("a", "area"):
        if limit is not None and len(links) >= limit:
            break
        href = (element.get("href") or "").strip()
        if not href or href.startswith(("#", "javascript:", "mailto:")):
            continue
        url = urljoin(base, href).split("#", 1)[0]
        if url in seen:
            continue
        seen.add(url)
        found = date_from_url(url)
        if found is None:
            if dates is None:  # built at the first link whose URL has no date
                dates = _NearDates(root)
            found = dates(element)
        links.append(PageLink(url, found))
    return links
