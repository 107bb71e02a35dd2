"""What ``newscrawl export`` and ``newscrawl articles`` read: typed queries, one per table.

``since`` makes each export a change feed. A version's ``parsed_at`` is when its current parse
(text, metadata, facts) was written — by the crawl that stored it or by the latest
``newscrawl reparse`` — so "changed after T" is ``parsed_at > T``:

- ``versions``: the versions stored or re-parsed after T;
- ``facts``: the current facts of those versions (replace a version's facts by ``version_id``);
- ``articles``: the articles with such a version;
- ``series``: the rows of every story with such a member (a new reprint changes ``reprints``).
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime
from typing import Any, Literal

from sqlalchemy import Connection, Select, and_, exists, select

from archive.models import Article, ArticleVersion, Fact, Source
from archive.views import fact_series

Table = Literal["articles", "versions", "facts", "series"]
TABLES: tuple[Table, ...] = ("articles", "versions", "facts", "series")

_latest = ArticleVersion.__table__.alias("latest")


def _articles(since: datetime | None) -> Select[Any]:
    query = (
        select(
            Article.id,
            Article.url,
            Source.key.label("source"),
            Article.story_id,
            Article.is_reprint,
            Article.latest_version,
            _latest.c.title,
            _latest.c.published,
            _latest.c.original_source,
            Article.first_seen,
            Article.last_seen,
            Article.last_changed,
        )
        .join(Source, Source.id == Article.source_id)
        .join(
            _latest,
            and_(_latest.c.article_id == Article.id, _latest.c.version == Article.latest_version),
        )
        .order_by(Article.id)
    )
    if since is not None:
        query = query.where(
            exists().where(
                ArticleVersion.article_id == Article.id, ArticleVersion.parsed_at > since
            )
        )
    return query


def _versions(since: datetime | None) -> Select[Any]:
    query = (
        select(
            ArticleVersion.id,
            ArticleVersion.article_id,
            Article.url,
            ArticleVersion.version,
            ArticleVersion.content_hash,
            ArticleVersion.title,
            ArticleVersion.published,
            ArticleVersion.author,
            ArticleVersion.original_source,
            ArticleVersion.original_title,
            ArticleVersion.text,
            ArticleVersion.fetched_at,
            ArticleVersion.parsed_at,
            ArticleVersion.extractor_version,
        )
        .join(Article, Article.id == ArticleVersion.article_id)
        .order_by(ArticleVersion.id)
    )
    if since is not None:
        query = query.where(ArticleVersion.parsed_at > since)
    return query


def _facts(since: datetime | None) -> Select[Any]:
    query = (
        select(
            Fact.id,
            Fact.version_id,
            ArticleVersion.article_id,
            Article.url,
            Fact.metric,
            Fact.indicator,
            Fact.qualifier,
            Fact.kind,
            Fact.value,
            Fact.unit,
            Fact.norm_value,
            Fact.norm_unit,
            Fact.approx,
            Fact.basis,
            Fact.period,
            Fact.period_start,
            Fact.period_end,
            Fact.subject,
            Fact.entity_kind,
            Fact.region_code,
            Fact.region,
            Fact.estimate,
            Fact.start,
            Fact.end,
            Fact.extractor_version,
            ArticleVersion.parsed_at,
        )
        .join(ArticleVersion, ArticleVersion.id == Fact.version_id)
        .join(Article, Article.id == ArticleVersion.article_id)
        .where(Fact.current.is_(True))
        .order_by(Fact.id)
    )
    if since is not None:
        query = query.where(ArticleVersion.parsed_at > since)
    return query


def _series(since: datetime | None) -> Select[Any]:
    query = select(fact_series).order_by(fact_series.c.story_id, fact_series.c.fact_id)
    if since is not None:
        changed_stories = (
            select(Article.story_id)
            .join(ArticleVersion, ArticleVersion.article_id == Article.id)
            .where(ArticleVersion.parsed_at > since)
        )
        query = query.where(fact_series.c.story_id.in_(changed_stories))
    return query


_QUERIES = {"articles": _articles, "versions": _versions, "facts": _facts, "series": _series}


def export_query(table: Table, since: datetime | None = None) -> Select[Any]:
    return _QUERIES[table](since)


def export_rows(
    connection: Connection, table: Table, since: datetime | None = None, *, batch: int = 1000
) -> Iterator[dict[str, Any]]:
    """The rows of ``table`` (changed after ``since``), streamed from the server."""
    result = connection.execution_options(yield_per=batch).execute(export_query(table, since))
    for row in result.mappings():
        yield dict(row)


def find_articles(
    connection: Connection, *, source: str | None = None, search: str | None = None
) -> Iterator[dict[str, Any]]:
    """Articles with their latest title: of one source, and/or whose title or URL contains
    ``search`` (a plain substring, no wildcards)."""
    query = select(
        Article.id,
        Source.key.label("source"),
        _latest.c.published,
        Article.latest_version.label("versions"),
        _latest.c.title,
        Article.url,
    ).select_from(Article)
    query = (
        query.join(Source, Source.id == Article.source_id)
        .join(
            _latest,
            and_(_latest.c.article_id == Article.id, _latest.c.version == Article.latest_version),
        )
        .order_by(Article.id)
    )
    if source:
        query = query.where(Source.key == source)
    if search:
        query = query.where(
            _latest.c.title.contains(search, autoescape=True)
            | Article.url.contains(search, autoescape=True)
        )
    for row in connection.execute(query).mappings():
        yield dict(row)
