"""``newscrawl demo``: serve the sample web locally, crawl all of it, print what was archived.

Everything happens on 127.0.0.1 (no network needed): the sample server runs in a thread on a
free port, every registry source and the generic spider (on a site no registry entry knows)
crawl it in one Scrapy process into the archive (``--db``, ``NEWSCRAWL_DB_URL`` or the default
SQLite file), and a table per source says what this run did and what the archive now holds:

- this run: ``pages`` fetched (the crawl line's ``pages=``), ``new`` articles, ``changed``
  articles (a new version), ``failures`` recorded;
- archive, all runs: ``articles``, ``versions``, current ``facts``, ``reprints`` (articles that
  republish another source's story) and ``failures``.

Run twice, the second run fetches what is new or due for a revisit (on the unchanged sample
web: the list pages), skips the articles it has and the URLs it found to be no article.
"""

from __future__ import annotations

import argparse
from collections.abc import Sequence
from typing import Any

from newscrawl.commands._archive import add_db_option, check_archive, open_archive
from newscrawl.commands._output import NORMAL, scrapy_settings, verbosity
from newscrawl.commands.crawl import CrawlResult, report, run_crawls
from newscrawl.registry import load_registry
from newscrawl.samples.server import serving

# The sample site without a registry entry, crawled by the generic `site` spider.
UNREGISTERED_SITE = "http://jiaozhou-news.example/"
RUN_COLUMNS = ("pages", "new", "changed", "failures")
ARCHIVE_COLUMNS = ("articles", "versions", "facts", "reprints", "failures")
GROUP_TITLES = ("this run", "archive, all runs")


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "demo", help="crawl the bundled sample sites into the archive and print a summary"
    )
    add_db_option(parser, deprecated=("--db-url",))
    parser.set_defaults(func=run, runs_scrapy=True)


def run_counts(result: CrawlResult) -> tuple[int, ...]:
    stats = result.stats
    return (
        int(stats.get("response_received_count", 0)),
        int(stats.get("newscrawl/archive/new", 0)),
        int(stats.get("newscrawl/archive/version", 0)),
        int(stats.get("newscrawl/failures", 0)),
    )


def summary_rows(
    results: Sequence[CrawlResult], archived: Sequence[dict[str, Any]]
) -> list[tuple[str, ...]]:
    """One row per source: this run's counts, then the archive's totals."""
    this_run = {result.spider: run_counts(result) for result in results}
    totals = {
        row["source"]: tuple(
            row[name] for name in ("articles", "versions", "facts", "duplicates", "failures")
        )
        for row in archived
    }
    rows = []
    for source in sorted(this_run.keys() | totals.keys()):
        counts = this_run.get(source, (0,) * len(RUN_COLUMNS))
        stored = totals.get(source, (0,) * len(ARCHIVE_COLUMNS))
        rows.append((source, *map(str, counts), *map(str, stored)))
    return rows


def format_table(rows: list[tuple[str, ...]]) -> str:
    header = ("source", *RUN_COLUMNS, *ARCHIVE_COLUMNS)
    widths = [max(len(cells[i]) for cells in (header, *rows)) for i in range(len(header))]
    run_width = sum(widths[1 : 1 + len(RUN_COLUMNS)]) + 2 * (len(RUN_COLUMNS) - 1)
    groups = (
        " " * widths[0]
        + "  "
        + GROUP_TITLES[0].center(run_width, "-")
        + "    "
        + GROUP_TITLES[1].center(sum(widths[1 + len(RUN_COLUMNS) :]) + 8, "-")
    )

    def line(cells: tuple[str, ...]) -> str:
        parts = [cells[0].ljust(widths[0])]
        parts += [cell.rjust(width) for cell, width in zip(cells[1:], widths[1:], strict=True)]
        run_part = "  ".join(parts[1 : 1 + len(RUN_COLUMNS)])
        return f"{parts[0]}  {run_part}    {'  '.join(parts[1 + len(RUN_COLUMNS) :])}".rstrip()

    return "\n".join([groups.rstrip(), line(header), *(line(row) for row in rows)])


def run(args: argparse.Namespace) -> int:
    registry = load_registry()
    overrides: dict[str, Any] = {
        **scrapy_settings(args),
        # Our own server on loopback: no need to be polite to it.
        "DOWNLOAD_DELAY": 0,
        "AUTOTHROTTLE_ENABLED": False,
    }
    if verbosity(args) == NORMAL:
        # The expected failures of the sample web (404, a video, a challenge) are in the
        # table; -v shows the whole crawl log.
        overrides["LOG_LEVEL"] = "ERROR"
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
        print(format_table(summary_rows(results, archive.summary())))
        print(f"\narchive: {archive.db_location}")
    finally:
        archive.close()
    return status
