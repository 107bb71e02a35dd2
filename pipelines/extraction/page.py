"""``extract_page``: one fetched page in, an ``ExtractedPage`` out. No Scrapy, no network."""

from __future__ import annotations

import re
from collections.abc import Iterable
from copy import deepcopy
from datetime import datetime
from types import ModuleType

from lxml.html import HtmlElement

from pipelines.cleaning.html import clean_tree
from pipelines.extraction import generic
from pipelines.extraction.attribution import (
    byline_outlet,
    epaper_name,
    is_epaper_page,
    is_platform_name,
    is_platform_page,
    platform_account,
)
from pipelines.extraction.blocks import Block, cjk_count, iter_blocks
from pipelines.extraction.dates import (
    parse_date,
    parse_dateline,
    parse_relative,
    parse_url_date,
)
from pipelines.extraction.decoding import decode_body
from pipelines.extraction.dom import parse_html
from pipelines.extraction.embedded import EmbeddedArticle, find_embedded_article, state_scripts
from pipelines.extraction.families import FamilyResult, blog, discuz, epaper, sohu, trs, wechat
from pipelines.extraction.links import page_links
from pipelines.extraction.metadata import (
    choose_title,
    find_author,
    find_closing_names,
    find_original_title,
    find_source,
    html_title,
    meta_content,
    page_identity,
    strip_page_suffix,
)
from pipelines.extraction.pagetype import not_article_reason
from pipelines.extraction.pagination import is_later_page, next_page_urls, pagination_urls
from pipelines.extraction.thread import marker as thread_marker
from pipelines.extraction.thread import thread_posts
from pipelines.extraction.types import ExtractedPage

# Most specific markers first: an e-paper page may also carry TRS classes.
FAMILIES: tuple[ModuleType, ...] = (epaper, sohu, wechat, discuz, trs, blog)
_FAMILY_BY_NAME = {module.NAME: module for module in FAMILIES}
_PUBLISHED_META = (
    "PubDate", "publishdate", "pubdate", "publish_date", "publishtime", "publish-time",
    "article:published_time", "og:release_date", "og:article:published_time", "ptime",
    "datePublished", "dc.date", "dcterms.created", "weibo:article:create_at", "firstpublishedtime",
)  # fmt: skip
_DATE_LABEL = re.compile(r"发布时间|发布日期|发表时间|发表于|时间|日期|更新|发布于|Published", re.I)
_HEADER_BLOCKS = 12
_FOOTER_BLOCKS = 6
# The laid-out page must hold this share of the state's prose to be taken over it.
_EMBEDDED_SHARE = 0.8
# A page that lays out this much prose is not a skeleton: its scripts are not parsed.
_VISIBLE_ARTICLE_CJK = 500
_LINK_LIST_DENSITY = 0.7
_MIN_THREAD_POSTS = 2
_SITE_NAME_META = ("og:site_name", "sitename", "application-name")
_NAME_LIKE_AUTHOR = re.compile(r"^[\u4e00-\u9fff]{2,4}(?:[ 、，,][\u4e00-\u9fff]{2,4})*$")


def detect_family(html: str, root: HtmlElement, url: str | None = None) -> str:
    """The CMS family whose markers the page carries, ``generic`` when none."""
    for module in FAMILIES:
        if module.matches(html, root, url):
            return module.NAME
    return "generic"


def _is_attached(element: HtmlElement, root: HtmlElement) -> bool:
    return element.getroottree().getroot() is root


def _family_body(found: FamilyResult, root: HtmlElement) -> list[Block]:
    for container in found.body:
        if not _is_attached(container, root):
            clean_tree(container)  # a parsed fragment, or a container cleaning detached
    return generic.body_blocks(found.body)


def _same_text(a: str, b: str) -> bool:
    squeeze = re.compile(r"\s+")
    return squeeze.sub("", a) == squeeze.sub("", b)


def _drop_title_lines(blocks: list[Block], title: str | None) -> list[Block]:
    """The title repeated at the top of the body is not body text."""
    if not title:
        return blocks
    while blocks and (_same_text(blocks[0].text, title) or blocks[0].tag in {"h1"}):
        blocks = blocks[1:]
    return blocks


