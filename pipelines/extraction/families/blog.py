"""Blog engines: Z-BlogPHP and WordPress themes (``.post-body`` / ``.entry-content``)."""

from __future__ import annotations

from lxml.html import HtmlElement

from pipelines.extraction.dates import parse_date
from pipelines.extraction.dom import element_text
from pipelines.extraction.families import FamilyResult
from pipelines.extraction.metadata import meta_content

NAME = "blog"
_GENERATORS = ("z-blog", "wordpress")
_BODY_CLASSES = ("post-body", "entry-content", "post-content", "article-content")
_TITLE_CLASSES = ("post-title", "entry-title")
_DATE_CLASSES = ("post-date", "entry-date", "published", "post-time")
_AUTHOR_CLASSES = ("post-author", "author", "entry-author")


def matches(html: str, root: HtmlElement, url: str | None) -> bool:
    generator = (meta_content(root, "generator") or "").lower()
    return generator.startswith(_GENERATORS)


def _by_class(root: HtmlElement, classes: tuple[str, ...]) -> HtmlElement | None:
    for wanted in classes:
        for element in root.iter():
            if isinstance(element.tag, str) and wanted in (element.get("class") or "").split():
                return element
    return None


def extract(html: str, root: HtmlElement, url: str | None) -> FamilyResult:
    result = FamilyResult(
        title=element_text(_by_class(root, _TITLE_CLASSES)) or None,
        author=element_text(_by_class(root, _AUTHOR_CLASSES)) or None,
    )
    date_element = _by_class(root, _DATE_CLASSES)
    published = meta_content(root, "article:published_time")
    if date_element is not None:
        published = date_element.get("datetime") or element_text(date_element)
    result.published = parse_date(published) if published else None
    body = _by_class(root, _BODY_CLASSES)
    if body is not None:
        result.body = [body]
    return result
