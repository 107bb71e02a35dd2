"""List and article URL patterns for a registry entry, derived from one page's links.

Registry patterns are regular expressions *searched* in a real URL. Given a list page (a column,
a board, an e-paper 版面) and its links, :func:`derive_patterns` proposes:

- article patterns: the shapes of the links the family calls articles (for ``generic``: links
  whose URL carries a date, or that the page shows a date next to), each shape the link's path
  and query with digit runs as ``\\d+``; a digit run that is the same in every link of a shape
  (a Sohu account id, Discuz's ``-1-1``) stays literal unless it looks like a date;
- list patterns: the page's numbered pagination (``index.html`` → ``index(_\\d+)?\\.html$``,
  ``forum-58-1.html`` → ``forum-58-\\d+\\.html$``), the family's list shapes among the links
  (e-paper 版面 of every date), and the page itself when nothing else matches it.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date

from pipelines.extraction.links import date_from_url
from pipelines.extraction.site_family import ARTICLE_SHAPES, LIST_SHAPES, path_and_query

# The page number of a paginated list: index_2.html, forum-58-2.html, category-2_2.html,
# node_3.htm, ?pageNumber=2
PAGE_NUMBER_RE = re.compile(r"^(.*?[_\-=])(\d+)((?:\.\w+)?)$")
DIGITS_RE = re.compile(r"\d+")
# A digit run that is (part of) a date: 2026, 202604, 20260415, or a month/day next to a year.
DATE_RUN_RE = re.compile(r"^(19|20)\d{2}(0[1-9]|1[0-2])?(0[1-9]|[12]\d|3[01])?$")
MIN_CONSTANT_MEMBERS = 3  # fewer links than this may share a digit run by chance


@dataclass(frozen=True, slots=True)
class PageLinkInfo:
    url: str  # absolute
    date: date | None = None  # the date the page shows next to the link


@dataclass(frozen=True, slots=True)
class DerivedPatterns:
    list_patterns: tuple[str, ...]
    article_patterns: tuple[str, ...]
    article_examples: tuple[str, ...]  # links the article patterns match


def pagination_key(url: str) -> tuple[str, int]:
    """``…/index_2.html`` → (``…/index_#.html``, 2); URLs without a page number → (url, 0)."""
    match = PAGE_NUMBER_RE.match(url)
    if match is None:
        return url, 0
    return f"{match.group(1)}#{match.group(3)}", int(match.group(2))


def _digit_runs(text: str) -> list[str]:
    return DIGITS_RE.findall(text)


def shape_of(urls: Sequence[str]) -> str:
    """One pattern for URLs of the same shape (same text between their digit runs)."""
    first = path_and_query(urls[0])
    pieces = DIGITS_RE.split(first)
    runs = [_digit_runs(path_and_query(u)) for u in urls]
    pattern = re.escape(pieces[0])
    in_date = False
    for index, piece in enumerate(pieces[1:]):
        values = {run[index] for run in runs}
        value = next(iter(values))
        # a year, or a month or day right after one (2026-06/02, 2026/6/2)
        in_date = bool(DATE_RUN_RE.match(value)) or (in_date and len(value) <= 2)
        constant = len(values) == 1 and len(urls) >= MIN_CONSTANT_MEMBERS
        pattern += re.escape(value) if constant and not in_date else r"\d+"
        pattern += re.escape(piece)
    return pattern + "$"


def shape_key(url: str) -> str:
    return DIGITS_RE.sub("#", path_and_query(url))


def group_by_shape(urls: Iterable[str]) -> dict[str, list[str]]:
    groups: dict[str, list[str]] = defaultdict(list)
    for url in urls:
        if url not in groups[shape_key(url)]:
            groups[shape_key(url)].append(url)
    return dict(groups)


def is_article_link(family: str, link: PageLinkInfo) -> bool:
    shape = ARTICLE_SHAPES.get(family)
    if shape is not None:
        return bool(shape.search(path_and_query(link.url)))
    # generic: a dated URL, or a link the page dates, below the site's root
    deep = path_and_query(link.url).strip("/").count("/") >= 1
    return deep and (date_from_url(link.url) is not None or link.date is not None)


def pagination_patterns(page_url: str, link_urls: Iterable[str]) -> list[str]:
    """Patterns for the numbered pages of the list ``page_url`` is (page 1 included)."""
    page = path_and_query(page_url)
    page_key, _number = pagination_key(page)
    patterns: list[str] = []
    for url in link_urls:
        key, number = pagination_key(path_and_query(url))
        if number == 0:
            continue
        prefix, _, suffix = key.partition("#")
        base = prefix[:-1]  # without the separator: index_#.html → index + .html
        if page_key == key:
            pattern = re.escape(prefix) + r"\d+" + re.escape(suffix) + "$"
        elif page == base + suffix:
            pattern = re.escape(base) + f"({re.escape(prefix[-1])}" + r"\d+)?" + re.escape(suffix)
            pattern += "$"
        elif path_and_query(url).startswith(page):
            # ?xpt=ID → ?xpt=ID&pageNumber=2: the page's own address, searched, matches both
            pattern = re.escape(page)
        else:
            continue
        if pattern not in patterns:
            patterns.append(pattern)
    return patterns


def derive_patterns(
    page_url: str, links: Iterable[PageLinkInfo], family: str, start_urls: Sequence[str] = ()
) -> DerivedPatterns:
    """List and article patterns for the site of ``page_url`` (a list page) from its links
    (those on the site's own hosts: the caller decides which hosts are the site's).

    ``start_urls`` (the entry's start URLs, when the page was reached by a redirect) must be
    matched by a list pattern too.
    """
    own = list(links)
    article_groups = group_by_shape(link.url for link in own if is_article_link(family, link))
    largest = max((len(g) for g in article_groups.values()), default=0)
    # A shape seen once beside a shape seen many times is a stray link (a preview, a pinned
    # post); when every shape is seen once they all count.
    article_patterns = [
        shape_of(group) for group in article_groups.values() if len(group) >= min(2, largest)
    ]
    compiled = [re.compile(p) for p in article_patterns]
    examples = tuple(link.url for link in own if any(p.search(link.url) for p in compiled))

    list_patterns = pagination_patterns(page_url, (link.url for link in own))
    list_shape = LIST_SHAPES.get(family)
    if list_shape is not None:
        list_urls = [
            link.url
            for link in own
            if list_shape.search(path_and_query(link.url)) and link.url not in examples
        ]
        if family == "epaper":  # 版面 of every date: the 上一期 chain walks back through them
            for group in group_by_shape(list_urls).values():
                list_patterns.append(shape_of(group))
    for url in (page_url, *start_urls):
        if not any(re.search(p, url) for p in list_patterns):
            list_patterns.append(re.escape(path_and_query(url)) + "$")
    return DerivedPatterns(tuple(dict.fromkeys(list_patterns)), tuple(article_patterns), examples)
