"""Badges and their tooltips: the small labels next to a title or an account (原创, 权威发布,
已认证) and the hover text they carry (本内容为原创，未经授权禁止转载). They are markup for
the eye, never article text; in flattened text they glue onto the title or the first line.

Tooltips go whatever their length; a badge only while it is short, so a container that a
theme happens to call "badge" cannot take an article with it.
"""

from __future__ import annotations

from lxml.html import HtmlElement

_TOOLTIP_TOKENS = frozenset({"tooltip", "tooltips", "popover", "poptip", "tippy", "hovertip"})
_BADGE_TOKENS = frozenset({"badge", "badges"})
_MAX_BADGE_TEXT = 16


def _is_tooltip(element: HtmlElement) -> bool:
    value = f"{element.get('class', '')} {element.get('id', '')}".lower()
    return any(token in value for token in _TOOLTIP_TOKENS)


def _own_text_length(element: HtmlElement) -> int:
    """Text length of a badge without the tooltip it carries."""
    length = len((element.text or "").strip())
    for child in element:
        if isinstance(child.tag, str) and not _is_tooltip(child):
            length += _own_text_length(child)
        length += len((child.tail or "").strip())
    return length


def is_badge(element: HtmlElement, tokens: set[str]) -> bool:
    """``tokens``: the element's class/id tokens (``html.attribute_tokens``)."""
    if not tokens.isdisjoint(_TOOLTIP_TOKENS):
        return True
    return not tokens.isdisjoint(_BADGE_TOKENS) and _own_text_length(element) <= _MAX_BADGE_TEXT
