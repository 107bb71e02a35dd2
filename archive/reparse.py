"""Re-parse stored raw pages with the current parser, without fetching anything.

Each stored version is re-parsed in its own transaction: its previous parse (text, metadata and
the facts rows) is kept — the text in ``version_parses``, the facts with ``current = false`` —
and the new parse becomes the version's current one. Progress is the database itself: a version
whose ``extractor_version`` is the current parser's is done, so an interrupted run resumes where
it stopped.
"""

from __future__ import annotations

import zlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from sqlalchemy import Select, func, insert, select, update
from sqlalchemy.orm import Session

from archive.models import Article, ArticleVersion, Fact, Source, VersionParse
from archive.store import Archive, fact_rows, facts_fingerprint
from archive.types import utcnow
from pipelines.extraction.dates import iso_day
from pipelines.parse import PARSER_VERSION, ParsedPage, parse_page

Parser = Callable[..., ParsedPage]


@dataclass(frozen=True, slots=True)
class ReparseResult:
    version_id: int
    text_changed: bool
    facts_changed: bool


def pending(parser_version: str, source_key: str | None = None) -> Select[tuple[int]]:
    """Ids of the versions not yet parsed by ``parser_version`` that have a raw page."""
    query = (
        select(ArticleVersion.id)
        .where(
            ArticleVersion.extractor_version != parser_version,
            ArticleVersion.raw_page_id.is_not(None),
        )
        .order_by(ArticleVersion.id)
    )
    if source_key is not None:
        query = (
            query.join(Article, Article.id == ArticleVersion.article_id)
            .join(Source, Source.id == Article.source_id)
            .where(Source.key == source_key)
        )
    return query


def count_pending(
    archive: Archive, parser_version: str = PARSER_VERSION, source_key: str | None = None
) -> int:
    with archive.sessions() as session:
        subquery = pending(parser_version, source_key).subquery()
        return session.scalar(select(func.count()).select_from(subquery)) or 0


def reparse_all(
    archive: Archive,
    *,
    parser: Parser = parse_page,
    parser_version: str = PARSER_VERSION,
    source_key: str | None = None,
    batch: int = 200,
) -> Iterator[ReparseResult]:
    """Re-parse every pending version, yielding one result per version as it is committed."""
    last_id = 0
    while True:
        with archive.sessions() as session:
            ids = session.scalars(
                pending(parser_version, source_key).where(ArticleVersion.id > last_id).limit(batch)
            ).all()
        if not ids:
            return
        for version_id in ids:
            yield archive._transaction(
                lambda session, version_id=version_id: reparse_version(
                    session, version_id, parser, parser_version
                )
            )
        last_id = ids[-1]


def reparse_version(
    session: Session, version_id: int, parser: Parser, parser_version: str
) -> ReparseResult:
    version = session.get_one(ArticleVersion, version_id, with_for_update=True)
    article = version.article
    raw = version.raw_page
    assert raw is not None
    place = session.scalar(select(Source.place).where(Source.id == article.source_id))
    parsed = parser(
        zlib.decompress(raw.body_zlib),
        article.url,
        fetched_at=version.fetched_at,
        http_encoding=raw.encoding,
        family=version.family if version.family != "generic" else None,
        place=place,
    )
    facts_hash = facts_fingerprint(parsed.facts)
    result = ReparseResult(
        version_id=version.id,
        text_changed=parsed.content_hash != version.content_hash,
        facts_changed=facts_hash != version.facts_hash,
    )
    session.add(
        VersionParse(
            version_id=version.id,
            extractor_version=version.extractor_version,
            title=version.title,
            published=version.published,
            author=version.author,
            original_source=version.original_source,
            original_title=version.original_title,
            text=version.text,
            content_hash=version.content_hash,
            facts_hash=version.facts_hash,
            replaced_at=utcnow(),
        )
    )
    page = parsed.page
    version.title = page.title
    version.published = page.published
    version.published_date = iso_day(page.published)
    version.author = page.author
    version.original_source = page.original_source
    version.original_title = page.original_title
    version.text = parsed.text
    version.content_hash = parsed.content_hash
    version.facts_hash = facts_hash
    version.extractor_version = parser_version
    session.execute(
        update(Fact)
        .where(Fact.version_id == version.id, Fact.current.is_(True))
        .values(current=False)
    )
    version.parsed_at = utcnow()
    if parsed.facts:
        session.execute(insert(Fact), fact_rows(version.id, parser_version, parsed.facts))
    return result
