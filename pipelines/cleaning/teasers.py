"""Teaser duplicates: a summary block above the body that repeats its opening.

【导读】… / 摘要：… / 核心提示：… above a body whose first paragraph says the same; or a
summary cut short (……) that the body then gives in full. The summary goes, the body stays.
Compared as text without punctuation and spaces, so a summary that differs from the
paragraph only in a comma or a full stop is still a duplicate.
"""

from __future__ import annotations

import re

_LABEL = re.compile(
    r"^\s*[【\[]?\s*(?:导读|导语|摘要|内容提要|提要|核心提示|编者按|简介)\s*[】\]]?\s*[:：]?\s*"
)
_NOT_TEXT = re.compile(r"[\W_]+")
_TRUNCATION = re.compile(r"(?:…+|\.{3,}|。{3})\s*$")
# The summary sits at the top: only so many paragraphs are looked at and compared with.
_TOP = 4
_WINDOW = 6
_MIN_TEASER = 20


def _core(text: str) -> str:
    return _NOT_TEXT.sub("", _TRUNCATION.sub("", _LABEL.sub("", text)))


def _repeats(teaser: str, paragraph: str) -> bool:
    return len(teaser) >= _MIN_TEASER and (paragraph.startswith(teaser) or teaser in paragraph)


def drop_teaser_duplicates(paragraphs: list[str]) -> list[str]:
    """``paragraphs`` without a leading summary that a later paragraph (or two) repeats."""
    doomed: set[int] = set()
    for index, paragraph in enumerate(paragraphs[:_TOP]):
        # Unlabelled, only the opening paragraph: a repeated photo caption further down is
        # the page's own text twice, not a summary.
        if index and not _LABEL.match(paragraph):
            continue
        teaser = _core(paragraph)
        following = paragraphs[index + 1 : index + 1 + _WINDOW]
        joined = "".join(_core(text) for text in following[:2])
        if any(_repeats(teaser, _core(text)) for text in following) or _repeats(teaser, joined):
            doomed.add(index)
    return [paragraph for index, paragraph in enumerate(paragraphs) if index not in doomed]
