"""Fixtures for real databases and services, never mocks (a pytest plugin: tests/conftest.py
loads it through ``pytest_plugins``).

PostgreSQL and Redis tests use the servers on 127.0.0.1 (override with NEWSCRAWL_TEST_PG_URL /
NEWSCRAWL_TEST_REDIS_URL). Outside CI a missing server skips those tests; under CI=true it fails
them, so a broken service can never pass as green.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from sqlalchemy.engine import make_url

from archive.store import Archive

IN_CI = os.environ.get("CI", "").lower() in {"1", "true", "yes"}
PG_SERVER_URL = os.environ.get(
    "NEWSCRAWL_TEST_PG_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/postgres"
)
REDIS_URL = os.environ.get("NEWSCRAWL_TEST_REDIS_URL", "redis://127.0.0.1:6379/15")
REPO_ROOT = Path(__file__).resolve().parents[2]
CORPUS = REPO_ROOT.parent / "shared" / "corpus" / "real"


def service_missing(what: str, error: Exception) -> None:
    message = f"{what} is not reachable: {error}"
    if IN_CI:
        pytest.fail(message, pytrace=False)
    pytest.skip(message)


@pytest.fixture(scope="session")
def corpus_dir() -> Path:
    """The shared real-page corpus (skips outside CI when it is absent)."""
    if not CORPUS.is_dir():
        if IN_CI:
            pytest.fail(f"corpus folder {CORPUS} is missing", pytrace=False)
        pytest.skip(f"corpus folder {CORPUS} is missing")
    return CORPUS


def _pg_admin_connect():  # type: ignore[no-untyped-def]
    import psycopg

    url = make_url(PG_SERVER_URL)
    return psycopg.connect(
        host=url.host,
        port=url.port or 5432,
        user=url.username,
        password=url.password,
        dbname=url.database or "postgres",
        autocommit=True,
        connect_timeout=5,
    )


@pytest.fixture(scope="session")
def pg_server() -> str:
    try:
        with _pg_admin_connect() as connection:
            connection.execute("SELECT 1")
    except Exception as error:  # any failure to connect means "no server"
        service_missing("PostgreSQL", error)
    return PG_SERVER_URL


@contextmanager
def throwaway_pg_database(server_url: str) -> Iterator[str]:
    """The URL of a fresh, empty PostgreSQL database, dropped when the block ends."""
    name = f"newscrawl_test_{uuid.uuid4().hex[:12]}"
    with _pg_admin_connect() as connection:
        connection.execute(f'CREATE DATABASE "{name}"')
    try:
        yield make_url(server_url).set(database=name).render_as_string(hide_password=False)
    finally:
        with _pg_admin_connect() as connection:
            connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture
def pg_database(pg_server: str) -> Iterator[str]:
    """A fresh, empty PostgreSQL database for one test; dropped afterwards."""
    with throwaway_pg_database(pg_server) as url:
        yield url


@pytest.fixture
def sqlite_url(tmp_path: Path) -> str:
    return f"sqlite:///{tmp_path / 'archive.sqlite3'}"


@pytest.fixture(params=["sqlite", pytest.param("pg", marks=pytest.mark.pg)])
def archive_url(request: pytest.FixtureRequest) -> str:
    """An empty database URL, once on SQLite and once on PostgreSQL."""
    if request.param == "sqlite":
        return request.getfixturevalue("sqlite_url")
    return request.getfixturevalue("pg_database")


@pytest.fixture
def archive(archive_url: str) -> Iterator[Archive]:
    store = Archive.from_url(archive_url, upgrade=True)
    try:
        yield store
    finally:
        store.close()


@pytest.fixture(scope="session")
def redis_url() -> str:
    try:
        import redis

        redis.Redis.from_url(REDIS_URL, socket_connect_timeout=5).ping()
    except Exception as error:
        service_missing("Redis", error)
    return REDIS_URL
