"""Text-level cleaning: from extracted paragraphs (or flattened page text) to archived text."""

from __future__ import annotations

import re

from pipelines.cleaning.boilerplate import drop_boilerplate
from pipelines.cleaning.chars import normalize_chars
from pipelines.cleaning.jammer import remove_jammer
from pipelines.cleaning.paragraphs import rejoin_broken
from pipelines.cleaning.pinyin import restore_pinyin_dodges

# Every line boundary str.splitlines() knows, so that cleaning paragraphs and cleaning their
# flattened text agree (the archived text is a fixed point of clean_text).
_LINE_SPLIT = re.compile(r"\s*[\n\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029]+\s*")
# A line with no letter, digit or CJK character left (separators, bullets, lone symbols).
_HAS_WORD = re.compile(r"[0-9A-Za-z\u3400-\u9fff]")
# A view counter glued to the end of a paragraph ("…增长21.1%。 阅读(1234)"): only after the
# sentence has ended, so a figure that belongs to the sentence is never cut.
_TRAILING_COUNTER = re.compile(
    r"(?<=[。！？!?”」])\s*[【\[(（]?\s*(?:阅读|浏览|点击|访问)(?:次数|量|数)?\s*[:：(（]?\s*\d+"
    r"\s*(?:次)?\s*[)）】\]]?\s*$"
)
# Passes until nothing changes; each rule only removes or normalizes, so two passes suffice
# in practice and the bound is only a guard.
_MAX_PASSES = 4


def clean_line(line: str) -> str:
    """One paragraph through the character rules: spaces, jammer, width, pinyin dodges."""
    line = remove_jammer(normalize_chars(line))
    line = _TRAILING_COUNTER.sub("", line)
    return restore_pinyin_dodges(normalize_chars(line))


def _clean_once(paragraphs: list[str]) -> list[str]:
    lines: list[str] = []
    for paragraph in paragraphs:
        for line in _LINE_SPLIT.split(paragraph):
            line = clean_line(line)
            if _HAS_WORD.search(line):
                lines.append(line)
    return rejoin_broken(drop_boilerplate(lines))


def clean_paragraphs(paragraphs: list[str]) -> list[str]:
    """Cleaned paragraphs; ``"\\n".join(result)`` is the archived text. Idempotent."""
    current = list(paragraphs)
    for _ in range(_MAX_PASSES):
        cleaned = _clean_once(current)
        if cleaned == current:
            break
        current = cleaned
    return current


def clean_text(text: str) -> str:
    """Clean flattened text (one paragraph per line), e.g. a page copied as plain text."""
    return "\n".join(clean_paragraphs(text.splitlines()))
