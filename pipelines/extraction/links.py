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


def near_date(anchor: HtmlElement) -> date | None:
    """The date a list shows next to a link: in its row, item or block (few links around)."""
    for depth, ancestor in enumerate(anchor.iterancestors()):
        if depth >= 3 or len(ancestor.findall(".//a")) > 3:
            break
        match = NEAR_DATE_RE.search(ancestor.text_content())
        if match:
            return ymd(*match.groups())
    return None


def page_links(root: HtmlElement, page_url: str) -> list[PageLink]:
    """Every link of the page (``a``, ``area``) once, resolved against ``<base href>`` or
    ``page_url``; script, mail and in-page links left out."""
    base = page_url
    for element in root.iter("base"):
        if element.get("href"):
            base = urljoin(page_url, element.get("href").strip())
            break
    seen: set[str] = set()
    links = []
    for element in root.iter("a", "area"):
        href = (element.get("href") or "").strip()
        if not href or href.startswith(("#", "javascript:", "mailto:")):
            continue
        url = urljoin(base, href).split("#", 1)[0]
        if url in seen:
            continue
        seen.add(url)
        links.append(PageLink(url, date_from_url(url) or near_date(element)))
    return links
