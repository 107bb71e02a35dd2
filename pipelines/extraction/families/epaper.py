"""Founder (方正翔宇) e-paper and the central-media CMSs that share its markers.

The body sits between ``<!--enpcontent-->`` and ``<!--/enpcontent-->`` (sometimes doubled),
inside ``<founder-content>``; the metadata is an ``<!--enpproperty <date>…</date>…-->``
comment (before or after the body, sometimes after ``</html>``) or inline ``<founder-title>``
/ ``<founder-author>`` / ``<founder-date>`` tags.
"""

from __future__ import annotations

import re

from lxml.html import HtmlElement, fragment_fromstring

from pipelines.extraction.dates import parse_date
from pipelines.extraction.dom import element_text
from pipelines.extraction.families import FamilyResult
from pipelines.extraction.metadata import find_author

NAME = "epaper"
_MARKERS = ("<!--enpcontent", "<founder-content", "<founder-title", "enpproperty")
_PROPERTY = re.compile(r"<!--\s*(?:enp|mp)property(?P<body>.*?)/(?:enp|mp)property\s*-->", re.S)
_CONTENT = re.compile(r"<!--\s*enpcontent\s*-->(?P<body>.*)<!--\s*/enpcontent\s*-->", re.S)


def matches(html: str, root: HtmlElement, url: str | None) -> bool:
    return any(marker in html for marker in _MARKERS)


def properties(html: str) -> dict[str, str]:
    """Fields of the enpproperty / mpproperty comment: ``{"date": "2022-02-13 00:00:00:0",
    "papername": "西海岸新闻", ...}``."""
    match = _PROPERTY.search(html)
    if not match:
        return {}
    # enpproperty writes <date>, mpproperty <founder-date>: the same fields.
    fields = re.findall(r"<(?:founder-)?([a-z]+)>([^<]*)</(?:founder-)?\1>", match["body"])
    return {name: value.strip() for name, value in fields if value.strip()}


def _founder_tag(root: HtmlElement, name: str) -> str | None:
    element = next(root.iter(f"founder-{name}"), None)
    return element_text(element) or None


def _author(byline: str | None) -> str | None:
    """The names of a Founder byline property ("记者 董梅雪 通讯员 王磊" → "董梅雪 王磊")."""
    if not byline:
        return None
    return find_author([byline]) or byline


def extract(html: str, root: HtmlElement, url: str | None) -> FamilyResult:
    fields = properties(html)
    result = FamilyResult(
        title=fields.get("title") or _founder_tag(root, "title"),
        author=_author(fields.get("author") or _founder_tag(root, "author")),
        paper=fields.get("papername") or _founder_tag(root, "papername"),
    )
    date_text = fields.get("date") or _founder_tag(root, "date")
    result.published = parse_date(date_text) if date_text else None
    content = _CONTENT.search(html)
    if content and content["body"].strip():
        fragment = fragment_fromstring(content["body"], create_parent="div")
        if element_text(fragment):
            result.body = [fragment]
            return result
    container = next(root.iter("founder-content"), None)
    if container is not None and element_text(container):
        result.body = [container]
    return result
