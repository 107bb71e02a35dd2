"""Story membership: which articles tell the same story.

Called by the store inside the transaction that writes a new article version. A new article
joins the story of

- every article with the same normalized text (an exact reprint under another URL), and
- every article the near-duplicate check accepts: candidates come from the persistent LSH
  index (``archive.dedup_index``) and from declared originals (a cross-site ``rel=canonical``
  / ``og:url`` naming the other page, either way round); ``pipelines.dedup.verdict`` decides.

When a new article bridges several stories (the original arriving after two reprints that were
cut differently) those stories are merged into the oldest. Otherwise it starts a story of its
own. The earliest-published member is the story's original; every other member is a reprint.
The original source a reprint names (原标题, 来源) stays on its version rows.

A new version of an article already in a story keeps the story: an edit does not make another
story. Its bands are replaced by those of the new text, and the original is re-elected in case
the publication date moved.

Every statement here is SQLAlchemy Core built once at import and run on the transaction's
connection: this runs for every archived page, and building ORM objects and statements per
call cost more than the queries themselves (see docs/benchmarks.md, "archive writes").
"""

from __future__ import annotations

import logging
from collections.abc import Collection, Sequence
from dataclasses import dataclass

import numpy as np
from sqlalchemy import Connection, and_, bindparam, delete, func, insert, or_, select, update

from archive.dedup_index import (
    MAX_CANDIDATES,
    candidates,
    lock_keys,
    replace_bands,
    serialize_story_decisions,
)
from archive.models import Article, ArticleVersion, Story
from pipelines.dedup.lsh import BandKey, band_keys
from pipelines.dedup.minhash import (
    NUM_PERM,
    SHINGLE_SIZE,
    U64,
    shingle_hashes,
    shingle_text,
    signature,
)
from pipelines.dedup.verdict import TextProfile, judge_text

logger = logging.getLogger(__name__)

# Texts with fewer shingles (about 30 characters) are too short to tell a reprint from a
# coincidence; they only join a story by an exact text match.
MIN_INDEXED_SHINGLES = 30
# Rounds of "read the candidates' stories, lock them" before giving up on a story that keeps
# being merged away by concurrent writers.
MAX_LOCK_ROUNDS = 8


class StoryContention(RuntimeError):
    """The candidate stories kept changing under concurrent merges."""


@dataclass(frozen=True, slots=True)
class SavedVersion:
    """The version the store has just written, as the story decision needs it."""

    article_id: int
    url: str
    declared_original_url: str | None
    story_id: int | None  # the article's story before this version
    version: int
    content_hash: str
    text: str
    published: str | None


_articles = Article.__table__
_versions = ArticleVersion.__table__
_stories = Story.__table__

