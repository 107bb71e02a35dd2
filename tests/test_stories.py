"""Stories in a real archive database (SQLite and PostgreSQL): reprint families join one story,
template siblings do not, the earliest-published member is the original."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from sqlalchemy import func, select

from archive.models import Article, ArticleVersion, LshBand, Story
from archive.store import Archive
from archive.stories import has_shingles
from pipelines.dedup.lsh import BANDS
from pipelines.dedup.minhash import shingle_hashes
from tests.support.dedup import (
    ORIGINAL,
    ORIGINAL_URL,
    REPRINT_SITES,
    SIBLING_URL,
    TEMPLATE_SIBLING,
    UNRELATED,
    UNRELATED_URL,
    make_item,
    reprint_family,
    truncated,
    with_sohu_boilerplate,
    without_lead,
)


def stories_by_url(archive: Archive) -> dict[str, int | None]:
    with archive.sessions() as session:
        return dict(session.execute(select(Article.url, Article.story_id)).all())


def story_of(archive: Archive, url: str) -> Story:
    with archive.sessions() as session:
        story_id = session.scalar(select(Article.story_id).where(Article.url == url))
        return session.get_one(Story, story_id)


def test_reprint_family_is_one_story_and_template_sibling_another(archive: Archive) -> None:
    family = reprint_family()
    for item in [
        *family,
        make_item(SIBLING_URL, TEMPLATE_SIBLING),
        make_item(UNRELATED_URL, UNRELATED),
    ]:
        archive.save_article(item)

    stories = stories_by_url(archive)
    family_stories = {stories[item.url] for item in family}
    assert len(family_stories) == 1, stories
    assert stories[SIBLING_URL] not in family_stories
    assert stories[UNRELATED_URL] not in family_stories | {stories[SIBLING_URL]}

    story = story_of(archive, ORIGINAL_URL)
    assert story.member_count == len(family)
    assert story.first_published == "2022-03-31"
    with archive.sessions() as session:
        flags = dict(session.execute(select(Article.url, Article.is_reprint)).all())
        original_id = session.scalar(select(Article.id).where(Article.url == ORIGINAL_URL))
        count = session.scalar(select(func.count()).select_from(Story))
    assert story.original_article_id == original_id
    assert flags[ORIGINAL_URL] is False
    assert all(flags[url] for url in REPRINT_SITES.values())
    assert flags[SIBLING_URL] is False
    assert count == 3


def test_original_arriving_last_merges_the_reprints_and_becomes_the_original(
    archive: Archive,
) -> None:
    # Two reprints that share too little with each other to be one story on their own.
    cut = make_item(REPRINT_SITES["truncated"], truncated(ORIGINAL, 0.45), published="2022-04-02")
    tail = make_item(
        REPRINT_SITES["dropped_lead"],
        "\n".join(ORIGINAL.split("\n")[2:]),
        published="2022-04-01",
    )
    archive.save_article(cut)
    archive.save_article(tail)
    assert len(set(stories_by_url(archive).values())) == 2

    archive.save_article(make_item(ORIGINAL_URL, ORIGINAL, published="2022-03-31"))
    stories = stories_by_url(archive)
    assert len(set(stories.values())) == 1
    story = story_of(archive, ORIGINAL_URL)
    assert story.member_count == 3
    with archive.sessions() as session:
        assert session.scalar(select(func.count()).select_from(Story)) == 1
        original = session.get_one(Article, story.original_article_id)
    assert original.url == ORIGINAL_URL
    assert original.is_reprint is False


def test_exact_duplicate_under_another_url_joins(archive: Archive) -> None:
    first = archive.save_article(make_item(ORIGINAL_URL, ORIGINAL))
    copy = archive.save_article(make_item("https://www.sohu.com/a/1_2", ORIGINAL, published=None))
    assert copy.story_id == first.story_id


@pytest.mark.parametrize("mirror_first", [False, True])
def test_declared_original_joins_in_either_order(archive: Archive, mirror_first: bool) -> None:
    excerpt = ORIGINAL.split("\n")[0]  # a quarter of the text: too little to be a reprint
    original = make_item(ORIGINAL_URL, ORIGINAL)
    mirror = make_item(
        "http://www.zngk.vip/post/2231.html",
        excerpt,
        published="2022-04-01",
        declared_original_url=ORIGINAL_URL,
    )
    if mirror_first:
        mirror_story = archive.save_article(mirror).story_id
        original_story = archive.save_article(original).story_id
    else:
        original_story = archive.save_article(original).story_id
        undeclared = make_item("http://other.example.cn/1.html", excerpt, published="2022-04-01")
        assert archive.save_article(undeclared).story_id != original_story
        mirror_story = archive.save_article(mirror).story_id
    assert mirror_story == original_story
    # The mirror's text is the undeclared excerpt's: it brings that page into the story too.
    assert story_of(archive, ORIGINAL_URL).member_count == (2 if mirror_first else 3)


def test_original_source_named_by_a_reprint_is_kept(archive: Archive) -> None:
    archive.save_article(make_item(ORIGINAL_URL, ORIGINAL))
    reprint = make_item(
        REPRINT_SITES["boilerplate"],
        with_sohu_boilerplate(ORIGINAL),
        published="2022-04-01",
        original_source="青岛日报",
        original_title="一季度新开工项目155个 总投资421亿元",
    )
    outcome = archive.save_article(reprint)
    with archive.sessions() as session:
        version = session.get_one(ArticleVersion, outcome.version_id)
        article = session.get_one(Article, outcome.article_id)
    assert (version.original_source, version.original_title) == (
        "青岛日报",
        "一季度新开工项目155个 总投资421亿元",
    )
    assert article.is_reprint is True
    assert article.story_id == story_of(archive, ORIGINAL_URL).id


def test_new_version_keeps_its_story_and_reindexes_its_text(archive: Archive) -> None:
    reprint_url = REPRINT_SITES["dropped_lead"]
    archive.save_article(make_item(ORIGINAL_URL, ORIGINAL))
    first = archive.save_article(
        make_item(reprint_url, without_lead(ORIGINAL), published="2022-04-01")
    )
    edited = without_lead(ORIGINAL).replace("3260亩", "3300亩")
    second = archive.save_article(make_item(reprint_url, edited, published="2022-04-01"))
    assert (second.status, second.version) == ("version", 2)
    assert second.story_id == first.story_id
    with archive.sessions() as session:
        bands = session.scalar(
            select(func.count()).select_from(LshBand).where(LshBand.article_id == first.article_id)
        )
    assert bands == BANDS


def test_index_persists_across_crawls(archive_url: str) -> None:
    first_crawl = Archive.from_url(archive_url, upgrade=True)
    original = first_crawl.save_article(make_item(ORIGINAL_URL, ORIGINAL))
    first_crawl.close()
    second_crawl = Archive.from_url(archive_url, upgrade=True)
    reprint = second_crawl.save_article(
        make_item(REPRINT_SITES["jammer"], without_lead(ORIGINAL), published="2022-04-02")
    )
    second_crawl.close()
    assert reprint.story_id == original.story_id


def test_short_texts_are_not_indexed(archive: Archive) -> None:
    outcome = archive.save_article(
        make_item("http://www.zngk.vip/post/9.html", "招商引资签约项目12个。")
    )
    with archive.sessions() as session:
        assert session.scalar(select(func.count()).select_from(LshBand)) == 0
        assert session.get_one(Story, outcome.story_id).member_count == 1


def test_reprint_is_found_in_an_archive_crowded_with_its_template(archive: Archive) -> None:
    # Forty stories from one template (only the figures differ, so they resemble each other
    # more than real district stories do) are candidates too; the 60% cut must still be found.
    import re

    for sibling in range(1, 41):
        text = re.sub(r"\d+", lambda match, s=sibling: f"{match.group()}{s}", ORIGINAL)
        archive.save_article(make_item(f"http://www.district{sibling}.gov.cn/1.html", text))
    original = archive.save_article(make_item(ORIGINAL_URL, ORIGINAL))
    reprint = archive.save_article(
        make_item(REPRINT_SITES["truncated"], truncated(ORIGINAL), published="2022-04-01")
    )
    assert reprint.story_id == original.story_id
    with archive.sessions() as session:
        assert session.scalar(select(func.count()).select_from(Story)) == 41


@given(st.text(alphabet="一二三四五六七八九十项目投资亿元万个，。 abc123", max_size=80))
@settings(max_examples=300, deadline=None)
def test_the_shingle_count_check_agrees_with_the_hashes(text: str) -> None:
    # assign_story skips hashing the shingles when it only needs to know there are enough.
    for count in (1, 5, 30):
        assert has_shingles(text, count) == (shingle_hashes(text).size >= count)
