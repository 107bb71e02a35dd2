"""The archive option every command shares, ``--db URL``, and opening the archive safely.

``--db`` takes a SQLAlchemy URL (``postgresql+psycopg://host/db``, ``sqlite:////path``) or a
plain file path (an SQLite archive); without it ``NEWSCRAWL_DB_URL``, else the default SQLite
file. It is accepted before or after a command's action (``newscrawl db --db X upgrade`` and
``newscrawl db upgrade --db X``).

Commands open the archive with one of three access modes:

- ``read`` (``sources``, ``diff``, ``db current``): the database must exist and be migrated;
  a mistyped SQLite path is refused instead of being created empty.
- ``update`` (``reparse``): it must exist; an SQLite file is migrated on the spot.
- ``create`` (``crawl``, ``demo``): a new SQLite file is created and migrated; a server
  database must already be migrated (``newscrawl db upgrade``).

Every failure becomes a :class:`CommandError` of one line that says what to do.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any, Literal

from sqlalchemy import Engine
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError, SQLAlchemyError

from archive import db
from archive.store import Archive, SchemaNotReady
from newscrawl.commands._errors import CommandError, UsageError, first_line

Access = Literal["read", "update", "create"]

DB_HELP = (
    "archive database: a SQLAlchemy URL or an SQLite file path "
    f"(default: ${db.DB_URL_ENV}, else the default SQLite file)"
)


class _DeprecatedAlias(argparse.Action):
    """An old spelling of ``--db``, kept hidden for one release; says so when used."""

    def __call__(
        self,
        parser: argparse.ArgumentParser,
        namespace: argparse.Namespace,
        values: Any,
        option_string: str | None = None,
    ) -> None:
        print(
            f"{parser.prog}: {option_string} is deprecated and will be removed, use --db",
            file=sys.stderr,
        )
        setattr(namespace, self.dest, values)


def add_db_option(parser: argparse.ArgumentParser, *, deprecated: Sequence[str] = ()) -> None:
    """Add ``--db URL`` (and hidden deprecated spellings) to ``parser``.

    The default is ``SUPPRESS`` so that a command's action parser (``db upgrade``) does not
    overwrite a ``--db`` given before the action with its own empty default.
    """
    parser.add_argument("--db", metavar="URL", default=argparse.SUPPRESS, help=DB_HELP)
    for alias in deprecated:
        parser.add_argument(
            alias,
            dest="db",
            metavar="URL",
            default=argparse.SUPPRESS,
            action=_DeprecatedAlias,
            help=argparse.SUPPRESS,
        )


def db_url(args: argparse.Namespace) -> str:
    """The archive URL the command line asks for (``--db``, else the environment/default)."""
    given = getattr(args, "db", None)
    if given and "://" not in given:
        # A plain path names an SQLite file; absolute, so that the URL means the same anywhere.
        given = f"sqlite:///{Path(given).expanduser().resolve()}"
    try:
        url = db.resolve_db_url(given)
        make_url(url)
    except (ArgumentError, ValueError):
        raise UsageError(
            f"--db {given!r} is neither a database URL nor a file path "
            "(e.g. postgresql+psycopg://host/db, sqlite:////path/archive.sqlite3)"
        ) from None
    return url


def sqlite_file(url: str) -> Path | None:
    """The file of an SQLite URL; None for a server database or an in-memory one."""
    parsed = make_url(url)
    if parsed.get_backend_name() != "sqlite" or parsed.database in (None, "", ":memory:"):
        return None
    return Path(parsed.database)


def location(url: str) -> str:
    """The URL as it may be printed: never with its password."""
    return db.redact(url)


def require_existing(url: str) -> None:
    """Refuse an SQLite file that does not exist (a mistyped path would be created empty)."""
    path = sqlite_file(url)
    if path is not None and not path.is_file():
        raise CommandError(
            f"no archive at {path}: check --db (or ${db.DB_URL_ENV}); a new archive is "
            "created by `newscrawl db upgrade` or a first crawl"
        )


def unreachable(url: str, error: BaseException) -> CommandError:
    return CommandError(
        f"cannot use the archive at {location(url)}: {first_line(error)} "
        f"(check --db / ${db.DB_URL_ENV} and that the database server is running)"
    )


def open_archive(args: argparse.Namespace, access: Access = "read") -> Archive:
    """The archive named on the command line, opened for ``access`` (see the module doc)."""
    url = db_url(args)
    if access != "create":
        require_existing(url)
    try:
        return Archive.from_url(url, upgrade=False if access == "read" else None)
    except SchemaNotReady as error:
        raise CommandError(str(error)) from None
    except (SQLAlchemyError, ImportError, OSError) as error:
        raise unreachable(url, error) from None


def check_archive(args: argparse.Namespace, access: Access = "create") -> str:
    """Open and close the archive once, so that a crawl fails up front with one line (not in
    every spider, with a traceback) when it is unreachable or not migrated; its URL."""
    open_archive(args, access).close()
    return db_url(args)


def archive_engine(args: argparse.Namespace, *, must_exist: bool) -> tuple[Engine, str]:
    """A plain engine for schema work (``newscrawl db``) and its printable location."""
    url = db_url(args)
    if must_exist:
        require_existing(url)
    try:
        engine = db.create_archive_engine(url)
    except (SQLAlchemyError, ImportError, OSError) as error:
        raise unreachable(url, error) from None
    return engine, location(url)
