"""``newscrawl sources``: the health of every source, as a table (or JSON Lines).

Flags: ``failing`` (the last crawl did not finish normally or fetched nothing), ``blocked``
(anti-bot challenge pages for at least as many URLs as articles reached lately), ``layout broke`` (article pages fetched, no article extracted),
``silent`` (no new article for too long), ``reparse`` (stored with an older parser),
``never crawled``. ``--check`` exits 1 when any source is flagged, for monitoring.

``newscrawl sources add URL`` and ``newscrawl sources check FILE|KEY`` onboard a source
(newscrawl.commands._onboard).
"""

from __future__ import annotations

import argparse
import json
import sys
from dataclasses import asdict
from datetime import datetime, timedelta

from archive.health import HealthPolicy, SourceHealth, source_health
from archive.types import utcnow
from newscrawl.commands._archive import add_db_option, open_archive
from newscrawl.commands._onboard import register_subcommands

DEFAULTS = HealthPolicy()
COLUMNS = (
    "source",
    "last ok crawl",
    "last new article",
    "articles",
    "empty runs",
    "errors last/7d",
    "extractor",
    "flags",
)


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser("sources", help="source health: last crawl, new articles, flags")
    add_db_option(parser, deprecated=("--url",))
    parser.add_argument(
        "--silent-days",
        type=float,
        default=DEFAULTS.silent_after.days,
        help="flag a source silent after this many days without a new article (default 7)",
    )
    parser.add_argument(
        "--empty-runs",
        type=int,
        default=DEFAULTS.empty_runs_limit,
        help="or after this many crawls in a row found nothing new (default 24)",
    )
    parser.add_argument("--json", action="store_true", help="one JSON object per source")
    parser.add_argument(
        "--check", action="store_true", help="exit with status 1 when any source is flagged"
    )
    parser.set_defaults(func=run)
    register_subcommands(parser)


def age(moment: datetime | None, now: datetime) -> str:
    """``5m ago``, ``3h ago``, ``2d ago``; ``-`` for never."""
    if moment is None:
        return "-"
    seconds = max((now - moment).total_seconds(), 0)
    for unit, size in (("d", 86400), ("h", 3600), ("m", 60)):
        if seconds >= size:
            return f"{int(seconds // size)}{unit} ago"
    return "just now"


def table_row(health: SourceHealth, now: datetime) -> tuple[str, ...]:
    return (
        health.source,
        age(health.last_success_at, now),
        age(health.last_new_article_at, now),
        str(health.articles),
        str(health.consecutive_empty_runs),
        f"{health.last_run_errors}/{health.errors_recent}",
        health.extractor_version or "-",
        ", ".join(health.flags) or "ok",
    )


def format_table(rows: list[tuple[str, ...]]) -> str:
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    return "\n".join(
        "  ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=True)).rstrip()
        for row in rows
    )


def registry_keys() -> list[str]:
    from newscrawl.registry import RegistryError, load_registry

    try:
        return sorted(load_registry())
    except RegistryError as error:
        print(f"newscrawl sources: {error}", file=sys.stderr)
        return []


def run(args: argparse.Namespace) -> int:
    from pipelines.parse import PARSER_VERSION

    policy = HealthPolicy(
        silent_after=timedelta(days=args.silent_days), empty_runs_limit=args.empty_runs
    )
    archive = open_archive(args, "read")
    now = utcnow()
    try:
        with archive.sessions() as session:
            report = source_health(
                session,
                expected=registry_keys(),
                current_parser=PARSER_VERSION,
                policy=policy,
                now=now,
            )
    finally:
        archive.close()

    if args.json:
        for health in report:
            print(json.dumps(asdict(health) | {"ok": health.ok}, default=str, ensure_ascii=False))
    else:
        print(archive.db_location)
        print(format_table([COLUMNS, *(table_row(h, now) for h in report)]))
    flagged = [health.source for health in report if not health.ok]
    return 1 if args.check and flagged else 0
