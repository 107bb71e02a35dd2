"""TRS WCM government and newspaper portals.

``<meta name="ArticleTitle|PubDate|ContentSource">`` (case varies between sites) and the body
in ``div.TRS_Editor``. ArticleTitle can hold raw markup, PubDate comes with or without seconds.
"""

from __future__ import annotations

from lxml.html import HtmlElement

from pipelines.extraction.dates import parse_date
from pipelines.extraction.dom import element_text
from pipelines.extraction.families import FamilyResult
from pipelines.extraction.metadata import meta_content, strip_tags

NAME = "trs"


def _editors(root: HtmlElement) -> list[HtmlElement]:
    return [
        element
        for element in root.iter("div", "td", "span")
        if "TRS_Editor" in (element.get("class") or "") or element.get("id") == "TRS_Editor"
    ]


def matches(html: str, root: HtmlElement, url: str | None) -> bool:
    return "TRS_Editor" in html or meta_content(root, "ArticleTitle") is not None


def extract(html: str, root: HtmlElement, url: str | None) -> FamilyResult:
    title = meta_content(root, "ArticleTitle")
    published = meta_content(root, "PubDate", "pubdate")
    result = FamilyResult(
        title=strip_tags(title) if title else None,
        published=parse_date(published) if published else None,
        original_source=meta_content(root, "ContentSource") or None,
    )
    editors = [element for element in _editors(root) if element_text(element)]
    # Nested editors (an outer wrapper and the inner TRS_Editor) count once.
    result.body = [
        editor
        for editor in editors
        if not any(other is not editor and editor in other.iterdescendants() for other in editors)
    ]
    return result
