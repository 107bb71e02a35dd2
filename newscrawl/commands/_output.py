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
    """Logging for a command. A command that runs Scrapy (``set_defaults(runs_scrapy=True)``)
    gets Scrapy's root handler when its crawl starts, at ``LOG_LEVEL`` = :func:`log_level`; a
    second handler here would print every line twice."""
    if not getattr(args, "runs_scrapy", False):
        logging.basicConfig(level=log_level(args), format=LOG_FORMAT)
    if verbosity(args) < VERBOSE:
        # Alembic reports every migration step at INFO; the commands print the outcome.
        logging.getLogger("alembic").setLevel(logging.WARNING)


# Scrapy's start-up inventory, logged at INFO by every crawler of a process: its versions, the
# add-ons, middlewares, extensions and pipelines it enabled, the settings it overrode. Useful
# when debugging a crawl (-v), noise in a cron mail.
_STARTUP_LOGGERS = ("scrapy.utils.log", "scrapy.addons", "scrapy.middleware", "scrapy.crawler")
_STARTUP_MESSAGES = ("Versions", "Enabled ", "Overridden settings")


class _StartupInventory(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        return not (isinstance(record.msg, str) and record.msg.startswith(_STARTUP_MESSAGES))


def scrapy_settings(args: argparse.Namespace) -> dict[str, object]:
    """The Scrapy settings that make a crawl as loud as the command line asks: ``LOG_LEVEL``,
    no telnet console, and below ``-v`` no start-up inventory and no stats dump (each source's
    summary line says what matters). Applied under the user's ``-s`` settings."""
    # No telnet console for scheduled crawls: it logs its password into every cron mail, and
    # with many crawls on one host its port range (6023-6073) runs out. `-s
    # TELNETCONSOLE_ENABLED=True` brings it back for a crawl that needs live debugging.
    quiet_crawl: dict[str, object] = {"LOG_LEVEL": log_level(args), "TELNETCONSOLE_ENABLED": False}
    if verbosity(args) >= VERBOSE:
        return quiet_crawl
    inventory = _StartupInventory()
    for name in _STARTUP_LOGGERS:
        logging.getLogger(name).addFilter(inventory)
    return quiet_crawl | {"STATS_DUMP": False}
