"""Scoring fact extraction against a hand-annotated gold set (``benchmarks/facts_gold``).

A gold record is ``{"text", "facts": [{"q": quote, "n": nth occurrence, "kind", "norm_value",
"norm_unit", …}]}``. A predicted fact matches a gold fact when their spans overlap and kind,
norm_value (to 1e-6 relative) and norm_unit agree: the number is right and means the right
thing. Shared by ``benchmarks/facts_score.py`` (the report) and the tests (the quality bar).
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

_NUMBER_CHAR = re.compile(r"[0-9.,０-９零〇一二两三四五六七八九十百千万亿]")


def locate(text: str, quote: str, nth: int = 0) -> tuple[int, int]:
    """Span of the ``nth`` occurrence of ``quote`` that does not continue a longer number."""
    hits = [
        match.start()
        for match in re.finditer(re.escape(quote), text)
        if match.start() == 0 or not _NUMBER_CHAR.match(text[match.start() - 1])
    ]
    if len(hits) <= nth:
        raise ValueError(f"gold quote {quote!r} not found in {text[:40]!r}…")
    return hits[nth], hits[nth] + len(quote)


def load_gold(path: Path) -> list[dict[str, Any]]:
    records = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        record = json.loads(line)
        for fact in record["facts"]:
            fact["start"], fact["end"] = locate(record["text"], fact["q"], fact.get("n", 0))
        records.append(record)
    return records


def same_number(a: float, b: float) -> bool:
    return abs(a - b) <= 1e-6 * max(1.0, abs(a), abs(b))


def overlaps(a: dict, b: dict) -> bool:
    return a["start"] < b["end"] and b["start"] < a["end"]


def matches(predicted: dict, gold: dict) -> bool:
    return (
        overlaps(predicted, gold)
        and predicted["kind"] == gold["kind"]
        and predicted["norm_unit"] == gold["norm_unit"]
        and same_number(predicted["norm_value"], gold["norm_value"])
    )


def pair(predicted: list[dict], gold: list[dict]) -> list[tuple[dict, dict]]:
    """Greedy one-to-one pairing of matching facts."""
    used: set[int] = set()
    pairs = []
    for fact in predicted:
        for index, expected in enumerate(gold):
            if index not in used and matches(fact, expected):
                used.add(index)
                pairs.append((fact, expected))
                break
    return pairs
