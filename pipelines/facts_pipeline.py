"""The facts pipeline: the figures of each article's cleaned text, with the parser version.

Thin glue over ``pipelines.facts`` (through ``pipelines.parse``, which ``newscrawl reparse``
shares); the archive stores ``item.facts`` with the version that produced them, so ``newscrawl
reparse`` can tell which stored results an improved parser should replace.
"""

from __future__ import annotations

from pipelines.cpu_pipeline import CpuPipeline
from pipelines.items import ArticleItem
from pipelines.parse import PARSER_VERSION, facts_for


class FactsPipeline(CpuPipeline):
    """Fills ``ArticleItem.facts`` (dicts, the fact contract of docs/facts.md) and ``.parser_version``."""

    async def process_article(self, item: ArticleItem) -> ArticleItem:
        # Without a registry place the site's place comes from the page itself (no bytes are
        # sent to the child when there is one).
        raw = item.raw_body if item.place is None else None
        item.facts = await self.pool.run(
            facts_for, item.text, item.published, item.place, item.original_source, raw,
            item.encoding,
        )  # fmt: skip
        item.parser_version = PARSER_VERSION
        self.stats.inc_value("newscrawl/facts/extracted", len(item.facts))
        if not item.facts:
            self.stats.inc_value("newscrawl/facts/articles_without_facts")
        return item
