"""Title, author, original source and page identity from markup and byline text.

Family extractors know where their CMS keeps these; the functions here are the general rules
used for every page and as the fallback for the families.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from urllib.parse import urljoin

from lxml.html import HtmlElement

from pipelines.dedup.urls import names_same_page
from pipelines.extraction.dom import element_text

_CJK_NAME = r"[\u4e00-\u9fff]{2,4}(?:·[\u4e00-\u9fff]{1,6})?"
_NAME_LIST = rf"{_CJK_NAME}(?:(?:\s+|\s*[、，,]\s*){_CJK_NAME})*"
# A byline name ends at a space, a bracket, punctuation or a role word, never inside a
# sentence: "记者从西藏自治区…了解到" holds no name.
_NAME_END = r"(?=\s|$|[）)】\]，,。；;/|｜]|报道|摄|发自|通讯员|实习生|编辑)"
_AUTHOR_PATTERNS = (
    re.compile(
        rf"(?:作者|撰文|撰稿|文字|文/图|图/文|(?<![\u4e00-\u9fff])文)\s*[:：/｜|]\s*(?P<names>{_NAME_LIST}){_NAME_END}"
    ),
    re.compile(
        rf"(?:本报|本台|本刊|本网|特约|首席|见习|实习)*(?:记者(?!会|站|节|证|团|们|的)|通讯员|实习生)\s*[:：]?\s*(?P<names>{_NAME_LIST}){_NAME_END}"
    ),
    re.compile(rf"□\s*(?:本报|本刊)?(?:记者|通讯员)?\s*(?P<names>{_NAME_LIST}){_NAME_END}"),
)
# Words that follow or precede a byline name and are not names.
_NOT_NAME_SUFFIX = re.compile(r"(?:报道|摄影|摄|发自|通讯员|实习生|记者|编辑|综合|整理|供图|制图)$")
_NOT_NAMES = {
    "报道",
    "编辑",
    "记者",
    "通讯员",
    "本报",
    "来源",
    "责任编辑",
    "综合",
    "整理",
    "发布",
    "时间",
}
# Verbs and chrome words that a greedy match can take for a name ("记者会上表示").
_NOT_NAME_PART = re.compile(
    r"表示|了解|获悉|采访|发现|会上|介绍|看到|注意到|联系|博客|荐稿|报料|[说称的了]$"
)
_ROLE_SPLIT = re.compile(r"(?:通讯员|实习生|记者)")

_SOURCE = re.compile(
    r"(?:文章来源|信息来源|新闻来源|来源|稿源|出处|转载自|转自)\s*[:：]?\s*"
    r"(?P<source>[^\s:：|｜,，。;；()（）<>]{2,40}?)"
    r"(?=\s|$|[|｜,，。;；()（）]|作者|编辑|记者|时间|发布|日期|浏览|点击|阅读|\d{4}[-年/])"
)
_NOT_SOURCES = {"网络", "互联网", "于网络", "于互联网", "网友", "本站", "本网"}
_PUBLISHED_BY = re.compile(r"本文由\s*(?P<source>[^\s，。,]{2,30}?)\s*(?:发布|原创|首发)")
_ORIGINAL_TITLE = re.compile(r"^\s*原标题\s*[:：]\s*(?P<title>.{2,120}?)\s*$")
# "-" separates only between non-digits ("1-10月" is a range), "—" only alone ("——" is a dash).
_SITE_SEPARATORS = re.compile(r"\s*(?:_+|\||｜|--|(?<!—)—(?!—)|(?<!\d)-(?!\d)|\s·\s|::|»)\s*")
_SITE_WORDS = re.compile(
    r"(?:网|报|台|频道|政府|门户|官网|官方|中心|在线|论坛|社区|博客|新闻|资讯|首页|时报|晚报|日报|"
    r"财经|汽车|体育|娱乐|科技|房产|教育|健康|军事|旅游|搜狐|新浪|网易|腾讯|凤凰|"
    r"powered|\.com|\.cn|\.net|china|news|blog)",
    re.IGNORECASE,
)


def meta_content(root: HtmlElement, *names: str) -> str | None:
    """Content of the first ``<meta>`` whose name/property/itemprop is one of ``names``."""
    wanted = [name.lower() for name in names]
    found: dict[str, str] = {}
    for meta in root.iter("meta"):
        key = (meta.get("name") or meta.get("property") or meta.get("itemprop") or "").lower()
        content = (meta.get("content") or "").strip()
        if key in wanted and content and key not in found:
            found[key] = content
    for name in wanted:
        if name in found:
            return found[name]
    return None


def strip_tags(text: str) -> str:
    """Text of a value that may carry raw markup (TRS ArticleTitle does)."""
    return " ".join(re.sub(r"<[^>]*>", " ", text).split())


def html_title(root: HtmlElement) -> str | None:
    title = root.find(".//title")
    return element_text(title) or None


def strip_site_suffix(title: str, site_names: Iterable[str] = ()) -> str:
    """``为…助力_青岛新闻网`` → ``为…助力``: trailing (or leading) site and channel names."""
    names = {name for name in site_names if name}
    title = " ".join(title.split())

    def is_site(part: str) -> bool:
        part = part.strip()
        if part in names or "powered by" in part.lower():
            return True
        return len(part) <= 16 and bool(_SITE_WORDS.search(part))

    # Cut at the last separator while what follows it is a site or channel name.
    while True:
        cuts = [
            m for m in _SITE_SEPARATORS.finditer(title) if m.start() > 0 and m.end() < len(title)
        ]
        if not cuts or not is_site(title[cuts[-1].end() :]):
            break
        title = title[: cuts[-1].start()]
    cuts = [m for m in _SITE_SEPARATORS.finditer(title) if m.start() > 0 and m.end() < len(title)]
    if cuts and is_site(title[: cuts[0].start()]) and cuts[0].start() < len(title) - cuts[0].end():
        title = title[cuts[0].end() :]
    return title.strip()


# "(2)", "（第2页）", "(2/3)", " 第2页", "_2": the part number a paginated article's later pages
# add to their title.
_PAGE_SUFFIX = re.compile(
    r"\s*(?:[(（\[]\s*(?:第\s*)?\d{1,3}\s*(?:/\s*\d{1,3}\s*)?页?\s*[)）\]]|第\s*\d{1,3}\s*页|_\d{1,2})\s*$"
)


def strip_page_suffix(title: str) -> str:
    """The title without the page number of a later page of a paginated article."""
    stripped = _PAGE_SUFFIX.sub("", title)
    return stripped if len(stripped) >= 4 else title


def choose_title(root: HtmlElement, preferred: Iterable[str | None] = ()) -> str | None:
    """The article title: a family's own field, og:title, an h1 the <title> confirms, <title>."""
    site = meta_content(root, "og:site_name", "sitename", "application-name")
    raw_title = html_title(root) or ""
    for candidate in preferred:
        if candidate and candidate.strip():
            return strip_site_suffix(strip_tags(candidate), [site or ""])
    headings = [element_text(h) for h in root.iter("h1", "h2")]
    for heading in headings:
        if 4 <= len(heading) <= 80 and raw_title and heading in raw_title:
            return heading
    og_title = meta_content(root, "og:title", "twitter:title")
    if og_title:
        return strip_site_suffix(og_title, [site or ""])
    if raw_title:
        return strip_site_suffix(raw_title, [site or ""])
    for heading in headings:
        if 4 <= len(heading) <= 80:
            return heading
    return None


