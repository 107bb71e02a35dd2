"""Two crawler processes indexing reprints of the same stories at the same moment, on one real
database (SQLite WAL and PostgreSQL), make exactly one story per family."""

from __future__ import annotations

import multiprocessing
import re
from collections import defaultdict

from sqlalchemy import func, select

from archive.models import Article, Story
from archive.store import Archive
from tests.support.dedup import (
    ORIGINAL,
    ORIGINAL_URL,
    REPRINT_KINDS,
    REPRINT_SITES,
    make_item,
)

FAMILIES = 12
WORKERS = 2


def family_text(family: int) -> str:
    """Another story from the same template: every number of the original gets one more
    digit, so the families are template siblings of each other and must stay apart."""
    return re.sub(r"\d+", lambda match: f"{match.group()}{family}", ORIGINAL)


def family_members(family: int) -> list[tuple[str, str, str]]:
    """``(url, text, published)`` of the original and one reprint per worker after the first
    (each family gets another kind of reprint)."""
    original = family_text(family)
    members = [(f"{ORIGINAL_URL}?family={family}", original, "2022-03-31")]
    kinds = list(REPRINT_KINDS)
    for number in range(1, WORKERS):
        kind = kinds[(family + number) % len(kinds)]
        members.append(
            (
                f"{REPRINT_SITES[kind]}?family={family}",
                REPRINT_KINDS[kind](original),
                f"2022-04-0{number}",
            )
        )
    return members


def index_share(url: str, worker: int, barrier: multiprocessing.synchronize.Barrier) -> None:
    """Save member ``worker`` of every family, all workers starting each family together:
    without serialization each would miss the others' uncommitted rows."""
    archive = Archive.from_url(url)
    try:
        for family in range(1, FAMILIES + 1):
            page_url, text, published = family_members(family)[worker]
            barrier.wait(timeout=60)
            archive.save_article(make_item(page_url, text, published=published))
    finally:
        archive.close()


def test_two_processes_indexing_at_once_make_one_story_per_family(archive_url: str) -> None:
    Archive.from_url(archive_url, upgrade=True).close()  # schema in place before the race
    context = multiprocessing.get_context("spawn")
    barrier = context.Barrier(WORKERS)
    workers = [
        context.Process(target=index_share, args=(archive_url, worker, barrier))
        for worker in range(WORKERS)
    ]
    for process in workers:
        process.start()
    for process in workers:
        process.join(timeout=300)
    assert [process.exitcode for process in workers] == [0] * WORKERS

    archive = Archive.from_url(archive_url, upgrade=True)
    with archive.sessions() as session:
        stories_of_family: dict[str, set[int]] = defaultdict(set)
        for url, story_id in session.execute(select(Article.url, Article.story_id)):
            stories_of_family[url.rsplit("family=", 1)[1]].add(story_id)
        story_rows = session.execute(
            select(Story.id, Story.member_count, Story.original_article_id)
        ).all()
        originals = set(session.scalars(select(Article.url).where(Article.is_reprint.is_(False))))
        articles = session.scalar(select(func.count()).select_from(Article))
    archive.close()

    members = len(family_members(1))
    assert articles == FAMILIES * members
    assert all(len(stories) == 1 for stories in stories_of_family.values()), stories_of_family
    assert len({next(iter(s)) for s in stories_of_family.values()}) == FAMILIES
    assert sorted(count for _, count, _ in story_rows) == [members] * FAMILIES
    assert originals == {f"{ORIGINAL_URL}?family={family}" for family in range(1, FAMILIES + 1)}
