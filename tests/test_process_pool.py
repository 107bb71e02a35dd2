"""The pipelines' child processes: the CPU pool and the archive writer give the same results as
work done in the crawling process, and a database outage reaches the pipeline as one."""

from __future__ import annotations

import asyncio
import os
import time
from datetime import UTC, datetime
from pathlib import Path

import pytest
from sqlalchemy import create_engine, func, select, text

from archive.models import Article, ArticleVersion, Fact
from archive.store import Archive
from newscrawl.process_pool import ChildProcessLost, ProcessPool
from newscrawl.samples.server import SampleServer
from pipelines.archive_writer import ArchiveUnavailable, save_in_child
from pipelines.items import ArticleItem
from pipelines.parse import PARSER_VERSION, cleaned_text, facts_for, text_minhash
from tests.support.crawl import run_crawl

PARAGRAPHS = [
    "\u3000\u3000一季度，西海岸新区新开工项目155个,同比增长21.1%；总投资421亿元。",
    "责任编辑：张三",
]


def child_pid() -> int:
    return os.getpid()


def test_pool_runs_in_a_child_and_gives_the_in_place_results() -> None:
    async def run() -> None:
        pool = ProcessPool(2)
        assert await pool.run(child_pid) == os.getpid()  # the engine has not started
        pool.usable = True  # what engine_started() decides under the asyncio reactor
        try:
            pids = set(await asyncio.gather(*(pool.run(child_pid) for _ in range(8))))
            assert len(pids) == 2 and os.getpid() not in pids
            text, text_hash = await pool.run(cleaned_text, PARAGRAPHS)
            assert (text, text_hash) == cleaned_text(PARAGRAPHS)
            assert await pool.run(text_minhash, text) == text_minhash(text)
            remote = await pool.run(facts_for, text, "2022-04-20", "西海岸新区")
            assert remote == facts_for(text, "2022-04-20", "西海岸新区")
            assert [f["norm_value"] for f in remote] == [155, 21.1, 42_100_000_000]
            # An exception comes back as itself; a big argument crosses in one frame.
            with pytest.raises(ValueError, match="invalid literal"):
                await pool.run(int, "一")
            big = "数" * 300_000
            assert await pool.run(len, big) == len(big)
        finally:
            pool.engine_stopped()
        assert pool.channels == [] and await pool.run(child_pid) == os.getpid()

    asyncio.run(run())


def test_a_dead_child_fails_its_calls_and_is_replaced() -> None:
    async def run() -> None:
        pool = ProcessPool(1)
        pool.usable = True
        try:
            await pool.run(child_pid)
            call = asyncio.ensure_future(pool.run(time.sleep, 30))
            await asyncio.sleep(0.2)
            dead = pool.channels[0].process
            dead.kill()
            with pytest.raises(ChildProcessLost):
                await asyncio.wait_for(call, 10)
            # The next calls get a new child, started once.
            pids = await asyncio.gather(*(pool.run(child_pid) for _ in range(3)))
            assert len(set(pids)) == 1 and pids[0] not in (dead.pid, os.getpid())
            assert len(pool.channels) == 1
        finally:
            pool.engine_stopped()

    asyncio.run(run())


def make_item() -> ArticleItem:
    text, text_hash = cleaned_text(PARAGRAPHS)
    return ArticleItem(
        url="http://www.whnanhai.gov.cn/art/2022/4/20/art_1_1.html",
        source_key="whnanhai",
        family="trs",
        fetched_at=datetime(2022, 4, 20, 9, tzinfo=UTC),
        raw_body="<p>一季度</p>".encode(),
        published="2022-04-20",
        paragraphs=PARAGRAPHS,
        text=text,
        content_hash=text_hash,
        minhash=text_minhash(text),
        facts=facts_for(text, "2022-04-20", "西海岸新区"),
        parser_version=PARSER_VERSION,
    )


