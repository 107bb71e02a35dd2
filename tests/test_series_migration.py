"""Migration 0004 on an archive that holds data (SQLite and PostgreSQL): the facts survive both
ways, versions get ``parsed_at`` from their fetch time, the views see the old facts, and the
reference tables are filled on upgrade."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime

import pytest
from sqlalchemy import Engine, inspect, select, text

from archive import db
from archive.views import fact_series

FETCHED = datetime(2026, 4, 2, 1, 30, tzinfo=UTC)

# Rows as the previous release (schema 0003) wrote them.
OLD_ROWS = [
    "INSERT INTO sources (id, key, name, kind, base_url, created_at) "
    "VALUES (1, 'qdrb', '青岛日报', 'epaper', 'http://epaper.qingdaonews.com/', :t)",
    "INSERT INTO articles (id, url, source_id, is_reprint, first_seen, last_seen, last_changed, "
    "checks, latest_version) VALUES (1, 'http://epaper.qingdaonews.com/a.htm', 1, false, :t, :t, "
    ":t, 1, 1)",
    "INSERT INTO stories (id, original_article_id, member_count, created_at) VALUES (1, 1, 1, :t)",
    "UPDATE articles SET story_id = 1",
    "INSERT INTO article_versions (id, article_id, version, content_hash, facts_hash, title, "
    "published, text, fetched_at, http_status, family, extractor_version) VALUES (1, 1, 1, 'h', "
    "'f', '一季度新开工项目155个', '2026-04-02', '一季度新开工项目155个', :t, 200, 'epaper', 'old')",
    "INSERT INTO facts (version_id, metric, kind, value, unit, norm_value, norm_unit, period, "
    'subject, estimate, condition, start, "end", extractor_version, current) VALUES (1, '
    "'新开工项目', 'level', 155, '个', 155, '个', '2026-Q1', '西海岸新区', false, false, 7, 10, "
    "'old', true)",
]


@pytest.fixture
def old_archive(archive_url: str) -> Iterator[Engine]:
    engine = db.create_archive_engine(archive_url)
    db.upgrade(engine, "0003")
    with engine.begin() as connection:
        for statement in OLD_ROWS:
            connection.execute(text(statement), {"t": FETCHED.replace(tzinfo=None)})
    try:
        yield engine
    finally:
        engine.dispose()


def test_upgrade_keeps_facts_and_dates_versions(old_archive: Engine) -> None:
    db.upgrade(old_archive)
    assert db.current_revision(old_archive) == db.head_revision()
    with old_archive.connect() as connection:
        parsed_at = connection.execute(text("SELECT parsed_at FROM article_versions")).scalar()
        [row] = connection.execute(select(fact_series)).mappings().all()
    assert str(parsed_at).startswith("2026-04-02 01:30:00")
    assert (row["metric"], row["norm_value"], row["source"]) == ("新开工项目", 155, "青岛日报")
    assert row["period_start"] is None and row["indicator"] is None
    columns = {c["name"] for c in inspect(old_archive).get_columns("facts")}
    assert "condition" not in columns and {"period_start", "region_code"} <= columns


def test_downgrade_keeps_facts(old_archive: Engine) -> None:
    db.upgrade(old_archive)
    db.downgrade(old_archive, "0003")
    inspector = inspect(old_archive)
    assert "condition" in {c["name"] for c in inspector.get_columns("facts")}
    assert "parsed_at" not in {c["name"] for c in inspector.get_columns("article_versions")}
    assert not {"regions", "indicators"} & set(inspector.get_table_names())
    assert "fact_series" not in inspector.get_view_names()
    with old_archive.connect() as connection:
        assert connection.execute(text("SELECT count(*) FROM facts")).scalar() == 1
