"""Multi-page articles: the parts of one article (``_2.html``, ``index_1.html`` …) fetched one
after the other and joined into one item."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from scrapy.http import Response

from newscrawl.spiders.http import header
from pipelines.dedup.urls import canonical_url
from pipelines.extraction import ExtractedPage
from pipelines.parse import add_part


@dataclass
class PendingArticle:
    """A multi-page article being assembled part by part."""

    url: str
    first: ExtractedPage
    status: int
    etag: str | None
    last_modified: str | None
    fetched_at: datetime
    parts: list[tuple[str, bytes]]  # (real URL, body) of each page of the article
    paragraphs: list[str]
    todo: list[str]
    done: set[str] = field(default_factory=set)

    @classmethod
    def first_page(
        cls, url: str, page: ExtractedPage, response: Response, fetched_at: datetime
    ) -> PendingArticle:
        return cls(
            url=url,
            first=page,
            status=response.status,
            etag=header(response, "ETag"),
            last_modified=header(response, "Last-Modified"),
            fetched_at=fetched_at,
            parts=[(url, response.body)],
            paragraphs=list(page.paragraphs),
            todo=[],
            done={canonical_url(url)},
        )

    def add_part(self, url: str, body: bytes, page: ExtractedPage) -> None:
        self.parts.append((url, body))
        add_part(self.paragraphs, page)

    def next_part(self, page: ExtractedPage) -> str | None:
        """The next part to fetch after ``page`` (whose next-page links join the queue), or
        None when the article is complete."""
        for next_url in page.next_page_urls:
            if canonical_url(next_url) not in self.done and next_url not in self.todo:
                self.todo.append(next_url)
        if not self.todo:
            return None
        next_url = self.todo.pop(0)
        self.done.add(canonical_url(next_url))
        return next_url
