"""The other parts of a multi-page article: ``content_1_2.htm``, ``index_1.html``, 下一页."""

from __future__ import annotations

import re
from urllib.parse import urljoin, urlsplit

from lxml.html import HtmlElement

from pipelines.extraction.dom import element_text

_NEXT_TEXT = re.compile(r"^\s*(?:下一页|下页|后一页|next\s*page|next|>|›|»)\s*$", re.IGNORECASE)
_PAGE_NUMBER = re.compile(r"^\s*\[?\d{1,3}\]?\s*$")


def _stem_and_ext(url: str) -> tuple[str, str]:
    path = urlsplit(url).path
    base, dot, ext = path.rpartition(".")
    if not dot or "/" in ext:
        return path, ""
    return base, "." + ext


def _is_part_of(candidate: str, url: str) -> bool:
    """``…/t20240513_1.htm`` is a part of ``…/t20240513.htm`` (same stem plus ``_N``);
    ``index_1.html`` is a part of ``index.html``. On the same host and port; the scheme is the
    request layer's business (only http and https are ever fetched, a ``file://`` "part" is
    refused there and recorded)."""
    if urlsplit(candidate).netloc != urlsplit(url).netloc:
        return False
    stem, ext = _stem_and_ext(url)
    other_stem, other_ext = _stem_and_ext(candidate)
    if other_ext != ext:
        return False
    return bool(re.fullmatch(re.escape(stem) + r"_\d{1,3}", other_stem))


_LATER_PAGE_URL = re.compile(
    r"(?:_\d{1,3}|[?&](?:page|p|pn|pageno)=\d{1,3})(?:\.[a-z]{2,6})?$", re.I
)
_PREVIOUS_TEXT = re.compile(r"^\s*(?:上一页|上页|前一页|previous|prev|<|‹|«)\s*$", re.IGNORECASE)


# The controls of a paginated list: 下一页 / 上一页 / 尾页 / page numbers, and the URL shapes
# of its pages (index_2.html, list_3.html, ?page=4, /page/5/).
_PAGER_TEXT = re.compile(
    r"^\s*(?:下一页|下页|上一页|上页|前一页|后一页|首页|尾页|末页|next|prev(?:ious)?|"
    r"[<>‹›«»]+|\[?\d{1,4}\]?|第\s*\d{1,4}\s*页)\s*$",
    re.IGNORECASE,
)
_PAGER_URL = re.compile(
    r"(?:/|^)(?:index|list|default|news)_\d{1,4}\.s?html?$|[?&](?:page|p|pn|pageno|pageindex)=\d{1,4}(?:&|$)"
    r"|/page/\d{1,4}/?$",
    re.IGNORECASE,
)


def pagination_urls(root: HtmlElement, url: str | None) -> list[str]:
    """Absolute URLs of the page's pagination links: the other pages of the same list (or
    article), which a crawl walks through without going one link deeper."""
    if not url:
        return []
    found: dict[str, None] = {}
    for anchor in root.iter("a"):
        href = (anchor.get("href") or "").strip()
        if not href or href.startswith(("#", "javascript:", "mailto:")):
            continue
        target = urljoin(url, href).split("#")[0]
        if target == url or urlsplit(target).netloc != urlsplit(url).netloc:
            continue
        parts = urlsplit(target)
        if _PAGER_TEXT.match(element_text(anchor)) or _PAGER_URL.search(
            parts.path + ("?" + parts.query if parts.query else "")
        ):
            found[target] = None
    return list(found)


def is_later_page(root: HtmlElement, url: str | None) -> bool:
    """Page 2+ of a paginated article: a part-numbered URL (``…_2.html``, ``?page=2``) or a
    上一页 link."""
    if url and _LATER_PAGE_URL.search(url.split("#")[0]):
        return True
    return any(_PREVIOUS_TEXT.match(element_text(anchor)) for anchor in root.iter("a"))


def next_page_urls(root: HtmlElement, url: str | None) -> list[str]:
    """Absolute URLs of the article's other parts, in page order (``url`` itself excluded)."""
    if not url:
        return []
    found: list[str] = []
    for anchor in root.iter("a"):
        href = (anchor.get("href") or "").strip()
        if not href or href.startswith(("#", "javascript:", "mailto:")):
            continue
        # The anchor text first: it rules out almost every link of a page at the cost of a
        # regex match, before any URL is parsed.
        text = element_text(anchor)
        if not (_NEXT_TEXT.match(text) or _PAGE_NUMBER.match(text)):
            continue
        target = urljoin(url, href).split("#")[0]
        if target == url or target in found:
            continue
        if _is_part_of(target, url):
            found.append(target)
    found.sort(key=lambda target: int(re.search(r"_(\d+)\.?[^_/]*$", target).group(1)))
    return found
