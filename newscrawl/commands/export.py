"""``newscrawl export {articles,versions,facts,series}``: the archive for other tools.

``--since T`` is a change feed: only the rows whose version was stored or re-parsed after T
(each row's ``parsed_at`` says when; pass the start time of the previous export)::

    newscrawl export facts --format parquet -o facts.parquet
    newscrawl export versions --since 2026-12-01T00:00:00Z --format jsonl -o changed.jsonl
"""

from __future__ import annotations

import argparse
import sys
from contextlib import nullcontext
from datetime import UTC, datetime
from typing import IO

from archive.export import TABLES, export_query, export_rows
from newscrawl.commands._archive import add_db_option, open_archive
from newscrawl.commands._errors import CommandError, UsageError
from newscrawl.output import MissingExtra, require_pyarrow, write_csv, write_jsonl, write_parquet


def timestamp(text: str) -> datetime:
    """An ISO 8601 time; without an offset it is UTC."""
    value = datetime.fromisoformat(text.replace("Z", "+00:00"))
    return value if value.tzinfo else value.replace(tzinfo=UTC)


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "export",
        help="export articles, versions, facts or series (--since: change feed)",
        description="Write one table of the archive as JSON Lines, CSV or Parquet. With --since, "
        "only the rows whose version was stored or re-parsed after that time.",
    )
    parser.add_argument("table", choices=TABLES)
    parser.add_argument(
        "--since", type=timestamp, metavar="TIMESTAMP", help="ISO 8601; UTC when no offset"
    )
    parser.add_argument("--format", choices=("jsonl", "csv", "parquet"), default="jsonl")
    parser.add_argument("-o", "--output", metavar="FILE", help="output file (default: stdout)")
    add_db_option(parser)
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    if args.format == "parquet":
        if not args.output:
            raise UsageError("parquet needs -o FILE")
        try:
            require_pyarrow()
        except MissingExtra as error:
            raise CommandError(str(error)) from None
    archive = open_archive(args, "read")
    try:
        with archive.engine.connect() as connection:
            rows = export_rows(connection, args.table, args.since)
            columns = list(export_query(args.table, args.since).selected_columns)
            if args.format == "parquet":
                count = write_parquet(rows, columns, args.output)
            else:
                with _open(args.output) as out:
                    if args.format == "jsonl":
                        count = write_jsonl(rows, out)
                    else:
                        count = write_csv(rows, [column.name for column in columns], out)
    except OSError as error:
        raise CommandError(f"cannot write {args.output}: {error.strerror or error}") from None
    finally:
        archive.close()
    if args.output:
        print(f"{count} {args.table} rows → {args.output}", file=sys.stderr)
    return 0


def _open(path: str | None) -> nullcontext[IO[str]] | IO[str]:
    if path is None:
        return nullcontext(sys.stdout)
    return open(path, "w", encoding="utf-8", newline="")
