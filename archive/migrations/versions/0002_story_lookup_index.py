"""story lookup index on articles.declared_original_url

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-22 01:10:00.000000
"""

from __future__ import annotations

from collections.abc import Sequence

from alembic import op

revision: str = "0002"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("articles", schema=None) as batch_op:
        batch_op.create_index(
            "ix_articles_declared_original_url",
            ["declared_original_url"],
            unique=False,
            postgresql_using="hash",
        )


def downgrade() -> None:
    with op.batch_alter_table("articles", schema=None) as batch_op:
        batch_op.drop_index("ix_articles_declared_original_url", postgresql_using="hash")
