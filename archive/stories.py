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
"""

from __future__ import annotations

import logging
from collections.abc import Collection

import numpy as np
from sqlalchemy import and_, delete, func, or_, select, update
from sqlalchemy.orm import Session

from archive.dedup_index import (
    MAX_CANDIDATES,
    candidates,
    lock_keys,
    replace_bands,
    serialize_story_decisions,
)
from archive.models import Article, ArticleVersion, Story
from newscrawl.items import ArticleItem
from pipelines.dedup.lsh import BandKey, band_keys
from pipelines.dedup.minhash import NUM_PERM, signature
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


def assign_story(
    session: Session, article: Article, version: ArticleVersion, item: ArticleItem
) -> None:
    profile = TextProfile.of(version.text)
    keys: list[BandKey] = []
    if profile.shingles.size >= MIN_INDEXED_SHINGLES:
        keys = band_keys(_signature(item, profile))
    serialize_story_decisions(
        session,
        lock_keys(keys, (article.url, article.declared_original_url or ""), version.content_hash),
    )
    if article.story_id is None:
        matches = matching_articles(session, article, version, profile, keys)
        join_stories(session, article, matches)
    else:
        refresh_story(session, session.get_one(Story, article.story_id, with_for_update=True))
    replace_bands(session, article.id, keys)


def _signature(item: ArticleItem, profile: TextProfile) -> np.ndarray:
    # DedupPipeline has usually computed it already from the same cleaned text.
    if len(item.minhash) == NUM_PERM:
        return np.asarray(item.minhash, dtype=np.uint64)
    return signature(profile.shingles)


def matching_articles(
    session: Session,
    article: Article,
    version: ArticleVersion,
    profile: TextProfile,
    keys: list[BandKey],
) -> list[int]:
    """Ids of the stored articles (already in a story) that tell the same story."""
    twins = set(
        session.scalars(
            select(Article.id)
            .join(ArticleVersion, ArticleVersion.article_id == Article.id)
            .where(
                ArticleVersion.content_hash == version.content_hash,
                Article.id != article.id,
                Article.story_id.is_not(None),
            )
            .limit(MAX_CANDIDATES)
        )
    )
    declared_links = [Article.declared_original_url == article.url]
    if article.declared_original_url:
        declared_links.append(Article.url == article.declared_original_url)
    declared = set(
        session.scalars(select(Article.id).where(or_(*declared_links), Article.id != article.id))
    )
    proposed = {c.article_id for c in candidates(session, keys, exclude_article_id=article.id)}
    # An exact twin needs no verdict; the others may still bridge it to another story.
    proposed -= twins
    if not declared and not proposed:
        return sorted(twins)
    latest_texts = session.execute(
        select(Article.id, ArticleVersion.text)
        .join(
            ArticleVersion,
            and_(
                ArticleVersion.article_id == Article.id,
                ArticleVersion.version == Article.latest_version,
            ),
        )
        .where(Article.id.in_((declared | proposed) - twins), Article.story_id.is_not(None))
        .order_by(Article.id)
    )
    matches = sorted(twins)
    for candidate_id, text in latest_texts:
        verdict = judge_text(profile, text, declared=candidate_id in declared)
        logger.debug("story check %s vs article %d: %s", article.url, candidate_id, verdict.reason)
        if verdict.same_story:
            matches.append(candidate_id)
    return matches


def _lock_stories_of(session: Session, article_ids: Collection[int]) -> list[int]:
    """Lock (FOR UPDATE) the stories ``article_ids`` belong to, and return their ids once no
    concurrent merge can move those articles any more."""
    for _ in range(MAX_LOCK_ROUNDS):
        wanted = set(
            session.scalars(
                select(Article.story_id).where(
                    Article.id.in_(article_ids), Article.story_id.is_not(None)
                )
            )
        )
        if not wanted:
            return []
        locked = set(
            session.scalars(
                select(Story.id).where(Story.id.in_(wanted)).order_by(Story.id).with_for_update()
            )
        )
        # Another transaction may have merged a story away while we waited for its lock.
        now = set(
            session.scalars(
                select(Article.story_id).where(
                    Article.id.in_(article_ids), Article.story_id.is_not(None)
                )
            )
        )
        if now <= locked:
            return sorted(now)
    raise StoryContention(f"stories of articles {sorted(article_ids)} kept changing")


def join_stories(session: Session, article: Article, matches: Collection[int]) -> Story:
    """Put ``article`` into the story of the ``matches`` (merging their stories into the
    oldest when there are several), or into a new story when there are none."""
    story_ids = _lock_stories_of(session, matches) if matches else []
    if not story_ids:
        story = Story(member_count=0)
        session.add(story)
        session.flush()
    else:
        story = session.get_one(Story, story_ids[0])
        merged = story_ids[1:]
        if merged:
            session.execute(
                update(Article).where(Article.story_id.in_(merged)).values(story_id=story.id)
            )
            session.execute(delete(Story).where(Story.id.in_(merged)))
            logger.info("article %s merges stories %s into %d", article.url, merged, story.id)
    article.story_id = story.id
    session.flush()
    refresh_story(session, story)
    return story


def refresh_story(session: Session, story: Story) -> None:
    """Recount the members and re-elect the original: the member published first (unknown
    dates last, then first seen, then id)."""
    first_published = (
        select(func.min(ArticleVersion.published))
        .where(ArticleVersion.article_id == Article.id)
        .correlate(Article)
        .scalar_subquery()
        .label("published")
    )
    members = session.execute(
        select(Article.id, first_published, Article.first_seen, Article.is_reprint).where(
            Article.story_id == story.id
        )
    ).all()
    story.member_count = len(members)
    if not members:
        story.original_article_id = None
        story.first_published = None
        return
    # A page that states its date is the better witness than one that does not.
    original = min(
        members, key=lambda m: (m.published is None, m.published or "", m.first_seen, m.id)
    )
    story.original_article_id = original.id
    story.first_published = original.published
    # Only the members whose flag changes are written (and row-locked): usually the newcomer.
    for member in members:
        if member.is_reprint != (member.id != original.id):
            session.get_one(Article, member.id).is_reprint = member.id != original.id
