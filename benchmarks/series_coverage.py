"""How much of the extracted facts the series fields cover: indicator, region code, period dates.

Run from the repository root:

    .venv/bin/python benchmarks/series_coverage.py [--corpus ../shared/corpus/real] [-v]

Two inputs, each page parsed as the crawler does (``pipelines.parse.parse_page``):

- the sample web (``newscrawl/samples/sites``): every article page of a registered source, with
  the source's registry place; a page of an unregistered site without a place;
- the real corpus: its economic pages, chosen by rule, not by hand: pages whose cleaned text
  has at least three facts and names at least two of the genre's words (投资, 项目, 签约,
  开工, 增加值, 生产总值, 进出口, 外资, 营业收入, 财政, 消费品零售). No place is given.

Printed per input: pages, facts, the share of facts with an indicator, with a region code,
with period dates, and the distinct metric strings; ``-v`` lists the most frequent unmapped
metrics.
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from newscrawl.registry import load_registry
from pipelines.facts import FACTS_VERSION
from pipelines.parse import parse_page

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT / "newscrawl" / "samples" / "sites"
GENRE_WORDS = ("投资", "项目", "签约", "开工", "增加值", "生产总值", "进出口", "外资",
               "营业收入", "财政", "消费品零售")  # fmt: skip


def sample_pages() -> list[tuple[str, bytes, str | None]]:
    """(url, body, registry place) of every article page of the sample web."""
    sources = load_registry().values()
    pages = []
    for path in sorted(SAMPLES.rglob("*")):
        if not path.is_file() or path.suffix not in (".htm", ".html", ""):
            continue
        host = path.relative_to(SAMPLES).parts[0]
        url = "https://" + "/".join(path.relative_to(SAMPLES).parts)
        matching = [s for s in sources if host in s.allowed_domains]
        if matching and not any(s.is_article_url(url) for s in matching):
            continue  # a list page, robots.txt, a 404
        place = next((s.place for s in matching if s.is_article_url(url)), None)
        pages.append((url, path.read_bytes(), place))
    return pages


def corpus_pages(corpus: Path) -> list[tuple[str, bytes, str | None]]:
    return [
        (str(path.relative_to(corpus)), path.read_bytes(), None)
        for path in sorted(corpus.rglob("*.htm*"))
        if path.is_file()
    ]


def measure(
    name: str, pages: list[tuple[str, bytes, str | None]], *, economic: bool, verbose: bool
) -> None:
    counts: Counter[str] = Counter()
    metrics: Counter[str] = Counter()
    unmapped: Counter[str] = Counter()
    chosen = 0
    for url, body, place in pages:
        parsed = parse_page(body, url if url.startswith("http") else None, place=place)
        if not parsed.page.is_article:
            continue
        facts = parsed.facts
        if economic and (len(facts) < 3 or sum(word in parsed.text for word in GENRE_WORDS) < 2):
            continue
        chosen += 1
        for fact in facts:
            counts["facts"] += 1
            # .get: an older extractor (facts-1.0) can be measured too, for a before/after.
            counts["indicator"] += fact.get("indicator") is not None
            counts["region_code"] += fact.get("region_code") is not None
            counts["period"] += fact["period"] is not None
            counts["period_dates"] += fact.get("period_start") is not None
            counts["subject"] += fact["subject"] is not None
            metrics[fact["metric"] or ""] += 1
            if fact.get("indicator") is None and fact["kind"] != "ratio":
                unmapped[fact["metric"] or "(none)"] += 1
    total = counts["facts"] or 1
    print(f"{name}: {chosen} pages, {counts['facts']} facts, {len(metrics)} distinct metrics")
    for field in ("indicator", "region_code", "period", "period_dates", "subject"):
        print(f"  {field:<13}{counts[field] / total:>7.1%}  ({counts[field]}/{counts['facts']})")
    if verbose:
        print("  most frequent unmapped metrics (ratios left out):")
        for metric, count in unmapped.most_common(25):
            print(f"    {count:>4}  {metric}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=ROOT.parent / "shared" / "corpus" / "real")
    parser.add_argument("-v", "--verbose", action="store_true")
    args = parser.parse_args(argv)
    print(f"extractor {FACTS_VERSION}")
    measure("sample web", sample_pages(), economic=False, verbose=args.verbose)
    if args.corpus.is_dir():
        measure(
            "real corpus, economic pages",
            corpus_pages(args.corpus),
            economic=True,
            verbose=args.verbose,
        )
    else:
        print(f"real corpus: {args.corpus} not found, skipped")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