def _surroundings(page_blocks: list[Block], body: list[Block]) -> tuple[list[str], list[str]]:
    """Lines just above the body (title, byline, date) and just below it (source, editor)."""
    if not body:
        return [block.text for block in page_blocks[:40]], []
    texts = [block.text for block in page_blocks]
    first, last = body[0].text, body[-1].text
    start = next((i for i, text in enumerate(texts) if text == first), 0)
    end = next((i for i in range(len(texts) - 1, -1, -1) if texts[i] == last), len(texts) - 1)
    header = texts[max(0, start - _HEADER_BLOCKS) : start]
    footer = texts[end + 1 : end + 1 + _FOOTER_BLOCKS]
    return header, footer


def _published(
    root: HtmlElement,
    found: FamilyResult,
    header: list[str],
    body: list[str],
    url: str | None,
    fetched_at: datetime | None,
) -> str | None:
    if found.published:
        return found.published
    meta = meta_content(root, *_PUBLISHED_META)
    if meta and (published := parse_date(meta)):
        return published
    for element in root.iter("time"):
        if published := parse_date(element.get("datetime") or ""):
            return published
    # The byline sits just above the body or opens it: labelled dates first, nearest first.
    near = body[:3] + header[::-1]
    for lines in ([line for line in near if _DATE_LABEL.search(line)], near):
        for line in lines:
            if len(line) <= 120 and (published := parse_date(line)):
                return published
    url_date = parse_url_date(url)
    if body and (published := parse_dateline(body[0], url_date)):
        return published
    if url_date:
        return url_date
    for line in reversed(header):
        if len(line) <= 60 and (published := parse_relative(line, fetched_at)):
            return published
    return None


def _author(
    root: HtmlElement, found: FamilyResult, header: list[str], body: list[str], footer: list[str]
) -> str | None:
    if found.author:
        return found.author
    edges = body[:3] + body[-4:][::-1] + footer
    author = find_author(header[::-1]) or find_author(edges) or find_closing_names(body[-4:][::-1])
    if author:
        return author
    meta = meta_content(root, "author", "article:author")
    return meta if meta and _NAME_LIKE_AUTHOR.match(meta) else None


def _embedded_article(
    scripts: list[tuple[str, str]], root: HtmlElement, found: FamilyResult, blocks: list[Block]
) -> EmbeddedArticle | None:
    """The article in the page's script state, when no family has a body for the page and the
    laid-out page shows too little prose to be the article already."""
    if found.body or found.not_article_reason or not scripts:
        return None
    if sum(cjk_count(block.text) for block in blocks) >= _VISIBLE_ARTICLE_CJK:
        return None
    titles = [html_title(root) or "", meta_content(root, "og:title") or ""]
    return find_embedded_article(scripts, titles)


def _prefers_embedded(embedded: EmbeddedArticle, blocks: list[Block]) -> bool:
    """The state holds the article when the laid-out page has clearly less prose than it."""
    visible = sum(cjk_count(block.text) for block in blocks)
    return visible < _EMBEDDED_SHARE * embedded.prose_cjk


def _source(
    root: HtmlElement,
    found: FamilyResult,
    page_blocks: list[Block],
    body: list[Block],
    header: list[str],
    footer: list[str],
    paper: str | None,
) -> str | None:
    """Who first published the text: a family's field, a 来源 line, a byline's outlet, the
    e-paper's paper, the platform account. Link lists (tag clouds) never name a source, and
    a platform is not the source of what its accounts post."""
    linked = {block.text for block in page_blocks if block.link_density >= _LINK_LIST_DENSITY}
    header = [line for line in header if line not in linked]
    paragraphs = [block.text for block in body]
    declared = _first(
        [
            found.original_source,
            find_source(header[::-1]),
            find_source(paragraphs[:3]),
            find_source(paragraphs[-3:][::-1] + footer),
        ]
    )
    on_platform = is_platform_page(header + paragraphs[-3:] + footer)
    if declared and is_platform_name(declared):
        declared, on_platform = None, True
    if declared:
        return declared
    if outlet := byline_outlet(header[::-1] + paragraphs[:3]):
        return outlet
    if paper:
        return paper
    if found.account:
        return found.account
    if on_platform:
        return platform_account(root, [body[0].owner] if body else [])
    return None


def _first(values: Iterable[str | None]) -> str | None:
    return next((value for value in values if value), None)


