"""Incremental crawling: what the archive already holds of a source, and which of it to fetch
again now (the revisit ladder of ``newscrawl.spiders.revisit``)."""

from __future__ import annotations

import logging
from collections.abc import Iterator, Sequence
from datetime import date, datetime, timedelta
from typing import Self

from archive.health import known_non_articles
from archive.store import Archive, KnownArticle
from newscrawl.spiders.revisit import revisit_due
from pipelines.dedup.urls import canonical_url

logger = logging.getLogger(__name__)

# ``due`` re-fetches what the ladder says, ``all`` every known article now (conditional
# requests), ``force`` every known article without conditional headers.
REVISIT_MODES = ("due", "all", "force")


def parse_since(text: str | None) -> date | None:
    if not text:
        return None
    try:
        return date.fromisoformat(text.strip())
    except ValueError:
        raise ValueError(f"since={text!r} is not a date like 2026-01-31") from None


def check_revisit_mode(mode: str | None) -> str:
    mode = mode or "due"
    if mode not in REVISIT_MODES:
        raise ValueError(f"revisit={mode!r}: use one of {', '.join(REVISIT_MODES)}")
    return mode


class ArchiveState:
    """The archived articles of one source, keyed by canonical URL, the URLs found to be no
    article (gone, a video, a list page: ``archive.health.known_non_articles``), and the
    archive handle that records ``304 Not Modified`` answers. Empty (no archive) for a
    non-incremental crawl."""

    def __init__(
        self,
        archive: Archive | None = None,
        known: dict[str, KnownArticle] | None = None,
        non_articles: set[str] | None = None,
    ):
        self.archive = archive
        self.known: dict[str, KnownArticle] = known or {}
        self.non_articles: set[str] = non_articles or set()

    @classmethod
    def open(cls, db_url: str | None, source_key: str) -> Self:
        archive = Archive.from_url(db_url)
        known = {canonical_url(u): k for u, k in archive.known_articles(source_key).items()}
        with archive.sessions() as session:
            non_articles = {canonical_url(u) for u in known_non_articles(session, source_key)}
        logger.info(
            "%d articles of %s already archived, %d known non-article URLs skipped",
            len(known),
            source_key,
            len(non_articles),
        )
        return cls(archive, known, non_articles)

    def is_non_article(self, url: str) -> bool:
        """Whether an earlier crawl found ``url`` gone or no article: it is skipped, not
        fetched and recorded as a failure again on every run (a second run would otherwise
        look like a layout that extracts nothing)."""
        return canonical_url(url) in self.non_articles

    def close(self) -> None:
        if self.archive is not None:
            self.archive.close()
            self.archive = None

    def get(self, url: str) -> KnownArticle | None:
        """The archive's record of ``url``; the http/https twin counts (sites declare either)."""
        key = canonical_url(url)
        found = self.known.get(key)
        if found is None and key.startswith(("http://", "https://")):
            scheme, rest = key.split("://", 1)
            found = self.known.get(("https" if scheme == "http" else "http") + "://" + rest)
        return found

    def due(self, now: datetime, mode: str, ladder: Sequence[timedelta]) -> Iterator[KnownArticle]:
        """The known articles to fetch again now."""
        for known in self.known.values():
            if mode != "due" or revisit_due(known.first_seen, known.last_seen, now, ladder):
                yield known

    def record_not_modified(self, url: str, at: datetime) -> None:
        if self.archive is not None:
            self.archive.record_not_modified(url, at)
