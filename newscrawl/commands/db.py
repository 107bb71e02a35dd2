"""``newscrawl db upgrade|downgrade|current``: manage the archive's schema with Alembic."""

from __future__ import annotations

import argparse

from alembic.util.exc import CommandError as AlembicError
from sqlalchemy.exc import SQLAlchemyError

from archive import db
from newscrawl.commands._archive import add_db_option, archive_engine, unreachable
from newscrawl.commands._errors import UsageError


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser("db", help="create or migrate the archive's schema")
    actions = parser.add_subparsers(dest="db_action", metavar="ACTION", required=True)
    up = actions.add_parser("upgrade", help="migrate to the newest schema (or REVISION)")
    up.add_argument("revision", nargs="?", default="head")
    down = actions.add_parser("downgrade", help="migrate back to REVISION (e.g. base, -1)")
    down.add_argument("revision")
    current = actions.add_parser("current", help="print the schema revision of the database")
    # Before or after the action: `db --db X upgrade` and `db upgrade --db X`.
    for each in (parser, up, down, current):
        add_db_option(each, deprecated=("--url",))
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    # Only `upgrade` may create a new SQLite file; the others must find an existing archive.
    engine, where = archive_engine(args, must_exist=args.db_action != "upgrade")
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
    except AlembicError as error:  # an unknown revision
        raise UsageError(f"{error} (give a revision id, head, base or -1)") from None
    except SQLAlchemyError as error:
        # One line, and never the password (only the redacted URL is printed).
        raise unreachable(engine.url.render_as_string(hide_password=False), error) from None
    finally:
        engine.dispose()
    return 0
