"""``newscrawl demo``: serve the sample web locally, crawl all of it, print what was archived.

Everything happens on 127.0.0.1 (no network needed): the sample server runs in a thread on a
free port, every registry source and the generic spider (on a site no registry entry knows)
crawl it in one Scrapy process into the archive (``NEWSCRAWL_DB_URL`` or the default SQLite
file), and the per-source summary is printed.
"""

from __future__ import annotations

import argparse
from typing import Any

from newscrawl.commands._archive import add_db_option, check_archive, open_archive
from newscrawl.commands.crawl import report, run_crawls
from newscrawl.registry import load_registry
from newscrawl.samples.server import serving

# The sample site without a registry entry, crawled by the generic `site` spider.
UNREGISTERED_SITE = "http://jiaozhou-news.example/"
COLUMNS = ("source", "pages", "articles", "versions", "facts", "duplicates", "failures")


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "demo", help="crawl the bundled sample sites into the archive and print a summary"
    )
    add_db_option(parser, deprecated=("--db-url",))
    parser.set_defaults(func=run)


def format_table(rows: list[dict[str, Any]]) -> str:
    widths = {c: max(len(c), *(len(str(r.get(c, ""))) for r in rows)) for c in COLUMNS}
    lines = ["  ".join(c.ljust(widths[c]) for c in COLUMNS)]
    lines.append("  ".join("-" * widths[c] for c in COLUMNS))
    for row in rows:
        cells = [str(row.get(c, "")) for c in COLUMNS]
        lines.append(
            "  ".join(
                cell.ljust(widths[c]) if i == 0 else cell.rjust(widths[c])
                for i, (c, cell) in enumerate(zip(COLUMNS, cells, strict=True))
            )
        )
    return "\n".join(lines)


def run(args: argparse.Namespace) -> int:
    registry = load_registry()
    overrides: dict[str, Any] = {
        # Our own server on loopback: no need to be polite to it, and no crawl log spam.
        "DOWNLOAD_DELAY": 0,
        "AUTOTHROTTLE_ENABLED": False,
        "LOG_LEVEL": "ERROR",  # expected failures (404, challenge) are in the table
    }
    overrides["NEWSCRAWL_DB_URL"] = check_archive(args, "create")
    with serving() as server:
        print(f"sample web serving on 127.0.0.1:{server.port}; crawling {len(registry)} sources")
        jobs = [(key, {"sample_port": server.port}) for key in sorted(registry)]
        jobs.append(("site", {"start_url": UNREGISTERED_SITE, "sample_port": server.port}))
        results = run_crawls(jobs, overrides)
    status = report(results)
    archive = open_archive(args, "read")
    try:
        print()
        print(format_table(archive.summary()))
        print(f"\narchive: {archive.db_location}")
    finally:
        archive.close()
    return status
