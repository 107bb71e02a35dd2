"""contract tables

Revision ID: 0001
Revises:
Create Date: 2026-11-22 00:21:32.436428
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import archive.types

revision: str = "0001"
down_revision: str | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "crawl_runs",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("spider", sa.String(length=64), nullable=False),
        sa.Column("started_at", archive.types.UTCDateTime(timezone=True), nullable=False),
        sa.Column("finished_at", archive.types.UTCDateTime(timezone=True), nullable=True),
        sa.Column("status", sa.String(length=32), nullable=False),
        sa.Column("stats", sa.JSON(), nullable=True),
        sa.Column("hostname", sa.String(length=200), nullable=True),
        sa.Column("pid", sa.Integer(), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_crawl_runs")),
    )
    with op.batch_alter_table("crawl_runs", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_crawl_runs_spider"), ["spider"], unique=False)

    op.create_table(
        "raw_pages",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.Column("url", sa.String(length=2000), nullable=False),
        sa.Column("encoding", sa.String(length=40), nullable=True),
        sa.Column("size", sa.Integer(), nullable=False),
        sa.Column("body_zlib", sa.LargeBinary(), nullable=False),
        sa.Column("fetched_at", archive.types.UTCDateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_raw_pages")),
        sa.UniqueConstraint("sha256", name=op.f("uq_raw_pages_sha256")),
    )
    op.create_table(
        "sources",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("key", sa.String(length=64), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("kind", sa.String(length=32), nullable=False),
        sa.Column("base_url", sa.String(length=500), nullable=False),
        sa.Column("place", sa.String(length=100), nullable=True),
        sa.Column("created_at", archive.types.UTCDateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_sources")),
        sa.UniqueConstraint("key", name=op.f("uq_sources_key")),
    )
    op.create_table(
        "stories",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("original_article_id", sa.Integer(), nullable=True),
        sa.Column("member_count", sa.Integer(), nullable=False),
        sa.Column("first_published", sa.String(length=40), nullable=True),
        sa.Column("created_at", archive.types.UTCDateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_stories")),
    )
    op.create_table(
        "articles",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("url", sa.String(length=2000), nullable=False),
        sa.Column("source_id", sa.Integer(), nullable=False),
        sa.Column("story_id", sa.Integer(), nullable=True),
        sa.Column("is_reprint", sa.Boolean(), nullable=False),
        sa.Column("declared_original_url", sa.String(length=2000), nullable=True),
        sa.Column("first_seen", archive.types.UTCDateTime(timezone=True), nullable=False),
        sa.Column("last_seen", archive.types.UTCDateTime(timezone=True), nullable=False),
        sa.Column("last_changed", archive.types.UTCDateTime(timezone=True), nullable=False),
        sa.Column("checks", sa.Integer(), nullable=False),
        sa.Column("latest_version", sa.Integer(), nullable=False),
        sa.Column("etag", sa.String(length=500), nullable=True),
        sa.Column("last_modified", sa.String(length=100), nullable=True),
        sa.ForeignKeyConstraint(
            ["source_id"], ["sources.id"], name=op.f("fk_articles_source_id_sources")
        ),
        sa.ForeignKeyConstraint(
            ["story_id"],
            ["stories.id"],
            name=op.f("fk_articles_story_id_stories"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_articles")),
        sa.UniqueConstraint("url", name=op.f("uq_articles_url")),
    )
    with op.batch_alter_table("articles", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_articles_source_id"), ["source_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_articles_story_id"), ["story_id"], unique=False)

    op.create_table(
        "fetch_failures",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("url", sa.String(length=2000), nullable=False),
        sa.Column("reason", sa.String(length=200), nullable=False),
        sa.Column("http_status", sa.Integer(), nullable=True),
        sa.Column("detail", sa.Text(), nullable=True),
        sa.Column("spider", sa.String(length=64), nullable=True),
        sa.Column("at", archive.types.UTCDateTime(timezone=True), nullable=False),
        sa.Column("crawl_run_id", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(
            ["crawl_run_id"],
            ["crawl_runs.id"],
            name=op.f("fk_fetch_failures_crawl_run_id_crawl_runs"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_fetch_failures")),
    )
    with op.batch_alter_table("fetch_failures", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_fetch_failures_crawl_run_id"), ["crawl_run_id"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_fetch_failures_url"), ["url"], unique=False)

    # stories.original_article_id and articles.story_id point at each other: the second
    # foreign key is added once both tables exist.
    with op.batch_alter_table("stories", schema=None) as batch_op:
        batch_op.create_foreign_key(
            op.f("fk_stories_original_article_id_articles"),
            "articles",
            ["original_article_id"],
            ["id"],
            ondelete="SET NULL",
        )

    op.create_table(
        "article_versions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("article_id", sa.Integer(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("content_hash", sa.String(length=64), nullable=False),
        sa.Column("facts_hash", sa.String(length=64), nullable=False),
        sa.Column("title", sa.Text(), nullable=True),
        sa.Column("published", sa.String(length=40), nullable=True),
        sa.Column("published_date", sa.Date(), nullable=True),
        sa.Column("author", sa.String(length=200), nullable=True),
        sa.Column("original_source", sa.String(length=200), nullable=True),
        sa.Column("original_title", sa.Text(), nullable=True),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("fetched_at", archive.types.UTCDateTime(timezone=True), nullable=False),
        sa.Column("http_status", sa.Integer(), nullable=False),
        sa.Column("family", sa.String(length=32), nullable=False),
        sa.Column("extractor_version", sa.String(length=64), nullable=False),
        sa.Column("raw_page_id", sa.Integer(), nullable=True),
        sa.Column("crawl_run_id", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(
            ["article_id"],
            ["articles.id"],
            name=op.f("fk_article_versions_article_id_articles"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["crawl_run_id"],
            ["crawl_runs.id"],
            name=op.f("fk_article_versions_crawl_run_id_crawl_runs"),
        ),
        sa.ForeignKeyConstraint(
            ["raw_page_id"],
            ["raw_pages.id"],
            name=op.f("fk_article_versions_raw_page_id_raw_pages"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_article_versions")),
        sa.UniqueConstraint(
            "article_id", "version", name=op.f("uq_article_versions_article_id_version")
        ),
    )
    with op.batch_alter_table("article_versions", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_article_versions_content_hash"), ["content_hash"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_article_versions_published_date"), ["published_date"], unique=False
        )

    op.create_table(
        "lsh_bands",
        sa.Column("band", sa.SmallInteger(), nullable=False),
        sa.Column("hash", sa.BigInteger(), nullable=False),
        sa.Column("article_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["article_id"],
            ["articles.id"],
            name=op.f("fk_lsh_bands_article_id_articles"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("band", "hash", "article_id", name=op.f("pk_lsh_bands")),
    )
    with op.batch_alter_table("lsh_bands", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_lsh_bands_article_id"), ["article_id"], unique=False)

    op.create_table(
        "facts",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("version_id", sa.Integer(), nullable=False),
        sa.Column("metric", sa.String(length=100), nullable=True),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("value", sa.Float(), nullable=False),
        sa.Column("unit", sa.String(length=32), nullable=True),
        sa.Column("norm_value", sa.Float(), nullable=False),
        sa.Column("norm_unit", sa.String(length=32), nullable=True),
        sa.Column("approx", sa.String(length=8), nullable=True),
        sa.Column("basis", sa.String(length=8), nullable=True),
        sa.Column("period", sa.String(length=32), nullable=True),
        sa.Column("subject", sa.String(length=100), nullable=True),
        sa.Column("estimate", sa.Boolean(), nullable=False),
        sa.Column("condition", sa.Boolean(), nullable=False),
        sa.Column("start", sa.Integer(), nullable=False),
        sa.Column("end", sa.Integer(), nullable=False),
        sa.Column("extractor_version", sa.String(length=64), nullable=False),
        sa.Column("current", sa.Boolean(), nullable=False),
        sa.ForeignKeyConstraint(
            ["version_id"],
            ["article_versions.id"],
            name=op.f("fk_facts_version_id_article_versions"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_facts")),
    )
    with op.batch_alter_table("facts", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_facts_current"), ["current"], unique=False)
        batch_op.create_index("ix_facts_metric_period", ["metric", "period"], unique=False)
        batch_op.create_index(batch_op.f("ix_facts_version_id"), ["version_id"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("facts", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_facts_version_id"))
        batch_op.drop_index("ix_facts_metric_period")
        batch_op.drop_index(batch_op.f("ix_facts_current"))

    op.drop_table("facts")
    with op.batch_alter_table("lsh_bands", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_lsh_bands_article_id"))

    op.drop_table("lsh_bands")
    with op.batch_alter_table("article_versions", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_article_versions_published_date"))
        batch_op.drop_index(batch_op.f("ix_article_versions_content_hash"))

    op.drop_table("article_versions")
    with op.batch_alter_table("fetch_failures", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_fetch_failures_url"))
        batch_op.drop_index(batch_op.f("ix_fetch_failures_crawl_run_id"))

    op.drop_table("fetch_failures")
    with op.batch_alter_table("stories", schema=None) as batch_op:
        batch_op.drop_constraint(
            op.f("fk_stories_original_article_id_articles"), type_="foreignkey"
        )
    with op.batch_alter_table("articles", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_articles_story_id"))
        batch_op.drop_index(batch_op.f("ix_articles_source_id"))

    op.drop_table("articles")
    op.drop_table("stories")
    op.drop_table("sources")
    op.drop_table("raw_pages")
    with op.batch_alter_table("crawl_runs", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_crawl_runs_spider"))

    op.drop_table("crawl_runs")
