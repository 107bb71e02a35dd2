"""The whole offline parse of one stored page: extraction → cleaning → facts.

The crawler runs the same three steps as separate pipelines; ``newscrawl reparse`` runs them
here, over raw pages already in the archive, without fetching anything.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from pipelines.cleaning import clean_paragraphs, content_hash
from pipelines.dedup.minhash import shingle_hashes, signature
from pipelines.extraction import ExtractedPage, extract_page
from pipelines.extraction.dates import iso_day
from pipelines.facts import EXTRACTOR_VERSION as FACTS_VERSION
from pipelines.facts import extract_facts

# Bump when page extraction or text cleaning changes what they produce: stored versions parsed
# by an older parser are then picked up by ``newscrawl reparse``.
EXTRACTION_VERSION = "extract-1"
PARSER_VERSION = f"{EXTRACTION_VERSION}+{FACTS_VERSION}"

# A multi-page article (下一页, index_1.html) is stored as one raw page: the parts' bytes,
# verbatim, each after a marker naming its URL. The marker is ASCII, so it is the same bytes in
# GBK and UTF-8 parts, and an HTML comment, so a browser shows the joined file sensibly.
_PART_MARKER = re.compile(rb"\n?<!--newscrawl:part (\S+)-->\n")


def join_parts(parts: list[tuple[str, bytes]]) -> bytes:
    """The raw page of an article made of ``parts`` (url, body); one part stays verbatim."""
    if len(parts) == 1:
        return parts[0][1]
    return b"".join(
        b"\n<!--newscrawl:part " + url.encode("ascii", "backslashreplace") + b"-->\n" + body
        for url, body in parts
    )


def split_parts(raw: bytes, url: str | None) -> list[tuple[str | None, bytes]]:
    """The (url, body) parts of a raw page written by ``join_parts``."""
    pieces = _PART_MARKER.split(raw)
    if len(pieces) == 1:
        return [(url, raw)]
    # split() gives [prefix, url1, body1, url2, body2, ...]; the prefix is empty.
    return [
        (pieces[index].decode("ascii"), pieces[index + 1]) for index in range(1, len(pieces) - 1, 2)
    ]


@dataclass(slots=True)
class ParsedPage:
    page: ExtractedPage
    text: str
    content_hash: str
    facts: list[dict[str, Any]] = field(default_factory=list)
    parser_version: str = PARSER_VERSION


def cleaned_text(paragraphs: list[str]) -> tuple[str, str]:
    """The archived text of extracted ``paragraphs`` and its content hash."""
    text = "\n".join(clean_paragraphs(paragraphs))
    return text, content_hash(text, cleaned=True)


def text_minhash(text: str) -> list[int]:
    """The MinHash signature of a cleaned text as plain integers (empty for no shingles)."""
    shingles = shingle_hashes(text)
    return [int(value) for value in signature(shingles)] if shingles.size else []


def facts_for(
    text: str, published: str | None, place: str | None, source: str | None = None
) -> list[dict[str, Any]]:
    """The facts of a cleaned text. ``place`` is the carrying site's place, ``source`` the
    original outlet (来源): the article's own place is read from the text and the outlet
    first, so a reprint keeps the story's place (docs/facts.md)."""
    found = extract_facts(text, published=iso_day(published), place=place, source=source)
    return [fact.to_dict() for fact in found]


def parse_page(
    body: bytes | str,
    url: str | None = None,
    *,
    fetched_at: datetime | None = None,
    http_encoding: str | None = None,
    family: str | None = None,
    place: str | None = None,
) -> ParsedPage:
    if isinstance(body, str):
        parts: list[tuple[str | None, bytes | str]] = [(url, body)]
    else:
        parts = list(split_parts(body, url))
    page = extract_page(
        parts[0][1], url, family=family, fetched_at=fetched_at, http_encoding=http_encoding
    )
    for part_url, part_body in parts[1:]:
        part = extract_page(
            part_body, part_url, family=family, fetched_at=fetched_at, http_encoding=http_encoding
        )
        page.paragraphs.extend(part.paragraphs)
    text, text_hash = cleaned_text(page.paragraphs)
    return ParsedPage(
        page=page,
        text=text,
        content_hash=text_hash,
        facts=facts_for(text, page.published, place, page.original_source),
    )
