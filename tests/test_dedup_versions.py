"""Honest versions: re-fetching a page whose only changes are noise makes no version; a real
edit makes exactly one. Items go through the real pipelines (clean → dedup → facts) and are
saved in a real archive database, SQLite and PostgreSQL."""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Iterator
from datetime import timedelta

import pytest
from scrapy.utils.test import get_crawler
from sqlalchemy import func, select

from archive.models import ArticleVersion
from archive.store import Archive, SaveOutcome
from pipelines.clean_pipeline import CleanPipeline
from pipelines.dedup_pipeline import DedupPipeline
from pipelines.facts_pipeline import FactsPipeline
from pipelines.items import ArticleItem
from tests.support.dedup import FETCHED_AT, ORIGINAL

URL = "https://m.sohu.com/a/533412345_121106902?spm=smpc.content.share.1&from=timeline"
ARCHIVE_KEY = "https://www.sohu.com/a/533412345_121106902"
PAGE = [
    "原标题：一季度新开工项目155个 总投资421亿元",
    *ORIGINAL.split("\n"),
    "来源：青岛日报",
    "责任编辑：王晓",
    "阅读 1234",
]


class Crawl:
    """The pipelines of a crawl, fed with pages as the spider would extract them."""

    def __init__(self, archive: Archive) -> None:
        crawler = get_crawler()
        self.pipelines = [
            CleanPipeline.from_crawler(crawler),
            DedupPipeline.from_crawler(crawler),
            FactsPipeline.from_crawler(crawler),
        ]
        self.archive = archive
        self.fetches = 0

    def fetch(self, paragraphs: list[str]) -> SaveOutcome:
        self.fetches += 1
        item = ArticleItem(
            url=URL,
            source_key="sohu_xhafb",
            family="sohu",
            fetched_at=FETCHED_AT + timedelta(hours=self.fetches),
            published="2022-03-31",
            paragraphs=list(paragraphs),
        )
        for pipeline in self.pipelines:
            item = asyncio.run(pipeline.process_item(item))
        return self.archive.save_article(item)


@pytest.fixture
def crawl(archive_url: str) -> Iterator[Crawl]:
    archive = Archive.from_url(archive_url, upgrade=True)
    yield Crawl(archive)
    archive.close()


def replace_line(prefix: str, new: str) -> Callable[[list[str]], list[str]]:
    return lambda page: [new if line.startswith(prefix) else line for line in page]


NOISE = {
    "view counter": replace_line("阅读", "阅读 1301"),
    "editor line": replace_line("责任编辑", "责任编辑：李四"),
    "source line": replace_line("来源", "来源：青岛新闻网"),
    "editor and source removed": lambda page: page[:-3] + page[-1:],
    "ad block": lambda page: [*page[:3], "广告 招商热线：400-860-1234 扫码关注", *page[3:]],
    "punctuation width": lambda page: [
        line.replace("，", ",").replace("；", ";").replace("：", ":") for line in page
    ],
    "whitespace": lambda page: (
        ["\u3000\u3000" + line.replace("，", "， ") + "  " for line in page[:3]] + ["", *page[3:]]
    ),
}


@pytest.mark.parametrize("noise", list(NOISE))
def test_noise_only_refetch_makes_no_version(crawl: Crawl, noise: str) -> None:
    first = crawl.fetch(PAGE)
    again = crawl.fetch(NOISE[noise](PAGE))
    assert first.status == "new"
    assert again.status == "unchanged", noise
    assert (again.article_id, again.version) == (first.article_id, 1)


def test_all_noise_at_once_then_an_edit_makes_exactly_one_version(crawl: Crawl) -> None:
    first = crawl.fetch(PAGE)
    noisy = PAGE
    for change in NOISE.values():
        noisy = change(noisy)
    assert crawl.fetch(noisy).status == "unchanged"

    edited = [line.replace("供应土地3260亩", "供应土地3300亩") for line in noisy]
    outcome = crawl.fetch(edited)
    assert (outcome.status, outcome.version) == ("version", 2)
    # The same edited page fetched again, with its noise changing again: still version 2.
    assert crawl.fetch(NOISE["view counter"](edited)).status == "unchanged"
    assert crawl.fetch([line.replace("，", ",") for line in edited]).status == "unchanged"

    with crawl.archive.sessions() as session:
        versions = session.scalar(
            select(func.count())
            .select_from(ArticleVersion)
            .where(ArticleVersion.article_id == first.article_id)
        )
        latest = session.scalars(
            select(ArticleVersion).where(ArticleVersion.article_id == first.article_id)
        ).all()
    assert versions == 2
    assert "3300亩" in latest[-1].text and "3260亩" in latest[0].text


def test_wording_edit_without_new_figures_is_a_version(crawl: Crawl) -> None:
    crawl.fetch(PAGE)
    edited = [line.replace("创历年同期新高", "创历史同期最高水平") for line in PAGE]
    assert crawl.fetch(edited).status == "version"


def test_archive_key_is_the_canonical_desktop_url(crawl: Crawl) -> None:
    crawl.fetch(PAGE)
    with crawl.archive.sessions() as session:
        from archive.models import Article

        assert session.scalars(select(Article.url)).all() == [ARCHIVE_KEY]
