"""How loud a ``newscrawl`` command is: ``-q/--quiet``, ``-v/--verbose`` and the log level.

The default is INFO (Scrapy's own default, DEBUG, logs every request and item); ``-q`` keeps
warnings and errors only, ``-v`` logs everything and shows the traceback of a failure.
"""

from __future__ import annotations

import argparse
import logging

QUIET, NORMAL, VERBOSE = -1, 0, 1
LOG_LEVELS = {QUIET: "WARNING", NORMAL: "INFO", VERBOSE: "DEBUG"}
LOG_FORMAT = "%(asctime)s [%(name)s] %(levelname)s: %(message)s"


def add_verbosity_options(parser: argparse.ArgumentParser) -> None:
    """Add ``-q/--quiet`` and ``-v/--verbose`` (unless the parser has them already).

    ``SUPPRESS`` defaults let the options be given before or after the command name.
    """
    taken = set(parser._option_string_actions)  # no public lookup
    group = parser.add_mutually_exclusive_group()
    if not {"-q", "--quiet"} & taken:
        group.add_argument(
            "-q", "--quiet", dest="verbosity", action="store_const", const=QUIET,
            default=argparse.SUPPRESS, help="warnings and errors only",
        )  # fmt: skip
    if not {"-v", "--verbose"} & taken:
        group.add_argument(
            "-v", "--verbose", dest="verbosity", action="store_const", const=VERBOSE,
            default=argparse.SUPPRESS, help="debug logging, and the traceback of a failure",
        )  # fmt: skip


def verbosity(args: argparse.Namespace) -> int:
    return int(getattr(args, "verbosity", NORMAL))


def log_level(args: argparse.Namespace) -> str:
    """The Scrapy ``LOG_LEVEL`` for this command line."""
    return LOG_LEVELS[verbosity(args)]


def configure_logging(args: argparse.Namespace) -> None:
    """Logging for the parts of a command that run outside Scrapy (Scrapy configures its own)."""
    logging.basicConfig(level=log_level(args), format=LOG_FORMAT)
    if verbosity(args) < VERBOSE:
        # Alembic reports every migration step at INFO; the commands print the outcome.
        logging.getLogger("alembic").setLevel(logging.WARNING)
