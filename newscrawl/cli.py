"""The ``newscrawl`` console script.

Each module in ``newscrawl.commands`` contributes one subcommand through a
``register(subparsers)`` function that adds its parser and sets ``func`` to the function that
runs it (``func(args) -> int`` exit status).

Exit statuses are the same for every command: 0 success, 1 an operational error (database
unreachable or not migrated, port busy, Redis down), 2 a usage error; each error is one line on
stderr that says what to do, with a traceback only under ``--verbose``. 130 after Ctrl-C, 141
when the reader of the output went away (``newscrawl sources --json | head``), quietly.
"""

from __future__ import annotations

import argparse
import importlib
import os
import pkgutil
import sys
import traceback
from typing import NoReturn

from newscrawl import __version__, commands
from newscrawl.commands._errors import OPERATIONAL_ERROR, USAGE_ERROR, CommandError, first_line
from newscrawl.commands._output import VERBOSE, add_verbosity_options, configure_logging, verbosity

BROKEN_PIPE_STATUS = 141  # 128 + SIGPIPE, what a shell reports for `yes | head`


class Parser(argparse.ArgumentParser):
    """argparse with a usage error of one line (argparse prints the whole usage first)."""

    def error(self, message: str) -> NoReturn:
        self.exit(USAGE_ERROR, f"{self.prog}: {message} (see {self.prog} --help)\n")


def _add_to_every_parser(parser: argparse.ArgumentParser) -> None:
    add_verbosity_options(parser)
    for action in parser._actions:  # argparse has no public walk
        if isinstance(action, argparse._SubParsersAction):
            for subparser in dict.fromkeys(action.choices.values()):
                _add_to_every_parser(subparser)


def build_parser() -> argparse.ArgumentParser:
    parser = Parser(
        prog="newscrawl",
        description="Crawl and archive Chinese regional economic news.",
    )
    parser.add_argument("--version", action="version", version=f"newscrawl {__version__}")
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)
    for info in sorted(pkgutil.iter_modules(commands.__path__), key=lambda m: m.name):
        if info.name.startswith("_"):
            continue
        module = importlib.import_module(f"{commands.__name__}.{info.name}")
        module.register(subparsers)
    _add_to_every_parser(parser)
    return parser


def _silence_stdout() -> None:
    """After a closed pipe: point stdout at /dev/null so that the final flush at exit does
    not raise (and print) the same error again."""
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    configure_logging(args)
    prog = f"newscrawl {args.command}"
    try:
        status = int(args.func(args) or 0)
        sys.stdout.flush()  # a closed pipe shows here, not at interpreter exit
        return status
    except KeyboardInterrupt:
        print(f"{prog}: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        _silence_stdout()
        return BROKEN_PIPE_STATUS
    except CommandError as error:
        if verbosity(args) >= VERBOSE:
            traceback.print_exc()
        print(f"{prog}: {error}", file=sys.stderr)
        return error.exit_status
    except Exception as error:
        # A bug or an unforeseen environment problem: still one line, the rest on request.
        if verbosity(args) >= VERBOSE:
            traceback.print_exc()
        hint = "" if verbosity(args) >= VERBOSE else " (run with --verbose for the traceback)"
        print(f"{prog}: {type(error).__name__}: {first_line(error)}{hint}", file=sys.stderr)
        return OPERATIONAL_ERROR


if __name__ == "__main__":
    sys.exit(main())
