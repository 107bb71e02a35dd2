"""The two kinds of error a ``newscrawl`` command ends with, and their exit statuses.

A command raises one of these with a message of one line that says what to do; the console
script (``newscrawl.cli``) prints ``newscrawl <command>: <message>`` to stderr and exits with
the status, without a traceback (``--verbose`` adds it).
"""

from __future__ import annotations

USAGE_ERROR = 2
OPERATIONAL_ERROR = 1


class CommandError(Exception):
    """Something outside the command line went wrong (database, network, a file): exit 1."""

    exit_status = OPERATIONAL_ERROR


class UsageError(CommandError):
    """The command line itself is wrong (unknown source, bad date): exit 2."""

    exit_status = USAGE_ERROR


def first_line(error: BaseException) -> str:
    """The first line of an exception's message (a DBAPI error's own message when wrapped)."""
    text = str(getattr(error, "orig", None) or error).strip()
    return text.splitlines()[0] if text else type(error).__name__
