"""``newscrawl reparse``: re-run extraction, cleaning and facts over the stored raw pages.

No fetching. Resumable: stop it at any time and run it again, it continues where it stopped.
"""

from __future__ import annotations

import argparse
import os

from sqlalchemy import select
from tqdm import tqdm

from archive.models import Source
from archive.reparse import count_pending
from archive.reparse_pool import reparse_parallel
from archive.store import Archive
from newscrawl.commands._archive import add_db_option, open_archive
from newscrawl.commands._errors import UsageError
from newscrawl.commands._output import QUIET, verbosity
from newscrawl.registry import RegistryError, load_registry
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
    add_db_option(parser, deprecated=("--url",))
    parser.add_argument("--source", help="only the articles of this registry source")
    parser.add_argument(
        "--all",
        dest="everything",
        action="store_true",
        help="re-check every stored version, also those the current parser version produced "
        "(after a parser change that kept its version); unchanged ones are skipped",
    )
    parser.add_argument(
        "-j",
        "--jobs",
        type=positive,
        default=os.cpu_count() or 1,
        metavar="N",
        help="parse in N worker processes (default: the CPU count, %(default)s here)",
    )
    parser.set_defaults(func=run)


def positive(text: str) -> int:
    value = int(text)
    if value < 1:
        raise argparse.ArgumentTypeError(f"must be 1 or more, not {value}")
    return value


def archive_source_keys(archive: Archive) -> set[str]:
    with archive.sessions() as session:
        return set(session.scalars(select(Source.key)))


def whole_thread_sources() -> frozenset[str]:
    """Registry sources whose threads are archived whole (``policy.whole_thread``)."""
    try:
        registry = load_registry()
    except RegistryError:
        return frozenset()  # a broken registry entry is reported by the crawl commands
    return frozenset(key for key, source in registry.items() if source.policy.whole_thread)


def run(args: argparse.Namespace) -> int:
    archive = open_archive(args, "update")
    try:
        if args.source is not None and args.source not in archive_source_keys(archive):
            raise UsageError(
                f"no source {args.source!r} in the archive (see `newscrawl sources` for the keys)"
            )
        total = count_pending(archive, source_key=args.source, everything=args.everything)
        text_changed = facts_changed = skipped = 0
        # -q: no progress bar; None: tqdm shows it only on a terminal.
        hide_progress = verbosity(args) <= QUIET or None
        with tqdm(total=total, unit="version", disable=hide_progress) as progress:
            for result in reparse_parallel(
                archive,
                jobs=args.jobs,
                source_key=args.source,
                everything=args.everything,
                whole_thread_sources=whole_thread_sources(),
            ):
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
