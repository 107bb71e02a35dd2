"""fact series: dated periods, region codes, indicators; regions and indicators tables; the
views current_facts, fact_series and figure_conflicts; facts.condition dropped

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-01 19:00:00.000000

The views are defined here, in SQL that SQLite and PostgreSQL both run. A later migration that
rebuilds ``facts``, ``articles`` or ``article_versions`` on SQLite (batch mode) must drop the
views first and create them again afterwards: SQLite checks views when a table is renamed.
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import archive.types

revision: str = "0004"
down_revision: str | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# Every current fact of the latest version of every article, with its article and story.
CURRENT_FACTS = """
CREATE VIEW current_facts AS
SELECT f.id AS fact_id, f.version_id, v.article_id, a.story_id, a.source_id, a.url, v.title,
       v.published, v.published_date, v.original_source, v.parsed_at,
       f.indicator, f.metric, f.qualifier, f.subject, f.entity_kind, f.region_code, f.region,
       f.period, f.period_start, f.period_end, f.kind, f.basis, f.value, f.unit,
       f.norm_value, f.norm_unit, f.approx, f.estimate
FROM facts f
JOIN article_versions v ON v.id = f.version_id
JOIN articles a ON a.id = v.article_id AND a.latest_version = v.version
WHERE f.current
"""

# One row per current fact of each story's original article. A figure "repeats" in another
# article of the story when kind, normalized value and unit and basis are the same.
FACT_SERIES = """
CREATE VIEW fact_series AS
SELECT o.story_id, o.article_id, o.version_id, o.fact_id, o.url, o.title, o.published,
       COALESCE(o.original_source, s.name) AS source,
       o.indicator, o.metric, o.qualifier, o.region_code, o.region, o.entity_kind, o.subject,
       o.period_start, o.period_end, o.kind, o.basis, o.value, o.unit,
       o.norm_value, o.norm_unit, o.approx, o.estimate,
       (SELECT count(DISTINCT r.article_id) FROM current_facts r
         WHERE r.story_id = o.story_id AND r.article_id <> o.article_id
           AND r.kind = o.kind AND r.norm_value = o.norm_value
           AND COALESCE(r.norm_unit, '') = COALESCE(o.norm_unit, '')
           AND COALESCE(r.basis, '') = COALESCE(o.basis, '')) AS reprints
FROM current_facts o
JOIN stories st ON st.id = o.story_id AND st.original_article_id = o.article_id
JOIN sources s ON s.id = o.source_id
"""

# Two current articles giving different exact values for the same indicator, region, period,
# kind, unit, basis, qualifier and estimate flag. Approximate figures (约, 近, 超…) are left out:
# they do not claim an exact value. Each pair once (article a < article b).
FIGURE_CONFLICTS = """
CREATE VIEW figure_conflicts AS
SELECT DISTINCT x.indicator, x.region_code, x.region, x.period_start, x.period_end, x.kind,
       x.basis, x.qualifier, x.norm_unit AS unit, x.estimate,
       x.norm_value AS value_a, x.url AS url_a, x.article_id AS article_id_a,
       x.story_id AS story_id_a,
       y.norm_value AS value_b, y.url AS url_b, y.article_id AS article_id_b,
       y.story_id AS story_id_b,
       (x.story_id = y.story_id) AS same_story
FROM current_facts x
JOIN current_facts y
  ON y.indicator = x.indicator AND y.region_code = x.region_code
 AND y.period_start = x.period_start AND y.period_end = x.period_end
 AND y.kind = x.kind AND y.norm_unit = x.norm_unit
 AND COALESCE(y.basis, '') = COALESCE(x.basis, '')
 AND COALESCE(y.qualifier, '') = COALESCE(x.qualifier, '')
 AND y.estimate = x.estimate
 AND y.article_id > x.article_id
 AND y.norm_value <> x.norm_value
