"""Discuz! forum threads (X2/X3) and portal articles.

A thread's posts are ``td.t_f#postmessage_N``; the first is the thread itself, the rest are
replies. Posts carry jammer (``font.jammer``, ``display:none`` spans) and edit notices
(``i.pstatus``) that the HTML cleaner removes.
"""

from __future__ import annotations

import re

from lxml.html import HtmlElement

from pipelines.extraction.dates import parse_date
from pipelines.extraction.dom import element_text
from pipelines.extraction.families import FamilyResult
from pipelines.extraction.metadata import meta_content

NAME = "discuz"
_POST_ID = re.compile(r"^postmessage_\d+$")


def matches(html: str, root: HtmlElement, url: str | None) -> bool:
    generator = meta_content(root, "generator") or ""
    return "postmessage_" in html or generator.lower().startswith("discuz")


def _posts(root: HtmlElement) -> list[HtmlElement]:
    return [
        element for element in root.iter("td", "div") if _POST_ID.match(element.get("id") or "")
    ]


def extract(html: str, root: HtmlElement, url: str | None) -> FamilyResult:
    result = FamilyResult()
    if "mod=forumdisplay" in (url or "") or root.find(".//*[@id='threadlisttableid']") is not None:
        result.not_article_reason = "list"
        return result
    subject = root.find(".//*[@id='thread_subject']")
    result.title = element_text(subject) or None
    posts = _posts(root)
    if not posts:
        return result  # a portal article or an old Discuz: the generic extractor decides
    first = posts[0]
    result.body = [first]
    post_id = (first.get("id") or "").removeprefix("postmessage_")
    posted = root.find(f".//*[@id='authorposton{post_id}']")
    if posted is not None:
        # Recent posts show "3 天前" with the real time in a title attribute.
        stamp = posted.find(".//span[@title]")
        result.published = parse_date(
            stamp.get("title") if stamp is not None else element_text(posted)
        )
    author = root.find(f".//*[@id='favatar{post_id}']//a[@class='xw1']")
    if author is not None:
        result.author = element_text(author) or None
    return result
