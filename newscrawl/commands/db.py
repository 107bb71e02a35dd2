"""``newscrawl db upgrade|downgrade|current``: manage the archive's schema with Alembic."""

from __future__ import annotations

import argparse
import sys

from sqlalchemy.exc import SQLAlchemyError

from archive import db


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser("db", help="create or migrate the archive's schema")
    parser.add_argument(
        "--url", help="database URL (default: $NEWSCRAWL_DB_URL, else the SQLite file)"
    )
    actions = parser.add_subparsers(dest="db_action", metavar="ACTION", required=True)
    up = actions.add_parser("upgrade", help="migrate to the newest schema (or REVISION)")
    up.add_argument("revision", nargs="?", default="head")
    down = actions.add_parser("downgrade", help="migrate back to REVISION (e.g. base, -1)")
    down.add_argument("revision")
    actions.add_parser("current", help="print the schema revision of the database")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    engine = db.create_archive_engine(args.url)
    where = db.redact(engine.url.render_as_string(hide_password=False))
    try:
        if args.db_action == "upgrade":
            db.upgrade(engine, args.revision)
            print(f"{where}: schema at {db.current_revision(engine)}")
        elif args.db_action == "downgrade":
            db.downgrade(engine, args.revision)
            print(f"{where}: schema at {db.current_revision(engine) or 'base'}")
        else:
            current = db.current_revision(engine)
            state = "up to date" if current == db.head_revision() else "needs upgrade"
            print(f"{where}: {current or 'empty'} ({state})")
    except SQLAlchemyError as error:
        # One line, no traceback, and never the password (only the redacted URL is printed).
        message = str(getattr(error, "orig", None) or error).splitlines()[0]
        print(f"newscrawl db: {where}: {type(error).__name__}: {message}", file=sys.stderr)
        return 1
    finally:
        engine.dispose()
    return 0
