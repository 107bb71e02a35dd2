"""The one parse chain: a page's bytes (or a text) → extraction → cleaning → facts.

``parse_page`` composes the steps below; everything that parses a page calls it or its steps:

- ``newscrawl extract`` calls ``parse_page`` (HTML) or ``parse_text`` (plain text);
- ``newscrawl reparse`` (``archive.reparse``) calls ``parse_page`` on stored raw pages;
- the crawl runs the steps one by one, in the process pool, as the item moves on: the spider
  extracts each part with ``extract_page`` and adds the next parts with ``add_part``,
  ``CleanPipeline`` calls ``cleaned_text``, ``DedupPipeline`` ``text_minhash`` (the dedup
  signature, not part of a parse) and ``FactsPipeline`` ``facts_for``.

Versions: ``FACTS_VERSION`` names the fact extractor (``pipelines.facts``);
``EXTRACTION_VERSION`` names page extraction and cleaning; ``PARSER_VERSION`` combines both and
is what the archive stores with every parse (the ``extractor_version`` columns).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from pipelines.cleaning import clean_paragraphs, clean_text, content_hash
from pipelines.dedup.minhash import shingle_hashes, signature
from pipelines.extraction import ExtractedPage, extract_page
from pipelines.extraction.dates import iso_day, parse_date
from pipelines.extraction.decoding import decode_body
from pipelines.extraction.metadata import find_author, find_source
from pipelines.facts import FACTS_VERSION, extract_facts
from pipelines.facts.places import page_place

# Bump when page extraction or text cleaning changes what they produce: stored versions parsed
# by an older parser are then picked up by ``newscrawl reparse``.
EXTRACTION_VERSION = "extract-1"
PARSER_VERSION = f"{EXTRACTION_VERSION}+{FACTS_VERSION}"

# A multi-page article (下一页, index_1.html) is stored as one raw page: the parts' bytes,
# verbatim, each after a marker naming its URL. The marker is ASCII, so it is the same bytes in
# GBK and UTF-8 parts, and an HTML comment, so a browser shows the joined file sensibly.
_PART_MARKER = re.compile(rb"\n?<!--newscrawl:part (\S+)-->\n")
# A plain text's first line is its title when it is short and not a sentence.
_TITLE_LINE_MAX = 60


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
    page: ExtractedPage  # metadata and the extracted paragraphs
    text: str  # the cleaned text, as archived
    content_hash: str
    facts: list[dict[str, Any]] = field(default_factory=list)
    parser_version: str = PARSER_VERSION


# -- the steps ---------------------------------------------------------------------------------


def add_part(paragraphs: list[str], part: ExtractedPage) -> None:
    """A later part of a multi-page article (下一页) continues the body extracted so far."""
    paragraphs.extend(part.paragraphs)


def cleaned_text(paragraphs: list[str]) -> tuple[str, str]:
    """The archived text of extracted ``paragraphs`` and its content hash."""
    text = "\n".join(clean_paragraphs(paragraphs))
    return text, content_hash(text, cleaned=True)


def text_minhash(text: str) -> list[int]:
    """The MinHash signature of a cleaned text as plain integers (empty for no shingles)."""
    shingles = shingle_hashes(text)
    return [int(value) for value in signature(shingles)] if shingles.size else []


def facts_for(
    text: str,
    published: str | None,
    place: str | None,
    source: str | None = None,
    raw: bytes | str | None = None,
    encoding: str | None = None,
) -> list[dict[str, Any]]:
    """The facts of a cleaned text, as dicts (the ``newscrawl extract`` contract). ``place``
    is the carrying site's place, ``source`` the original outlet (来源): the article's own
    place is read from the text and the outlet first, so a reprint keeps the story's place
    (docs/facts.md). Without a ``place``, the site's place is read from the raw page itself
    (``raw``, its footer and title), the same way at crawl time and in ``newscrawl reparse``."""
    if place is None and raw:
        first = split_parts(raw, None)[0][1] if isinstance(raw, bytes) else raw
        place = page_place(decode_body(first, encoding)[0])
    found = extract_facts(text, published=iso_day(published), place=place, source=source)
    return [fact.to_dict() for fact in found]


# -- the chain ---------------------------------------------------------------------------------


def parse_page(
    body: bytes | str,
    url: str | None = None,
    *,
    fetched_at: datetime | None = None,
    http_encoding: str | None = None,
    family: str | None = None,
    place: str | None = None,
    whole_thread: bool = False,
    published: str | None = None,
) -> ParsedPage:
    """Parse one page, or a multi-page article's raw page (``join_parts``).

    ``place`` is the source's main place (resolves 全区/全市 in facts); ``published`` is the
    date to use when the page gives none; ``whole_thread`` keeps every post of a forum thread.
    """
    if isinstance(body, str):
        parts: list[tuple[str | None, bytes | str]] = [(url, body)]
    else:
        parts = list(split_parts(body, url))
    options: dict[str, Any] = {
        "family": family,
        "fetched_at": fetched_at,
        "http_encoding": http_encoding,
        "whole_thread": whole_thread,
    }
    page = extract_page(parts[0][1], url, **options)
    for part_url, part_body in parts[1:]:
        add_part(page.paragraphs, extract_page(part_body, part_url, **options))
    if page.published is None and published:
        page.published = published
    text, text_hash = cleaned_text(page.paragraphs)
    return ParsedPage(
        page=page,
        text=text,
        content_hash=text_hash,
        facts=facts_for(text, page.published, place, page.original_source, body, page.encoding),
    )


def parse_text(
    text: str,
    url: str | None = None,
    *,
    place: str | None = None,
    published: str | None = None,
) -> ParsedPage:
    """Parse an article copied as plain text: a short first line is its title, a date, an
    author and a source are looked for in its first and last lines. ``published`` wins over
    a date found in the text."""
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    title = None
    if lines and len(lines[0]) <= _TITLE_LINE_MAX and not lines[0].endswith(("。", "！", "？")):
        title = lines[0]
        lines = lines[1:]
    head, tail = lines[:6], lines[-3:]
    found_date = next(
        (found for line in head if len(line) <= 120 and (found := parse_date(line))), None
    )
    cleaned = clean_text("\n".join(lines))
    page = ExtractedPage(
        url=url,
        family="text",
        is_article=bool(cleaned),
        not_article_reason=None if cleaned else "empty",
        title=title,
        published=published or found_date,
        author=find_author(head + tail),
        original_source=find_source(head + tail),
        paragraphs=cleaned.split("\n") if cleaned else [],
    )
    return ParsedPage(
        page=page,
        text=cleaned,
        content_hash=content_hash(cleaned, cleaned=True),
        facts=facts_for(cleaned, page.published, place, page.original_source),
    )
