"""The whole offline parse of one stored page: extraction → cleaning → facts.

The crawler runs the same three steps as separate pipelines; ``newscrawl reparse`` runs them
here, over raw pages already in the archive, without fetching anything.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from newscrawl.extraction import ExtractedPage, extract_page
from pipelines.cleaning import clean_paragraphs, content_hash
from pipelines.facts import EXTRACTOR_VERSION as FACTS_VERSION
from pipelines.facts import extract_facts

# Bump when page extraction or text cleaning changes what they produce: stored versions parsed
# by an older parser are then picked up by ``newscrawl reparse``.
EXTRACTION_VERSION = "extract-1"
PARSER_VERSION = f"{EXTRACTION_VERSION}+{FACTS_VERSION}"


@dataclass(slots=True)
class ParsedPage:
    page: ExtractedPage
    text: str
    content_hash: str
    facts: list[dict[str, Any]] = field(default_factory=list)
    parser_version: str = PARSER_VERSION


def published_day(published: str | None) -> date | None:
    if not published:
        return None
    try:
        return date.fromisoformat(published[:10])
    except ValueError:
        return None


def facts_for(text: str, published: str | None, place: str | None) -> list[dict[str, Any]]:
    return [
        fact.to_dict()
        for fact in extract_facts(text, published=published_day(published), place=place)
    ]


def parse_page(
    body: bytes | str,
    url: str | None = None,
    *,
    fetched_at: datetime | None = None,
    http_encoding: str | None = None,
    family: str | None = None,
    place: str | None = None,
) -> ParsedPage:
    page = extract_page(
        body, url, family=family, fetched_at=fetched_at, http_encoding=http_encoding
    )
    text = "\n".join(clean_paragraphs(page.paragraphs))
    return ParsedPage(
        page=page,
        text=text,
        content_hash=content_hash(text),
        facts=facts_for(text, page.published, place),
    )
