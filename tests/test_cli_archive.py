"""``--db URL`` on every command that opens the archive, and how the archive is opened.

Read-only commands refuse a SQLite path that does not exist (instead of creating an empty
archive); a database that is unreachable or not migrated is one line that says what to do.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy import inspect

from archive import db
from newscrawl.cli import main
from tests.support.cli import REPO_ROOT, newscrawl, one_line

# Nothing listens on port 1 of the loopback: connecting fails at once.
UNREACHABLE_PG = "postgresql+psycopg://newscrawl@127.0.0.1:1/newscrawl"


@pytest.fixture
def migrated(tmp_path: Path) -> Path:
    path = tmp_path / "archive.sqlite3"
    engine = db.create_archive_engine(f"sqlite:///{path}")
    db.upgrade(engine)
    engine.dispose()
    return path


@pytest.mark.parametrize(
    "argv",
    [
        ["sources"],
        ["sources", "--json"],
        ["diff", "1"],
        ["reparse"],
        ["db", "current"],
        ["db", "downgrade", "base"],
        ["series"],
        ["export", "facts"],
        ["articles"],
    ],
)
def test_read_only_commands_refuse_a_mistyped_path(
    argv: list[str], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    mistyped = tmp_path / "archvie.sqlite3"
    assert main([*argv, "--db", str(mistyped)]) == 1
    captured = capsys.readouterr()
    line = one_line(captured.err)
    assert line.startswith(f"newscrawl {argv[0]}: no archive at {mistyped}")
    assert "--db" in line
    assert not mistyped.exists()
    assert captured.out == ""


def test_db_option_before_or_after_the_action(
    migrated: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["db", "--db", str(migrated), "current"]) == 0
    before = capsys.readouterr().out
    assert main(["db", "current", "--db", f"sqlite:///{migrated}"]) == 0
    after = capsys.readouterr().out
    assert before == after == f"sqlite:///{migrated}: {db.head_revision()} (up to date)\n"


def test_db_upgrade_creates_a_new_archive_after_the_action(tmp_path: Path) -> None:
    path = tmp_path / "new" / "archive.sqlite3"
    result = newscrawl("db", "upgrade", "--db", str(path))
    assert result.returncode == 0, result.stderr
    assert result.stdout == f"sqlite:///{path}: schema at {db.head_revision()}\n"
    assert result.stderr == ""  # Alembic's step-by-step INFO log only with --verbose


def test_old_option_spellings_still_work_with_a_warning(
    migrated: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    for argv in (
        ["db", "--url", str(migrated), "current"],
        ["db", "current", "--url", str(migrated)],  # after the action too
        ["sources", "--url", str(migrated)],
    ):
        assert main(argv) == 0
        line = one_line(capsys.readouterr().err)
        assert line.startswith(f"newscrawl {argv[0]}")  # `newscrawl db current` after the action
        assert line.endswith(": --url is deprecated and will be removed, use --db")


def test_environment_variable_names_the_archive(migrated: Path, tmp_path: Path) -> None:
    result = newscrawl("db", "current", env={"NEWSCRAWL_HOME": str(tmp_path / "home")})
    assert result.returncode == 1
    assert "no archive at" in one_line(result.stderr)
    environment = {**os.environ, "PYTHONPATH": str(REPO_ROOT)}
    environment["NEWSCRAWL_DB_URL"] = f"sqlite:///{migrated}"
    result = subprocess.run(
        [sys.executable, "-m", "newscrawl", "db", "current"],
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    assert "(up to date)" in result.stdout


@pytest.mark.parametrize(
    "argv",
    [
        ["sources"],
        ["diff", "1"],
        ["reparse"],
        ["db", "current"],
        ["db", "upgrade"],
        ["crawl", "qdrb"],
        ["demo"],
        ["series"],
        ["export", "facts"],
        ["articles"],
    ],
)
def test_every_command_takes_db_and_reports_an_unreachable_database(
    argv: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    assert main([*argv, "--db", UNREACHABLE_PG]) == 1
    line = one_line(capsys.readouterr().err)
    assert line.startswith(f"newscrawl {argv[0]}: cannot use the archive at {UNREACHABLE_PG}")
    assert "check --db" in line


@pytest.mark.pg
@pytest.mark.parametrize("argv", [["sources"], ["diff", "1"], ["reparse"], ["crawl", "qdrb"]])
def test_unmigrated_server_database_says_run_db_upgrade(
    argv: list[str], pg_database: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main([*argv, "--db", pg_database]) == 1
    line = one_line(capsys.readouterr().err)
    assert "run `newscrawl db upgrade` first" in line


def test_unmigrated_sqlite_file_is_not_migrated_by_a_read_only_command(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    empty = tmp_path / "empty.sqlite3"
    empty.touch()
    assert main(["sources", "--db", str(empty)]) == 1
    assert "run `newscrawl db upgrade` first" in one_line(capsys.readouterr().err)
    engine = db.create_archive_engine(f"sqlite:///{empty}")
    assert inspect(engine).get_table_names() == []  # no tables were created
    engine.dispose()


def test_a_value_that_is_no_url_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["sources", "--db", "postgresql://host:notaport/db"]) == 2
    assert "--db" in one_line(capsys.readouterr().err)
