"""Collapse bars: the controls under a truncated article (展开全文 / 展开阅读全文 ∨ / 点击展开 /
查看全文 / 继续阅读 / 收起). They are the whole line, possibly with an arrow glyph."""

from __future__ import annotations

import re

_COLLAPSE_BAR = re.compile(
    r"^\W*(?:点击|剩余\S{0,8})?\s*(?:展开|查看|阅读|显示)(?:阅读)?(?:全文|全部|余下全文|剩余全文|更多)\W*$"
    r"|^\W*(?:继续阅读|点击展开|展开|收起|收起全文|加载更多|余下全文)\W*$"
)


def is_collapse_bar(line: str) -> bool:
    return _COLLAPSE_BAR.match(line) is not None