_TWINS = (
    select(_articles.c.id)
    .join(_versions, _versions.c.article_id == _articles.c.id)
    .where(
        _versions.c.content_hash == bindparam("content_hash"),
        _articles.c.id != bindparam("article_id"),
        _articles.c.story_id.is_not(None),
    )
    .limit(MAX_CANDIDATES)
)
# Pages that name this one as their original; and, when this page names one, that page.
_DECLARING = select(_articles.c.id).where(
    _articles.c.declared_original_url == bindparam("url"), _articles.c.id != bindparam("article_id")
)
_DECLARED_EITHER_WAY = select(_articles.c.id).where(
    or_(
        _articles.c.declared_original_url == bindparam("url"),
        _articles.c.url == bindparam("declared"),
    ),
    _articles.c.id != bindparam("article_id"),
)
_LATEST_TEXTS = (
    select(_articles.c.id, _versions.c.text)
    .join(
        _versions,
        and_(
            _versions.c.article_id == _articles.c.id,
            _versions.c.version == _articles.c.latest_version,
        ),
    )
    .where(_articles.c.id.in_(bindparam("ids", expanding=True)), _articles.c.story_id.is_not(None))
    .order_by(_articles.c.id)
)
_STORIES_OF = select(_articles.c.story_id).where(
    _articles.c.id.in_(bindparam("ids", expanding=True)), _articles.c.story_id.is_not(None)
)
_LOCK_STORIES = (
    select(_stories.c.id)
    .where(_stories.c.id.in_(bindparam("ids", expanding=True)))
    .order_by(_stories.c.id)
    .with_for_update()
)
_LOCK_STORY = select(_stories.c.id).where(_stories.c.id == bindparam("story_id")).with_for_update()
_NEW_STORY = insert(_stories).returning(_stories.c.id)
_SET_STORY = (
    update(_articles)
    .where(_articles.c.id == bindparam("article_id"))
    .values(story_id=bindparam("story_id"))
)
_MOVE_MEMBERS = (
    update(_articles)
    .where(_articles.c.story_id.in_(bindparam("merged", expanding=True)))
    .values(story_id=bindparam("story_id"))
)
_DELETE_STORIES = delete(_stories).where(_stories.c.id.in_(bindparam("merged", expanding=True)))
_FIRST_PUBLISHED = (
    select(func.min(_versions.c.published))
    .where(_versions.c.article_id == _articles.c.id)
    .correlate(_articles)
    .scalar_subquery()
    .label("published")
)
_MEMBERS = select(
    _articles.c.id, _FIRST_PUBLISHED, _articles.c.first_seen, _articles.c.is_reprint
).where(_articles.c.story_id == bindparam("story_id"))
_UPDATE_STORY = (
    update(_stories)
    .where(_stories.c.id == bindparam("story_id"))
    .values(
        member_count=bindparam("member_count"),
        original_article_id=bindparam("original_article_id"),
        first_published=bindparam("first_published"),
    )
)
_SET_REPRINT = (
    update(_articles)
    .where(_articles.c.id == bindparam("article_id"))
    .values(is_reprint=bindparam("is_reprint"))
)


def assign_story(conn: Connection, saved: SavedVersion, minhash: Sequence[int]) -> int:
    """Put the article of ``saved`` into its story (and index its text); the story's id."""
    keys: list[BandKey] = []
    if has_shingles(saved.text, MIN_INDEXED_SHINGLES):
        keys = band_keys(_signature(minhash, saved.text))
    serialize_story_decisions(
        conn,
        lock_keys(keys, (saved.url, saved.declared_original_url or ""), saved.content_hash),
    )
    if saved.story_id is None:
        matches = matching_articles(conn, saved, keys)
        story_id = join_stories(conn, saved, matches)
    else:
        story_id = saved.story_id
        conn.execute(_LOCK_STORY, {"story_id": story_id}).all()
        refresh_story(conn, story_id)
    # A first version has no index rows to replace.
    replace_bands(conn, saved.article_id, keys, replace=saved.version > 1)
    return story_id


def has_shingles(text: str, count: int) -> bool:
    """Whether ``text`` has at least ``count`` distinct shingles, looking no further than it
    takes to find them (the hashes are only needed when there is something to compare)."""
    folded = shingle_text(text)
    size = min(SHINGLE_SIZE, len(folded))  # a text shorter than a shingle is one shingle
    windows = len(folded) - size + 1 if folded else 0
    if windows < count:
        return False
    seen: set[str] = set()
    for start in range(windows):
        seen.add(folded[start : start + size])
        if len(seen) >= count:
            return True
    return False


def _signature(minhash: Sequence[int], text: str) -> U64:
    # DedupPipeline has usually computed it already from the same cleaned text.
    if len(minhash) == NUM_PERM:
        return np.asarray(minhash, dtype=np.uint64)
    return signature(shingle_hashes(text))


