"""The storage API the pipelines and commands call.

Every write is one short transaction (one unit of work). Races between processes are settled
by the database: unique constraints on ``articles.url``, ``(article_id, version)`` and
``raw_pages.sha256``; the loser of a race rolls back and retries, and then sees the winner's row.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import socket
import time
import zlib
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Literal, TypeVar
from urllib.parse import urlsplit

from sqlalchemy import Connection, Engine, and_, bindparam, func, insert, select, update
from sqlalchemy.exc import IntegrityError, OperationalError
from sqlalchemy.orm import Session, sessionmaker

from archive import db
from archive.models import (
    Article,
    ArticleVersion,
    CrawlRun,
    Fact,
    FetchFailure,
    RawPage,
    Source,
)
from archive.stories import SavedVersion, assign_story
from archive.types import utcnow
from archive.writer import INSERT_VERSION, facts_fingerprint, parse_values, write_facts
from pipelines.items import ArticleItem

logger = logging.getLogger(__name__)

T = TypeVar("T")

SaveStatus = Literal["new", "version", "unchanged"]

_articles = Article.__table__
_versions = ArticleVersion.__table__
_raw_pages = RawPage.__table__

# The statements of a save, built once (see Archive._save).
_FIND_ARTICLE = (
    select(
        _articles.c.id,
        _articles.c.story_id,
        _articles.c.latest_version,
        _articles.c.last_seen,
        _articles.c.etag,
        _articles.c.last_modified,
        _articles.c.declared_original_url,
        _versions.c.id.label("version_id"),
        _versions.c.version,
        _versions.c.content_hash,
        _versions.c.facts_hash,
    )
    .outerjoin(
        _versions,
        and_(
            _versions.c.article_id == _articles.c.id,
            _versions.c.version == _articles.c.latest_version,
        ),
    )
    .where(_articles.c.url == bindparam("url"))
)
_RECORD_CHECK = (
    update(_articles)
    .where(_articles.c.id == bindparam("article_id"))
    .values(
        checks=_articles.c.checks + 1,
        last_seen=bindparam("last_seen"),
        etag=bindparam("etag"),
        last_modified=bindparam("last_modified"),
    )
)
# A new version is a check that also moves the article's latest version.
_RECORD_VERSION = _RECORD_CHECK.values(
    last_changed=bindparam("last_changed"),
    latest_version=bindparam("latest_version"),
    declared_original_url=bindparam("declared_original_url"),
)
_INSERT_ARTICLE = insert(_articles).returning(_articles.c.id)
_FIND_RAW_PAGE = select(_raw_pages.c.id).where(_raw_pages.c.sha256 == bindparam("sha256"))
_INSERT_RAW_PAGE = insert(_raw_pages).returning(_raw_pages.c.id)


class SchemaNotReady(RuntimeError):
    """The database has no archive schema (or an old one) and may not be migrated implicitly."""


@dataclass(frozen=True, slots=True)
class SaveOutcome:
    status: SaveStatus
    article_id: int
    version: int
    version_id: int
    story_id: int | None


@dataclass(frozen=True, slots=True)
class KnownArticle:
    """What the spiders need to decide whether an article is due for a revisit."""

    url: str
    first_seen: datetime
    last_seen: datetime
    last_changed: datetime
    etag: str | None
    last_modified: str | None
    checks: int


def _base_url(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}/"


class Archive:
    """The archive database: ``Archive.from_url(url)`` then the methods below."""

    def __init__(self, engine: Engine, *, retries: int = 8) -> None:
        self.engine = engine
        self.sessions = sessionmaker(engine, expire_on_commit=False)
        self.retries = retries
        self._source_ids: dict[str, int] = {}

    @classmethod
    def from_url(cls, url: str | None = None, *, upgrade: bool | None = None) -> Archive:
        """Open the archive at ``url`` (or ``NEWSCRAWL_DB_URL``, or the default SQLite file).

        An empty SQLite database is migrated on the spot so that a first crawl needs no extra
        step. A server database is only migrated by ``newscrawl db upgrade`` (or
        ``upgrade=True``): with several workers, schema changes are an operator's decision.
        """
        engine = db.create_archive_engine(url)
        if upgrade is None:
            upgrade = engine.dialect.name == "sqlite"
        current = db.current_revision(engine)
        if current != db.head_revision():
            if not upgrade:
                raise SchemaNotReady(
                    f"the archive at {db.redact(str(engine.url))} is at schema revision "
                    f"{current or 'none'}; run `newscrawl db upgrade` first"
                )
            db.upgrade(engine)
        return cls(engine)

    @property
    def db_location(self) -> str:
        return db.redact(self.engine.url.render_as_string(hide_password=False))

    def close(self) -> None:
        self.engine.dispose()

    # -- unit-of-work helper ---------------------------------------------------------------

    def _transaction(self, work: Callable[[Session], T]) -> T:
        """Run ``work`` in one transaction, retrying when it lost a race or the database
        was briefly unavailable (a restart, a lock held past the busy timeout)."""
        delay = 0.05
        for attempt in range(1, self.retries + 1):
            try:
                with self.sessions() as session, session.begin():
                    return work(session)
            except IntegrityError:
                if attempt == self.retries:
                    raise
                # Another process inserted the same row first: the retry will find it.
            except OperationalError as error:
                if attempt == self.retries:
                    raise
                logger.warning("archive write failed (%s), retry %d", error.orig, attempt)
                time.sleep(delay)
                delay = min(delay * 2, 5.0)
        raise AssertionError("unreachable")

    # -- sources ---------------------------------------------------------------------------

    def ensure_source(
        self, key: str, name: str, kind: str, base_url: str, place: str | None = None
    ) -> int:
        """The id of source ``key``, created or updated to the given description."""

        def work(session: Session) -> int:
            source = session.scalar(select(Source).where(Source.key == key))
            if source is None:
                source = Source(key=key, name=name, kind=kind, base_url=base_url, place=place)
                session.add(source)
                session.flush()
            else:
                source.name, source.kind, source.base_url = name, kind, base_url
                source.place = place if place is not None else source.place
            return source.id

        source_id = self._transaction(work)
        self._source_ids[key] = source_id
        return source_id

    def _source_id(self, session: Session, item: ArticleItem) -> int:
        cached = self._source_ids.get(item.source_key)
        if cached is not None:
            return cached
        source_id = session.scalar(select(Source.id).where(Source.key == item.source_key))
        if source_id is None:
            source = Source(
                key=item.source_key,
                name=item.source_key,
                kind=item.family,
                base_url=_base_url(item.url),
            )
            session.add(source)
            session.flush()
            return source.id  # not cached: this transaction may still roll back
        self._source_ids[item.source_key] = source_id
        return source_id

    # -- articles --------------------------------------------------------------------------

    def save_article(self, item: ArticleItem, *, crawl_run_id: int | None = None) -> SaveOutcome:
        """Store one extracted article in one transaction.

        Finds or creates the article by URL, compares the normalized content hash and the
        facts with the latest version, and either records a check (``unchanged``) or writes
        version N+1 with its raw page and facts (``new`` for version 1, else ``version``).
        """
        if not item.content_hash:
            raise ValueError(f"{item.url}: item has no content_hash (CleanPipeline not run?)")
        facts_hash = facts_fingerprint(item.facts)
        return self._transaction(
            lambda session: self._save(session, item, facts_hash, crawl_run_id)
        )

    def _save(
        self, session: Session, item: ArticleItem, facts_hash: str, crawl_run_id: int | None
    ) -> SaveOutcome:
        # Core statements on the transaction's connection: this runs for every archived page,
        # and the ORM's unit of work cost more than the statements (docs/benchmarks.md).
        conn = session.connection()
        now = item.fetched_at
        found = conn.execute(_FIND_ARTICLE, {"url": item.url}).first()
        if (
            found is not None
            and found.version_id is not None
            and found.content_hash == item.content_hash
            and found.facts_hash == facts_hash
        ):
            conn.execute(
                _RECORD_CHECK,
                {
                    "article_id": found.id,
                    "last_seen": max(found.last_seen, now),
                    "etag": item.etag or found.etag,
                    "last_modified": item.last_modified or found.last_modified,
                },
            )
            return SaveOutcome(
                "unchanged", found.id, found.version, found.version_id, found.story_id
            )

        raw_page_id = self._raw_page_id(conn, item) if item.raw_body else None
        if found is None:
            # An IntegrityError here means another process created it first: the retry finds it.
            article_id = conn.execute(
                _INSERT_ARTICLE,
                {
                    "url": item.url,
                    "source_id": self._source_id(session, item),
                    "declared_original_url": item.declared_original_url,
                    "place": item.place,
                    "first_seen": now,
                    "last_seen": now,
                    "last_changed": now,
                    "checks": 1,
                    "latest_version": 1,
                    "etag": item.etag,
                    "last_modified": item.last_modified,
                },
            ).scalar_one()
            number, story_id = 1, None
            declared_original_url = item.declared_original_url
        else:
            article_id, number, story_id = found.id, found.latest_version + 1, found.story_id
            declared_original_url = item.declared_original_url or found.declared_original_url
            conn.execute(
                _RECORD_VERSION,
                {
                    "article_id": article_id,
                    "last_seen": max(found.last_seen, now),
                    "last_changed": now,
                    "latest_version": number,
                    "etag": item.etag or found.etag,
                    "last_modified": item.last_modified or found.last_modified,
                    "declared_original_url": declared_original_url,
                },
            )
        # IntegrityError on (article_id, version): a concurrent save of the same page won.
        version_id = conn.execute(
            INSERT_VERSION,
            {
                "article_id": article_id,
                "version": number,
                **parse_values(
                    item,
                    text=item.text,
                    content_hash=item.content_hash,
                    facts_hash=facts_hash,
                    parser_version=item.parser_version,
                ),
                "fetched_at": now,
                "http_status": item.http_status,
                "family": item.family,
                "raw_page_id": raw_page_id,
                "crawl_run_id": crawl_run_id,
                "parsed_at": utcnow(),
            },
        ).scalar_one()
        write_facts(conn, version_id, item.facts, item.parser_version)
        saved = SavedVersion(
            article_id=article_id,
            url=item.url,
            declared_original_url=declared_original_url,
            story_id=story_id,
            version=number,
            content_hash=item.content_hash,
            text=item.text,
            published=item.published,
        )
        story_id = assign_story(conn, saved, item.minhash)
        return SaveOutcome(
            "new" if number == 1 else "version", article_id, number, version_id, story_id
        )

    def _raw_page_id(self, conn: Connection, item: ArticleItem) -> int:
        digest = hashlib.sha256(item.raw_body).hexdigest()
        existing = conn.execute(_FIND_RAW_PAGE, {"sha256": digest}).scalar()
        if existing is not None:
            return existing
        return conn.execute(
            _INSERT_RAW_PAGE,
            {
                "sha256": digest,
                "url": item.url,
                "encoding": item.encoding,
                "size": len(item.raw_body),
                "body_zlib": zlib.compress(item.raw_body, 6),
                "fetched_at": item.fetched_at,
            },
        ).scalar_one()

    def record_not_modified(self, url: str, at: datetime | None = None) -> None:
        """A revisit found the page unchanged (HTTP 304): it was still there at ``at``."""
        at = at or utcnow()

        def work(session: Session) -> None:
            session.execute(
                update(Article)
                .where(Article.url == url)
                .values(last_seen=at, checks=Article.checks + 1)
            )

        self._transaction(work)

    def known_articles(self, source_key: str) -> dict[str, KnownArticle]:
        with self.sessions() as session:
            rows = session.execute(
                select(
                    Article.url,
                    Article.first_seen,
                    Article.last_seen,
                    Article.last_changed,
                    Article.etag,
                    Article.last_modified,
                    Article.checks,
                )
                .join(Source, Source.id == Article.source_id)
                .where(Source.key == source_key)
            )
            return {row.url: KnownArticle(*row) for row in rows}

    # -- crawl runs and failures -----------------------------------------------------------

    def start_crawl_run(self, spider: str) -> int:
        def work(session: Session) -> int:
            run = CrawlRun(
                spider=spider,
                started_at=utcnow(),
                status="running",
                hostname=socket.gethostname(),
                pid=os.getpid(),
            )
            session.add(run)
            session.flush()
            return run.id

        return self._transaction(work)

    def finish_crawl_run(self, run_id: int, status: str, stats: dict[str, Any]) -> None:
        clean_stats = json.loads(json.dumps(stats, default=str))

        def work(session: Session) -> None:
            session.execute(
                update(CrawlRun)
                .where(CrawlRun.id == run_id)
                .values(finished_at=utcnow(), status=status, stats=clean_stats)
            )

        self._transaction(work)

    def record_failure(
        self,
        url: str,
        reason: str,
        http_status: int | None = None,
        *,
        crawl_run_id: int | None = None,
        spider: str | None = None,
        detail: str | None = None,
    ) -> None:
        def work(session: Session) -> None:
            session.add(
                FetchFailure(
                    url=url,
                    reason=reason[:200],
                    http_status=http_status,
                    detail=detail,
                    spider=spider,
                    at=utcnow(),
                    crawl_run_id=crawl_run_id,
                )
            )

        self._transaction(work)

    # -- reporting -------------------------------------------------------------------------

    def summary(self) -> list[dict[str, Any]]:
        """Per source: pages fetched, articles, versions, current facts, reprints, failures."""
        with self.sessions() as session:
            articles = dict(
                session.execute(
                    select(Article.source_id, func.count()).group_by(Article.source_id)
                ).all()
            )
            pages = dict(
                session.execute(
                    select(Article.source_id, func.sum(Article.checks)).group_by(Article.source_id)
                ).all()
            )
            reprints = dict(
                session.execute(
                    select(Article.source_id, func.count())
                    .where(Article.is_reprint.is_(True))
                    .group_by(Article.source_id)
                ).all()
            )
            versions = dict(
                session.execute(
                    select(Article.source_id, func.count())
                    .join(ArticleVersion, ArticleVersion.article_id == Article.id)
                    .group_by(Article.source_id)
                ).all()
            )
            facts = dict(
                session.execute(
                    select(Article.source_id, func.count())
                    .join(ArticleVersion, ArticleVersion.article_id == Article.id)
                    .join(Fact, Fact.version_id == ArticleVersion.id)
                    .where(Fact.current.is_(True))
                    .group_by(Article.source_id)
                ).all()
            )
            failures = dict(
                session.execute(
                    select(FetchFailure.spider, func.count()).group_by(FetchFailure.spider)
                ).all()
            )
            rows = []
            for source in session.scalars(select(Source).order_by(Source.key)):
                rows.append(
                    {
                        "source": source.key,
                        "pages": int(pages.get(source.id) or 0),
                        "articles": articles.get(source.id, 0),
                        "versions": versions.get(source.id, 0),
                        "facts": facts.get(source.id, 0),
                        "duplicates": reprints.get(source.id, 0),
                        "failures": failures.get(source.key, 0),
                    }
                )
            return rows
