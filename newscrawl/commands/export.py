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

from sqlalchemy.exc import SQLAlchemyError

from archive.export import TABLES, export_query, export_rows
from archive.store import Archive, SchemaNotReady
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
    parser.add_argument(
        "--db", help="database URL (default: $NEWSCRAWL_DB_URL, else the SQLite file)"
    )
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    if args.format == "parquet":
        if not args.output:
            print("newscrawl export: parquet needs -o FILE", file=sys.stderr)
            return 2
        try:
            require_pyarrow()
        except MissingExtra as error:
            print(f"newscrawl export: {error}", file=sys.stderr)
            return 1
    try:
        archive = Archive.from_url(args.db)
    except (SchemaNotReady, SQLAlchemyError, ValueError) as error:
        print(f"newscrawl export: {str(error).splitlines()[0]}", file=sys.stderr)
        return 1
    try:
        with archive.engine.connect() as connection:
            rows = export_rows(connection, args.table, args.since)
            if args.format == "parquet":
                columns = list(export_query(args.table, args.since).selected_columns)
                count = write_parquet(rows, columns, args.output)
            else:
                with _open(args.output) as out:
                    if args.format == "jsonl":
                        count = write_jsonl(rows, out)
                    else:
                        names = [c.name for c in export_query(args.table).selected_columns]
                        count = write_csv(rows, names, out)
    except OSError as error:
        print(f"newscrawl export: {error}", file=sys.stderr)
        return 1
    except SQLAlchemyError as error:
        message = str(getattr(error, "orig", None) or error).splitlines()[0]
        print(f"newscrawl export: {message}", file=sys.stderr)
        return 1
    finally:
        archive.close()
    if args.output:
        print(f"{count} {args.table} rows → {args.output}", file=sys.stderr)
    return 0


def _open(path: str | None) -> nullcontext[IO[str]] | IO[str]:
    if path is None:
        return nullcontext(sys.stdout)
    return open(path, "w", encoding="utf-8", newline="")
