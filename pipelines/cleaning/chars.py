"""Character-level normalization: spaces, invisible characters and punctuation width."""

from __future__ import annotations

import re

CJK = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
# CJK ideographs plus CJK punctuation and full-width forms: "Chinese context" for width rules.
CJK_CONTEXT = CJK + "\u3000-\u303f\uff01-\uff0f\uff1a-\uff20\u2018-\u201d"

_INVISIBLE = re.compile(r"[\u200b-\u200f\u2028\u2029\u2060\ufeff\u00ad]")
_SPACES = re.compile(r"[ \t\r\f\v\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]+")
# Full-width letters and digits (ＳＭＴ, １５５) to ASCII; full-width punctuation stays.
_FULLWIDTH_ALNUM = re.compile(r"[\uff10-\uff19\uff21-\uff3a\uff41-\uff5a]")
_HALF_TO_FULL = {",": "，", ";": "；", ":": "：", "!": "！", "?": "？"}
# Half-width punctuation after a CJK character and before CJK (or the end): Chinese prose.
# ":" before a digit is a time (10:30) and "," between digits a thousands separator, which
# the CJK lookbehind already rules out.
_HALF_PUNCT_IN_CJK = re.compile(rf"(?<=[{CJK}”’」』）》])([,;:!?])(?=[{CJK_CONTEXT}]|\s*$)")
# After a number or a percentage the next word must be Chinese: "21.1%;总投资", "155个,同比".
_HALF_PUNCT_AFTER_NUMBER = re.compile(rf"(?<=[0-9%])([,;!?])(?=[{CJK}])")
_HALF_PERIOD_IN_CJK = re.compile(rf"(?<=[{CJK}])\.(?=[{CJK}]|\s*$)")
_HALF_PARENS = re.compile(rf"\(([^()]*[{CJK}][^()]*)\)")


def normalize_spaces(text: str) -> str:
    """Drop invisible characters, fold every kind of space run into one ASCII space, strip."""
    text = _INVISIBLE.sub("", text)
    return _SPACES.sub(" ", text).strip()


def fullwidth_alnum_to_ascii(text: str) -> str:
    return _FULLWIDTH_ALNUM.sub(lambda m: chr(ord(m.group()) - 0xFEE0), text)


def widen_punctuation(text: str) -> str:
    """Half-width , ; : ! ? . ( ) used in Chinese prose become their full-width forms."""
    text = _HALF_PUNCT_IN_CJK.sub(lambda m: _HALF_TO_FULL[m.group(1)], text)
    text = _HALF_PUNCT_AFTER_NUMBER.sub(lambda m: _HALF_TO_FULL[m.group(1)], text)
    text = _HALF_PERIOD_IN_CJK.sub("。", text)
    return _HALF_PARENS.sub(r"（\1）", text)


def normalize_chars(text: str) -> str:
    return widen_punctuation(fullwidth_alnum_to_ascii(normalize_spaces(text)))
