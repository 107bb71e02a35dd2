"""``newscrawl reparse``: re-run extraction, cleaning and facts over the stored raw pages.

No fetching. Resumable: stop it at any time and run it again, it continues where it stopped.
"""

from __future__ import annotations

import argparse
import sys

from sqlalchemy.exc import SQLAlchemyError
from tqdm import tqdm

from archive.reparse import count_pending, reparse_all
from archive.store import Archive, SchemaNotReady
from pipelines.parse import PARSER_VERSION


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "reparse",
        help="re-parse stored raw pages with the current extractor (no fetching)",
        description=(
            "Re-run extraction, cleaning and fact extraction over every stored version that an "
            f"older parser produced (current parser: {PARSER_VERSION}). Only versions whose "
            "output differs get new rows; their old results are kept."
        ),
    )
    parser.add_argument("--url", help="database URL (default: $NEWSCRAWL_DB_URL or SQLite)")
    parser.add_argument("--source", help="only the articles of this registry source")
    parser.add_argument(
        "--all",
        dest="everything",
        action="store_true",
        help="re-check every stored version, also those the current parser version produced "
        "(after a parser change that kept its version); unchanged ones are skipped",
    )
    parser.add_argument("--quiet", action="store_true", help="no progress bar")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    try:
        archive = Archive.from_url(args.url)
    except (SchemaNotReady, SQLAlchemyError) as error:
        print(f"newscrawl reparse: {str(error).splitlines()[0]}", file=sys.stderr)
        return 1
    try:
        total = count_pending(archive, source_key=args.source, everything=args.everything)
        text_changed = facts_changed = skipped = 0
        with tqdm(total=total, unit="version", disable=args.quiet or None) as progress:
            for result in reparse_all(archive, source_key=args.source, everything=args.everything):
                text_changed += result.text_changed
                facts_changed += result.facts_changed
                skipped += not result.changed
                progress.update()
        print(
            f"reparsed {total} versions with {PARSER_VERSION}: "
            f"{text_changed} texts and {facts_changed} fact sets changed, "
            f"{skipped} unchanged (skipped, nothing written) ({archive.db_location})"
        )
    finally:
        archive.close()
    return 0
