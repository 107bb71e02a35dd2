"""Re-parse stored raw pages with the current parser, without fetching anything.

Each stored version is re-parsed in its own transaction. When the parser's output differs from
the stored parse (metadata, text or facts), the stored parse is kept — its columns in
``version_parses``, its facts rows with ``current = false`` — and the new one becomes the
version's current parse; facts rows are copied only when the facts themselves changed. When
the output is the same, nothing is copied: the version (and its facts) are only stamped with
the new parser version. Progress is the database itself: a version whose
``extractor_version`` is the current parser's is done, so an interrupted run resumes where it
stopped, and a second run has nothing to do.

The rows are written by ``archive.writer``, the same code the crawl's save uses.
"""

from __future__ import annotations

import zlib
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import Connection, Select, bindparam, func, select
from sqlalchemy.orm import Session

from archive.models import Article, ArticleVersion, RawPage, Source
from archive.store import Archive
from archive.types import utcnow
from archive.writer import (
    PARSE_COLUMNS,
    current_fact_rows,
    fact_contents,
    facts_fingerprint,
    keep_and_replace_parse,
    parse_values,
    stamp_parser,
)
from pipelines.items import METADATA_FIELDS
from pipelines.parse import PARSER_VERSION, ParsedPage, parse_page

Parser = Callable[..., ParsedPage]

_versions = ArticleVersion.__table__
_articles = Article.__table__
_raw_pages = RawPage.__table__
_sources = Source.__table__

# A version with what re-parsing it needs: its raw page, its URL, its source's place.
_VERSION_TO_REPARSE = (
    select(
        _versions.c.id,
        _versions.c.family,
        _versions.c.fetched_at,
        *(_versions.c[name] for name in PARSE_COLUMNS),
        _versions.c.published_date,
        _articles.c.url,
        _raw_pages.c.body_zlib,
        _raw_pages.c.encoding,
        # The crawl's place for the article, else (archives before 0006) its source's.
        func.coalesce(_articles.c.place, _sources.c.place).label("place"),
        _sources.c.key.label("source_key"),
    )
    .join(_articles, _articles.c.id == _versions.c.article_id)
    .join(_raw_pages, _raw_pages.c.id == _versions.c.raw_page_id)
    .join(_sources, _sources.c.id == _articles.c.source_id)
    .where(_versions.c.id == bindparam("version_id"))
    .with_for_update(of=_versions)
)


@dataclass(frozen=True, slots=True)
class ReparseResult:
    version_id: int
    text_changed: bool  # the cleaned text's content hash moved
    facts_changed: bool  # the facts rows differ in any field
    metadata_changed: bool = False  # title, date, author, source or original title

    @property
    def changed(self) -> bool:
        """New parse rows were written (else the version was only stamped: skipped)."""
        return self.text_changed or self.facts_changed or self.metadata_changed


def pending(
    parser_version: str, source_key: str | None = None, *, everything: bool = False
) -> Select[tuple[int]]:
    """Ids of the versions with a raw page not yet parsed by ``parser_version`` (all of them
    with ``everything``)."""
    query = (
        select(ArticleVersion.id)
        .where(ArticleVersion.raw_page_id.is_not(None))
        .order_by(ArticleVersion.id)
    )
    if not everything:
        query = query.where(ArticleVersion.extractor_version != parser_version)
    if source_key is not None:
        query = (
            query.join(Article, Article.id == ArticleVersion.article_id)
            .join(Source, Source.id == Article.source_id)
            .where(Source.key == source_key)
        )
    return query


def count_pending(
    archive: Archive,
    parser_version: str = PARSER_VERSION,
    source_key: str | None = None,
    *,
    everything: bool = False,
) -> int:
    with archive.sessions() as session:
        subquery = pending(parser_version, source_key, everything=everything).subquery()
        return session.scalar(select(func.count()).select_from(subquery)) or 0


