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