def _clean_names(names: str) -> list[str]:
    result: list[str] = []
    for piece in _ROLE_SPLIT.split(names):
        for name in re.split(r"\s+|[、，,]", piece):
            name = _NOT_NAME_SUFFIX.sub("", name)
            if (
                len(name) >= 2
                and name not in _NOT_NAMES
                and not _NOT_NAME_PART.search(name)
                and name not in result
            ):
                result.append(name)
    return result


def find_author(lines: Iterable[str]) -> str | None:
    """Names in the first byline among ``lines`` (space separated when several)."""
    for line in lines:
        if len(line) > 200:
            line = line[:200]  # a byline opens a paragraph, never sits deep inside it
        for pattern in _AUTHOR_PATTERNS:
            match = pattern.search(line)
            if match:
                names = _clean_names(match["names"])
                if len(names) > 1 and line.startswith(("报道", "发自"), match.end()):
                    names.pop()  # "记者 彭冲 山东冠县报道": the place the report comes from
                if names:
                    return " ".join(names)
    return None


# "…过廉洁之年。（常书香 马丹阳）": bare names in brackets closing the article.
_CLOSING_NAMES = re.compile(rf"[（(]\s*(?P<names>{_NAME_LIST})\s*[）)]\s*$")
# Organisations also close articles in brackets: （新华社）, （市发改委）.
_ORGANISATION_END = re.compile(
    r"(?:社|网|报|台|局|部|委|会|院|办|厅|处|中心|集团|公司|完|图|组图|供图)$"
)


def find_closing_names(lines: Iterable[str]) -> str | None:
    for line in lines:
        match = _CLOSING_NAMES.search(line)
        if match:
            names = [n for n in _clean_names(match["names"]) if not _ORGANISATION_END.search(n)]
            if names:
                return " ".join(names)
    return None


def find_source(lines: Iterable[str], site_names: Iterable[str] = ()) -> str | None:
    """Who first published the text: 来源：…, 转载自…, 本文由…发布."""
    for line in lines:
        match = _SOURCE.search(line) or _PUBLISHED_BY.search(line)
        if match:
            source = match["source"].strip("【】[]“”\"' ")
            # "来源于网络/互联网" is the disclaimer of a copied text, not a publisher.
            if source and not source.isdigit() and source not in _NOT_SOURCES:
                return source
    return None


def find_original_title(lines: Iterable[str]) -> str | None:
    for line in lines:
        match = _ORIGINAL_TITLE.match(line)
        if match:
            return match["title"]
    return None


def page_identity(root: HtmlElement, url: str | None) -> tuple[str | None, str | None]:
    """``(canonical_url, declared_original_url)``: a canonical or og:url that does not name this
    page (``pipelines.dedup.urls.names_same_page``: another origin) is a claim about where the
    text came from, not this page's identity."""
    declared = None
    for link in root.iter("link"):
        if (link.get("rel") or "").lower() == "canonical" and link.get("href"):
            declared = link.get("href").strip()
            break
    declared = declared or meta_content(root, "og:url")
    if not declared:
        return None, None
    if url:
        declared = urljoin(url, declared)
    if not declared.startswith(("http://", "https://")):
        return None, None
    if url is None or names_same_page(url, declared):
        return declared, None
    return None, declared