def reparse_all(
    archive: Archive,
    *,
    parser: Parser = parse_page,
    parser_version: str = PARSER_VERSION,
    source_key: str | None = None,
    everything: bool = False,
    batch: int = 200,
    whole_thread_sources: frozenset[str] = frozenset(),
) -> Iterator[ReparseResult]:
    """Re-parse every pending version, yielding one result per version as it is committed.

    Versions of ``whole_thread_sources`` (forum sources archived with every post of a
    thread) are parsed whole-thread again."""
    query = pending(parser_version, source_key, everything=everything)
    last_id = 0
    while True:
        with archive.sessions() as session:
            ids = session.scalars(query.where(ArticleVersion.id > last_id).limit(batch)).all()
        if not ids:
            return
        for version_id in ids:
            yield archive._transaction(
                lambda session, version_id=version_id: reparse_version(
                    session, version_id, parser, parser_version, whole_thread_sources
                )
            )
        last_id = ids[-1]


def reparse_version(
    session: Session,
    version_id: int,
    parser: Parser,
    parser_version: str,
    whole_thread_sources: frozenset[str] = frozenset(),
) -> ReparseResult:
    conn = session.connection()
    stored = stored_version(conn, version_id)
    raw = RawInput.of(stored, whole_thread_sources)
    return apply_parse(conn, stored, parse_stored(raw, parser), parser_version)


def stored_version(conn: Connection, version_id: int) -> Mapping[str, Any]:
    """A version's stored parse and raw page, locked for the rest of the transaction."""
    return conn.execute(_VERSION_TO_REPARSE, {"version_id": version_id}).one()._mapping


@dataclass(frozen=True, slots=True)
class RawInput:
    """What the parser needs of a stored version; small and picklable, for worker processes."""

    version_id: int
    body_zlib: bytes
    url: str
    fetched_at: datetime
    encoding: str | None
    family: str
    place: str | None
    whole_thread: bool = False  # a forum source archived with every post of its threads

    @classmethod
    def of(
        cls, stored: Mapping[str, Any], whole_thread_sources: frozenset[str] = frozenset()
    ) -> RawInput:
        return cls(
            stored["id"],
            stored["body_zlib"],
            stored["url"],
            stored["fetched_at"],
            stored["encoding"],
            stored["family"],
            stored["place"],
            stored["source_key"] in whole_thread_sources,
        )


def parse_stored(raw: RawInput, parser: Parser) -> ParsedPage:
    """The parser's output for a stored raw page (pure CPU: runs in a worker process)."""
    return parser(
        zlib.decompress(raw.body_zlib),
        raw.url,
        fetched_at=raw.fetched_at,
        http_encoding=raw.encoding,
        family=raw.family if raw.family != "generic" else None,
        place=raw.place,
        # Only sources that asked for it get the option, so parsers without it keep working.
        **({"whole_thread": True} if raw.whole_thread else {}),
    )


def apply_parse(
    conn: Connection, stored: Mapping[str, Any], parsed: ParsedPage, parser_version: str
) -> ReparseResult:
    """Write ``parsed`` as the version's parse where it differs from ``stored`` (the row read
    with ``_VERSION_TO_REPARSE``, locked), else only stamp the parser version."""
    version_id = stored["id"]
    values = parse_values(
        parsed.page,
        text=parsed.text,
        content_hash=parsed.content_hash,
        facts_hash=facts_fingerprint(parsed.facts),
        parser_version=parser_version,
    )
    facts_changed = fact_contents(current_fact_rows(conn, version_id)) != fact_contents(
        parsed.facts
    )
    result = ReparseResult(
        version_id=version_id,
        text_changed=any(values[name] != stored[name] for name in ("text", "content_hash")),
        facts_changed=facts_changed,
        metadata_changed=_metadata_changed(values, stored),
    )
    if result.changed:
        keep_and_replace_parse(
            conn,
            version_id,
            values,
            parsed.facts if facts_changed else None,
            replaced_at=utcnow(),
        )
    elif stored["extractor_version"] != parser_version:
        stamp_parser(conn, version_id, parser_version)
    return result


def _metadata_changed(values: dict[str, Any], stored: Any) -> bool:
    return any(values[name] != stored[name] for name in (*METADATA_FIELDS, "published_date"))
