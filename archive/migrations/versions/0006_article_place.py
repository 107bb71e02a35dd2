"""the crawl's place of each article (articles.place), for reparse; figure_conflicts only
between articles whose values really differ

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-01 19:45:00.000000
"""

from __future__ import annotations

import importlib.util
from collections.abc import Sequence
from pathlib import Path

import sqlalchemy as sa
from alembic import op

revision: str = "0006"
down_revision: str | None = "0005"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


# The columns that make two figures "the same figure" (see docs/series.md).
_KEY = (
    "{a}.indicator = {b}.indicator AND {a}.region_code = {b}.region_code"
    " AND {a}.period_start = {b}.period_start AND {a}.period_end = {b}.period_end"
    " AND {a}.kind = {b}.kind AND {a}.norm_unit = {b}.norm_unit"
    " AND COALESCE({a}.basis, '') = COALESCE({b}.basis, '')"
    " AND COALESCE({a}.qualifier, '') = COALESCE({b}.qualifier, '')"
    " AND {a}.estimate = {b}.estimate"
)


def _same(a: str, b: str) -> str:
    return _KEY.format(a=a, b=b)


# Two current articles disagree on a figure when each gives a value for it that the other does
# not give: an article that states two values for one key (a total and a part both tagged as
# completed investment) does not conflict with a reprint that states the same two. Exact
# figures only (approximate ones claim no exact value); each pair once (article a < b).
FIGURE_CONFLICTS = f"""
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
  ON {_same("y", "x")} AND y.article_id > x.article_id AND y.norm_value <> x.norm_value
WHERE x.approx IS NULL AND y.approx IS NULL
  AND NOT EXISTS (SELECT 1 FROM current_facts z WHERE z.article_id = y.article_id
                  AND {_same("z", "x")} AND z.norm_value = x.norm_value)
  AND NOT EXISTS (SELECT 1 FROM current_facts z WHERE z.article_id = x.article_id
                  AND {_same("z", "y")} AND z.norm_value = y.norm_value)
"""


def upgrade() -> None:
    # A plain ADD COLUMN on both databases: a batch rebuild of `articles` on SQLite would drop
    # the parent of article_versions (cascading deletes) and the views that read it.
    op.add_column("articles", sa.Column("place", sa.String(length=100), nullable=True))
    # What the crawls knew before: the place of the article's registry source.
    op.execute(
        "UPDATE articles SET place = "
        "(SELECT sources.place FROM sources WHERE sources.id = articles.source_id)"
    )
    op.execute("DROP VIEW figure_conflicts")
    op.execute(FIGURE_CONFLICTS)


def _previous_conflicts_view() -> str:
    """0004's definition, from its file (Alembic loads revisions by path, not as a package)."""
    spec = importlib.util.spec_from_file_location(
        "_newscrawl_revision_0004", Path(__file__).with_name("0004_fact_series.py")
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.FIGURE_CONFLICTS


def downgrade() -> None:
    op.execute("DROP VIEW figure_conflicts")
    op.execute(_previous_conflicts_view())
    # SQLite >= 3.35 drops a column in place; no view reads articles.place.
    op.drop_column("articles", "place")
