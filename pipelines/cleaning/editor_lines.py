"""Editor lines: who edited, checked and signed off the article, at its end.

责任编辑：叶子 / 【责任编辑：沈洁】 / （责任编辑 汪洋） / ▌编辑：汪洋　校对：李婷 /
编辑：池晓　审核：黄杰 / 监制：王强. A line of role labels, each followed by one or a few
names, and nothing else.
"""

from __future__ import annotations

import re

_ROLE = (
    r"(?:责任编辑|值班编辑|本文编辑|网络编辑|栏目编辑|执行编辑|文字编辑|图片编辑|视频编辑|编辑|责编|"
    r"审核|审校|审签|校对|监制|制作|终审|初审|复审|一审|二审|三审|统筹|策划|出品|主编|美编|排版|签发)"
)
_NAMES = r"[\u4e00-\u9fff·A-Za-z]{1,6}(?:[\s、，,/]+[\u4e00-\u9fff·A-Za-z]{1,6}){0,3}"
_EDITOR_LINE = re.compile(
    rf"^[\W_]*(?:{_ROLE}(?:\s*[:：|丨]\s*|\s+){_NAMES}[\s|丨，,；;]*)+[\W_]*$"
)
_MAX_EDITOR_LINE = 60


def is_editor_line(line: str) -> bool:
    return len(line) <= _MAX_EDITOR_LINE and _EDITOR_LINE.match(line) is not None
