"""The disk spool that keeps items while the archive database is unreachable."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest
from sqlalchemy import func, select

from archive.db import create_archive_engine
from archive.models import ArticleVersion
from archive.store import Archive
from pipelines.cleaning import clean_text, content_hash
from pipelines.items import ArticleItem
from pipelines.spool import Spool, item_from_json, item_to_json

# Nothing listens on port 9 of the loopback: a real connection failure, not a mock.
UNREACHABLE_PG = "postgresql+psycopg://newscrawl:secret@127.0.0.1:9/archive?connect_timeout=2"


def make_item(number: int) -> ArticleItem:
    text = clean_text(f"一季度新开工项目{number}个，总投资{number * 3}亿元。")
    return ArticleItem(
        url=f"http://news.example.localhost/a/{number}.html",
        source_key="sample",
        family="generic",
        fetched_at=datetime(2026, 4, 2, 1, 30, tzinfo=UTC),
        raw_body="<p>一季度</p>".encode("gb18030"),
        encoding="gb18030",
        title=f"项目{number}",
        text=text,
        content_hash=content_hash(text),
        facts=[
            {
                "metric": "新开工项目",
                "kind": "level",
                "value": number,
                "unit": "个",
                "norm_value": number,
                "norm_unit": "个",
                "start": 7,
                "end": 9,
            }
        ],
    )


def test_item_json_round_trip() -> None:
    item = make_item(7)
    assert item_from_json(item_to_json(item)) == item


def test_items_spooled_while_the_database_is_down_are_replayed(tmp_path: Path) -> None:
    spool = Spool(tmp_path / "spool" / "sample.jsonl")
    down = Archive(create_archive_engine(UNREACHABLE_PG), retries=1)
    for number in range(3):
        with pytest.raises(Exception) as error:
            down.save_article(make_item(number))
        assert "secret" not in str(error.value)
        spool.append(make_item(number))
    assert len(spool) == 3
    # The database is still down: the replay stops at once and keeps every item.
    assert spool.replay(down.save_article) == 0
    assert len(spool) == 3

    archive = Archive.from_url(f"sqlite:///{tmp_path / 'archive.sqlite3'}")
    assert spool.replay(archive.save_article) == 3
    assert len(spool) == 0 and not spool.path.exists()
    # Replaying the same items again is harmless: saving is idempotent.
    for number in range(3):
        spool.append(make_item(number))
    assert spool.replay(archive.save_article) == 3
    with archive.sessions() as session:
        assert session.scalar(select(func.count()).select_from(ArticleVersion)) == 3
    archive.close()


def test_a_bad_item_is_set_aside_not_blocking_the_spool(tmp_path: Path) -> None:
    spool = Spool(tmp_path / "sample.jsonl")
    bad = make_item(1)
    bad.content_hash = ""  # the store refuses items that were never cleaned
    spool.append(bad)
    spool.append(make_item(2))
    archive = Archive.from_url(f"sqlite:///{tmp_path / 'archive.sqlite3'}")
    assert spool.replay(archive.save_article) == 1
    assert len(spool) == 0
    assert len(spool.rejected_path.read_text().splitlines()) == 1
    archive.close()
