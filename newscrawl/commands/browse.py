"""``newscrawl browse``: the archive in Datasette (optional extra ``browse``).

Serves the SQLite archive read-only with the table and column descriptions of docs/schema.md
and the canned queries of docs/series.md (newscrawl/browse_metadata.py). Datasette reads SQLite
only: a PostgreSQL URL gets one line saying so.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import signal
import subprocess
import sys
import tempfile
from pathlib import Path

from newscrawl.browse_metadata import datasette_metadata
from newscrawl.commands._archive import add_db_option, db_url, location, open_archive, sqlite_file
from newscrawl.commands._errors import CommandError, UsageError

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
    add_db_option(parser)
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    url = db_url(args)
    path = sqlite_file(url)
    if path is None:
        raise UsageError(
            f"Datasette serves SQLite files only, not {location(url)}; export the tables you "
            "need (newscrawl export) or use PostgreSQL's own tools"
        )
    if importlib.util.find_spec("datasette") is None:
        raise CommandError("needs Datasette: pip install 'newscrawl[browse]'")
    # "update": an older SQLite archive is migrated first, so the views and reference tables
    # the metadata describes exist.
    open_archive(args, "update").close()
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
        server = subprocess.Popen(command)
        # A SIGTERM (a service manager, a test) stops the server too, not only this process.
        signal.signal(signal.SIGTERM, _exit_on_signal)
        try:
            return server.wait()
        except (KeyboardInterrupt, SystemExit):
            return 0
        finally:
            if server.poll() is None:
                server.terminate()
                server.wait(timeout=30)


def _exit_on_signal(signum: int, _frame: object) -> None:
    raise SystemExit(128 + signum)
