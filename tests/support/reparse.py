"""Archive items as the current parser makes them, stamped with any parser version, for the
tests of re-parsing."""

from __future__ import annotations

from datetime import datetime

from pipelines.items import ArticleItem, page_metadata
from pipelines.parse import parse_page


def parsed_item(
    url: str,
    raw: bytes,
    *,
    source_key: str,
    fetched_at: datetime,
    parser_version: str,
    whole_thread: bool = False,
) -> ArticleItem:
    """What the current parser makes of ``raw``, stamped with ``parser_version``."""
    parsed = parse_page(raw, url, whole_thread=whole_thread)
    page = parsed.page
    return ArticleItem(
        url=url,
        source_key=source_key,
        family=page.family,
        fetched_at=fetched_at,
        raw_body=raw,
        encoding=page.encoding,
        **page_metadata(page),
        paragraphs=page.paragraphs,
        text=parsed.text,
        content_hash=parsed.content_hash,
        facts=parsed.facts,
        parser_version=parser_version,
    )
