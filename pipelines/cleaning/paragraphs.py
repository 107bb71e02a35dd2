"""Re-joining paragraphs that the layout broke in the middle of a sentence.

Newspaper columns and CMS editors split sentences across ``<p>`` elements (``…同比增长`` /
``21.1%，总投资…``), sometimes inside a word (``项`` / ``目建设``). A paragraph continues into
the next when it stops mid-sentence: it ends on a comma-like mark, or it is prose (it has
a comma) that ends on a character rather than on sentence-final punctuation. Headings and
subtitles carry no punctuation, so they are never glued to the text below them.
"""

from __future__ import annotations

import re

from pipelines.cleaning.chars import CJK

_ENDS_MID_SENTENCE = re.compile(r"[，、,：:；;（(“‘《—]$")
_ENDS_ON_TEXT = re.compile(rf"[{CJK}0-9A-Za-z%]$")
# A comma or semicolon makes a sentence; an enumeration comma (、) alone is a headline.
_HAS_CLAUSE = re.compile(r"[，,；;]")
_STARTS_AS_CONTINUATION = re.compile(rf"^[{CJK}0-9a-z%，。、；：！？”’）)]")
# A line that opens a new structural unit never continues the previous one.
_STARTS_NEW_UNIT = re.compile(
    r"^(?:[一二三四五六七八九十]+[、.．]|[（(][一二三四五六七八九十\d]+[）)]|\d+[、.．]\D|第[一二三四五六七八九十\d]+[章节条部分])"
)
_MIN_PROSE_LENGTH = 12


def continues_into_next(current: str, following: str) -> bool:
    if not following or _STARTS_NEW_UNIT.match(following):
        return False
    if not _STARTS_AS_CONTINUATION.match(following):
        return False
    if _ENDS_MID_SENTENCE.search(current):
        return True
    return (
        len(current) >= _MIN_PROSE_LENGTH
        and bool(_ENDS_ON_TEXT.search(current))
        and bool(_HAS_CLAUSE.search(current))
    )


def rejoin_broken(paragraphs: list[str]) -> list[str]:
    joined: list[str] = []
    for paragraph in paragraphs:
        if joined and continues_into_next(joined[-1], paragraph):
            separator = " " if joined[-1][-1].isascii() and paragraph[0].isascii() else ""
            joined[-1] = joined[-1] + separator + paragraph
        else:
            joined.append(paragraph)
    return joined
