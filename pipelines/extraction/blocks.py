"""The text of an lxml tree as blocks: one per paragraph the browser would lay out.

A block remembers the element that holds it and how much of it is link text, which is what
both the generic extractor's scoring and the family extractors' output need.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from lxml.html import HtmlElement

BLOCK_TAGS = frozenset(
    {
        "address", "article", "blockquote", "body", "center", "dd", "div", "dl", "dt",
        "fieldset", "figcaption", "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5",
        "h6", "header", "hr", "html", "li", "main", "ol", "p", "pre", "section", "table",
        "tbody", "td", "tfoot", "th", "thead", "tr", "ul", "br", "founder-content", "text",
    }
)  # fmt: skip
HEADING_TAGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})
_SPACES = re.compile(r"[ \t\r\f\v\u00a0\u3000\u2002\u2003\u2009\u200b\ufeff]+")
# Source line breaks inside a paragraph: a line break between two CJK characters is layout,
# not a space (it would split 项目 into 项 目).
_CJK_BREAK = re.compile(
    r"(?<=[\u3000-\u9fff\uff00-\uffef])\s*\n\s*(?=[\u3000-\u9fff\uff00-\uffef])"
)
_LINE_BREAKS = re.compile(r"\s*\n\s*")
_CJK = re.compile(r"[\u4e00-\u9fff]")


@dataclass(slots=True)
class Block:
    """One laid-out paragraph of text."""

    text: str
    link_chars: int  # characters inside <a>
    owner: HtmlElement  # the nearest block-level element holding the text
    tag: str  # the tag that opened the block (p, h1, li, td, br, ...)

    @property
    def link_density(self) -> float:
        return self.link_chars / max(len(self.text), 1)


def normalize_space(text: str) -> str:
    text = _CJK_BREAK.sub("", text)
    text = _LINE_BREAKS.sub(" ", text)
    return _SPACES.sub(" ", text).strip()


def cjk_count(text: str) -> int:
    return len(_CJK.findall(text))


class _BlockWriter:
    def __init__(self) -> None:
        self.blocks: list[Block] = []
        self._pieces: list[str] = []
        self._link_chars = 0
        self._tag = "text"

    def add(self, text: str | None, in_link: bool) -> None:
        if text:
            self._pieces.append(text)
            if in_link:
                self._link_chars += len(text.strip())

    def flush(self, owner: HtmlElement, next_tag: str) -> None:
        text = normalize_space("".join(self._pieces))
        if text:
            self.blocks.append(Block(text, min(self._link_chars, len(text)), owner, self._tag))
        self._pieces.clear()
        self._link_chars = 0
        self._tag = next_tag


def _walk(element: HtmlElement, owner: HtmlElement, in_link: bool, writer: _BlockWriter) -> None:
    tag = element.tag if isinstance(element.tag, str) else ""
    is_block = tag in BLOCK_TAGS
    if is_block:
        writer.flush(owner, tag)
        if tag != "br":
            owner = element
    in_link = in_link or tag == "a"
    writer.add(element.text, in_link)
    for child in element:
        _walk(child, owner, in_link, writer)
        # The tail belongs to this element's flow, after the child.
        writer.add(child.tail, in_link)
    if is_block and tag != "br":
        writer.flush(element, "text")


def iter_blocks(root: HtmlElement) -> Iterator[Block]:
    """The blocks of ``root`` in document order (tail text of ``root`` excluded)."""
    writer = _BlockWriter()
    _walk(root, root, False, writer)
    writer.flush(root, "text")
    yield from writer.blocks
