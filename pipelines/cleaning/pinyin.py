"""Pinyin dodges of the advertising law, written back in characters.

China's advertising law bans absolute terms (最, 第一, 唯一, 首选, 顶级, 国家级 ...), so
marketing copy writes ``zui大``, ``diyi``, ``wei一``, ``首xuan``. A word is restored only when
it is written with at least one pinyin syllable *and* touches Chinese text, and only whole
ASCII words are considered, so SMT, CT, G20 or English words never change.
"""

from __future__ import annotations

import re
from functools import lru_cache

from pipelines.cleaning.chars import CJK

# The words, each with the pinyin of its characters (tone-less, as the dodges write them).
BANNED_WORDS: dict[str, tuple[str, ...]] = {
    "最": ("zui",),
    "第一": ("di", "yi"),
    "唯一": ("wei", "yi"),
    "首选": ("shou", "xuan"),
    "首家": ("shou", "jia"),
    "首个": ("shou", "ge"),
    "独家": ("du", "jia"),
    "顶级": ("ding", "ji"),
    "顶尖": ("ding", "jian"),
    "极致": ("ji", "zhi"),
    "极品": ("ji", "pin"),
    "绝对": ("jue", "dui"),
    "国家级": ("guo", "jia", "ji"),
    "世界级": ("shi", "jie", "ji"),
    "全国": ("quan", "guo"),
    "领先": ("ling", "xian"),
    "独一无二": ("du", "yi", "wu", "er"),
    "一流": ("yi", "liu"),
    "王牌": ("wang", "pai"),
    "至尊": ("zhi", "zun"),
    "万能": ("wan", "neng"),
    "史无前例": ("shi", "wu", "qian", "li"),
}


def _word_pattern(word: str, syllables: tuple[str, ...]) -> str:
    parts = [f"(?:{char}|{syllable})" for char, syllable in zip(word, syllables, strict=True)]
    return "".join(parts)


@lru_cache(maxsize=1)
def _matcher() -> tuple[re.Pattern[str], dict[str, str]]:
    # Longest words first so 独一无二 wins over 一流 ... and 第一 over 最.
    ordered = sorted(BANNED_WORDS.items(), key=lambda item: -len(item[0]))
    groups = []
    names: dict[str, str] = {}
    for index, (word, syllables) in enumerate(ordered):
        name = f"w{index}"
        names[name] = word
        groups.append(f"(?P<{name}>{_word_pattern(word, syllables)})")
    # Not inside an ASCII word on either side.
    pattern = rf"(?<![A-Za-z])(?:{'|'.join(groups)})(?![A-Za-z])"
    return re.compile(pattern, re.IGNORECASE), names


_CJK_CHAR = re.compile(rf"[{CJK}]")
_ASCII_LETTER = re.compile(r"[A-Za-z]")


def restore_pinyin_dodges(text: str) -> str:
    """``zui大`` → ``最大``, ``diyi品牌`` → ``第一品牌``; real Latin words are left alone."""
    if not _ASCII_LETTER.search(text):
        return text
    pattern, names = _matcher()

    def replace(match: re.Match[str]) -> str:
        written = match.group()
        if not _ASCII_LETTER.search(written):
            return written  # the word in characters: nothing to restore
        start, end = match.span()
        before = text[start - 1] if start else ""
        after = text[end] if end < len(text) else ""
        touches_chinese = bool(_CJK_CHAR.search(written)) or bool(
            _CJK_CHAR.match(before) or _CJK_CHAR.match(after)
        )
        if not touches_chinese:
            return written
        return names[match.lastgroup or ""]

    return pattern.sub(replace, text)
