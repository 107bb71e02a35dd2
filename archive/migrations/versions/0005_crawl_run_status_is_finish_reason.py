"""crawl run status is Scrapy's finish reason: finished_with_failures becomes finished

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-01 19:45:00.000000

Runs used to be closed as ``finished_with_failures`` when some pages failed; the failures are in
``fetch_failures`` and the status is now Scrapy's finish reason, of which only ``finished``
counts as a successful run (``archive.health``). Data only, no schema change. The downgrade
cannot tell which finished runs had failures, so it leaves the rows as they are.
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
    crawl_runs = sa.table("crawl_runs", sa.column("status", sa.String))
    op.execute(
        crawl_runs.update()
        .where(crawl_runs.c.status == "finished_with_failures")
        .values(status="finished")
    )


def downgrade() -> None:
    pass
