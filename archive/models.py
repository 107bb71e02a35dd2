"""SQLAlchemy 2.0 models of the archive.

The tables and columns of the consumer contract documented in docs/schema.md are promised to
downstream users; everything else here may change with a migration.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any, ClassVar

from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    Date,
    Float,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    SmallInteger,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

from archive.types import UTCDateTime, utcnow

# Explicit constraint names so that Alembic migrations are the same on SQLite and PostgreSQL.
NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)
    type_annotation_map: ClassVar[dict[Any, Any]] = {datetime: UTCDateTime(), dict[str, Any]: JSON}


class Source(Base):
    """A site in the source registry (or ``site`` for pages found by the generic spider)."""

    __tablename__ = "sources"

    id: Mapped[int] = mapped_column(primary_key=True)
    key: Mapped[str] = mapped_column(String(64), unique=True)
    name: Mapped[str] = mapped_column(String(200))
    kind: Mapped[str] = mapped_column(String(32))  # CMS family
    base_url: Mapped[str] = mapped_column(String(500))
    place: Mapped[str | None] = mapped_column(String(100))  # resolves 全区/全市 in facts
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class Story(Base):
    """One story and all its reprints. The earliest-published member is the original."""

    __tablename__ = "stories"

    id: Mapped[int] = mapped_column(primary_key=True)
    original_article_id: Mapped[int | None] = mapped_column(
        ForeignKey("articles.id", use_alter=True, ondelete="SET NULL")
    )
    member_count: Mapped[int] = mapped_column(default=0)
    first_published: Mapped[str | None] = mapped_column(String(40))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class Article(Base):
    """One page, identified by its canonical URL, across all its versions."""

    __tablename__ = "articles"
    __table_args__ = (
        # Story lookup "which pages declare this URL as their original" (archive.stories).
        # A hash index: equality is all it serves, and it has no key-length limit on PostgreSQL.
        Index(
            "ix_articles_declared_original_url",
            "declared_original_url",
            postgresql_using="hash",
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    url: Mapped[str] = mapped_column(String(2000), unique=True)
    source_id: Mapped[int] = mapped_column(ForeignKey("sources.id"), index=True)
    story_id: Mapped[int | None] = mapped_column(
        ForeignKey("stories.id", ondelete="SET NULL"), index=True
    )
    is_reprint: Mapped[bool] = mapped_column(default=False)
    declared_original_url: Mapped[str | None] = mapped_column(String(2000))
    # The place the carrying site reports on, as the crawl knew it (a registry source's place,
    # or what the generic spider learnt of its site): ``newscrawl reparse`` needs it to give
    # the facts the crawl gave, and the generic spider's sites share one ``sources`` row.
    place: Mapped[str | None] = mapped_column(String(100))
    first_seen: Mapped[datetime] = mapped_column(default=utcnow)
    last_seen: Mapped[datetime] = mapped_column(default=utcnow)
    last_changed: Mapped[datetime] = mapped_column(default=utcnow)
    checks: Mapped[int] = mapped_column(default=1)  # fetches that found it (changed or not)
    latest_version: Mapped[int] = mapped_column(default=0)
    etag: Mapped[str | None] = mapped_column(String(500))
    last_modified: Mapped[str | None] = mapped_column(String(100))

    source: Mapped[Source] = relationship()
    versions: Mapped[list[ArticleVersion]] = relationship(
        back_populates="article", order_by="ArticleVersion.version"
    )


class RawPage(Base):
    """The bytes of a fetched page, zlib-compressed, shared by identical fetches."""

    __tablename__ = "raw_pages"

    id: Mapped[int] = mapped_column(primary_key=True)
    sha256: Mapped[str] = mapped_column(String(64), unique=True)
    url: Mapped[str] = mapped_column(String(2000))
    encoding: Mapped[str | None] = mapped_column(String(40))
    size: Mapped[int] = mapped_column()
    body_zlib: Mapped[bytes] = mapped_column(LargeBinary)
    fetched_at: Mapped[datetime] = mapped_column()


class ArticleVersion(Base):
    """One content state of an article. Version N+1 exists only when the cleaned text or its
    facts really changed since version N."""

    __tablename__ = "article_versions"
    __table_args__ = (UniqueConstraint("article_id", "version"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    article_id: Mapped[int] = mapped_column(ForeignKey("articles.id", ondelete="CASCADE"))
    version: Mapped[int] = mapped_column()
    content_hash: Mapped[str] = mapped_column(String(64), index=True)
    facts_hash: Mapped[str] = mapped_column(String(64))
    title: Mapped[str | None] = mapped_column(Text)
    published: Mapped[str | None] = mapped_column(String(40))  # the page's own, ISO 8601
    published_date: Mapped[date | None] = mapped_column(Date, index=True)
    author: Mapped[str | None] = mapped_column(String(200))
    original_source: Mapped[str | None] = mapped_column(String(200))
    original_title: Mapped[str | None] = mapped_column(Text)
    text: Mapped[str] = mapped_column(Text)
    fetched_at: Mapped[datetime] = mapped_column()
    http_status: Mapped[int] = mapped_column(default=200)
    family: Mapped[str] = mapped_column(String(32))
    # The parser version (pipelines.parse.PARSER_VERSION: extraction and cleaning + facts) of
    # the current parse; the name is historical (renaming the column would buy nothing).
    extractor_version: Mapped[str] = mapped_column(String(64), default="")
    raw_page_id: Mapped[int | None] = mapped_column(ForeignKey("raw_pages.id"))
    crawl_run_id: Mapped[int | None] = mapped_column(ForeignKey("crawl_runs.id"))
    # When the current parse (text, metadata and facts) was written: the save of the version,
    # or the latest ``newscrawl reparse``. The change feed (``newscrawl export --since``).
    # Nullable only because migration 0004 adds it to a table SQLite cannot safely rebuild;
    # the migration fills it and every writer sets it.
    parsed_at: Mapped[datetime | None] = mapped_column(default=utcnow, index=True)

    article: Mapped[Article] = relationship(back_populates="versions")
    raw_page: Mapped[RawPage | None] = relationship()
    facts: Mapped[list[Fact]] = relationship(
        back_populates="version", order_by="Fact.id", cascade="all, delete-orphan"
    )


class Fact(Base):
    """A figure extracted from a version's text. ``current`` marks the facts of the newest
    extractor run; a re-parse adds rows instead of overwriting, so old results stay."""

    __tablename__ = "facts"
    __table_args__ = (
        Index("ix_facts_metric_period", "metric", "period"),
        # The series queries: one indicator over time in one region, or everything in a region.
        Index("ix_facts_indicator_region_period", "indicator", "region_code", "period_start"),
        Index("ix_facts_region_period", "region_code", "period_start"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    version_id: Mapped[int] = mapped_column(
        ForeignKey("article_versions.id", ondelete="CASCADE"), index=True
    )
    metric: Mapped[str | None] = mapped_column(String(100))
    kind: Mapped[str] = mapped_column(String(16))
    value: Mapped[float] = mapped_column(Float)
    unit: Mapped[str | None] = mapped_column(String(32))
    norm_value: Mapped[float] = mapped_column(Float)
    norm_unit: Mapped[str | None] = mapped_column(String(32))
    approx: Mapped[str | None] = mapped_column(String(8))
    basis: Mapped[str | None] = mapped_column(String(8))
    period: Mapped[str | None] = mapped_column(String(32))
    period_start: Mapped[date | None] = mapped_column(Date)
    period_end: Mapped[date | None] = mapped_column(Date)
    subject: Mapped[str | None] = mapped_column(String(100))
    region_code: Mapped[str | None] = mapped_column(String(6))  # GB/T 2260 → regions.code
    region: Mapped[str | None] = mapped_column(String(100))
    entity_kind: Mapped[str | None] = mapped_column(String(16))
    indicator: Mapped[str | None] = mapped_column(String(64))  # → indicators.key
    qualifier: Mapped[str | None] = mapped_column(String(100))
    estimate: Mapped[bool] = mapped_column(Boolean, default=False)
    start: Mapped[int] = mapped_column(Integer)
    end: Mapped[int] = mapped_column(Integer)
    extractor_version: Mapped[str] = mapped_column(String(64))
    current: Mapped[bool] = mapped_column(Boolean, default=True, index=True)

    version: Mapped[ArticleVersion] = relationship(back_populates="facts")


class VersionParse(Base):
    """An earlier parse of a version, kept when ``newscrawl reparse`` replaced it.

    The version row always holds the newest parse (so the next crawl compares against the hash
    the current cleaner produces); what an older parser made of the same raw page stays here,
    and its facts stay in ``facts`` with ``current = false``.
    """

    __tablename__ = "version_parses"

    id: Mapped[int] = mapped_column(primary_key=True)
    version_id: Mapped[int] = mapped_column(
        ForeignKey("article_versions.id", ondelete="CASCADE"), index=True
    )
    extractor_version: Mapped[str] = mapped_column(String(64))
    title: Mapped[str | None] = mapped_column(Text)
    published: Mapped[str | None] = mapped_column(String(40))
    author: Mapped[str | None] = mapped_column(String(200))
    original_source: Mapped[str | None] = mapped_column(String(200))
    original_title: Mapped[str | None] = mapped_column(Text)
    text: Mapped[str] = mapped_column(Text)
    content_hash: Mapped[str] = mapped_column(String(64))
    facts_hash: Mapped[str] = mapped_column(String(64))
    replaced_at: Mapped[datetime] = mapped_column()


class Region(Base):
    """A division of China (GB/T 2260), copied from the dataset shipped in ``pipelines.regions``.

    Not a foreign key target of ``facts.region_code``: a dataset update may retire a code that
    old facts still carry. Refreshed by every ``newscrawl db upgrade`` (archive.reference).
    """

    __tablename__ = "regions"

    code: Mapped[str] = mapped_column(String(6), primary_key=True)
    name: Mapped[str] = mapped_column(String(100), index=True)
    parent_code: Mapped[str | None] = mapped_column(String(6), index=True)
    level: Mapped[str] = mapped_column(String(16))  # province, prefecture, county


class Indicator(Base):
    """An entry of the indicator taxonomy (``facts.indicator``), for browsing and lookups by
    Chinese name. Refreshed with the regions."""

    __tablename__ = "indicators"

    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    name: Mapped[str] = mapped_column(String(100), index=True)
    unit_family: Mapped[str] = mapped_column(String(32))  # count, money, area, …
    definition: Mapped[str] = mapped_column(Text)


class LshBand(Base):
    """One MinHash LSH band of an article's text: the persistent near-duplicate index.

    Lookup is an indexed equality match per band, so its cost does not grow with the archive.
    """

    __tablename__ = "lsh_bands"

    band: Mapped[int] = mapped_column(SmallInteger, primary_key=True)
    hash: Mapped[int] = mapped_column(BigInteger, primary_key=True)
    article_id: Mapped[int] = mapped_column(
        ForeignKey("articles.id", ondelete="CASCADE"), primary_key=True, index=True
    )


class CrawlRun(Base):
    __tablename__ = "crawl_runs"

    id: Mapped[int] = mapped_column(primary_key=True)
    spider: Mapped[str] = mapped_column(String(64), index=True)
    started_at: Mapped[datetime] = mapped_column(default=utcnow)
    finished_at: Mapped[datetime | None] = mapped_column()
    status: Mapped[str] = mapped_column(String(32), default="running")
    stats: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    hostname: Mapped[str | None] = mapped_column(String(200))
    pid: Mapped[int | None] = mapped_column()


class FetchFailure(Base):
    __tablename__ = "fetch_failures"

    id: Mapped[int] = mapped_column(primary_key=True)
    url: Mapped[str] = mapped_column(String(2000), index=True)
    reason: Mapped[str] = mapped_column(String(200))
    http_status: Mapped[int | None] = mapped_column()
    detail: Mapped[str | None] = mapped_column(Text)
    spider: Mapped[str | None] = mapped_column(String(64))
    at: Mapped[datetime] = mapped_column(default=utcnow)
    crawl_run_id: Mapped[int | None] = mapped_column(
        ForeignKey("crawl_runs.id", ondelete="SET NULL"), index=True
    )
