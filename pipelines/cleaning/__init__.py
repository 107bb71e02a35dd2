"""Cleaning of Chinese news pages: HTML-level (``html``) and text-level (the rest).

Plain functions, no Scrapy import: used by ``CleanPipeline``, ``newscrawl extract``,
``newscrawl reparse`` and the dedup/archive code that hashes cleaned text.
"""

from pipelines.cleaning.hashing import content_hash, normalize_for_hash
from pipelines.cleaning.html import clean_tree
from pipelines.cleaning.text import clean_line, clean_paragraphs, clean_text

__all__ = [
    "clean_line",
    "clean_paragraphs",
    "clean_text",
    "clean_tree",
    "content_hash",
    "normalize_for_hash",
]
