"""Who published the text when the page has no 来源 line: the outlet of a reporter's byline,
the paper an e-paper page belongs to, the account a platform page was posted by.

- a byline names its outlet: "平湖日报记者 俞佳琪" → 平湖日报 (本报记者 names none);
- an e-paper article (版次 "第A01版", 上一版/下一版, "数字报"/"电子版" in the title) is the
  paper's own: "海宁日报数字报-…" → 海宁日报;
- on a self-media platform (搜狐号, 头条号, 网易号, 百家号, 澎湃号, 公众号…) the source is the
  account, not the platform: the name in the byline area that links to the account's page,
  or that the markup labels as the author, account or media.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from lxml.html import HtmlElement

from pipelines.cleaning.html import attribute_tokens
from pipelines.extraction.blocks import cjk_count
from pipelines.extraction.dom import element_text

_OUTLET = r"[\u4e00-\u9fff]{2,10}?(?:日报|晚报|早报|时报|商报|报社|电视台|广播电视台|融媒体中心|新闻网|报)"
# "平湖日报记者 俞佳琪", "嘉兴日报全媒体记者 张三": the outlet written right before 记者.
_BYLINE_OUTLET = re.compile(
    rf"(?:^|[\s（(□■])(?P<outlet>{_OUTLET})\s*(?:全媒体|融媒|首席|特约|见习|实习)*(?:记者|通讯员)"
)
# "上虞日报 2026-03-31 07:30": the outlet alone before the date, on the date line.
_DATELINE_OUTLET = re.compile(rf"^(?P<outlet>{_OUTLET})\s+(?:19|20)\d{{2}}\s*[-/.年]")
_OWN_OUTLET = re.compile(r"^(?:本报|本台|本刊|本网|本社)")

_EPAPER_MARKS = re.compile(
    r"第\s*[A-Z]?\d{1,3}\s*版|上一版|下一版|版面导航|本版标题|数字报|电子版|电子报"
)
_PAPER_NAME = re.compile(
    r"(?P<paper>[\u4e00-\u9fff]{2,10}?(?:日报|晚报|早报|时报|商报|报))(?:社)?\s*"
    r"(?:数字报刊?|电子版|电子报|数字版|新闻网)?"
)
_EPAPER_SITE = re.compile(r"数字报|电子版|电子报|数字版|epaper|paper", re.I)

_PLATFORMS = re.compile(
    r"搜狐号|头条号|网易号|百家号|澎湃号|企鹅号|大风号|一点号|公众号|新浪看点|新浪号|百家"
)
_ACCOUNT_TOKENS = frozenset(
    {"author", "account", "media", "wemedia", "nickname", "nick", "mp", "username", "user"}
)
_ACCOUNT_LINK = re.compile(r"/(?:dy/media|media|user|profile|author|gov_|account|u)/?", re.I)
_ACCOUNT_NAME = re.compile(r"^[\u4e00-\u9fffA-Za-z0-9·]{2,20}$")


def byline_outlet(lines: Iterable[str]) -> str | None:
    """The outlet of the first reporter byline that names one."""
    for line in lines:
        match = _BYLINE_OUTLET.search(line[:120]) or _DATELINE_OUTLET.match(line)
        if match and not _OWN_OUTLET.match(match["outlet"]):
            return match["outlet"]
    return None


def is_epaper_page(html: str, url: str | None, raw_title: str | None) -> bool:
    marks = {match.group(0) for match in _EPAPER_MARKS.finditer(html[:200000])}
    title_says = bool(raw_title and _EPAPER_SITE.search(raw_title))
    url_says = bool(url and re.search(r"epaper|/paper/|szb|dzb", url, re.I))
    return len(marks) >= 2 or (title_says and bool(marks)) or (url_says and bool(marks))


# A publisher's line on every page of a paper: "青岛日报社出版", "青岛日报社版权所有".
_PRESS_IMPRINT = re.compile(r"(?P<paper>[\u4e00-\u9fff]{2,10}?报)社(?:出版|版权所有)")


def epaper_name(raw_title: str | None, site_name: str | None, page_text: str = "") -> str | None:
    """The paper's name from the site name or the page title of an e-paper article, else from
    the publisher's imprint in the text of the whole (uncleaned) page."""
    for text in (site_name, raw_title):
        if not text:
            continue
        for part in re.split(r"\s*(?:--|-|_|\||｜|—)\s*", text):
            if _EPAPER_SITE.search(part) or part == text:
                match = _PAPER_NAME.search(part)
                if match and not _OWN_OUTLET.match(match["paper"]):
                    return match["paper"]
    if imprint := _PRESS_IMPRINT.search(page_text):
        return imprint["paper"]
    return None


def is_platform_name(name: str) -> bool:
    return _PLATFORMS.search(name) is not None


def is_platform_page(texts: Iterable[str]) -> bool:
    return any(_PLATFORMS.search(text) for text in texts)


def _account_candidate(element: HtmlElement) -> str | None:
    text = element_text(element)
    if not _ACCOUNT_NAME.match(text) or cjk_count(text) < 2 or is_platform_name(text):
        return None
    return text


def _names_account(element: HtmlElement) -> bool:
    if not isinstance(element.tag, str):
        return False
    if element.tag == "a" and _ACCOUNT_LINK.search(element.get("href") or ""):
        return True
    return len(element) <= 2 and not attribute_tokens(element).isdisjoint(_ACCOUNT_TOKENS)


def platform_account(root: HtmlElement, body: list[HtmlElement]) -> str | None:
    """The account name in the byline area: a short name linking to the account's page, or
    an element the markup labels as author / account / media. Looked for before the body."""
    stop = body[0] if body else None
    for element in root.iter():
        if element is stop:
            break
        if _names_account(element) and (name := _account_candidate(element)):
            return name
    return None
