"""newscrawl on the project's own layout pages: JSON-bodied SPA pages, WeChat, mobile pages,
platform pages, e-paper, video pages (``tests/data/layouts``, ground truth in ``truth.json``).

The pages were written for this benchmark (realistic regional economic news in layouts the
shared corpus lacks). ``heldout/`` was written before any rule for these layouts and is
scored once at the end; ``dev/`` is what the rules were developed on::

    .venv/bin/python -m benchmarks.layouts [--split dev|heldout|all] [--pages]

Per page: body F1 (the scoring of ``benchmarks.extraction``), whether the page type is right,
title / published date / source equal to the truth, and no listed boilerplate left in the text.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
from pathlib import Path

from benchmarks.extraction import date_matches, prf
from pipelines.cleaning import clean_paragraphs
from pipelines.extraction import extract_page

LAYOUTS = Path(__file__).resolve().parents[1] / "tests" / "data" / "layouts"


def score_page(name: str, truth: dict, html: bytes) -> dict:
    page = extract_page(html, truth["url"])
    text = "\n".join(clean_paragraphs(page.paragraphs))
    row = {
        "page": name,
        "type": page.is_article == truth["is_article"],
        "title": page.title == truth["title"],
        "date": date_matches(page.published, truth["published"]),
        "source": page.original_source == truth["source"],
        "left": [marker for marker in truth["absent"] if marker in text],
        "got": (page.is_article, page.title, page.published, page.original_source),
    }
    if truth["is_article"]:
        row["f1"] = prf(text if page.is_article else "", truth["body"])[2]
    return row


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--split", choices=("dev", "heldout", "all"), default="dev")
    parser.add_argument("--pages", action="store_true", help="print every page's result")
    args = parser.parse_args(argv)
    truth = json.loads((LAYOUTS / "truth.json").read_text(encoding="utf-8"))
    rows = [
        score_page(name, entry, (LAYOUTS / name).read_bytes())
        for name, entry in truth.items()
        if args.split == "all" or name.startswith(args.split + "/")
    ]
    articles = [row for row in rows if "f1" in row]
    print(f"## layouts/{args.split} ({len(rows)} pages, {len(articles)} articles)\n")
    print("| body F1 | page type | title | date | source | pages with boilerplate left |")
    print("|---|---|---|---|---|---|")
    print(
        f"| {statistics.mean(row['f1'] for row in articles):.3f} "
        + " ".join(
            f"| {sum(row[key] for row in rows)}/{len(rows)}"
            for key in ("type", "title", "date", "source")
        )
        + f" | {sum(bool(row['left']) for row in rows)} |"
    )
    if args.pages:
        print()
        for row in rows:
            misses = [key for key in ("type", "title", "date", "source") if not row[key]]
            f1 = f"{row['f1']:.3f}" if "f1" in row else "  –  "
            print(f"{row['page']:42} F1 {f1} miss {misses} left {row['left']} got {row['got']}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
