"""``newscrawl crawl KEY... | --all``: run several registry spiders in one process.

Meant for cron and other schedulers: one Scrapy process, one crawl run per spider in the
archive, and a non-zero exit status when a source failed (its start pages could not be
fetched, the spider raised, or the crawl did not finish normally). Single pages that fail are
recorded in ``fetch_failures`` but do not fail the source.
"""

from __future__ import annotations

import argparse
import json
import os
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from newscrawl.commands._archive import add_db_option, check_archive
from newscrawl.commands._errors import UsageError
from newscrawl.registry import RegistryError, load_registry


@dataclass(frozen=True)
class CrawlResult:
    spider: str
    stats: dict[str, Any]

    @property
    def failure(self) -> str | None:
        """Why the source failed, or None when it crawled normally."""
        reason = self.stats.get("finish_reason")
        if reason != "finished":
            return f"finished with {reason!r}"
        if self.stats.get("newscrawl/archive/still_spooled"):
            spooled = self.stats["newscrawl/archive/still_spooled"]
            return f"{spooled} items could not be archived (spooled for the next crawl)"
        if self.stats.get("newscrawl/start_failed"):
            return "start page could not be fetched"
        if self.stats.get("spider_exceptions/count") or self.stats.get("spider_exceptions"):
            return "the spider raised an exception"
        if not self.stats.get("response_received_count"):
            return "no page could be fetched"
        return None


def project_settings(overrides: dict[str, Any] | None = None) -> Any:
    # Works from any directory, also when installed without scrapy.cfg next to it.
    os.environ.setdefault("SCRAPY_SETTINGS_MODULE", "newscrawl.settings")
    from scrapy.utils.project import get_project_settings

    settings = get_project_settings()
    for name, value in (overrides or {}).items():
        settings.set(name, value, priority="cmdline")
    return settings


PER_CRAWLER_PROCESSES = ("NEWSCRAWL_CPU_PROCESSES", "NEWSCRAWL_ARCHIVE_PROCESSES")


def shared_process_overrides(overrides: dict[str, Any] | None, crawls: int) -> dict[str, Any]:
    """The setting overrides for ``crawls`` crawls in one process.

    Every crawler starts its own child processes (``newscrawl.process_pool``): two Python
    interpreters per source. Several polite crawls in one process fetch a few pages per second
    each, which one CPU parses with ease, so they work in-process unless ``-s`` asks otherwise.
    """
    overrides = dict(overrides or {})
    if crawls > 1:
        for name in PER_CRAWLER_PROCESSES:
            overrides.setdefault(name, 0)
    return overrides


def run_crawls(
    jobs: Iterable[tuple[str, dict[str, Any]]], settings_overrides: dict[str, Any] | None = None
) -> list[CrawlResult]:
    """Run spiders (name, spider arguments) together in one CrawlerProcess; their stats."""
    from scrapy.crawler import CrawlerProcess

    jobs = list(jobs)
    process = CrawlerProcess(
        project_settings(shared_process_overrides(settings_overrides, len(jobs)))
    )
    crawlers = []
    for name, kwargs in jobs:
        crawler = process.create_crawler(name)
        crawlers.append(crawler)
        process.crawl(crawler, **kwargs)
    process.start()
    return [CrawlResult(c.spider.name if c.spider else "?", c.stats.get_stats()) for c in crawlers]


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
    parser.set_defaults(func=run)


def report(results: Sequence[CrawlResult]) -> int:
    failed = 0
    for result in results:
        stats = result.stats
        line = (
            f"{result.spider:12} pages={stats.get('response_received_count', 0):<4} "
            f"articles={stats.get('newscrawl/articles', 0):<4} "
            f"not_modified={stats.get('newscrawl/not_modified', 0):<3} "
            f"failures={stats.get('newscrawl/failures', 0)}"
        )
        if result.failure:
            failed += 1
            line += f"  FAILED: {result.failure}"
        print(line)
    return 1 if failed else 0


def run(args: argparse.Namespace) -> int:
    try:
        registry = load_registry()
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
    overrides = dict(args.settings)
    if overrides.get("NEWSCRAWL_DB_URL") and not getattr(args, "db", None):
        args.db = overrides["NEWSCRAWL_DB_URL"]  # the older spelling, -s NEWSCRAWL_DB_URL=…
    overrides["NEWSCRAWL_DB_URL"] = check_archive(args, "create")
    results = run_crawls(((key, spider_args) for key in keys), overrides)
    return report(results)
