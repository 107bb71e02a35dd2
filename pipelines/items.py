"""The item that travels from a spider through the pipelines to the archive."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, Protocol

# What a page says about itself, under the same names in ``ExtractedPage``, ``ArticleItem``
# and the archive's version rows (archive/writer.py).
METADATA_FIELDS = ("title", "published", "author", "original_source", "original_title")


class PageMetadata(Protocol):
    """An ``ExtractedPage`` or an ``ArticleItem``: what a page says about itself."""

    title: str | None
    published: str | None  # ISO 8601 as on the page (date, or date-time +08:00)
    author: str | None
    original_source: str | None
    original_title: str | None


def page_metadata(page: PageMetadata) -> dict[str, str | None]:
    """The metadata fields of ``page`` by name (``ArticleItem(**page_metadata(page), …)``)."""
    return {name: getattr(page, name) for name in METADATA_FIELDS}


@dataclass
class ArticleItem:
    """One fetched article page.

    Spiders fill the fetch and extraction fields; ``CleanPipeline`` fills ``text`` and
    ``content_hash``; ``DedupPipeline`` fills ``minhash``; ``FactsPipeline`` fills ``facts``;
    ``ArchivePipeline`` stores it (one transaction per item).
    """

    # fetch
    url: str  # the page's own URL after redirects; DedupPipeline makes it the archive key
    source_key: str  # registry key, or "site" for the generic spider
    family: str  # CMS family that extracted it
    fetched_at: datetime  # timezone-aware UTC
    http_status: int = 200
    # The bytes as served (all parts joined for multi-page articles): for the archive only, so
    # kept out of the item's repr (Scrapy logs every scraped item) and of feed exports.
    raw_body: bytes = field(default=b"", repr=False)
    encoding: str | None = None  # encoding the body was decoded with
    etag: str | None = None
    last_modified: str | None = None
    # extraction
    title: str | None = None
    published: str | None = None  # ISO 8601 as on the page (date, or date-time +08:00)
    author: str | None = None
    original_source: str | None = None
    original_title: str | None = None
    # The canonical/og:url the page declares; DedupPipeline keeps it only when it points at
    # another page (pipelines.dedup.urls.page_identity), else it becomes ``url``.
    declared_original_url: str | None = None
    place: str | None = None  # the source's main place: resolves 全区/全市 in facts
    paragraphs: list[str] = field(default_factory=list)
    # cleaning
    text: str = ""
    content_hash: str = ""
    # dedup
    minhash: list[int] = field(default_factory=list, repr=False)
    # facts
    facts: list[dict[str, Any]] = field(default_factory=list)
    # pipelines.parse.PARSER_VERSION (stored in the archive's ``extractor_version`` columns)
    parser_version: str = ""
