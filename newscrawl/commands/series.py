"""``newscrawl series``: the archive's figures as time series, one row per story.

Reads the view ``fact_series`` (each story's original article; ``reprints`` counts the other
articles of the story that repeat the figure)::

    newscrawl series --indicator signed_investment --region 青岛市 --from 2026-01-01
    newscrawl series --region 西海岸新区 --format csv > xihaian.csv
"""

from __future__ import annotations

import argparse
import itertools
import sys
from datetime import date

from archive.series import SeriesFilter, UnknownFilter, series_rows
from newscrawl.commands._archive import add_db_option, open_archive
from newscrawl.commands._errors import UsageError
from newscrawl.output import write_csv, write_jsonl, write_table

# What a terminal table shows; csv and jsonl carry every column of the view.
TABLE_COLUMNS = (
    "published",
    "region",
    "indicator",
    "metric",
    "period_start",
    "period_end",
    "kind",
    "value",
    "unit",
    "basis",
    "estimate",
    "reprints",
    "url",
)


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "series",
        help="figures as time series, one row per story (view fact_series)",
        description="The current figures of each story's original article, by indicator, "
        "region and period. A region name or code includes every division under it.",
    )
    parser.add_argument("--indicator", metavar="TEXT", help="taxonomy key or Chinese name")
    parser.add_argument("--region", metavar="NAME|CODE", help="division name or GB/T 2260 code")
    parser.add_argument(
        "--from",
        dest="start",
        type=date.fromisoformat,
        metavar="DATE",
        help="periods starting on or after DATE (YYYY-MM-DD)",
    )
    parser.add_argument(
        "--to",
        dest="end",
        type=date.fromisoformat,
        metavar="DATE",
        help="periods ending on or before DATE (YYYY-MM-DD)",
    )
    parser.add_argument("--format", choices=("table", "csv", "jsonl"), default="table")
    add_db_option(parser)
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    wanted = SeriesFilter(
        indicator=args.indicator, region=args.region, start=args.start, end=args.end
    )
    archive = open_archive(args, "read")
    try:
        with archive.engine.connect() as connection:
            rows = series_rows(connection, wanted)
            if args.format == "jsonl":
                write_jsonl(rows, sys.stdout)
                return 0
            first = next(rows, None)
            if first is None:
                print("newscrawl series: no figures match", file=sys.stderr)
                return 0
            rows = itertools.chain([first], rows)
            if args.format == "csv":
                write_csv(rows, list(first), sys.stdout)
            else:
                write_table(rows, TABLE_COLUMNS, sys.stdout)
    except UnknownFilter as error:
        raise UsageError(str(error)) from None
    finally:
        archive.close()
    return 0