def matching_articles(conn: Connection, saved: SavedVersion, keys: list[BandKey]) -> list[int]:
    """Ids of the stored articles (already in a story) that tell the same story."""
    twins = set(
        conn.scalars(_TWINS, {"content_hash": saved.content_hash, "article_id": saved.article_id})
    )
    if saved.declared_original_url:
        declared = set(
            conn.scalars(
                _DECLARED_EITHER_WAY,
                {
                    "url": saved.url,
                    "declared": saved.declared_original_url,
                    "article_id": saved.article_id,
                },
            )
        )
    else:
        declared = set(conn.scalars(_DECLARING, {"url": saved.url, "article_id": saved.article_id}))
    proposed = {c.article_id for c in candidates(conn, keys, exclude_article_id=saved.article_id)}
    # An exact twin needs no verdict; the others may still bridge it to another story.
    proposed -= twins
    to_judge = (declared | proposed) - twins
    if not to_judge:
        return sorted(twins)
    # Computed only now: most new articles have no candidate to judge.
    profile = TextProfile.of(saved.text)
    matches = sorted(twins)
    for candidate_id, text in conn.execute(_LATEST_TEXTS, {"ids": sorted(to_judge)}):
        verdict = judge_text(profile, text, declared=candidate_id in declared)
        logger.debug("story check %s vs article %d: %s", saved.url, candidate_id, verdict.reason)
        if verdict.same_story:
            matches.append(candidate_id)
    return matches


def _lock_stories_of(conn: Connection, article_ids: Collection[int]) -> list[int]:
    """Lock (FOR UPDATE) the stories ``article_ids`` belong to, and return their ids once no
    concurrent merge can move those articles any more."""
    ids = {"ids": sorted(article_ids)}
    for _ in range(MAX_LOCK_ROUNDS):
        wanted = set(conn.scalars(_STORIES_OF, ids))
        if not wanted:
            return []
        locked = set(conn.scalars(_LOCK_STORIES, {"ids": sorted(wanted)}))
        # Another transaction may have merged a story away while we waited for its lock.
        now = set(conn.scalars(_STORIES_OF, ids))
        if now <= locked:
            return sorted(now)
    raise StoryContention(f"stories of articles {sorted(article_ids)} kept changing")


def join_stories(conn: Connection, saved: SavedVersion, matches: Collection[int]) -> int:
    """Put the article into the story of the ``matches`` (merging their stories into the
    oldest when there are several), or into a new story when there are none; the story id."""
    story_ids = _lock_stories_of(conn, matches) if matches else []
    if not story_ids:
        if saved.version == 1:
            # A story of one new article: it is the original, and nothing else needs reading.
            story_id = conn.execute(
                _NEW_STORY,
                {
                    "member_count": 1,
                    "original_article_id": saved.article_id,
                    "first_published": saved.published,
                },
            ).scalar_one()
            conn.execute(_SET_STORY, {"article_id": saved.article_id, "story_id": story_id})
            return story_id
        story_id = conn.execute(_NEW_STORY, {"member_count": 0}).scalar_one()
    else:
        story_id, merged = story_ids[0], story_ids[1:]
        if merged:
            conn.execute(_MOVE_MEMBERS, {"merged": merged, "story_id": story_id})
            conn.execute(_DELETE_STORIES, {"merged": merged})
            logger.info("article %s merges stories %s into %d", saved.url, merged, story_id)
    conn.execute(_SET_STORY, {"article_id": saved.article_id, "story_id": story_id})
    refresh_story(conn, story_id)
    return story_id


def refresh_story(conn: Connection, story_id: int) -> None:
    """Recount the members and re-elect the original: the member published first (unknown
    dates last, then first seen, then id)."""
    members = conn.execute(_MEMBERS, {"story_id": story_id}).all()
    if not members:
        conn.execute(
            _UPDATE_STORY,
            {
                "story_id": story_id,
                "member_count": 0,
                "original_article_id": None,
                "first_published": None,
            },
        )
        return
    # A page that states its date is the better witness than one that does not.
    original = min(
        members, key=lambda m: (m.published is None, m.published or "", m.first_seen, m.id)
    )
    conn.execute(
        _UPDATE_STORY,
        {
            "story_id": story_id,
            "member_count": len(members),
            "original_article_id": original.id,
            "first_published": original.published,
        },
    )
    # Only the members whose flag changes are written (and row-locked): usually the newcomer.
    for member in members:
        is_reprint = member.id != original.id
        if member.is_reprint != is_reprint:
            conn.execute(_SET_REPRINT, {"article_id": member.id, "is_reprint": is_reprint})
