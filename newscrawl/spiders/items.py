"""The item a spider yields for an article (all its parts joined)."""

from __future__ import annotations

from newscrawl.spiders.multipage import PendingArticle
from pipelines.dedup.urls import page_identity
from pipelines.items import ArticleItem
from pipelines.parse import join_parts


def article_item(pending: PendingArticle, source_key: str, place: str | None) -> ArticleItem:
    """The archive item of a complete article, under its page identity (a same-site canonical
    link, else its own URL)."""
    page = pending.first
    identity, declared = page_identity(pending.url, page.canonical_url)
    return ArticleItem(
        url=identity,
        source_key=source_key,
        place=place,
        family=page.family,
        fetched_at=pending.fetched_at,
        http_status=pending.status,
        raw_body=join_parts(pending.parts),
        encoding=page.encoding,
        etag=pending.etag,
        last_modified=pending.last_modified,
        title=page.title,
        published=page.published,
        author=page.author,
        original_source=page.original_source,
        original_title=page.original_title,
        declared_original_url=page.declared_original_url or declared,
        paragraphs=pending.paragraphs,
    )