WHERE x.approx IS NULL AND y.approx IS NULL
"""

VIEWS = (("current_facts", CURRENT_FACTS), ("fact_series", FACT_SERIES))
VIEWS += (("figure_conflicts", FIGURE_CONFLICTS),)


def upgrade() -> None:
    op.create_table(
        "regions",
        sa.Column("code", sa.String(length=6), nullable=False),
        sa.Column("name", sa.String(length=100), nullable=False),
        sa.Column("parent_code", sa.String(length=6), nullable=True),
        sa.Column("level", sa.String(length=16), nullable=False),
        sa.PrimaryKeyConstraint("code", name=op.f("pk_regions")),
    )
    with op.batch_alter_table("regions", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_regions_name"), ["name"], unique=False)
        batch_op.create_index(batch_op.f("ix_regions_parent_code"), ["parent_code"], unique=False)

    op.create_table(
        "indicators",
        sa.Column("key", sa.String(length=64), nullable=False),
        sa.Column("name", sa.String(length=100), nullable=False),
        sa.Column("unit_family", sa.String(length=32), nullable=False),
        sa.Column("definition", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("key", name=op.f("pk_indicators")),
    )
    with op.batch_alter_table("indicators", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_indicators_name"), ["name"], unique=False)

    # article_versions is the parent of facts and version_parses: on SQLite a batch rebuild
    # would drop it, and with foreign keys on that deletes their rows. So parsed_at is added
    # nullable (a plain ADD COLUMN) and filled; every writer sets it.
    op.add_column(
        "article_versions",
        sa.Column("parsed_at", archive.types.UTCDateTime(timezone=True), nullable=True),
    )
    op.execute("UPDATE article_versions SET parsed_at = fetched_at")
    op.create_index(
        op.f("ix_article_versions_parsed_at"), "article_versions", ["parsed_at"], unique=False
    )

    with op.batch_alter_table("facts", schema=None) as batch_op:
        batch_op.add_column(sa.Column("period_start", sa.Date(), nullable=True))
        batch_op.add_column(sa.Column("period_end", sa.Date(), nullable=True))
        batch_op.add_column(sa.Column("region_code", sa.String(length=6), nullable=True))
        batch_op.add_column(sa.Column("region", sa.String(length=100), nullable=True))
        batch_op.add_column(sa.Column("entity_kind", sa.String(length=16), nullable=True))
        batch_op.add_column(sa.Column("indicator", sa.String(length=64), nullable=True))
        batch_op.add_column(sa.Column("qualifier", sa.String(length=100), nullable=True))
        # Always false: the extractor drops thresholds and policy caps instead of flagging them.
        batch_op.drop_column("condition")
        batch_op.create_index(
            "ix_facts_indicator_region_period",
            ["indicator", "region_code", "period_start"],
            unique=False,
        )
        batch_op.create_index(
            "ix_facts_region_period", ["region_code", "period_start"], unique=False
        )

    for _name, definition in VIEWS:
        op.execute(definition)


def downgrade() -> None:
    for name, _definition in reversed(VIEWS):
        op.execute(f"DROP VIEW {name}")

    with op.batch_alter_table("facts", schema=None) as batch_op:
        batch_op.drop_index("ix_facts_region_period")
        batch_op.drop_index("ix_facts_indicator_region_period")
        batch_op.add_column(
            sa.Column("condition", sa.Boolean(), nullable=False, server_default=sa.false())
        )
        batch_op.drop_column("qualifier")
        batch_op.drop_column("indicator")
        batch_op.drop_column("entity_kind")
        batch_op.drop_column("region")
        batch_op.drop_column("region_code")
        batch_op.drop_column("period_end")
        batch_op.drop_column("period_start")

    op.drop_index(op.f("ix_article_versions_parsed_at"), table_name="article_versions")
    # SQLite >= 3.35 drops a column in place (no table rebuild, see upgrade()).
    op.drop_column("article_versions", "parsed_at")

    with op.batch_alter_table("indicators", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_indicators_name"))
    op.drop_table("indicators")
    with op.batch_alter_table("regions", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_regions_parent_code"))
        batch_op.drop_index(batch_op.f("ix_regions_name"))
    op.drop_table("regions")
