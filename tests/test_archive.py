"""The archive: schema, migrations, versioning semantics, concurrency and time zones.

Every test runs on a real SQLite file and on a real PostgreSQL database (``archive_url``).
"""

from __future__ import annotations

import multiprocessing
import subprocess
import sys
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import func, inspect, select

from archive import db
from archive.models import Article, ArticleVersion, Base, CrawlRun, Fact, FetchFailure, RawPage
from archive.store import Archive, SchemaNotReady
from pipelines.cleaning import clean_text, content_hash
from pipelines.items import ArticleItem

CONTRACT = {
    "sources": {"id", "key", "name", "kind", "base_url"},
    "articles": {"id", "url", "source_id", "story_id", "first_seen", "last_seen"},
    "article_versions": {
        "id",
        "article_id",
        "version",
        "content_hash",
        "title",
        "published",
        "author",
        "original_source",
        "text",
        "fetched_at",
    },
    "facts": {
        "id",
        "version_id",
        "metric",
        "kind",
        "value",
        "unit",
        "norm_value",
        "norm_unit",
        "approx",
        "basis",
        "period",
        "subject",
        "estimate",
        "start",
        "end",
    },
    "stories": {"id", "original_article_id", "member_count"},
    "crawl_runs": {"id", "spider", "started_at", "finished_at", "status", "stats"},
    "fetch_failures": {"id", "url", "reason", "http_status", "at", "crawl_run_id"},
}

BODY = (
    "一季度，西海岸新区新开工项目155个，同比增长21.1%；总投资421亿元。\n"
    "全区签约项目68个，其中世界500强投资项目5个。"
)
FACTS = [
    {
        "metric": "新开工项目",
        "kind": "level",
        "value": 155,
        "unit": "个",
        "norm_value": 155,
        "norm_unit": "个",
        "approx": None,
        "basis": None,
        "period": "2026-Q1",
        "subject": "西海岸新区",
        "estimate": False,
        "start": 12,
        "end": 16,
    }
]
T0 = datetime(2026, 4, 2, 1, 30, tzinfo=UTC)
REPO_ROOT = Path(__file__).resolve().parents[1]


def make_item(
    text: str = BODY,
    *,
    url: str = "http://www.xihaiannews.com/2026/0402/101.html",
    fetched_at: datetime = T0,
    facts: list[dict] | None = None,
    raw: bytes | None = None,
) -> ArticleItem:
    cleaned = clean_text(text)
    return ArticleItem(
        url=url,
        source_key="xihaian_news",
        family="generic",
        fetched_at=fetched_at,
        raw_body=raw if raw is not None else f"<html><body>{text}</body></html>".encode(),
        encoding="utf-8",
        title="一季度新开工项目155个",
        published="2026-04-02",
        author="董梅雪",
        paragraphs=text.split("\n"),
        text=cleaned,
        content_hash=content_hash(cleaned),
        facts=list(FACTS if facts is None else facts),
        parser_version="test-1",
    )


def count(archive: Archive, model: type[Base]) -> int:
    with archive.sessions() as session:
        return session.scalar(select(func.count()).select_from(model)) or 0


# -- schema and migrations ---------------------------------------------------------------


def test_upgrade_creates_contract_tables(archive: Archive) -> None:
    inspector = inspect(archive.engine)
    for table, columns in CONTRACT.items():
        present = {column["name"] for column in inspector.get_columns(table)}
        assert columns <= present, f"{table} lacks {columns - present}"


def test_migrations_match_models(archive: Archive) -> None:
    with archive.engine.connect() as connection:
        diff = compare_metadata(MigrationContext.configure(connection), Base.metadata)
    assert diff == []


def test_migrations_are_reversible(archive_url: str) -> None:
    engine = db.create_archive_engine(archive_url)
    try:
        db.upgrade(engine)
        assert db.current_revision(engine) == db.head_revision()
        db.downgrade(engine, "base")
        assert set(inspect(engine).get_table_names()) <= {"alembic_version"}
        db.upgrade(engine)
        assert set(CONTRACT) <= set(inspect(engine).get_table_names())
    finally:
        engine.dispose()


def test_cli_db_upgrade(archive_url: str) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "newscrawl", "db", "--db", archive_url, "upgrade"],
        capture_output=True,
        text=True,
        check=True,
    )
    assert "schema at" in result.stdout
    engine = db.create_archive_engine(archive_url)
    try:
        assert set(CONTRACT) <= set(inspect(engine).get_table_names())
    finally:
        engine.dispose()


def test_empty_sqlite_is_upgraded_on_open(sqlite_url: str) -> None:
    archive = Archive.from_url(sqlite_url)
    try:
        assert db.current_revision(archive.engine) == db.head_revision()
        with archive.engine.connect() as connection:
            assert connection.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
    finally:
        archive.close()


def test_server_database_is_not_migrated_implicitly(pg_database: str) -> None:
    with pytest.raises(SchemaNotReady, match="newscrawl db upgrade"):
        Archive.from_url(pg_database)


# -- versioning --------------------------------------------------------------------------


def test_same_item_twice_is_one_version(archive: Archive) -> None:
    first = archive.save_article(make_item())
    second = archive.save_article(make_item(fetched_at=T0 + timedelta(hours=1)))
    assert (first.status, first.version) == ("new", 1)
    assert (second.status, second.version) == ("unchanged", 1)
    assert count(archive, ArticleVersion) == 1
    with archive.sessions() as session:
        article = session.scalar(select(Article))
        assert article is not None
        assert article.checks == 2
        assert article.last_seen == T0 + timedelta(hours=1)
        assert article.first_seen == T0


