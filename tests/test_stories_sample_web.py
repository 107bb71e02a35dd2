"""A crawl of the bundled sample web (``newscrawl demo``) yields the right stories: the West
Coast story and its reprints on the city paper, Sohu, the Z-Blog site and the forum are one
story whose original is the district paper; its template sibling (Jimo) and the other
一季度新开工项目 stories stay apart."""

from __future__ import annotations

import subprocess
import sys
from collections import defaultdict
from pathlib import Path

import pytest
from sqlalchemy import select

from archive.models import Article, ArticleVersion, Story
from archive.store import Archive

REPO_ROOT = Path(__file__).resolve().parents[1]
WEST_COAST = "西海岸新区一季度新开工项目155个"
JIMO = "即墨区一季度新开工项目68个"


@pytest.mark.slow
def test_sample_web_crawl_yields_the_right_stories(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'demo.sqlite3'}"
    result = subprocess.run(
        [sys.executable, "-m", "newscrawl", "demo", "--db", url],
        cwd=REPO_ROOT,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert result.returncode == 0, result.stderr[-2000:]

    archive = Archive.from_url(url)
    with archive.sessions() as session:
        rows = session.execute(
            select(
                Article.id, Article.url, Article.story_id, Article.is_reprint, ArticleVersion.title
            )
            .join(ArticleVersion, ArticleVersion.article_id == Article.id)
            .where(ArticleVersion.version == 1)
        ).all()
        originals = dict(session.execute(select(Story.id, Story.original_article_id)).all())
    archive.close()

    stories_by_title: dict[str, set[int]] = defaultdict(set)
    urls_of_story: dict[int, list[str]] = defaultdict(list)
    for row in rows:
        urls_of_story[row.story_id].append(row.url)
        for marker in (WEST_COAST, JIMO):
            if marker in (row.title or ""):
                stories_by_title[marker].add(row.story_id)

    assert len(stories_by_title[WEST_COAST]) == 1, stories_by_title
    assert len(stories_by_title[JIMO]) == 1, stories_by_title
    west_coast = next(iter(stories_by_title[WEST_COAST]))
    assert west_coast != next(iter(stories_by_title[JIMO]))
    hosts = {url.split("/")[2] for url in urls_of_story[west_coast]}
    assert {"epaper.xihaiannews.com", "epaper.qingdaonews.com", "www.sohu.com"} <= hosts
    assert {"www.zngk.vip", "www.52ocean.cn"} <= hosts
    # The district paper published first: it is the original, everything else a reprint.
    original_url = next(row.url for row in rows if row.id == originals[west_coast])
    assert original_url.startswith("http://epaper.xihaiannews.com/")
    assert all(
        row.is_reprint == (row.id != originals[west_coast])
        for row in rows
        if row.story_id == west_coast
    )
    # Every other "一季度新开工项目N个" story is a story of its own.
    q1_stories = [row.story_id for row in rows if "一季度新开工项目" in (row.title or "")]
    siblings = {story for story in q1_stories if story != west_coast}
    assert len(siblings) == len(
        {row.title.split("]")[-1] for row in rows if row.story_id in siblings}
    )