def extract_page(
    body: bytes | str,
    url: str | None = None,
    *,
    family: str | None = None,
    fetched_at: datetime | None = None,
    http_encoding: str | None = None,
    links: bool = False,
    max_links: int | None = None,
    whole_thread: bool = False,
) -> ExtractedPage:
    """Body paragraphs and metadata of one page.

    ``family`` forces a family extractor (a registry source knows its CMS); otherwise it is
    detected from the markup. ``fetched_at`` resolves relative dates (``3小时前``);
    ``http_encoding`` is the charset of the Content-Type header, checked against the bytes.
    ``links=True`` also lists the page's links (``ExtractedPage.links``), resolved against
    ``url``, from the same parse: at most ``max_links`` of them (``links_truncated`` says
    when the page had more). ``whole_thread=True`` keeps every post of a forum thread
    (``ExtractedPage.posts``; the paragraphs then hold each post under a marker line) instead
    of the opening post alone.
    """
    html, encoding = decode_body(body, http_encoding)
    root = parse_html(html)
    family = family if family in _FAMILY_BY_NAME else detect_family(html, root, url)
    module = _FAMILY_BY_NAME.get(family)
    found = module.extract(html, root, url) if module else FamilyResult()
    scripts = state_scripts(root) if not found.body else []
    canonical_url, declared_original_url = page_identity(root, url)
    next_urls = next_page_urls(root, url)
    title = choose_title(root, [found.title])
    raw_title = html_title(root)
    is_epaper = family == "epaper" or is_epaper_page(html, url, raw_title)
    # An e-paper's own name, read before cleaning drops the footer that prints it.
    paper = (
        found.paper
        or epaper_name(raw_title, meta_content(root, *_SITE_NAME_META), root.text_content())
        if is_epaper
        else None
    )
    found_links = page_links(root, url or "", max_links + 1 if max_links else None) if links else []
    links_truncated = max_links is not None and len(found_links) > max_links
    del found_links[max_links or len(found_links) :]
    pager_urls = pagination_urls(root, url) if links else []

    # A thread's replies are read from a copy cleaned without removing them; the opening
    # post comes from the page cleaned as usual.
    thread_root = deepcopy(root) if whole_thread else None
    clean_tree(root)
    content_root = root.find("body")
    page_blocks = list(iter_blocks(content_root if content_root is not None else root))
    blocks = _family_body(found, root) if found.body else []
    if not blocks and not found.not_article_reason:
        blocks = generic.extract_generic(root)
    embedded = _embedded_article(scripts, root, found, blocks)
    if embedded is not None and _prefers_embedded(embedded, blocks):
        family = "embedded"
        found = FamilyResult(
            body=[embedded.body],
            title=embedded.title,
            published=embedded.published,
            author=embedded.author,
            original_source=embedded.source,
        )
        blocks = _family_body(found, root)
        title = choose_title(root, [found.title]) if found.title else title
    if title and (next_urls or is_later_page(root, url)):
        title = strip_page_suffix(title)
    blocks = _drop_title_lines(blocks, title)
    paragraphs = [block.text for block in blocks]
    header, footer = _surroundings(page_blocks, blocks)

    published = _published(root, found, header, paragraphs, url, fetched_at)
    author = _author(root, found, header, paragraphs, footer)
    reason = found.not_article_reason or not_article_reason(
        html, root, url, title, blocks, page_blocks, published
    )
    posts = (
        thread_posts(clean_tree(thread_root, keep_replies=True), paragraphs)
        if thread_root is not None
        else []
    )
    if len(posts) >= _MIN_THREAD_POSTS:
        opening = posts[0]
        opening.author = opening.author or author
        opening.published = opening.published or published
        paragraphs = [
            line
            for index, post in enumerate(posts, 1)
            for line in (thread_marker(index, post), *post.paragraphs)
        ]
    else:
        posts = []
    return ExtractedPage(
        url=url,
        family=family,
        is_article=reason is None,
        title=title,
        published=published,
        author=author,
        original_source=_source(root, found, page_blocks, blocks, header, footer, paper),
        original_title=found.original_title or find_original_title(paragraphs[:3]),
        paragraphs=paragraphs,
        canonical_url=canonical_url,
        declared_original_url=declared_original_url,
        next_page_urls=next_urls,
        encoding=encoding,
        not_article_reason=reason,
        links=found_links,
        links_truncated=links_truncated,
        posts=posts,
        pagination_urls=pager_urls,
    )