def test_changed_text_is_version_two(archive: Archive) -> None:
    archive.save_article(make_item())
    edited = BODY.replace("155个", "156个")
    outcome = archive.save_article(make_item(edited, fetched_at=T0 + timedelta(days=1)))
    assert (outcome.status, outcome.version) == ("version", 2)
    with archive.sessions() as session:
        texts = session.scalars(select(ArticleVersion.text).order_by(ArticleVersion.version)).all()
    assert "155个" in texts[0] and "156个" in texts[1]


@pytest.mark.parametrize(
    "noisy",
    [
        pytest.param(BODY.replace("\n", "\n\n   "), id="whitespace"),
        pytest.param(BODY.replace("，", ",").replace("；", ";"), id="half-width-punctuation"),
        pytest.param("　　" + BODY.replace("\n", "\n　　"), id="full-width-indent"),
        pytest.param(BODY + "\n责任编辑：王晓", id="editor-line"),
        pytest.param(BODY + "\n转载请注明出处。\n扫一扫，关注西海岸新闻公众号", id="ad-block"),
    ],
)
def test_noise_only_changes_make_no_version(archive: Archive, noisy: str) -> None:
    archive.save_article(make_item())
    outcome = archive.save_article(make_item(noisy, fetched_at=T0 + timedelta(hours=6)))
    assert outcome.status == "unchanged"
    assert count(archive, ArticleVersion) == 1


def test_changed_facts_alone_make_a_version(archive: Archive) -> None:
    archive.save_article(make_item())
    refigured = [{**FACTS[0], "norm_value": 156, "value": 156}]
    outcome = archive.save_article(make_item(facts=refigured))
    assert outcome.status == "version"


def test_version_keeps_raw_page_and_facts(archive: Archive) -> None:
    raw = "<html><body>一季度新开工项目155个</body></html>".encode("gb18030")
    archive.save_article(make_item(raw=raw))
    with archive.sessions() as session:
        version = session.scalar(select(ArticleVersion))
        assert version is not None and version.raw_page is not None
        import zlib

        assert zlib.decompress(version.raw_page.body_zlib) == raw
        assert [(f.metric, f.norm_value, f.current) for f in version.facts] == [
            ("新开工项目", 155, True)
        ]
    assert count(archive, Fact) == 1 and count(archive, RawPage) == 1


def test_crawl_runs_and_failures(archive: Archive) -> None:
    run_id = archive.start_crawl_run("qdrb")
    archive.record_failure(
        "http://x.localhost/a.html", "http_503", 503, crawl_run_id=run_id, spider="qdrb"
    )
    archive.finish_crawl_run(run_id, "finished", {"item_scraped_count": 3, "when": T0})
    with archive.sessions() as session:
        run = session.get_one(CrawlRun, run_id)
        assert run.status == "finished"
        assert run.stats == {"item_scraped_count": 3, "when": str(T0)}
        assert run.finished_at is not None and run.finished_at.tzinfo is not None
        failure = session.scalar(select(FetchFailure))
        assert failure is not None
        assert (failure.reason, failure.http_status, failure.crawl_run_id) == (
            "http_503",
            503,
            run_id,
        )


# -- time zones --------------------------------------------------------------------------


def test_times_come_back_aware_utc(archive: Archive) -> None:
    beijing = timezone(timedelta(hours=8))
    archive.save_article(make_item(fetched_at=datetime(2026, 4, 2, 9, 30, tzinfo=beijing)))
    with archive.sessions() as session:
        version = session.scalar(select(ArticleVersion))
        assert version is not None
        assert version.fetched_at == T0
        assert version.fetched_at.utcoffset() == timedelta(0)
        assert version.published == "2026-04-02"


def test_naive_times_are_refused(archive: Archive) -> None:
    with pytest.raises(Exception, match="naive datetime"):
        archive.save_article(make_item(fetched_at=datetime(2026, 4, 2, 9, 30)))


# -- concurrency -------------------------------------------------------------------------


def _save_in_process(url: str, barrier, results) -> None:  # type: ignore[no-untyped-def]
    archive = Archive.from_url(url, upgrade=False)
    barrier.wait()
    outcomes = [archive.save_article(make_item()).status for _ in range(5)]
    barrier.wait()  # both have saved the first text before either saves the edit
    edited = BODY.replace("155个", "160个")
    outcomes += [archive.save_article(make_item(edited)).status for _ in range(5)]
    results.extend(outcomes)
    archive.close()


def test_two_processes_saving_the_same_article(archive: Archive, archive_url: str) -> None:
    context = multiprocessing.get_context("spawn")
    with context.Manager() as manager:
        barrier = manager.Barrier(2)
        results = manager.list()
        workers = [
            context.Process(target=_save_in_process, args=(archive_url, barrier, results))
            for _ in range(2)
        ]
        for worker in workers:
            worker.start()
        for worker in workers:
            worker.join(120)
            assert worker.exitcode == 0
        statuses = list(results)
    assert statuses.count("new") == 1
    assert statuses.count("version") == 1
    assert count(archive, Article) == 1
    assert count(archive, ArticleVersion) == 2


# -- the documented SQL ------------------------------------------------------------------


def test_example_sql_in_docs_runs(archive: Archive) -> None:
    import re

    from sqlalchemy import text

    archive.save_article(make_item())
    outcome = archive.save_article(make_item(BODY.replace("421亿元", "430亿元")))
    queries = re.findall(r"```sql\n(.*?)```", (REPO_ROOT / "docs" / "schema.md").read_text(), re.S)
    assert len(queries) >= 4
    with archive.engine.connect() as connection:
        for query in queries:
            params = {"article_id": outcome.article_id} if ":article_id" in query else {}
            connection.execute(text(query), params).all()
        latest = connection.execute(text(queries[0])).all()
    assert [(row.source, row.version) for row in latest] == [("xihaian_news", 2)]
