"""CPU cost of the hot paths found by profiling the crawl, for before/after comparisons.

Times, in CPU milliseconds of this process (fastest of ``--repeat`` passes, so that other load
on the machine counts as little as possible):

- ``facts_for`` per text, on the cleaned texts of the real pages in ``../shared/corpus/real``
  and of ``--articles`` scaled sample web articles, with a digest of all the facts it returns
  (equal digests: an optimization changed nothing);
- ``parse_page`` per page (extraction, cleaning, hash and facts) on the same pages;
- ``Archive.save_article`` per new article, into a fresh SQLite archive already holding
  ``--stored`` versions.

Run it in two trees (a commit before a change and after it) to measure the change::

    .venv/bin/python -m benchmarks.hot_paths [--articles 300] [--stored 2000] [--repeat 3]
    .venv/bin/python -m benchmarks.hot_paths --saves-only   # the save path alone
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from benchmarks.extraction import DEFAULT_CORPUS, load_pages
from pipelines.extraction.decoding import decode_body
from pipelines.parse import facts_for, parse_page


def fastest(work: Callable[[], object], repeat: int) -> float:
    best = float("inf")
    for _ in range(repeat):
        started = time.process_time()
        work()
        best = min(best, time.process_time() - started)
    return best


def save_ms(args: argparse.Namespace) -> float:
    """CPU ms per new article saved, the fastest of ``args.repeat`` fresh archives."""
    from archive.store import Archive
    from benchmarks.archive_writes import load_history, parsed_items, timed_saves

    items = parsed_items(args.saves)
    best = float("inf")
    for _ in range(args.repeat):
        with tempfile.TemporaryDirectory(prefix="newscrawl-hot-") as work_dir:
            store = Archive.from_url(f"sqlite:///{work_dir}/archive.sqlite3", upgrade=True)
            try:
                load_history(store.engine, args.stored, 10)
                best = min(best, sum(timed_saves(store, items, "new").cpu))
            finally:
                store.close()
    return 1000 * best / len(items)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--articles", type=int, default=300)
    parser.add_argument("--stored", type=int, default=2000)
    parser.add_argument("--saves", type=int, default=150)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument(
        "--saves-only",
        action="store_true",
        help="only Archive.save_article, fastest of --repeat fresh archives (no corpus needed)",
    )
    args = parser.parse_args(argv)

    from benchmarks.archive_writes import load_history, parsed_items, timed_saves
    from benchmarks.per_page import scaled_pages

    if args.saves_only:
        print(f"| Archive.save_article (new, SQLite) | {save_ms(args):.2f} | save | "
              f"{args.saves} saves, {args.stored} stored, fastest of {args.repeat} archives |")  # fmt: skip
        return 0

    pages: list[tuple[str, str | None]] = [
        (decode_body(page.path.read_bytes())[0], page.url) for page in load_pages(args.corpus)
    ]
    pages += [(decode_body(body)[0], page.url) for page, body in scaled_pages(args.articles)]
    parsed = [parse_page(html, url) for html, url in pages]
    texts = [(result.text, result.page.published) for result in parsed]
    facts = [facts_for(text, published, None) for text, published in texts]
    digest = hashlib.sha256(
        json.dumps(facts, ensure_ascii=False, sort_keys=True).encode()
    ).hexdigest()[:16]

    facts_seconds = fastest(lambda: [facts_for(t, p, None) for t, p in texts], args.repeat)
    parse_seconds = fastest(lambda: [parse_page(h, u) for h, u in pages], args.repeat)

    from archive.store import Archive

    items = parsed_items(args.saves)
    with tempfile.TemporaryDirectory(prefix="newscrawl-hot-") as work_dir:
        store = Archive.from_url(f"sqlite:///{work_dir}/archive.sqlite3", upgrade=True)
        try:
            load_history(store.engine, args.stored, 10)
            save_cpu = sum(timed_saves(store, items, "new").cpu)
        finally:
            store.close()

    print("| hot path | CPU ms | per | over |")
    print("|---|---|---|---|")
    print(
        f"| facts_for | {1000 * facts_seconds / len(texts):.2f} | text | {len(texts)} texts, "
        f"{sum(map(len, facts))} facts, digest {digest} |"
    )
    print(f"| parse_page | {1000 * parse_seconds / len(pages):.2f} | page | {len(pages)} pages |")
    print(
        f"| Archive.save_article (new, SQLite) | {1000 * save_cpu / len(items):.2f} | save "
        f"| {len(items)} saves, {args.stored} stored |"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
