"""The identity of an article's text for change detection.

Two fetches of a page differ in ways that are not a change of the article: a view counter, an
editor line, re-flowed whitespace, an ad block, half- vs full-width punctuation. The hash is
taken over the cleaned text with all of that normalized away, so only a change of the words
themselves gives a new hash (and a new version in the archive).
"""

from __future__ import annotations

import hashlib
import re
import unicodedata

from pipelines.cleaning.boilerplate import is_boilerplate_line
from pipelines.cleaning.text import clean_text

# Lines that vary between fetches but are not the article even where cleaning keeps them.
_NOISE_LINE = re.compile(
    r"^(?:.{0,20}(?:来源|作者|编辑|记者|发布时间|时间|日期)\s*[:：].{0,60}"
    r"|.{0,10}(?:阅读|浏览|点击|评论|点赞|收藏)\s*(?:数|量|次数)?\s*[:：(（]?\s*\d+.{0,10}"
    r"|\d{4}[-/年.]\d{1,2}[-/月.]\d{1,2}日?(?:\s+\d{1,2}:\d{2}(?::\d{2})?)?"
    r"|.{0,30}(?:广告|推广|赞助).{0,30})$"
)
_DROP_CHARS = {"Z", "P", "S", "C"}  # separators, punctuation, symbols, control characters


def normalize_for_hash(text: str, *, cleaned: bool = False) -> str:
    """Cleaned text reduced to its words: no noise lines, whitespace or punctuation.

    ``cleaned=True`` says ``text`` is already the output of the cleaner (as in the pipelines,
    which hash what they just cleaned); cleaning is idempotent, so skipping it there gives the
    same result without cleaning every page twice.
    """
    lines = []
    for line in (text if cleaned else clean_text(text)).split("\n"):
        if is_boilerplate_line(line) or _NOISE_LINE.match(line):
            continue
        folded = unicodedata.normalize("NFKC", line).lower()
        lines.append(
            "".join(char for char in folded if unicodedata.category(char)[0] not in _DROP_CHARS)
        )
    return "\n".join(line for line in lines if line)


def content_hash(text: str, *, cleaned: bool = False) -> str:
    """SHA-256 (hex) of ``normalize_for_hash(text)``."""
    return hashlib.sha256(normalize_for_hash(text, cleaned=cleaned).encode("utf-8")).hexdigest()
