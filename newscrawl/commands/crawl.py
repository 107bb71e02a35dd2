"""``newscrawl crawl KEY... | --all``: run several registry spiders in one process.

Meant for cron and other schedulers: one Scrapy process, one crawl run per spider in the
archive, and a non-zero exit status when a source failed (its start pages could not be
fetched, the spider raised, or the crawl did not finish normally). Single pages that fail are
recorded in ``fetch_failures`` but do not fail the source. Sources run concurrently within
global and per-domain limits (newscrawl.crawls); a failed source does not stop the others.
"""

from __future__ import annotations

import argparse
import json
import time
from collections.abc import Iterable, Sequence
from datetime import date
from typing import Any

from newscrawl.commands._archive import add_db_option, check_archive
from newscrawl.commands._errors import CommandError, UsageError
from newscrawl.commands._output import scrapy_settings
from newscrawl.crawls import (  # noqa: F401 (re-exported for the commands and tests)
    CrawlResult,
    project_settings,
    shared_process_overrides,
)
from newscrawl.crawls import run_crawls as run_crawls_in_process
from newscrawl.distributed import redis_problem
from newscrawl.registry import RegistryError, load_registry


def run_crawls(
    jobs: Iterable[tuple[str, dict[str, Any]]], settings_overrides: dict[str, Any] | None = None
) -> list[CrawlResult]:
    """``newscrawl.crawls.run_crawls``, after the checks that end a command with one line:
    in distributed mode, a Redis that does not answer."""
    settings = project_settings(settings_overrides)
    if problem := redis_problem(settings):
        raise CommandError(problem)
    return run_crawls_in_process(jobs, settings_overrides)


def iso_date(text: str) -> str:
    """A command-line date, checked here so that a typo is a usage error, not a crawl that
    fails in every spider."""
    try:
        date.fromisoformat(text.strip())
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a date like 2026-01-31") from None
    return text.strip()


def parse_setting(text: str) -> tuple[str, Any]:
    """``NAME=VALUE``; a VALUE that is a JSON object (``ITEM_PIPELINES={...}``) is decoded."""
    name, sep, value = text.partition("=")
    if not sep or not name:
        raise argparse.ArgumentTypeError(f"{text!r}: use NAME=VALUE")
    if value.lstrip().startswith("{"):
        try:
            return name, json.loads(value)
        except json.JSONDecodeError as error:
            raise argparse.ArgumentTypeError(f"{name}: bad JSON: {error}") from None
    return name, value


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser("crawl", help="run registry spiders in one process")
    parser.add_argument("keys", nargs="*", metavar="KEY", help="registry source keys")
    parser.add_argument("--all", action="store_true", help="every registry source")
    add_db_option(parser)
    parser.add_argument("--since", type=iso_date, help="do not page past this date (YYYY-MM-DD)")
    parser.add_argument(
        "--revisit", choices=("due", "all", "force"), help="which known articles to fetch again"
    )
    parser.add_argument(
        "--sample-port", type=int, help="crawl the sample web served on this port instead"
    )
    parser.add_argument(
        "-s", dest="settings", action="append", default=[], type=parse_setting,
        metavar="NAME=VALUE", help="override a Scrapy setting (repeatable)",
    )  # fmt: skip
    parser.set_defaults(func=run, runs_scrapy=True)


def report(results: Sequence[CrawlResult], elapsed: float | None = None) -> int:
    """One line per source and a total line; 1 when a source failed."""
    failed = 0
    width = max((len(result.spider) for result in results), default=12)
    totals = {"pages": 0, "articles": 0, "failures": 0}
    for result in results:
        stats = result.stats
        pages = stats.get("response_received_count", 0)
        articles = stats.get("newscrawl/articles", 0)
        failures = stats.get("newscrawl/failures", 0)
        totals["pages"] += pages
        totals["articles"] += articles
        totals["failures"] += failures
        line = (
            f"{result.spider:{width}} pages={pages:<4} articles={articles:<4} "
            f"not_modified={stats.get('newscrawl/not_modified', 0):<3} failures={failures:<3} "
            f"time={float(stats.get('elapsed_time_seconds') or 0):.1f}s"
        )
        if result.failure:
            failed += 1
            line += f"  FAILED: {result.failure}"
        print(line)
    if len(results) > 1:
        took = f" in {elapsed:.1f}s" if elapsed is not None else ""
        print(
            f"total: {len(results)} sources, {failed} failed, pages={totals['pages']} "
            f"articles={totals['articles']} failures={totals['failures']}{took}"
        )
    return 1 if failed else 0


def run(args: argparse.Namespace) -> int:
    try:
        registry = load_registry(user_dir=dict(args.settings).get("NEWSCRAWL_SOURCES"))
    except RegistryError as error:
        raise UsageError(str(error)) from None
    keys = sorted(registry) if args.all else args.keys
    if not keys:
        raise UsageError("name at least one source, or --all")
    unknown = [k for k in keys if k not in registry]
    if unknown:
        raise UsageError(
            f"unknown source {', '.join(unknown)} (known: {', '.join(sorted(registry))})"
        )
    spider_args = {
        name: value
        for name, value in (
            ("since", args.since),
            ("revisit", args.revisit),
            ("sample_port", args.sample_port),
        )
        if value
    }
    overrides = scrapy_settings(args) | dict(args.settings)
    if overrides.get("NEWSCRAWL_DB_URL") and not getattr(args, "db", None):
        args.db = overrides["NEWSCRAWL_DB_URL"]  # the older spelling, -s NEWSCRAWL_DB_URL=…
    overrides["NEWSCRAWL_DB_URL"] = check_archive(args, "create")
    started = time.monotonic()
    results = run_crawls(((key, spider_args) for key in keys), overrides)
    return report(results, time.monotonic() - started)
