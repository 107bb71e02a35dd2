"""The figures a text reports, as a set of normalized number strings.

Two reprints of one story carry the same figures; two stories written from one template
(``城阳区一季度新开工项目87个`` beside ``西海岸新区一季度新开工项目155个``) carry different ones.
This is deliberately simpler than fact extraction: it has to work on any text, and on texts
whose facts were extracted by another extractor version.
"""

from __future__ import annotations

import re
import unicodedata

# A number not glued to Latin letters or other digits (G20, 5G, jammer residue like h9 u4).
_NUMBER = re.compile(r"(?<![A-Za-z\d.:])(\d{1,3}(?:,\d{3})+|\d+)(\.\d+)?(?![A-Za-z\d])")
# Dates, times, ordinals and editions say when or which, not how much.
_NOT_A_FIGURE_AFTER = re.compile(r"\s*(?:年|月|日|时|分|秒|点|号|期|版|届|次会议|:\d)")
_NOT_A_FIGURE_BEFORE = re.compile(r"(?:第|No\.?)\s*$")


def figures(text: str) -> frozenset[str]:
    """The amounts in ``text``: ``"1,200"`` and ``"1200.0"`` are both ``"1200"``; years,
    dates, times and ordinals are left out."""
    text = unicodedata.normalize("NFKC", text)
    found: set[str] = set()
    for match in _NUMBER.finditer(text):
        if _NOT_A_FIGURE_AFTER.match(text, match.end()):
            continue
        if _NOT_A_FIGURE_BEFORE.search(text, max(0, match.start() - 4), match.start()):
            continue
        integer = match.group(1).replace(",", "").lstrip("0") or "0"
        fraction = (match.group(2) or "").rstrip("0").rstrip(".")
        found.add(integer + fraction)
    return frozenset(found)