def save_all(db_url: str, items: list[ArticleItem]) -> list[str]:
    """Save ``items`` one after the other through an archive child process."""

    async def run() -> list[str]:
        pool = ProcessPool(1, name="archive")
        pool.usable = True
        try:
            return [await pool.run(save_in_child, db_url, item, None) for item in items]
        finally:
            pool.close()

    return asyncio.run(run())


def test_saves_in_a_child_process(archive_url: str) -> None:
    Archive.from_url(archive_url, upgrade=True).close()
    assert save_all(archive_url, [make_item(), make_item()]) == ["new", "unchanged"]
    archive = Archive.from_url(archive_url)
    try:
        with archive.sessions() as session:
            assert session.scalar(select(func.count()).select_from(Article)) == 1
            assert session.scalar(select(func.count()).select_from(ArticleVersion)) == 1
            assert session.scalar(select(func.count()).select_from(Fact)) == 3
            assert session.scalar(select(Article.checks)) == 2
    finally:
        archive.close()


def test_an_unreachable_database_comes_back_as_archive_unavailable() -> None:
    # A PostgreSQL port nobody listens on: the child's store gives up after its retries.
    url = "postgresql+psycopg://postgres@127.0.0.1:1/none?connect_timeout=1"
    with pytest.raises(ArchiveUnavailable, match="OperationalError"):
        save_all(url, [make_item()])


def archive_contents(db_url: str) -> list[tuple[object, ...]]:
    """Every version with its text, hash, facts and story shape, read with plain SQL."""
    engine = create_engine(db_url)
    try:
        with engine.connect() as connection:
            versions = connection.execute(
                text(
                    "SELECT a.url, v.version, v.title, v.published, v.content_hash, v.facts_hash, "
                    "a.is_reprint, (SELECT count(*) FROM articles m WHERE m.story_id = a.story_id), "
                    "(SELECT count(*) FROM facts f WHERE f.version_id = v.id), "
                    "(SELECT count(*) FROM lsh_bands b WHERE b.article_id = a.id) "
                    "FROM article_versions v JOIN articles a ON a.id = v.article_id "
                    "ORDER BY a.url, v.version"
                )
            ).all()
    finally:
        engine.dispose()
    return [tuple(row) for row in versions]


@pytest.mark.parametrize(
    "spider, args", [("qdrb", {}), ("site", {"start_url": "http://www.zngk.vip/"})]
)
def test_a_crawl_archives_the_same_with_and_without_child_processes(
    spider: str, args: dict[str, str], sample_web: SampleServer, tmp_path: Path
) -> None:
    pooled, in_place = (f"sqlite:///{tmp_path}/{name}.sqlite3" for name in ("pooled", "in_place"))
    args = {**args, "sample_port": str(sample_web.port), "since": "2026-01-01"}
    run_crawl(spider, pooled, args=args)
    run_crawl(
        spider,
        in_place,
        args=args,
        settings={"NEWSCRAWL_CPU_PROCESSES": "0", "NEWSCRAWL_ARCHIVE_PROCESSES": "0"},
    )
    contents = archive_contents(pooled)
    assert len(contents) >= 4
    assert contents == archive_contents(in_place)


def test_several_crawls_in_one_process_work_in_place_unless_asked() -> None:
    from newscrawl.commands.crawl import shared_process_overrides

    one = shared_process_overrides({}, 1)
    assert "NEWSCRAWL_CPU_PROCESSES" not in one  # a single crawl keeps the project default
    several = shared_process_overrides({"LOG_LEVEL": "INFO"}, 7)
    assert several["NEWSCRAWL_CPU_PROCESSES"] == 0 and several["NEWSCRAWL_ARCHIVE_PROCESSES"] == 0
    asked = shared_process_overrides({"NEWSCRAWL_CPU_PROCESSES": "2"}, 7)
    assert asked["NEWSCRAWL_CPU_PROCESSES"] == "2" and asked["NEWSCRAWL_ARCHIVE_PROCESSES"] == 0
