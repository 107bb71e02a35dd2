"""The first pipeline: the extracted paragraphs become the archived text and its hash.

Thin glue over ``pipelines.cleaning``; the rules live there and are shared with
``newscrawl extract`` and ``newscrawl reparse``.
"""

from __future__ import annotations

from scrapy.exceptions import DropItem

from pipelines.cpu_pipeline import CpuPipeline
from pipelines.items import ArticleItem
from pipelines.parse import cleaned_text


class CleanPipeline(CpuPipeline):
    """Fills ``ArticleItem.text`` and ``.content_hash``; drops items left without text."""

    async def process_article(self, item: ArticleItem) -> ArticleItem:
        item.text, item.content_hash = await self.pool.run(cleaned_text, item.paragraphs)
        if not item.text:
            self.stats.inc_value("newscrawl/clean/dropped_empty")
            raise DropItem(f"no text left after cleaning: {item.url}")
        self.stats.inc_value("newscrawl/clean/cleaned")
        return item
