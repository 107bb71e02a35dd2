"""Dedup glue: the page's canonical identity and the MinHash signature of its cleaned text.

Runs after ``CleanPipeline``. The story decision itself needs the archive (the persistent LSH
index, the other articles' texts) and is taken by the store in the transaction that saves the
item (``archive.stories.assign_story``); this pipeline prepares what it needs.
"""

from __future__ import annotations

from pipelines.cpu_pipeline import CpuPipeline
from pipelines.dedup.urls import page_identity
from pipelines.items import ArticleItem
from pipelines.parse import text_minhash


class DedupPipeline(CpuPipeline):
    """Gives ``ArticleItem.url`` its identity, the one decision of ``page_identity`` (a canonical
    link on the page's origin becomes the URL, another origin's stays in
    ``declared_original_url``), and fills ``ArticleItem.minhash``."""

    async def process_article(self, item: ArticleItem) -> ArticleItem:
        url, declared = page_identity(item.url, item.declared_original_url)
        if url != item.url:
            self.stats.inc_value("newscrawl/dedup/url_canonicalized")
        item.url, item.declared_original_url = url, declared
        if declared:
            self.stats.inc_value("newscrawl/dedup/declared_original")
        item.minhash = await self.pool.run(text_minhash, item.text)
        self.stats.inc_value("newscrawl/dedup/signed")
        return item
