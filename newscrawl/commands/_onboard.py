"""``newscrawl sources add URL`` and ``newscrawl sources check FILE|KEY`` (see newscrawl.onboard).

``add`` fetches the page, detects the CMS family, derives the entry's patterns, runs a trial
crawl of a few pages without writing the archive, prints what would be archived and the
proposed TOML, and writes ``<user registry>/<key>.toml`` on confirmation (or ``--yes``).
``check`` validates an entry (a file, or a key of the registry) and runs the same trial.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from urllib.parse import urlsplit

from newscrawl.commands._errors import CommandError, UsageError
from newscrawl.commands._output import VERBOSE, verbosity
from newscrawl.registry import (
    KEY_RE,
    RESERVED_KEYS,
    RegistryError,
    load_registry,
    load_source,
    user_sources_dir,
)


def register_subcommands(parser: argparse.ArgumentParser) -> None:
    actions = parser.add_subparsers(dest="action", metavar="{add,check}")
    add = actions.add_parser("add", help="onboard a site from one of its list pages")
    add.add_argument("url", help="a list (column, board, e-paper) page of the site")
    add.add_argument("--key", help="registry key (default: proposed from the host name)")
    add.add_argument("--name", help="the source's name (default: from the page)")
    add.add_argument("--place", help="the place it reports on (default: from the page)")
    add.add_argument("--yes", action="store_true", help="write the entry without asking")
    add.set_defaults(func=run_add)
    check = actions.add_parser("check", help="validate an entry and run a trial crawl")
    check.add_argument("entry", metavar="FILE|KEY", help="a registry file or a registry key")
    check.set_defaults(func=run_check)
    for sub in (add, check):
        sub.add_argument(
            "--sample-port", type=int, help="fetch from the sample web served on this port"
        )


def trial_logging(args: argparse.Namespace) -> dict[str, str]:
    """The trial's log level: warnings (failed pages) unless ``--verbose``."""
    return {"LOG_LEVEL": "DEBUG" if verbosity(args) >= VERBOSE else "WARNING"}


def fail(message: str) -> int:
    """Ends the command with one line on stderr and exit status 1 (newscrawl.cli prints it)."""
    raise CommandError(message)


def print_trial(result: object) -> int:
    """What the trial would archive; the number of articles."""
    from newscrawl.onboard import TrialResult

    assert isinstance(result, TrialResult)
    source = result.source
    if result.guess is not None:
        evidence = "; ".join(result.guess.evidence) or "no family markers"
        print(f"family: {result.guess.family} ({evidence})")
    print(f"list pages fetched: {result.pages}; articles that would be archived:")
    for item in result.items:
        published = str(item.published or "?")[:10]
        print(
            f"  {published}  {item.title or '(no title)'}  "
            f"source={item.original_source or source.name}  facts={len(item.facts or [])}  "
            f"{item.url}"
        )
    if not result.items:
        print("  (none)")
    for url, reason, status in result.failures:
        print(f"  failed: {url} ({reason}{f', HTTP {status}' if status else ''})")
    return len(result.items)


def run_add(args: argparse.Namespace) -> int:
    from newscrawl.onboard import Given, placeholder_source, run_trial, sample_real_url

    url, port = sample_real_url(args.url)
    port = args.sample_port or port
    if urlsplit(url).scheme not in ("http", "https") or not urlsplit(url).hostname:
        raise UsageError(f"{args.url!r} is not an absolute http(s) URL")
    if args.key and (not KEY_RE.match(args.key) or args.key in RESERVED_KEYS):
        raise UsageError(f"--key {args.key!r}: use lower-case letters, digits and _ (2-40 chars)")
    try:
        taken = frozenset(load_registry())
        start = placeholder_source(url, args.key or "new", args.name, args.place)
    except RegistryError as error:
        return fail(str(error))
    if args.key and args.key in taken:
        print(f"note: {args.key} is already in the registry; this entry will override it")
    result = run_trial(
        start,
        propose=Given(args.key, args.name, args.place, sample=bool(port)),
        taken=taken,
        sample_port=port,
        settings_overrides=trial_logging(args),
    )
    if result.error:
        return fail(result.error)
    if result.toml is None:
        reason = result.failures[0][1] if result.failures else result.finish_reason
        return fail(f"{url} could not be fetched ({reason})")
    articles = print_trial(result)
    target = user_sources_dir() / f"{result.source.key}.toml"
    print(f"--- proposed entry: {target} ---")
    print(result.toml, end="")
    if not articles:
        return fail("the trial found no article: entry not written")
    if target.exists():
        return fail(f"{target} exists: entry not written")
    if not args.yes:
        if not sys.stdin.isatty():
            return fail("entry not written (confirm on a terminal, or pass --yes)")
        if input("write this entry? [y/N] ").strip().lower() not in ("y", "yes"):
            print("not written")
            return 1
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(result.toml, encoding="utf-8")
    print(f"written: {target}")
    return 0


def run_check(args: argparse.Namespace) -> int:
    from newscrawl.onboard import run_trial

    entry = args.entry
    try:
        if entry.endswith(".toml") or Path(entry).is_file():
            source = load_source(Path(entry))
        else:
            registry = load_registry()
            if entry not in registry:
                known = ", ".join(sorted(registry))
                raise UsageError(f"unknown source {entry} (known: {known})")
            source = registry[entry]
    except RegistryError as error:
        return fail(str(error))
    print(f"{source.path}: valid ({source.family}, {len(source.start_urls)} start URL(s))")
    result = run_trial(source, sample_port=args.sample_port, settings_overrides=trial_logging(args))
    return 0 if print_trial(result) else fail("the trial found no article")
