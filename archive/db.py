"""Engines, the default database location and schema migrations.

SQLite is the embedded default (one file, no server); PostgreSQL is the production target.
Both are configured here so that every caller (pipelines, CLI, tests) gets the same behaviour.
"""

from __future__ import annotations

import atexit
import os
import shutil
import tempfile
from functools import cache
from importlib import resources
from importlib.resources.abc import Traversable
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Engine, create_engine, event, inspect
from sqlalchemy.engine import ExceptionContext, make_url

from archive.reference import sync_reference_tables

DB_URL_ENV = "NEWSCRAWL_DB_URL"
SQLITE_BUSY_TIMEOUT_S = 30


def newscrawl_home() -> Path:
    """``$NEWSCRAWL_HOME``, else ``newscrawl`` in the XDG data directory: where the default
    archive and the user's own source registry live.

    Not relative to the working directory: cron, scrapyd and an interactive shell must all find
    the same files.
    """
    home = os.environ.get("NEWSCRAWL_HOME")
    if home:
        return Path(home)
    base = Path(os.environ.get("XDG_DATA_HOME") or Path.home() / ".local" / "share")
    return base / "newscrawl"


def default_sqlite_path() -> Path:
    """``newscrawl.sqlite3`` in :func:`newscrawl_home`."""
    return newscrawl_home() / "newscrawl.sqlite3"


def resolve_db_url(url: str | None = None) -> str:
    """The explicit URL, else ``NEWSCRAWL_DB_URL``, else the default SQLite file."""
    url = url or os.environ.get(DB_URL_ENV)
    if url:
        return url
    path = default_sqlite_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    return f"sqlite:///{path}"


# Query parameters that carry a secret in libpq / driver URLs (``?password=…``).
_SECRET_PARAMETERS = frozenset({"password", "passwd", "pwd", "sslpassword", "passfile"})


def redact(url: str) -> str:
    """The URL as it may be printed or logged: never with its password, whether it sits in
    the user-info part or in a ``?password=`` query parameter."""
    parsed = make_url(url)
    secrets = {key: "***" for key in parsed.query if key.lower() in _SECRET_PARAMETERS}
    if secrets:
        parsed = parsed.update_query_dict(secrets)
    return parsed.render_as_string(hide_password=True)


def create_archive_engine(url: str | None = None) -> Engine:
    url = resolve_db_url(url)
    sa_url = make_url(url)
    if sa_url.get_backend_name() == "sqlite":
        return _sqlite_engine(url)
    engine = create_engine(url, pool_pre_ping=True, future=True)
    event.listen(engine, "handle_error", _mark_lost_connection)
    return engine


# SQLSTATE classes that mean the server connection is gone: 08 connection exception, 57
# operator intervention (admin shutdown, crash shutdown, cannot connect now).
_LOST_CONNECTION_SQLSTATE_CLASSES = frozenset({"08", "57"})


def _mark_lost_connection(context: ExceptionContext) -> None:
    """Treat an error caused by a server shutdown as a disconnect.

    A restart that lands in the middle of a multi-row insert surfaces from psycopg as "cannot
    exit pipeline mode while busy", with the AdminShutdown only in the exception chain, and the
    connection not yet flagged broken. Without this the pool would try to ROLLBACK on the dead
    connection and log that failure with a traceback; marked as a disconnect, the connection is
    discarded instead and the store's retry gets a fresh one.
    """
    error: BaseException | None = context.original_exception
    while error is not None:
        sqlstate = getattr(error, "sqlstate", None)
        if sqlstate and sqlstate[:2] in _LOST_CONNECTION_SQLSTATE_CLASSES:
            context.is_disconnect = True
            return
        error = error.__cause__ or error.__context__


def _sqlite_engine(url: str) -> Engine:
    database = make_url(url).database
    if database and database != ":memory:":
        Path(database).parent.mkdir(parents=True, exist_ok=True)
    engine = create_engine(
        url, connect_args={"timeout": SQLITE_BUSY_TIMEOUT_S, "check_same_thread": False}
    )

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection, _record) -> None:  # type: ignore[no-untyped-def]
        # Let SQLAlchemy, not pysqlite, issue BEGIN (see _on_begin).
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        # WAL: readers never block the writer; several crawls can share one file.
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute(f"PRAGMA busy_timeout={SQLITE_BUSY_TIMEOUT_S * 1000}")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(connection) -> None:  # type: ignore[no-untyped-def]
        # Take the write lock at the start of the transaction. A deferred transaction that
        # reads and then writes cannot wait for the lock (SQLite returns "database is locked"
        # at once to avoid a deadlock); an immediate one waits up to busy_timeout.
        connection.exec_driver_sql("BEGIN IMMEDIATE")

    return engine


@cache
def migrations_dir() -> str:
    """The packaged migrations as a directory that Alembic can list.

    Installed normally, they are one already. Inside a zipped egg (how scrapyd runs a deployed
    project) they are copied out once per process: Alembic lists its scripts with os.listdir,
    and before Python 3.12 importlib.resources.as_file() cannot extract a directory.
    """
    packaged = resources.files("archive") / "migrations"
    if isinstance(packaged, Path):
        return str(packaged)
    target = Path(tempfile.mkdtemp(prefix="newscrawl-migrations-"))
    atexit.register(shutil.rmtree, target, ignore_errors=True)
    _copy_tree(packaged, target)
    return str(target)


def _copy_tree(source: Traversable, target: Path) -> None:
    for entry in source.iterdir():
        if entry.is_dir():
            if entry.name != "__pycache__":
                (target / entry.name).mkdir()
                _copy_tree(entry, target / entry.name)
        else:
            (target / entry.name).write_bytes(entry.read_bytes())


def alembic_config(engine: Engine | None = None) -> Config:
    config = Config()
    config.set_main_option("script_location", migrations_dir())
    if engine is not None:
        config.set_main_option(
            "sqlalchemy.url", engine.url.render_as_string(hide_password=False).replace("%", "%%")
        )
    return config


def upgrade(engine: Engine, revision: str = "head") -> None:
    """Migrate to ``revision``, then refresh the reference tables from the shipped datasets
    (a new dataset release needs no migration, only this)."""
    config = alembic_config(engine)
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, revision)
        if inspect(connection).has_table("regions"):
            sync_reference_tables(connection)


def downgrade(engine: Engine, revision: str) -> None:
    config = alembic_config(engine)
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.downgrade(config, revision)


def current_revision(engine: Engine) -> str | None:
    with engine.connect() as connection:
        return MigrationContext.configure(connection).get_current_revision()


def head_revision() -> str | None:
    return ScriptDirectory.from_config(alembic_config()).get_current_head()
