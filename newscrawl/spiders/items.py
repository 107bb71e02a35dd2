"""The item a spider yields for an article (all its parts joined)."""

from __future__ import annotations

from newscrawl.spiders.multipage import PendingArticle
from pipelines.items import ArticleItem, page_metadata
from pipelines.parse import join_parts


def article_item(pending: PendingArticle, source_key: str, place: str | None) -> ArticleItem:
    """The item of a complete article: its own URL and the canonical link it declares, of
    which ``DedupPipeline`` makes its identity (``pipelines.dedup.urls.page_identity``)."""
    page = pending.first
    return ArticleItem(
        url=pending.url,
        source_key=source_key,
        place=place,
        family=page.family,
        fetched_at=pending.fetched_at,
        http_status=pending.status,
        raw_body=join_parts(pending.parts),
        encoding=page.encoding,
        etag=pending.etag,
        last_modified=pending.last_modified,
        **page_metadata(page),
        declared_original_url=page.canonical_url or page.declared_original_url,
        paragraphs=pending.paragraphs,
    )
