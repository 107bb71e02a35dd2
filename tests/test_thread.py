"""Whole forum threads: every post with its author and time, as marked parts; the option in
the registry policy and as a spider argument."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest

from archive.reparse import reparse_all
from archive.store import Archive
from newscrawl.registry import RegistryError, load_source
from newscrawl.spiders.base import parse_flag
from pipelines.cleaning import clean_paragraphs
from pipelines.extraction import extract_page
from pipelines.items import ArticleItem
from pipelines.parse import parse_page
from tests.support.registry import GOOD, write

OPENING = "园区今年计划引进亿元以上项目30个，大家觉得哪些产业最有希望落地？欢迎讨论。"
REPLIES = [
    (
        "海风",
        "2026-04-02 09:15",
        "我看好新能源汽车零部件，去年园区已经落了三个配套项目，产业链基础不错。",
    ),
    ("老王说", "2026-04-02 10:40", "海洋装备也有机会，港区的码头和岸线资源是别的园区比不了的。"),
    ("青岛小李", "2026-04-03 18:02", "关键还是要看用地和审批，项目签了约，落不了地也是白搭。"),
]


def thread_page() -> str:
    posts = "".join(
        f"<div class='reply-item' id='post_{n}'><div class='reply-head'>"
        f"<a class='name' href='/u/{n}'>{author}</a><span class='time'>{time}</span></div>"
        f"<div class='reply-body'><p>{text}</p></div>"
        "<div class='reply-actions'><a href='#'>回复</a> <a href='#'>赞 3</a></div></div>"
        for n, (author, time, text) in enumerate(REPLIES, 2)
    )
    return (
        "<html><head><meta charset='utf-8'><title>招商引资：哪些产业最有希望？_西海岸论坛</title></head>"
        "<body><div class='nav'><a href='/'>首页</a><a href='/f/1'>经济论坛</a></div>"
        "<div class='thread'><h1>招商引资：哪些产业最有希望？</h1>"
        "<div class='topic'><div class='topic-meta'><a href='/u/1'>园区观察</a> 发表于 2026-04-01 20:30</div>"
        f"<div class='topic-body'><p>{OPENING}</p></div></div>"
        f"<div class='comments'>{posts}</div></div>"
        "<div class='side'><ul><li><a href='/t/9'>西海岸新区一季度经济数据出炉</a></li>"
        "<li><a href='/t/8'>港区新建两个泊位</a></li></ul></div></body></html>"
    )


def test_default_is_the_opening_post() -> None:
    page = extract_page(thread_page(), "https://bbs.example.cn/t/10")
    assert clean_paragraphs(page.paragraphs) == [OPENING]
    assert page.posts == []


def test_whole_thread_keeps_every_post_with_author_and_time() -> None:
    page = extract_page(thread_page(), "https://bbs.example.cn/t/10", whole_thread=True)
    assert [post.paragraphs for post in page.posts] == [[OPENING]] + [[t] for _, _, t in REPLIES]
    assert [(post.author, post.published) for post in page.posts[1:]] == [
        (author, f"{time.replace(' ', 'T')}:00+08:00") for author, time, _ in REPLIES
    ]
    text = clean_paragraphs(page.paragraphs)
    assert text[0] == "【1楼】2026-04-01T20:30:00+08:00" and text[1] == OPENING
    assert text[2] == "【2楼】海风 2026-04-02T09:15:00+08:00"
    assert text[-1] == REPLIES[-1][2]
    assert not any(line == "回复" or "赞 3" in line for line in text)


def test_whole_thread_leaves_articles_alone() -> None:
    paragraphs = "".join(f"<p>{text}</p>" for text in [OPENING, *(t for _, _, t in REPLIES)])
    html = f"<html><body><div class='article'><h1>标题</h1>{paragraphs}</div></body></html>"
    page = extract_page(html, "https://www.example.cn/a/1.html", whole_thread=True)
    assert page.posts == []
    assert clean_paragraphs(page.paragraphs)[0] == OPENING


def test_registry_policy_and_spider_argument(tmp_path: Path) -> None:
    assert load_source(write(tmp_path, GOOD)).policy.whole_thread is False
    source = load_source(write(tmp_path, GOOD + "whole_thread = true\n"))
    assert source.policy.whole_thread is True
    with pytest.raises(RegistryError, match=r"whole_thread.*must be bool"):
        load_source(write(tmp_path, GOOD + 'whole_thread = "yes"\n'))
    assert parse_flag("whole_thread", "1") is True
    assert parse_flag("whole_thread", "0") is False
    assert parse_flag("whole_thread", None) is None
    with pytest.raises(ValueError, match="whole_thread='maybe'"):
        parse_flag("whole_thread", "maybe")


def test_the_option_reaches_the_spiders(tmp_path: Path) -> None:
    from scrapy.utils.test import get_crawler

    from newscrawl.spiders.site import SiteSpider
    from newscrawl.spiders.sources import spider_class

    forum = GOOD.replace('family = "trs"', 'family = "discuz"') + "whole_thread = true\n"
    spider_type = spider_class(load_source(write(tmp_path, forum)))
    assert spider_type.from_crawler(get_crawler(spider_type)).whole_thread is True
    overridden = spider_type.from_crawler(get_crawler(spider_type), whole_thread="0")
    assert overridden.whole_thread is False
    site = SiteSpider.from_crawler(
        get_crawler(SiteSpider), start_url="http://www.example.cn/", whole_thread="1"
    )
    assert site.whole_thread is True
    assert site.source_key == "site:www.example.cn"


def test_reparse_keeps_whole_threads_whole(archive: Archive) -> None:
    url = "https://bbs.example.cn/t/10"
    raw = thread_page().encode("utf-8")
    parsed = parse_page(raw, url, whole_thread=True)
    page = parsed.page
    archive.save_article(
        ArticleItem(
            url=url,
            source_key="xhaforum",
            family=page.family,
            fetched_at=datetime(2026, 4, 5, 1, 0, tzinfo=UTC),
            raw_body=raw,
            encoding=page.encoding,
            title=page.title,
            published=page.published,
            paragraphs=page.paragraphs,
            text=parsed.text,
            content_hash=parsed.content_hash,
            facts=parsed.facts,
            parser_version="extract-0+facts-0",
        )
    )
    assert "【4楼】" in parsed.text
    kept = list(reparse_all(archive, whole_thread_sources=frozenset({"xhaforum"})))
    assert len(kept) == 1 and not kept[0].text_changed
    opening_only = list(reparse_all(archive, everything=True))
    assert len(opening_only) == 1 and opening_only[0].text_changed
