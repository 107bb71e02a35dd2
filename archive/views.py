"""The archive's views as typed SQLAlchemy tables, for queries from Python.

The views themselves are created by migration 0004 (their SQL lives there). These ``Table``
objects sit in their own ``MetaData`` so that Alembic never tries to create them as tables,
and they give the columns their types: a ``DATE`` read back from SQLite is a ``date``, a
boolean is a ``bool``, on both databases.
"""

from __future__ import annotations

from sqlalchemy import Boolean, Column, Date, Float, Integer, MetaData, String, Table, Text

from archive.types import UTCDateTime

VIEWS_METADATA = MetaData()


def _fact_columns() -> list[Column]:
    return [
        Column("indicator", String),
        Column("metric", String),
        Column("qualifier", String),
        Column("region_code", String),
        Column("region", String),
        Column("entity_kind", String),
        Column("subject", String),
        Column("period_start", Date),
        Column("period_end", Date),
        Column("kind", String),
        Column("basis", String),
        Column("value", Float),
        Column("unit", String),
        Column("norm_value", Float),
        Column("norm_unit", String),
        Column("approx", String),
        Column("estimate", Boolean),
    ]


current_facts = Table(
    "current_facts",
    VIEWS_METADATA,
    Column("fact_id", Integer),
    Column("version_id", Integer),
    Column("article_id", Integer),
    Column("story_id", Integer),
    Column("source_id", Integer),
    Column("url", String),
    Column("title", Text),
    Column("published", String),
    Column("published_date", Date),
    Column("original_source", String),
    Column("parsed_at", UTCDateTime),
    Column("period", String),
    *_fact_columns(),
)

fact_series = Table(
    "fact_series",
    VIEWS_METADATA,
    Column("story_id", Integer),
    Column("article_id", Integer),
    Column("version_id", Integer),
    Column("fact_id", Integer),
    Column("url", String),
    Column("title", Text),
    Column("published", String),
    Column("source", String),
    *_fact_columns(),
    Column("reprints", Integer),
)

figure_conflicts = Table(
    "figure_conflicts",
    VIEWS_METADATA,
    Column("indicator", String),
    Column("region_code", String),
    Column("region", String),
    Column("period_start", Date),
    Column("period_end", Date),
    Column("kind", String),
    Column("basis", String),
    Column("qualifier", String),
    Column("unit", String),
    Column("estimate", Boolean),
    Column("value_a", Float),
    Column("url_a", String),
    Column("article_id_a", Integer),
    Column("story_id_a", Integer),
    Column("value_b", Float),
    Column("url_b", String),
    Column("article_id_b", Integer),
    Column("story_id_b", Integer),
    Column("same_story", Boolean),
)
