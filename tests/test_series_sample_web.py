"""Series over a real crawl of the sample web (``newscrawl demo``), on SQLite and PostgreSQL: the
analyst queries of docs/series.md, ``newscrawl series``, and ``newscrawl reparse -j 2`` filling
the new columns of an archive built by the previous release (schema 0003)."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Engine, MetaData, Table, create_engine, insert, select, text, update

from archive import db
from archive.models import (
    Article,
    ArticleVersion,
    CrawlRun,
    Fact,
    LshBand,
    RawPage,
    Source,
    Story,
)
from newscrawl.browse_metadata import DOCS, queries_from_series
from tests.support.crawl import run_newscrawl
from tests.support.services import throwaway_pg_database

pytestmark = pytest.mark.slow

QUERIES = queries_from_series((DOCS / "series.md").read_text(encoding="utf-8"))


@pytest.fixture(scope="module", params=["sqlite", pytest.param("pg", marks=pytest.mark.pg)])
def crawled(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[str]:
    """An archive holding a crawl of the whole sample web (one per database per module)."""
    if request.param == "sqlite":
        url = f"sqlite:///{tmp_path_factory.mktemp('crawl') / 'archive.sqlite3'}"
        yield from _crawl(url)
        return
    with throwaway_pg_database(request.getfixturevalue("pg_server")) as url:
        yield from _crawl(url)


def _crawl(url: str) -> Iterator[str]:
    if not url.startswith("sqlite"):
        run_newscrawl("db", "upgrade", db_url=url)
    done = run_newscrawl("demo", "--db", url, db_url=url)
    assert done.returncode == 0, done.stderr[-3000:]
    yield url


def rows(url: str, sql: str) -> list[dict[str, Any]]:
    engine = create_engine(url)
    try:
        with engine.connect() as connection:
            return [dict(row) for row in connection.execute(text(sql)).mappings()]
    finally:
        engine.dispose()


def test_the_analyst_queries_run_on_a_crawled_archive(crawled: str) -> None:
    assert {"signed_investment_by_district", "xihaian_2026", "conflicts"} <= set(QUERIES)
    results = {name: rows(crawled, query["sql"]) for name, query in QUERIES.items()}
    by_district = results["signed_investment_by_district"]
    assert by_district, "no 签约项目总投资 by district in the sample web"
    assert all(row["region_code"] and row["period_start"] for row in by_district)
    xihaian = results["xihaian_2026"]
    assert xihaian and all(str(row["period_start"]).startswith("2026") for row in xihaian)


def test_series_command_on_a_crawled_archive(crawled: str) -> None:
    done = run_newscrawl("series", "--db", crawled, "--region", "青岛市", "--format", "jsonl",
                         db_url=crawled)  # fmt: skip
    assert done.returncode == 0, done.stderr
    series = [json.loads(line) for line in done.stdout.splitlines()]
    assert series and all(row["region_code"].startswith("3702") for row in series)
    # One row per story: no two rows are the same figure of the same story.
    keys = [(r["story_id"], r["fact_id"]) for r in series]
    assert len(keys) == len(set(keys))


# -- an archive of the previous release --------------------------------------------------------

# Copied in this order (foreign keys); stories first without their original (a cycle).
_COPIED = (Source, CrawlRun, RawPage, Story, Article, ArticleVersion, LshBand)


def build_previous_release_archive(source_url: str, target: Engine) -> None:
    """``target`` at schema 0003 holding ``source``'s crawl as the previous release stored it:
    facts without the series columns, versions stamped by an older parser."""
    db.upgrade(target, "0003")
    old = MetaData()
    old.reflect(target)
    source = create_engine(source_url)
    try:
        with source.connect() as reading, target.begin() as writing:
            for model in _COPIED:
                # Read with the models' types, written with the old schema's columns.
                table, old_table = model.__table__, old.tables[model.__tablename__]
                columns = [c for c in table.columns if c.name in old_table.c]
                data = [dict(r) for r in reading.execute(select(*columns)).mappings()]
                if model is Story:
                    data = [dict(r, original_article_id=None) for r in data]
                if model is ArticleVersion:
                    data = [dict(r, extractor_version="previous-release") for r in data]
                if data:
                    writing.execute(insert(old_table), data)
            for story_id, original in reading.execute(select(Story.id, Story.original_article_id)):
                stories = old.tables["stories"]
                writing.execute(
                    update(stories).where(stories.c.id == story_id),
                    {"original_article_id": original},
                )
            # Without their ids: the re-parse adds rows, numbered by the database's sequence.
            old_facts: Table = old.tables["facts"]
            kept = [c.name for c in old_facts.c if c.name not in ("id", "condition")]
            facts = [
                {**{c: r[c] for c in kept}, "condition": False}
                for r in reading.execute(select(Fact.__table__).where(Fact.current)).mappings()
            ]
            writing.execute(insert(old_facts), facts)
    finally:
        source.dispose()


def current_facts(url: str) -> list[tuple[Any, ...]]:
    """The current facts of the registry sources' articles. (The generic spider's place, which
    it learns from each site, was not recorded before schema 0006: a previous release's archive
    cannot give those articles the crawl's places.)"""
    return sorted(
        (
            tuple(row.values())
            for row in rows(
                url,
                "SELECT a.url, f.metric, f.kind, f.norm_value, f.period_start, f.period_end, "
                "f.region_code, f.region, f.entity_kind, f.indicator, f.qualifier, f.estimate "
                "FROM facts f JOIN article_versions v ON v.id = f.version_id "
                "JOIN articles a ON a.id = v.article_id "
                "JOIN sources s ON s.id = a.source_id WHERE f.current AND s.key <> 'site'",
            )
        ),
        key=repr,
    )


def test_reparse_of_a_crawl_gives_the_crawl_s_facts(crawled: str) -> None:
    """Every version re-checked (``--all``): the parse of the stored raw page, with the place
    the crawl recorded, is what the crawl stored — also for the generic spider's sites."""
    done = run_newscrawl("reparse", "--db", crawled, "--all", "-j", "2", db_url=crawled)
    assert done.returncode == 0, done.stderr[-3000:]
    assert "0 texts and 0 fact sets changed" in done.stdout, done.stdout


@pytest.fixture
def previous_release_url(crawled: str, request: pytest.FixtureRequest, tmp_path: Path) -> str:
    if crawled.startswith("sqlite"):
        return f"sqlite:///{tmp_path / 'previous.sqlite3'}"
    return request.getfixturevalue("pg_database")


def test_reparse_fills_the_new_columns_of_a_previous_release_archive(
    crawled: str, previous_release_url: str
) -> None:
    target = db.create_archive_engine(previous_release_url)
    try:
        build_previous_release_archive(crawled, target)
        db.upgrade(target)
    finally:
        target.dispose()
    before = current_facts(previous_release_url)
    assert before and all(fact[4:7] == (None, None, None) for fact in before)

    done = run_newscrawl("reparse", "--db", previous_release_url, "-j", "2",
                         db_url=previous_release_url)  # fmt: skip
    assert done.returncode == 0, done.stderr[-3000:]
    # The same facts, with every series column, as the crawl with the current parser stored.
    assert current_facts(previous_release_url) == current_facts(crawled)
    assert any(fact[6] for fact in current_facts(previous_release_url))
    again = run_newscrawl("reparse", "--db", previous_release_url, "-j", "2",
                          db_url=previous_release_url)  # fmt: skip
    assert "reparsed 0 versions" in again.stdout
