"""Whole forum threads: every post of a thread page, each with its author and time.

By default a thread page is archived as its opening post (the article). In whole-thread mode
(``extract_page(..., whole_thread=True)``, the registry's ``whole_thread`` policy, ``-a
whole_thread=1``) the replies are kept too, as marked parts: one marker line per post
(``【2楼】作者 2024-05-01 10:00``) followed by the post's paragraphs.

Posts are found by structure, whatever the forum engine: the replies of a thread are
siblings with the same tag and class signature (``div.reply-item``, ``li.comment``,
``table#pid…``), each holding prose; the group of such siblings with the most prose is the
post list. Link lists (navigation, related threads) never qualify: their text is link text.
Inside a post, a short date line is its time and a short link to a user page (or an element
the markup labels author / user / name) its author; neither counts as the post's text.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field

from lxml.html import HtmlElement

from pipelines.cleaning.html import attribute_tokens
from pipelines.extraction.blocks import Block, cjk_count, iter_blocks
from pipelines.extraction.dates import parse_date
from pipelines.extraction.dom import element_text

_POST_TAGS = frozenset({"div", "li", "article", "section", "table", "tr", "dl", "dd"})
_MIN_POSTS = 2
_MAX_LINK_DENSITY = 0.5
_MAX_META_LINE = 40
# A post's text lies in the child that holds this share of its prose.
_CONTENT_SHARE = 0.6
_SIGNED_SHARE = 0.5
_USER_LINK = re.compile(
    r"/(?:u|user|users|people|member|members|home|space|profile|author)/|uid=|space-uid|/u\d",
    re.I,
)
_AUTHOR_TOKENS = frozenset(
    {"author", "user", "username", "name", "nick", "nickname", "poster", "uname", "authi"}
)
_RELATIVE_TIME = re.compile(r"^\s*(?:\d+\s*(?:秒|分钟|小时|天|周|个月|年)前|刚刚|昨天|前天|今天)")
_POSTED_AT = re.compile(r"发表于|发布于|回复于|编辑于|posted", re.I)
# Buttons that survive cleaning inside a post: 回复, 赞, 举报, 分享 …
_ACTION_LINE = re.compile(
    r"^(?:回复|赞|点赞|踩|举报|分享|引用|收藏|编辑|删除|只看该作者|楼主|沙发|板凳|\d+\s*(?:楼|#)|"
    r"\d+\s*(?:赞|点赞|回复|条回复|评论|条评论|收藏|分享|浏览|阅读|人赞同)|赞同\s*\d*|有用\s*\d*|[\s·|]+)+$"
)


@dataclass(slots=True)
class ThreadPost:
    """One post of a thread."""

    author: str | None
    published: str | None
    paragraphs: list[str] = field(default_factory=list)


def _signature(element: HtmlElement) -> tuple[str, frozenset[str]]:
    """Tag and class: posts differ in their ids (post_123), layout columns in their classes
    (col-18 / col-6)."""
    return element.tag, frozenset((element.get("class") or "").split())


def _prose(blocks: list[Block]) -> int:
    return sum(
        len(block.text) - block.link_chars
        for block in blocks
        if block.link_density <= _MAX_LINK_DENSITY
    )


def _post_groups(root: HtmlElement) -> list[list[HtmlElement]]:
    groups: list[list[HtmlElement]] = []
    for parent in root.iter():
        if not isinstance(parent.tag, str):
            continue
        by_signature: dict[tuple[str, frozenset[str]], list[HtmlElement]] = defaultdict(list)
        for child in parent:
            if isinstance(child.tag, str) and child.tag in _POST_TAGS:
                by_signature[_signature(child)].append(child)
        groups.extend(group for group in by_signature.values() if len(group) >= _MIN_POSTS)
    return groups


def find_post_list(root: HtmlElement) -> list[HtmlElement]:
    """The sibling elements that are the thread's posts; empty when the page has none."""
    best: tuple[int, list[HtmlElement]] = (0, [])
    for group in _post_groups(root):
        proses = [_prose(list(iter_blocks(member))) for member in group]
        with_text = [prose for prose in proses if prose > 0]
        if len(with_text) < _MIN_POSTS:
            continue
        # Posts say who wrote them or when; paragraphs, code blocks and columns do not.
        signed = sum(
            bool(_author(member) or _published(member, list(iter_blocks(member))))
            for member in group
        )
        if signed < _SIGNED_SHARE * len(group):
            continue
        total = sum(with_text)
        if total > best[0]:
            best = (total, group)
    return best[1]


