"""Story membership: which articles tell the same story.

Called inside the transaction that writes a new article version. An article whose normalized
text equals another article's (an exact reprint under another URL) joins that article's story;
otherwise it starts a story of its own. The earliest-published member is the story's original;
every other member is a reprint.
"""

from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from archive.models import Article, ArticleVersion, Story
from newscrawl.items import ArticleItem


def assign_story(
    session: Session, article: Article, version: ArticleVersion, item: ArticleItem
) -> None:
    if article.story_id is not None:
        return
    twin_story = session.scalar(
        select(Article.story_id)
        .join(ArticleVersion, ArticleVersion.article_id == Article.id)
        .where(
            ArticleVersion.content_hash == version.content_hash,
            Article.id != article.id,
            Article.story_id.is_not(None),
        )
        .limit(1)
    )
    join_story(session, article, twin_story)


def join_story(session: Session, article: Article, story_id: int | None) -> Story:
    """Put ``article`` into story ``story_id`` (a new story when None) and re-elect the
    original: the member published first (ties: first seen)."""
    if story_id is None:
        story = Story(member_count=0)
        session.add(story)
        session.flush()
    else:
        story = session.get_one(Story, story_id, with_for_update=True)
    article.story_id = story.id
    session.flush()
    refresh_story(session, story)
    return story


def refresh_story(session: Session, story: Story) -> None:
    members = session.execute(
        select(
            Article.id,
            func.min(ArticleVersion.published).label("published"),
            Article.first_seen,
        )
        .outerjoin(ArticleVersion, ArticleVersion.article_id == Article.id)
        .where(Article.story_id == story.id)
        .group_by(Article.id, Article.first_seen)
    ).all()
    story.member_count = len(members)
    if not members:
        story.original_article_id = None
        story.first_published = None
        return
    # Unknown publish dates sort last: a page that states its date is the better witness.
    members.sort(key=lambda m: (m.published is None, m.published or "", m.first_seen, m.id))
    original = members[0]
    story.original_article_id = original.id
    story.first_published = original.published
    for member in members:
        session.get_one(Article, member.id).is_reprint = member.id != original.id
