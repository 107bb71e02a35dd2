"""Is this page an article? The generic ``site`` spider archives only those.

Reasons a page is not one: an anti-bot challenge (HTTP 521 cookie pages: a script and no
text), an error page, a search result, a video page, a list page (links and dates, little
prose), or nothing at all to read.
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

from lxml.html import HtmlElement

from newscrawl.extraction.blocks import Block, cjk_count
from newscrawl.extraction.metadata import meta_content

_CHALLENGE = re.compile(
    r"__jsl_clearance|acw_sc__v2|_waf_|wzws_cid|document\.cookie\s*=|cdn-cgi/challenge|"
    r"请开启JavaScript|please enable javascript|安全验证|滑动验证|人机验证",
    re.IGNORECASE,
)
_ERROR_TITLE = re.compile(
    r"404|403|500|not found|页面不存在|找不到|无法找到|已删除|不存在|出错|错误页|访问受限|forbidden",
    re.IGNORECASE,
)
_SEARCH_PATH = re.compile(
    r"(?:^|/)(?:search|so|s)(?:/|\.|$)|[?&](?:q|wd|keyword|keywords|kw|searchword)=", re.I
)
_MIN_ARTICLE_CJK = 60
_MIN_PROSE_SHARE = 0.15


def not_article_reason(
    html: str,
    root: HtmlElement,
    url: str | None,
    title: str | None,
    body: list[Block],
    page_text_length: int,
    page_link_length: int,
) -> str | None:
    """Why the page is not an article, or None when it is one."""
    body_cjk = sum(cjk_count(block.text) for block in body)
    if body_cjk < _MIN_ARTICLE_CJK and _CHALLENGE.search(html[:20000]):
        return "challenge"
    if body_cjk < 300 and title and _ERROR_TITLE.search(title):
        return "404"
    if url and _SEARCH_PATH.search(urlsplit(url).path + "?" + urlsplit(url).query):
        return "search"
    og_type = (meta_content(root, "og:type") or "").lower()
    has_video = root.find(".//video") is not None or og_type.startswith("video")
    if has_video and body_cjk < 150:
        return "video"
    if body_cjk < _MIN_ARTICLE_CJK:
        return "list" if page_link_length > 0.5 * page_text_length else "empty"
    body_length = sum(len(block.text) for block in body)
    if (
        page_link_length > 0.6 * page_text_length
        and body_length < _MIN_PROSE_SHARE * page_text_length
    ):
        return "list"
    return None