def _author(post: HtmlElement) -> str | None:
    for element in post.iter():
        if not isinstance(element.tag, str):
            continue
        is_user_link = element.tag == "a" and _USER_LINK.search(element.get("href") or "")
        if is_user_link or not attribute_tokens(element).isdisjoint(_AUTHOR_TOKENS):
            text = element_text(element)
            if 1 < len(text) <= 20 and not parse_date(text):
                return text
    return None


def _published(post: HtmlElement, blocks: list[Block]) -> str | None:
    for element in post.iter("time"):
        if found := parse_date(element.get("datetime") or element_text(element)):
            return found
    for block in blocks:
        if len(block.text) <= _MAX_META_LINE and (found := parse_date(block.text)):
            return found
    return None


def _is_meta(block: Block, author: str | None) -> bool:
    text = block.text
    if block.link_density > _MAX_LINK_DENSITY or _ACTION_LINE.match(text):
        return True
    if author and text.startswith(author) and len(text) <= len(author) + _MAX_META_LINE:
        rest = text[len(author) :]
        return not rest.strip() or parse_date(rest) is not None or bool(_RELATIVE_TIME.match(rest))
    if len(text) <= 2 * _MAX_META_LINE and _POSTED_AT.search(text) and parse_date(text):
        return True  # "发表于 2024-4-5 23:20:45 | 只看该作者"
    if len(text) <= _MAX_META_LINE and (parse_date(text) or _RELATIVE_TIME.match(text)):
        return cjk_count(re.sub(r"发表于|发布于|编辑于|回复于|时间|日期|年|月|日", "", text)) <= 4
    return False


def _content(post: HtmlElement, author: str | None) -> HtmlElement:
    """The part of a post that holds its text: forum engines put the poster's profile
    (主题 / 帖子 / 积分) and the post's toolbar beside it."""
    current = post
    while True:
        children = [child for child in current if isinstance(child.tag, str)]
        proses = [
            sum(len(block.text) for block in iter_blocks(child) if not _is_meta(block, author))
            for child in children
        ]
        total = sum(proses)
        if not total:
            return current
        best = max(range(len(children)), key=proses.__getitem__)
        if proses[best] < _CONTENT_SHARE * total or proses[best] == 0:
            return current
        current = children[best]
        if len(children) == 1 and not list(current):
            return current


def read_post(post: HtmlElement) -> ThreadPost:
    blocks = list(iter_blocks(post))
    author = _author(post)
    content = _content(post, author)
    return ThreadPost(
        author=author,
        published=_published(post, blocks),
        paragraphs=[block.text for block in iter_blocks(content) if not _is_meta(block, author)],
    )


def marker(index: int, post: ThreadPost) -> str:
    """The line that opens a post in whole-thread text."""
    details = " ".join(part for part in (post.author, post.published) if part)
    return f"【{index}楼】{details}".strip()


def thread_posts(root: HtmlElement, opening: list[str]) -> list[ThreadPost]:
    """All posts of a thread page, the opening post first.

    ``root`` is the page cleaned with its replies kept; ``opening`` is the opening post's
    text as the page extractor found it. What of it the post list does not hold (question
    pages lay the question out apart from the answers) is the first post.
    """
    posts = [read_post(element) for element in find_post_list(root)]
    posts = [post for post in posts if post.paragraphs]
    if not posts:
        return []
    in_posts = {paragraph for post in posts for paragraph in post.paragraphs}
    rest = [paragraph for paragraph in opening if paragraph not in in_posts]
    if rest:
        posts.insert(0, ThreadPost(None, None, rest))
    return posts
