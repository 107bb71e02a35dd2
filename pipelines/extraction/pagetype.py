"""Is this page an article? The generic ``site`` spider archives only those.

Reasons a page is not one: an anti-bot challenge (HTTP 521 cookie pages: a script and no
text), an error page, a search result, a video page, a list page (links and dates, little
prose, or a column of teasers: headline link, date, the first lines of each story), an
about page (简介, 联系我们: a heading of that kind and no publish date), or nothing at all to
read.
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

from lxml.html import HtmlElement

from pipelines.extraction.blocks import HEADING_TAGS, Block, cjk_count
from pipelines.extraction.metadata import meta_content

_CHALLENGE = re.compile(
    r"__jsl_clearance|acw_sc__v2|_waf_|wzws_cid|document\.cookie\s*=|cdn-cgi/challenge|"
    r"请开启JavaScript|please enable javascript|安全验证|滑动验证|人机验证",
    re.IGNORECASE,
)
# What error pages say (in their title or their first lines). A status code counts only as a
# word of its own ("404", "404 - 搜狐", "Error 500"): in a headline a number is a figure
# (世界500强企业落户胶州 is news).
_ERROR_PHRASE = re.compile(
    r"not found|页面不存在|页面未找到|网页不存在|找不到(?:页面|网页|该页|您要)|无法找到|"
    r"已(?:被)?删除|已下线|信息不存在|文章不存在|内容不存在|出错了|错误页|访问受限|禁止访问|"
    r"forbidden|internal server error|service unavailable|bad gateway|服务器错误",
    re.IGNORECASE,
)
_STATUS_WORD = re.compile(
    r"(?:^|[\s\-_|｜—–:：()（）\[\]])(?:error\s*|http\s*)?(?:40[0-9]|5[0-9][0-9])(?=$|[\s\-_|｜—–:：()（）\[\]!！.。])",
    re.IGNORECASE,
)
# In the first lines only what a missing page says of itself (a short news item may well
# report that something 已删除).
_ERROR_TEXT = re.compile(
    r"页面不存在|页面未找到|网页不存在|找不到(?:页面|网页|该页|您要)|您(?:所)?访问的(?:页面|网页|内容)"
    r"(?:不存在|已删除|找不到)|page not found|出错了",
    re.IGNORECASE,
)
# An error page says little: the rule looks no further than a page this short.
_MAX_ERROR_PAGE_CJK = 300
_ERROR_TEXT_BLOCKS = 3
# A bare "/s" is a search only with a query (baidu.com/s?wd=): WeChat articles are /s/<id>.
_SEARCH_PATH = re.compile(
    r"(?:^|/)(?:search|so)(?:/|\.|$)|[?&](?:q|wd|keyword|keywords|kw|searchword)=", re.I
)
_MIN_ARTICLE_CJK = 60
# A video page's caption: a page with a player and less text than this is the video's page;
# a county 融媒体 page with a player above a full report is an article. Short news items
# do come with a clip, so without a second sign (og:type video, 视频 in the title, a /video/
# path) only a caption of a sentence or two makes the page a video page.
_MAX_VIDEO_CAPTION_CJK = 150
_MAX_BARE_CAPTION_CJK = 100
_VIDEO_WORDS = re.compile(r"^\W*(?:视频|微视频|短视频|video)\s*[｜|:：】\]]|[【\[]视频[】\]]", re.I)
_VIDEO_PATH = re.compile(r"/(?:video|videos|sp|shipin|v|vod)/", re.I)
# Players as the raw markup carries them (cleaning removes <video> and <iframe>).
_PLAYER = re.compile(
    r"<video\b|<embed[^>]+\.(?:mp4|m3u8|flv)|<iframe[^>]+(?:player|video|v\.qq\.com|bilibili)"
    r"|(?:class|id)=[\"'][^\"']*\b(?:video-?player|vplayer|prism-player|player-?box|xgplayer|dplayer)\b",
    re.IGNORECASE,
)
_MIN_PROSE_SHARE = 0.15

# List dates often drop the year ([05-15], 5月15日). Without one, only unambiguous forms:
# 1-4月 is a span of months and 5.6 is a number.
_LIST_DATE = re.compile(
    r"(?<![\d.])(?:(?:19|20)\d{2}\s*[-/.年]\s*\d{1,2}\s*[-/.月]\s*\d{1,2}"
    r"|(?:0?[1-9]|1[0-2])[-/](?:0?[1-9]|[12]\d|3[01])(?![\d.%月])"
    r"|(?:0?[1-9]|1[0-2])月(?:0?[1-9]|[12]\d|3[01])日)(?![\d.%])"
)
_EDGE_DATE = re.compile(rf"^\W*(?:{_LIST_DATE.pattern})|(?:{_LIST_DATE.pattern})\W*$")
_MAX_DATE_LINE = 40  # a date line, "发布时间：2026-05-15 浏览：12", not a sentence with a date
_MIN_HEADLINE_CJK = 6
_HEADLINE_LINK_SHARE = 0.6
_TEASER_HEAD_BLOCKS = 3  # a teaser's headline and date sit right above its text
_TRUNCATED = re.compile(r"(?:…|\.{3}|。{3})\s*$")
_MIN_TEASERS = 2
_MIN_TEASER_SHARE = 0.5  # of the prose paragraphs: a list may add an intro or a footer note

# About-page headings: the label ends the heading (南海新区简介, 公司概况) or is all of it.
_ABOUT_SUFFIX = re.compile(r"(?:简介|概况|概览|介绍)$")
_ABOUT_LABEL = re.compile(
    r"^(?:关于我们|关于本站|联系我们|联系方式|版权声明|免责声明|隐私政策|网站地图|"
    r"about(?:\s+us)?|contact(?:\s+us)?)$",
    re.IGNORECASE,
)
_TITLE_SEPARATORS = re.compile(r"\s*[-_|｜—–]+\s*")
_ABOUT_HEADING_BLOCKS = 3


def _is_headline_link(block: Block) -> bool:
    return cjk_count(block.text) >= _MIN_HEADLINE_CJK and block.link_density >= _HEADLINE_LINK_SHARE


def _has_list_date(block: Block) -> bool:
    return len(block.text) <= _MAX_DATE_LINE and _LIST_DATE.search(block.text) is not None


def _is_teaser(text: Block, above: list[Block]) -> bool:
    """A text under a headline link that carries a date or is cut short (……): a teaser.

    Cleaning often removes a list's date lines along with other furniture, which is why
    the cut-off end of the summary counts as well.
    """
    headlines = [block for block in above if _is_headline_link(block)]
    if not headlines:
        return False
    return (
        _TRUNCATED.search(text.text) is not None
        or any(_has_list_date(block) for block in above)
        or any(_EDGE_DATE.search(block.text) for block in headlines)
    )


def count_teasers(page_blocks: list[Block], body: list[Block]) -> tuple[int, int]:
    """How many of the body's prose paragraphs are teasers, and how many there are.

    On a list page the "body" the extractor found is the teaser texts of several stories,
    each under its own linked headline and a date; an article's paragraphs follow one
    another with at most one (unlinked, as a rule) headline above the first. Headlines and
    date lines the extractor took into the body are the teasers' heads, not prose.
    """
    body_texts = {block.text for block in body}
    teasers = paragraphs = 0
    since_prose: list[Block] = []
    for block in page_blocks:
        if block.text not in body_texts or _is_headline_link(block) or _has_list_date(block):
            since_prose.append(block)
            continue
        paragraphs += 1
        if since_prose and _is_teaser(block, since_prose[-_TEASER_HEAD_BLOCKS:]):
            teasers += 1
        since_prose = []
    return teasers, paragraphs


def _is_about_heading(text: str) -> bool:
    parts = [part for part in _TITLE_SEPARATORS.split(text.strip()) if part]
    return any(_ABOUT_LABEL.match(part) or _ABOUT_SUFFIX.search(part) for part in parts)


def _opening_blocks(page_blocks: list[Block], body: list[Block]) -> list[Block]:
    """The few blocks just above the body and its first ones: where a page names itself."""
    if not body:
        return []
    first = body[0].text
    start = next((i for i, block in enumerate(page_blocks) if block.text == first), 0)
    above = page_blocks[max(0, start - _ABOUT_HEADING_BLOCKS) : start]
    return above + body[:_ABOUT_HEADING_BLOCKS]


def is_about_page(
    title: str | None, body: list[Block], page_blocks: list[Block], published: str | None
) -> bool:
    """简介 / 概况 / 联系我们 as the title or an opening heading, and no publish date.

    A dated page titled 项目简介 is news about a project; an undated one is the site (or
    the district) describing itself.
    """
    if published:
        return False
    if title and _is_about_heading(title):
        return True
    return any(
        block.tag in HEADING_TAGS and _is_about_heading(block.text)
        for block in _opening_blocks(page_blocks, body)
    )


def is_error_page(title: str | None, body: list[Block]) -> bool:
    """A page (already known to be short) that says it is an error: an error phrase or a bare
    status code in its title, or an error phrase in its first lines."""
    if title and (_ERROR_PHRASE.search(title) or _STATUS_WORD.search(title)):
        return True
    return any(_ERROR_TEXT.search(block.text) for block in body[:_ERROR_TEXT_BLOCKS])


def has_player(html: str, root: HtmlElement) -> bool:
    """A video player in the page (og:type video counts)."""
    og_type = (meta_content(root, "og:type") or "").lower()
    return og_type.startswith("video") or _PLAYER.search(html) is not None


def is_video_page(
    html: str, root: HtmlElement, url: str | None, title: str | None, body_cjk: int
) -> bool:
    """A player with a caption rather than a report."""
    if body_cjk >= _MAX_VIDEO_CAPTION_CJK or not has_player(html, root):
        return False
    og_video = (meta_content(root, "og:type") or "").lower().startswith("video")
    named = bool(title and _VIDEO_WORDS.search(title)) or bool(
        url and _VIDEO_PATH.search(urlsplit(url).path)
    )
    return og_video or named or body_cjk < _MAX_BARE_CAPTION_CJK


def not_article_reason(
    html: str,
    root: HtmlElement,
    url: str | None,
    title: str | None,
    body: list[Block],
    page_blocks: list[Block],
    published: str | None = None,
) -> str | None:
    """Why the page is not an article, or None when it is one."""
    body_cjk = sum(cjk_count(block.text) for block in body)
    if body_cjk < _MIN_ARTICLE_CJK and _CHALLENGE.search(html[:20000]):
        return "challenge"
    if body_cjk < _MAX_ERROR_PAGE_CJK and is_error_page(title, body):
        return "404"
    if url and _SEARCH_PATH.search(urlsplit(url).path + "?" + urlsplit(url).query):
        return "search"
    if is_video_page(html, root, url, title, body_cjk):
        return "video"
    page_text_length = sum(len(block.text) for block in page_blocks)
    page_link_length = sum(block.link_chars for block in page_blocks)
    if body_cjk < _MIN_ARTICLE_CJK:
        return "list" if page_link_length > 0.5 * page_text_length else "empty"
    body_length = sum(len(block.text) for block in body)
    if (
        page_link_length > 0.6 * page_text_length
        and body_length < _MIN_PROSE_SHARE * page_text_length
    ):
        return "list"
    teasers, paragraphs = count_teasers(page_blocks, body)
    if teasers >= _MIN_TEASERS and teasers >= _MIN_TEASER_SHARE * paragraphs:
        return "list"
    if is_about_page(title, body, page_blocks, published):
        return "about"
    return None
