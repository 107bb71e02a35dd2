"""The result of extracting one page. Plain data, no Scrapy import."""

from __future__ import annotations

from dataclasses import dataclass, field

from pipelines.extraction.links import PageLink
from pipelines.extraction.thread import ThreadPost

# Longest metadata values kept (characters). A page can put anything in a title or a byline (a
# 1 MB <title>); the archive's author and source columns hold 200 characters. The full value
# stays in the raw page the archive keeps beside the version.
MAX_TITLE_CHARS = 500
MAX_NAME_CHARS = 200  # author, original source


def bounded(value: str | None, limit: int) -> str | None:
    """``value`` cut to ``limit`` characters (the cut marked with …)."""
    if value is None or len(value) <= limit:
        return value
    return value[: limit - 1].rstrip() + "…"


@dataclass(slots=True)
class ExtractedPage:
    """What page extraction found in one HTML page (before text cleaning).

    ``paragraphs`` is the body as the page lays it out (one entry per block); the text
    cleaner (``pipelines.cleaning``) turns it into the archived text.
    """

    url: str | None
    family: str  # "epaper", "trs", "discuz", "blog", "sohu" or "generic"
    is_article: bool
    title: str | None = None
    published: str | None = None  # ISO 8601 date, or date-time with +08:00
    author: str | None = None
    original_source: str | None = None  # 来源 / 原标题 / 转载自: who first published it
    original_title: str | None = None
    paragraphs: list[str] = field(default_factory=list)
    canonical_url: str | None = None  # rel=canonical / og:url when it is on the same site
    declared_original_url: str | None = None  # canonical / og:url pointing to another site
    next_page_urls: list[str] = field(default_factory=list)  # 下一页 / index_1.html parts
    encoding: str | None = None  # the encoding the bytes were decoded with
    not_article_reason: str | None = None  # "list", "404", "search", "video", "challenge", ...
    links: list[PageLink] = field(default_factory=list)  # with links=True only
    links_truncated: bool = False  # the page had more links than extract_page's max_links
    # with links=True: the page's pagination links (下一页, page numbers, index_N, list_N)
    pagination_urls: list[str] = field(default_factory=list)
    posts: list[ThreadPost] = field(default_factory=list)  # with whole_thread=True, on threads

    def __post_init__(self) -> None:
        self.title = bounded(self.title, MAX_TITLE_CHARS)
        self.original_title = bounded(self.original_title, MAX_TITLE_CHARS)
        self.author = bounded(self.author, MAX_NAME_CHARS)
        self.original_source = bounded(self.original_source, MAX_NAME_CHARS)
