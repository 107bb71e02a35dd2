"""Every command's errors: exit 2 for a usage error, 1 for an operational one, each one line on
stderr that says what to do, never a traceback (unless ``--verbose``); closed pipes end quietly.

Real services only: a busy port is a real listening socket, "Redis down" and "database
unreachable" are ports nothing listens on, an unmigrated database is a real empty one.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from archive import db
from newscrawl import __version__
from newscrawl.cli import BROKEN_PIPE_STATUS
from tests.support.cli import REPO_ROOT, newscrawl, one_line

DEAD_REDIS = "redis://127.0.0.1:1/0"


@pytest.fixture
def migrated(tmp_path: Path) -> Path:
    path = tmp_path / "archive.sqlite3"
    engine = db.create_archive_engine(f"sqlite:///{path}")
    db.upgrade(engine)
    engine.dispose()
    return path


@pytest.fixture
def busy_port() -> Iterator[int]:
    with socket.socket() as listener:
        listener.bind(("127.0.0.1", 0))
        listener.listen()
        yield listener.getsockname()[1]


@pytest.mark.parametrize(
    ("argv", "expected"),
    [
        (["crawl", "qdrb", "--since", "yesterday"], "'yesterday' is not a date like 2026-01-31"),
        (["crawl", "nosuch"], "unknown source nosuch (known: "),
        (["crawl"], "name at least one source, or --all"),
        (["db"], "the following arguments are required: ACTION"),
        (["db", "downgrade", "nosuch"], "Can't locate revision identified by 'nosuch'"),
        (["reparse", "--source", "nosuch"], "no source 'nosuch' in the archive"),
        (["diff", "1", "--version", "2"], "unrecognized arguments: --version 2"),
        (["sources", "--silent-days", "many"], "invalid float value: 'many'"),
        (["nosuch"], "invalid choice: 'nosuch'"),
    ],
)
def test_usage_errors_exit_2_with_one_line(argv: list[str], expected: str, migrated: Path) -> None:
    needs_db = argv[0] in ("crawl", "db", "reparse", "diff", "sources") and argv != ["db"]
    result = newscrawl(*argv, *(["--db", str(migrated)] if needs_db else []))
    assert result.returncode == 2
    line = one_line(result.stderr)
    assert line.startswith("newscrawl")
    assert expected in line


def test_program_version_is_not_shadowed() -> None:
    result = newscrawl("--version")
    assert result.returncode == 0
    assert result.stdout.strip() == f"newscrawl {__version__}"


def test_serve_samples_on_a_busy_port(busy_port: int) -> None:
    result = newscrawl("serve-samples", "--port", str(busy_port))
    assert result.returncode == 1
    line = one_line(result.stderr)
    assert line == (
        f"newscrawl serve-samples: port {busy_port} on 127.0.0.1 is already in use: "
        "choose another with --port (0 picks a free one)"
    )


def test_redis_down_is_one_line_for_both_crawl_commands(migrated: Path) -> None:
    env = {"NEWSCRAWL_REDIS_URL": DEAD_REDIS}
    result = newscrawl("crawl", "qdrb", "--db", str(migrated), env=env)
    assert result.returncode == 1
    assert one_line(result.stderr).startswith(
        f"newscrawl crawl: cannot reach Redis at {DEAD_REDIS}"
    )
    result = scrapy_crawl("qdrb", env={**env, "NEWSCRAWL_DB_URL": f"sqlite:///{migrated}"})
    assert result.returncode == 1
    last = result.stderr.strip().splitlines()[-1]
    assert last.startswith(f"scrapy crawl: cannot reach Redis at {DEAD_REDIS}")
    assert "unset NEWSCRAWL_REDIS_URL" in last


@pytest.mark.pg
def test_scrapy_crawl_into_an_unmigrated_database(pg_database: str) -> None:
    result = scrapy_crawl("qdrb", env={"NEWSCRAWL_DB_URL": pg_database})
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    last = result.stderr.strip().splitlines()[-1]
    assert last.startswith("scrapy crawl: the archive at ")
    assert "run `newscrawl db upgrade` first" in last


def scrapy_crawl(*argv: str, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    environment = {**os.environ, "PYTHONPATH": str(REPO_ROOT), **env}
    return subprocess.run(
        [sys.executable, "-m", "scrapy", "crawl", *argv, "-s", "LOG_LEVEL=WARNING"],
        cwd=REPO_ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


@pytest.mark.parametrize("argv", [["sources", "--json"], ["sources"], ["db", "current"]])
def test_closed_pipe_ends_quietly(argv: list[str], migrated: Path) -> None:
    environment = {**os.environ, "PYTHONPATH": str(REPO_ROOT)}
    process = subprocess.Popen(
        [sys.executable, "-m", "newscrawl", *argv, "--db", str(migrated)],
        cwd=REPO_ROOT,
        env=environment,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    assert process.stdout is not None and process.stderr is not None
    process.stdout.close()  # the reader is gone before the first line is written (| head -0)
    stderr = process.stderr.read().decode()
    assert process.wait(timeout=120) == BROKEN_PIPE_STATUS
    assert stderr == ""


def test_verbose_adds_the_traceback(tmp_path: Path) -> None:
    missing = tmp_path / "missing.sqlite3"
    quiet = newscrawl("sources", "--db", str(missing))
    assert quiet.returncode == 1 and "Traceback" not in quiet.stderr
    loud = newscrawl("-v", "sources", "--db", str(missing))
    assert loud.returncode == 1
    assert "Traceback (most recent call last)" in loud.stderr
    assert loud.stderr.strip().splitlines()[-1] == quiet.stderr.strip()
