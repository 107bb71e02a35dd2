"""Sohu 号 articles (``sohu.com/a/…``): ``article#mp-editor``.

The original title is a hidden ``p[data-role=original-title]`` (read before cleaning drops
hidden elements), the time is ``span#news-time`` with ``data-val`` in epoch milliseconds, the
account (搜狐号) is ``meta[name=mediaid]``.
"""

from __future__ import annotations

import re

from lxml.html import HtmlElement

from pipelines.extraction.dates import parse_date, parse_epoch
from pipelines.extraction.dom import element_text
from pipelines.extraction.families import FamilyResult
from pipelines.extraction.metadata import meta_content

NAME = "sohu"
_EDITOR_ID = re.compile(r"id\s*=\s*[\"']?mp-editor\b")
_ORIGINAL_TITLE = re.compile(r"^\s*原标题\s*[:：]\s*")


def matches(html: str, root: HtmlElement, url: str | None) -> bool:
    return "mp-editor" in html and _EDITOR_ID.search(html) is not None


def extract(html: str, root: HtmlElement, url: str | None) -> FamilyResult:
    result = FamilyResult()
    article = root.find(".//*[@id='mp-editor']")
    if article is not None:
        original = article.find(".//*[@data-role='original-title']")
        if original is not None:
            result.original_title = _ORIGINAL_TITLE.sub("", element_text(original)) or None
        result.body = [article]
    heading = root.find(".//div[@class='text-title']/h1")
    if heading is not None:
        # The h1 also holds badges ("原创") in spans after the title text.
        result.title = (heading.text or "").strip() or element_text(heading) or None
    result.title = result.title or meta_content(root, "og:title")
    stamp = root.find(".//*[@id='news-time']")
    if stamp is not None:
        result.published = parse_epoch(stamp.get("data-val") or "") or parse_date(
            element_text(stamp)
        )
    result.published = result.published or parse_date(
        meta_content(root, "og:release_date", "article:published_time") or ""
    )
    result.author = meta_content(root, "author") or None
    result.account = meta_content(root, "mediaid") or None  # the 搜狐号's name
    return result
