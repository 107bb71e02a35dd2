"""``newscrawl articles``: find archived articles, with the ids ``newscrawl diff`` takes.

For example ``newscrawl articles --source qdrb --search 签约``, then ``newscrawl diff 42``.
"""

from __future__ import annotations

import argparse
import sys

from archive.export import find_articles
from newscrawl.commands._archive import add_db_option, open_archive
from newscrawl.output import write_csv, write_jsonl, write_table

COLUMNS = ("id", "source", "published", "versions", "title", "url")


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "articles",
        help="list archived articles: ids, titles, URLs (for newscrawl diff)",
        description="Archived articles with their latest title, oldest first.",
    )
    parser.add_argument("--source", metavar="KEY", help="only this registry source")
    parser.add_argument("--search", metavar="TEXT", help="title or URL contains TEXT")
    parser.add_argument("--format", choices=("table", "csv", "jsonl"), default="table")
    add_db_option(parser)
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    archive = open_archive(args, "read")
    try:
        with archive.engine.connect() as connection:
            rows = find_articles(connection, source=args.source, search=args.search)
            if args.format == "jsonl":
                count = write_jsonl(rows, sys.stdout)
            elif args.format == "csv":
                count = write_csv(rows, COLUMNS, sys.stdout)
            else:
                count = write_table(rows, COLUMNS, sys.stdout)
    finally:
        archive.close()
    if count == 0:
        print("newscrawl articles: no article matches", file=sys.stderr)
    return 0
