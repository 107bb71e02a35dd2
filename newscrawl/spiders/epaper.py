"""Founder (方正翔宇) e-paper: edition entry page → 版面 ``node_N.htm`` → ``content_N.htm``.

The entry page usually redirects (meta refresh) to today's first 版面; each 版面 links the other
版面 of the edition, its articles (image-map ``<area>`` and a title list) and 上一期 (the previous
edition), so following list links walks back edition by edition until ``since``.
"""

from __future__ import annotations

from newscrawl.spiders.source import SourceSpider


class EpaperSpider(SourceSpider):
    family = "epaper"

    def normalize_link(self, url: str) -> str | None:
        # Page PDFs and the full-text search servlet are not pages to archive.
        if url.lower().endswith(".pdf") or "/search" in url.lower():
            return None
        return url
