"""the crawl's place of each article (articles.place), for reparse

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-01 19:45:00.000000
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0005"
down_revision: str | None = "0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    # A plain ADD COLUMN on both databases: a batch rebuild of `articles` on SQLite would drop
    # the parent of article_versions (cascading deletes) and the views that read it.
    op.add_column("articles", sa.Column("place", sa.String(length=100), nullable=True))
    # What the crawls knew before: the place of the article's registry source.
    op.execute(
        "UPDATE articles SET place = "
        "(SELECT sources.place FROM sources WHERE sources.id = articles.source_id)"
    )


def downgrade() -> None:
    # SQLite >= 3.35 drops a column in place; no view reads articles.place.
    op.drop_column("articles", "place")
