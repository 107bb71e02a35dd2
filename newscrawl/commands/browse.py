"""``newscrawl browse``: the archive in Datasette (optional extra ``browse``).

Serves the SQLite archive read-only with the table and column descriptions of docs/schema.md
and the canned queries of docs/series.md (newscrawl/browse_metadata.py). Datasette reads SQLite
only: a PostgreSQL URL gets one line saying so.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import subprocess
import sys
import tempfile
from pathlib import Path

from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError, SQLAlchemyError

from archive import db
from archive.store import Archive, SchemaNotReady
from newscrawl.browse_metadata import datasette_metadata

# The views join several tables; Datasette's default 1 s limit is short for a large archive.
SQL_TIME_LIMIT_MS = 10_000


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "browse",
        help="browse the archive in Datasette (pip install 'newscrawl[browse]')",
        description="Serve the SQLite archive with Datasette: tables, views, descriptions and "
        "canned queries for the series.",
    )
    parser.add_argument("--host", default="127.0.0.1", help="address to listen on (127.0.0.1)")
    parser.add_argument("--port", type=int, default=8001, help="port (8001)")
    parser.add_argument(
        "--db", help="database URL (default: $NEWSCRAWL_DB_URL, else the SQLite file)"
    )
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    try:
        url = make_url(db.resolve_db_url(args.db))
    except ArgumentError as error:
        print(f"newscrawl browse: {error}", file=sys.stderr)
        return 2
    if url.get_backend_name() != "sqlite" or not url.database or url.database == ":memory:":
        print(
            f"newscrawl browse: Datasette serves SQLite files only, not {db.redact(str(url))}; "
            "export the tables you need (newscrawl export) or use PostgreSQL's own tools",
            file=sys.stderr,
        )
        return 2
    if importlib.util.find_spec("datasette") is None:
        print("newscrawl browse: needs Datasette: pip install 'newscrawl[browse]'", file=sys.stderr)
        return 1
    path = Path(url.database)
    if not path.is_file():
        print(f"newscrawl browse: no archive at {path}", file=sys.stderr)
        return 1
    try:
        # Migrates an older file to the current schema (as every command does on SQLite), so
        # the views and reference tables the metadata describes exist.
        Archive.from_url(str(url)).close()
    except (SchemaNotReady, SQLAlchemyError) as error:
        print(f"newscrawl browse: {str(error).splitlines()[0]}", file=sys.stderr)
        return 1
    with tempfile.TemporaryDirectory(prefix="newscrawl-browse-") as folder:
        metadata = Path(folder) / "metadata.json"
        metadata.write_text(
            json.dumps(datasette_metadata(path.stem), ensure_ascii=False), encoding="utf-8"
        )
        command = [
            sys.executable,
            "-m",
            "datasette",
            "serve",
            str(path),
            "--metadata",
            str(metadata),
            "--host",
            args.host,
            "--port",
            str(args.port),
            "--setting",
            "sql_time_limit_ms",
            str(SQL_TIME_LIMIT_MS),
        ]
        print(f"serving {path} on http://{args.host}:{args.port}/ (Ctrl-C stops)", flush=True)
        try:
            return subprocess.call(command)
        except KeyboardInterrupt:
            return 0
