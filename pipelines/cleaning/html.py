"""HTML-level cleaning: remove everything that is never article text before extraction.

Elements are removed with ``drop_tree`` so the text that follows them (their ``tail``) stays:
Discuz jammer sits *between* words of a sentence, ``<font class="jammer">x7</font>继续`` must
become ``继续``, not lose it.
"""

from __future__ import annotations

import re

from lxml import etree
from lxml.html import HtmlElement

from pipelines.cleaning.badges import is_badge

# Never visible text, or interactive chrome.
_NEVER_TEXT_TAGS = frozenset(
    {
        "script", "style", "noscript", "template", "iframe", "object", "embed", "applet",
        "svg", "canvas", "map", "audio", "video", "source", "link", "button", "select",
        "textarea", "input", "label", "dialog",
    }
)  # fmt: skip
# Page chrome by HTML5 semantics.
_CHROME_TAGS = frozenset({"nav", "aside", "menu"})
# Tokens that name chrome beyond doubt: dropped even when they hold much of the page (a long
# comment thread under a short post).
_STRONG_CHROME_TOKENS = frozenset(
    {
        "comment", "comments", "cmt", "cmts", "cmmt", "cmmts", "reply", "replies", "share", "bdshare", "jiathis", "related",
        "recommend", "breadcrumb", "crumb", "crumbs", "footer", "copyright", "jammer", "pstatus",
        "navbar", "sidebar",
    }
)  # fmt: skip
# Tokens of class/id values naming chrome. Matched as whole tokens of the attribute
# (split on -, _, space and case changes), so "shareholder" or "navigation-free" body
# classes do not match by accident.
_CHROME_TOKENS = frozenset(
    {
        "share", "bdshare", "jiathis", "bshare", "sharebox", "social", "comment", "comments",
        "cmt", "cmts", "cmmt", "cmmts", "replies", "reply", "related", "relate", "recommend", "recom", "xgyd", "xgwz", "xgxw",
        "breadcrumb", "crumb", "crumbs", "nav", "navbar", "navigation", "menu", "sidebar",
        "footer", "foot", "ad", "ads", "advert", "advertisement", "adv", "banner", "gg",
        "hotnews", "hot", "rank", "ranking", "toolbar", "tools", "login", "copyright",
        "qrcode", "erweima", "ewm", "print", "pagebar", "pager", "jammer", "pstatus",
        "tip", "tips", "popup", "modal", "subscribe", "fenxiang", "dianzan", "zan",
    }
)  # fmt: skip
_TOKEN_SPLIT = re.compile(r"[\s\-_]+|(?<=[a-z])(?=[A-Z])")
_HIDDEN_STYLE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.IGNORECASE)
# A removal rule must never take away most of the page: some sites hide the article body
# until a script reveals it, or name the article wrapper "main-side".
_MAX_SHARE_OF_PAGE = 0.5
# XML 1.0 forbids these in text; lxml raises on them.
_CONTROL_CHARS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")
_MAX_SHARE_OF_PAGE_STRONG = 0.9
_NOTICE_TOKENS = frozenset({"copyright", "footer", "foot"})
_SENTENCE_MARKS = re.compile(r"[。！？!?]")
_MIN_MISNAMED_PROSE = 400
_MIN_SENTENCES = 8


def attribute_tokens(element: HtmlElement) -> set[str]:
    """Lower-cased tokens of an element's class and id."""
    value = f"{element.get('class', '')} {element.get('id', '')}"
    return {token.lower() for token in _TOKEN_SPLIT.split(value) if token}


def is_hidden(element: HtmlElement) -> bool:
    if element.get("hidden") is not None or element.get("aria-hidden") == "true":
        return True
    style = element.get("style")
    return bool(style and _HIDDEN_STYLE.search(style))


# What a forum thread's replies are called: kept when the whole thread is wanted.
DISCUSSION_TOKENS = frozenset(
    {"comment", "comments", "cmt", "cmts", "cmmt", "cmmts", "reply", "replies"}
)  # fmt: skip


def is_chrome(element: HtmlElement, keep_replies: bool = False) -> bool:
    """Navigation, sharing, comments, related lists, ads, jammer, badges: by tag or class/id
    token."""
    if element.tag in _CHROME_TAGS:
        return True
    if element.tag == "font" and "jammer" in (element.get("class") or ""):
        return True
    tokens = attribute_tokens(element)
    if keep_replies and not tokens.isdisjoint(DISCUSSION_TOKENS):
        return False
    return not tokens.isdisjoint(_CHROME_TOKENS) or is_badge(element, tokens)


def text_length(element: HtmlElement) -> int:
    return sum(len(piece.strip()) for piece in element.itertext())


def drop(element: HtmlElement) -> None:
    """``drop_tree`` (keeps the tail text), tolerant of control characters in that text.

    libxml2's HTML parser lets control characters through into text nodes, but lxml refuses
    them when drop_tree joins the tail onto the neighbouring text; they are noise, so they go.
    """
    try:
        element.drop_tree()
    except ValueError:
        previous = element.getprevious()
        if previous is not None:
            previous.tail = _CONTROL_CHARS.sub("", previous.tail or "") or None
        else:
            parent = element.getparent()
            if parent is not None:
                parent.text = _CONTROL_CHARS.sub("", parent.text or "") or None
        element.tail = _CONTROL_CHARS.sub("", element.tail or "") or None
        element.drop_tree()


def _is_misnamed_prose(element: HtmlElement) -> bool:
    """An article container whose class merely contains a notice word (Zhihu's answers are
    ``CopyrightRichText``): a copyright or footer notice is never long sentence prose."""
    chrome = attribute_tokens(element) & _CHROME_TOKENS
    if not chrome or not chrome <= _NOTICE_TOKENS or element.tag in _CHROME_TAGS:
        return False
    text = "".join(element.itertext())
    return len(text) >= _MIN_MISNAMED_PROSE and len(_SENTENCE_MARKS.findall(text)) >= _MIN_SENTENCES


def clean_tree(root: HtmlElement, keep_replies: bool = False) -> HtmlElement:
    """Remove non-text, hidden and chrome elements from ``root`` in place; returns ``root``.

    ``keep_replies`` keeps comment and reply containers (a forum thread read whole)."""
    etree.strip_elements(root, etree.Comment, etree.ProcessingInstruction, with_tail=False)
    for element in list(root.iter(*_NEVER_TEXT_TAGS)):
        drop(element)
    body = root.find("body")
    page_length = max(text_length(body if body is not None else root), 1)
    doomed: list[HtmlElement] = []
    for element in root.iter():
        if not isinstance(element.tag, str) or element.tag in {"html", "body", "head"}:
            continue
        if is_hidden(element) or is_chrome(element, keep_replies):
            doomed.append(element)
    for element in doomed:
        if element.getroottree().getroot() is not root:
            continue  # already gone with an ancestor
        strong = element.tag == "font" or not attribute_tokens(element).isdisjoint(
            _STRONG_CHROME_TOKENS
        )
        limit = _MAX_SHARE_OF_PAGE_STRONG if strong else _MAX_SHARE_OF_PAGE
        if text_length(element) > page_length * limit or _is_misnamed_prose(element):
            continue
        drop(element)
    return root
