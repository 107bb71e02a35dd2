"""Residue of Discuz! anti-copy jammer in text that was flattened without removing it.

Discuz! hides random strings (``<font class="jammer">``, ``display:none`` spans) between the
sentences of a post; copied as text they become runs of one- and two-character ASCII tokens:
``营商环境点赞。”( C! h9 u4 x! E& F- z`` or a line ``) p$ h5 I0 B7 b``. Real text has no such
runs: ``5G AI VR`` has no symbols, ``SMT CT G20`` has three-letter tokens.
"""

from __future__ import annotations

import re

_TOKEN = r"[\x21-\x7e]{1,2}"
# Four or more tiny tokens separated by single spaces, not glued to other ASCII text.
_RUN = re.compile(rf"(?<![\x21-\x7e])(?:{_TOKEN} ){{3,}}{_TOKEN}(?![\x21-\x7e])")
_SYMBOL = re.compile(r"[!-/:-@\[-`{-~]")
_LETTER_DIGIT = re.compile(r"^(?:[A-Za-z]\d|\d[A-Za-z])$")


def _is_jammer(run: str) -> bool:
    tokens = run.split(" ")
    symbols = sum(bool(_SYMBOL.search(token)) for token in tokens)
    letter_digits = sum(bool(_LETTER_DIGIT.match(token)) for token in tokens)
    return symbols >= 2 or letter_digits >= 3 or (symbols >= 1 and letter_digits >= 1)


def remove_jammer(text: str) -> str:
    """``text`` without jammer runs; the sentences around them are joined back."""
    if " " not in text:
        return text
    return _RUN.sub(lambda m: "" if _is_jammer(m.group()) else m.group(), text)
