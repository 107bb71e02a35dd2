"""Body extraction for markup no family extractor knows: content-mass scoring over the DOM.

Every text block gets a value: positive for prose (Chinese sentence punctuation, little link
text), negative for navigation and link lists, a small cost for every block so runs of short
chrome lines add up against a container. Each element's score is the sum over the blocks it
holds, so the best-scoring element is the one that gathers the article's prose while leaving
out the link-heavy chrome around it: a maximum-weight subtree rather than a per-node ratio
(which favours tiny dense nodes). Siblings of the winner that carry prose of their own (an
article split by an ad or a page-break widget) are added back.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Sequence

from lxml.html import HtmlElement

from pipelines.extraction.blocks import HEADING_TAGS, Block, iter_blocks

_SENTENCE_PUNCT = re.compile(r"[，。！？；：、,!?;]")
_END_PUNCT = re.compile(r"[。！？!?…”」』）)]\s*$")
_BLOCK_COST = 6.0
_LINK_PENALTY = 1.5
# A sibling joins the winner when it holds this share of the winner's score in prose.
_SIBLING_SHARE = 0.15
_MAX_LINK_DENSITY = 0.5
# Share of the best run's prose that must lie in the best container for the two to agree.
_AGREEMENT = 0.5


def _visible_length(text: str) -> int:
    return len(text) - text.count(" ")


def block_value(block: Block) -> float:
    """How much a block looks like article prose (positive) or chrome (negative)."""
    length = _visible_length(block.text)
    if block.tag in HEADING_TAGS:
        # The title and section headings neither make nor break a body: a run may cross a
        # subheading, but the title must not pull the byline and toolbar under it into the run.
        return -_BLOCK_COST
    if block.link_density > _MAX_LINK_DENSITY:
        return -(_LINK_PENALTY * block.link_chars + _BLOCK_COST)
    plain = length - block.link_chars
    punctuation = len(_SENTENCE_PUNCT.findall(block.text))
    # Titles, dates, bylines and copyright lines have no sentence punctuation: text, but not
    # what makes a body.
    weight = 1.0 + min(punctuation / max(length, 1) * 10, 1.0) if punctuation else 0.3
    return plain * weight - _LINK_PENALTY * block.link_chars - _BLOCK_COST


def score_elements(blocks: Sequence[Block]) -> dict[HtmlElement, float]:
    """Sum of block values for every element that holds at least one block."""
    scores: dict[HtmlElement, float] = defaultdict(float)
    for block in blocks:
        value = block_value(block)
        scores[block.owner] += value
        for ancestor in block.owner.iterancestors():
            scores[ancestor] += value
    return scores


def _holds(container: HtmlElement, element: HtmlElement) -> bool:
    return element is container or any(a is container for a in element.iterancestors())


def select_body(root: HtmlElement) -> list[HtmlElement]:
    """The element(s) holding the article body, best first; empty when there is no prose."""
    blocks = list(iter_blocks(root))
    if not blocks:
        return []
    scores = score_elements(blocks)
    best = max(scores, key=scores.__getitem__)
    if scores[best] <= 0:
        return []
    chosen = [best]
    parent = best.getparent()
    if parent is not None:
        for sibling in parent:
            if sibling is best or not isinstance(sibling.tag, str):
                continue
            if scores.get(sibling, 0.0) > scores[best] * _SIBLING_SHARE:
                chosen.append(sibling)
        chosen.sort(key=lambda element: list(parent).index(element))
    return chosen


def body_blocks(containers: Sequence[HtmlElement]) -> list[Block]:
    """The prose blocks of the chosen containers, link lists left out."""
    result: list[Block] = []
    for container in containers:
        for block in iter_blocks(container):
            if block.link_density > _MAX_LINK_DENSITY and not _END_PUNCT.search(block.text):
                continue
            result.append(block)
    return result


def best_run(values: Sequence[float]) -> tuple[int, int, float]:
    """``(start, end, total)`` of the contiguous run with the largest sum (Kadane)."""
    best = (0, 0, float("-inf"))
    start, total = 0, 0.0
    for index, value in enumerate(values):
        if total <= 0:
            start, total = index, 0.0
        total += value
        if total > best[2]:
            best = (start, index + 1, total)
    return best


def _run_blocks(blocks: Sequence[Block]) -> tuple[list[Block], float]:
    start, end, total = (
        best_run([block_value(block) for block in blocks]) if blocks else (0, 0, 0.0)
    )
    return list(blocks[start:end]), total


def _prose(blocks: Sequence[Block]) -> list[Block]:
    return [
        block
        for block in blocks
        if block.link_density <= _MAX_LINK_DENSITY or _END_PUNCT.search(block.text)
    ]


def _content_root(root: HtmlElement) -> HtmlElement:
    body = root.find("body")
    return body if body is not None else root


def extract_generic(root: HtmlElement) -> list[Block]:
    """Body blocks of a cleaned page of unknown markup.

    Two views must agree: the best container in the DOM, and the best run of consecutive
    blocks in reading order. When the run lies mostly inside the container, the container's
    own best run is the body (the container bounds it, the run trims its edges). When it does
    not, the container is the wrong one (old table layouts put the article and a long
    copyright notice under one cell with nav lists around), and the run alone is the body.
    """
    root = _content_root(root)
    blocks = list(iter_blocks(root))
    if not blocks:
        return []
    run, total = _run_blocks(blocks)
    if total <= 0:
        return []
    containers = select_body(root)
    inside = [
        block for block in run if any(_holds(container, block.owner) for container in containers)
    ]
    run_mass = sum(max(block_value(block), 0.0) for block in run)
    inside_mass = sum(max(block_value(block), 0.0) for block in inside)
    if containers and inside_mass >= _AGREEMENT * run_mass:
        contained: list[Block] = []
        for container in containers:
            contained.extend(iter_blocks(container))
        return _prose(_run_blocks(contained)[0])
    return _prose(run)
