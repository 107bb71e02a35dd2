"""Security: robots.txt obeyed, no off-domain crawling beyond what the registry allows, response
size capped, the database password never printed, SQL only through bound parameters."""

from __future__ import annotations

import ast
import os
import re
import subprocess
import sys
import urllib.robotparser
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
from sqlalchemy import create_engine, inspect, select, text

from archive.models import Article, ArticleVersion, FetchFailure
from archive.store import Archive
from newscrawl import settings as project_settings
from pipelines.cleaning import clean_text, content_hash
from pipelines.items import ArticleItem
from tests.support.crawl import REPO, archived, control, failures, run_crawl
from tests.support.fault_server import PREFIX, FaultServer, fault_serving

PASSWORD = "S3cr3t-pw-7731"
# Nothing listens on port 9 of the loopback: every command meets a real connection failure.
DOWN_DB = f"postgresql+psycopg://newscrawl:{PASSWORD}@127.0.0.1:9/archive?connect_timeout=2"


@pytest.fixture(scope="module")
def web() -> Iterator[FaultServer]:
    with fault_serving() as server:
        yield server


# -- robots.txt and domains ------------------------------------------------------------------


def test_site_spider_obeys_robots_and_stays_on_its_host(web: FaultServer, tmp_path: Path) -> None:
    db_url = f"sqlite:///{tmp_path / 'archive.db'}"
    control(web, "log?clear=1")
    # `allow` keeps the crawl off the rest of the fault site, but lets the other host's
    # article URL through: only the host check can stop it.
    allow = r"/faults/(secure|private|good)/|/a/\d+_\d+$"
    run = run_crawl("site", db_url, args={"start_url": web.url("secure/"), "allow": allow})
    # robots.txt disallows /faults/private/: the link was seen and refused, never fetched
    assert web.hits[PREFIX + "private/secret.html"] == 0
    assert run.stat("robotstxt/forbidden") == 1
    # the link to another host was not followed either
    assert control(web, "log") == []
    assert [a.url for a in archived(db_url)] == [web.url("good/plain.html")]
    assert failures(db_url) == []


def test_registry_spider_stays_on_its_allowed_domains(web: FaultServer, tmp_path: Path) -> None:
    """sohu_xhafb's registry entry allows mp.sohu.com (the profile) and www.sohu.com (the
    articles); its pages also link to beian.gov.cn and to another sample site."""
    db_url = f"sqlite:///{tmp_path / 'archive.db'}"
    control(web, "log?clear=1")
    run_crawl("sohu_xhafb", db_url, args={"sample_port": web.port, "since": "2026-01-01"})
    requests = control(web, "log")
    assert {entry["host"] for entry in requests} == {"mp.sohu.com", "www.sohu.com"}
    # every path requested is allowed by that host's robots.txt (checked independently)
    for host in ("mp.sohu.com", "www.sohu.com"):
        robots = urllib.robotparser.RobotFileParser()
        robots_file = REPO / "newscrawl" / "samples" / "sites" / host / "robots.txt"
        robots.parse(robots_file.read_text().splitlines())
        for entry in requests:
            if entry["host"] == host:
                assert robots.can_fetch("newscrawl", f"http://{host}{entry['target']}"), entry
    linked = (REPO / "newscrawl/samples/sites/www.sohu.com/a/868501234_121106994").read_text()
    assert "epaper.xihaiannews.com" in linked  # the off-domain link the crawl did not follow


# -- response size -----------------------------------------------------------------------------


def test_response_size_is_capped_by_default(web: FaultServer, tmp_path: Path) -> None:
    """With the project's own settings, a body that never ends is cut at DOWNLOAD_MAXSIZE."""
    assert 0 < project_settings.DOWNLOAD_MAXSIZE <= 16 * 1024 * 1024
    db_url = f"sqlite:///{tmp_path / 'archive.db'}"
    run_crawl("site", db_url, args={"start_url": web.url("endless.html")}, timeout=300)
    assert failures(db_url) == [(web.url("endless.html"), "too_large", None)]
    assert archived(db_url) == []
    # the server stopped sending soon after the cap (socket buffers hold a few MiB at most)
    assert web.endless_bytes_sent < project_settings.DOWNLOAD_MAXSIZE + 16 * 1024 * 1024


# -- the database password ---------------------------------------------------------------------


def run_with_db(argv: list[str], db_url: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "NEWSCRAWL_DB_URL": db_url, "PYTHONPATH": str(REPO)}
    return subprocess.run(
        [sys.executable, *argv],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        timeout=180,
        check=False,
    )


@pytest.mark.parametrize(
    "argv",
    [
        ["-m", "newscrawl", "db", "current"],
        ["-m", "newscrawl", "db", "upgrade"],
        ["-m", "newscrawl", "sources"],
        ["-m", "newscrawl", "crawl", "whnanhai"],
        ["-m", "scrapy", "crawl", "whnanhai", "-s", "LOG_FILE={log}"],
        ["-m", "scrapy", "crawl", "whnanhai", "-s", f"NEWSCRAWL_DB_URL={DOWN_DB}"],
    ],
    ids=["db-current", "db-upgrade", "sources", "newscrawl-crawl", "scrapy-log-file", "scrapy-s"],
)
def test_password_is_never_printed(argv: list[str], tmp_path: Path) -> None:
    log = tmp_path / "crawl.log"
    argv = [arg.format(log=log) for arg in argv]
    result = run_with_db(argv, DOWN_DB, REPO)
    output = result.stdout + result.stderr + (log.read_text() if log.exists() else "")
    assert result.returncode != 0, output[-3000:]  # it did meet the dead database
    assert "127.0.0.1" in output or "port 9" in output, output[-3000:]
    assert PASSWORD not in output


def test_password_in_the_query_string_is_never_printed(tmp_path: Path) -> None:
    url = (
        f"postgresql+psycopg://newscrawl@127.0.0.1:9/archive?password={PASSWORD}&connect_timeout=2"
    )
    result = run_with_db(["-m", "newscrawl", "db", "current"], url, REPO)
    assert result.returncode != 0
    assert PASSWORD not in result.stdout + result.stderr


# -- SQL -------------------------------------------------------------------------------------------

SQL_WORD = re.compile(r"\b(SELECT|INSERT|UPDATE|DELETE|CREATE|DROP|ALTER|PRAGMA|TRUNCATE)\s")
# Every place that builds SQL text from Python values, and why that is safe. Identifiers and
# PRAGMAs cannot be bound parameters; anything else must be.
ALLOWED_DYNAMIC_SQL = {
    ("archive/dedup_index.py", "SELECT article_id FROM lsh_bands"): "placeholders numbered "
    "from an int (:band0, :hash0, …); the values are bound",
    (
        "archive/db.py",
        "PRAGMA busy_timeout=",
    ): "a module constant (int); PRAGMAs take no parameters",
    ("tests/support/services.py", "CREATE DATABASE"): "a generated test database name (an "
    "identifier)",
    ("tests/support/services.py", "DROP DATABASE"): "the same generated name",
    ("archive/migrations/versions/0004_fact_series.py", "DROP VIEW"): "the view names of the "
    "migration's own constant VIEWS",
    ("tests/test_hostile.py", "ALTER DATABASE"): "the generated test database's name",
    ("archive/migrations/versions/0006_article_place.py", "CREATE VIEW figure_conflicts"): "a "
    "view definition assembled from the migration's own constant column-comparison fragments",
    ("benchmarks/dedup_lookup.py", "CREATE DATABASE"): "a generated benchmark database name",
    ("benchmarks/dedup_lookup.py", "DROP DATABASE"): "the same generated name",
    ("benchmarks/crawl_throughput.py", "CREATE DATABASE"): "a generated benchmark database name",
    ("benchmarks/crawl_throughput.py", "DROP DATABASE"): "the same generated name",
}


def dynamic_sql(path: Path) -> Iterator[tuple[int, str]]:
    """Strings built at run time (f-strings, %, +, .format) whose literal parts read like SQL."""
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.JoinedStr):
            dynamic = any(isinstance(v, ast.FormattedValue) for v in node.values)
        elif isinstance(node, ast.BinOp) and isinstance(node.op, (ast.Mod, ast.Add)):
            dynamic = isinstance(node.left, (ast.Constant, ast.JoinedStr))
        elif isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute):
            dynamic = node.func.attr == "format" and isinstance(node.func.value, ast.Constant)
        else:
            continue
        literal = "".join(
            part.value
            for part in ast.walk(node)
            if isinstance(part, ast.Constant) and isinstance(part.value, str)
        )
        if dynamic and SQL_WORD.search(literal):
            yield node.lineno, literal


def test_sql_is_only_built_from_bound_parameters() -> None:
    found = []
    for package in ("newscrawl", "pipelines", "archive", "benchmarks", "tests"):
        for path in sorted((REPO / package).rglob("*.py")):
            relative = path.relative_to(REPO).as_posix()
            for line, literal in dynamic_sql(path):
                if not any(
                    relative == allowed_path and fragment in literal
                    for allowed_path, fragment in ALLOWED_DYNAMIC_SQL
                ):
                    found.append(f"{relative}:{line}: {literal[:80]!r}")
    assert found == [], "SQL built by string formatting:\n" + "\n".join(found)


def test_the_scanner_sees_formatted_sql(tmp_path: Path) -> None:
    sample = tmp_path / "bad.py"
    sample.write_text(
        "def f(c, url):\n    c.execute(f\"SELECT * FROM articles WHERE url = '{url}'\")\n"
        '    c.execute("DELETE FROM facts WHERE id = %s" % url)\n'
        '    c.execute("UPDATE articles SET url = {}".format(url))\n'
        '    c.execute("SELECT id FROM articles WHERE url = :url", {"url": url})\n'
    )
    assert [line for line, _ in dynamic_sql(sample)] == [2, 3, 4]


INJECTIONS = [
    "http://x.localhost/a.html?id=1' OR '1'='1",
    "http://x.localhost/b.html?q=1;DROP TABLE articles;--",
    'http://x.localhost/c.html?t=");DELETE FROM facts;--',
]
TITLE = "Robert'); DROP TABLE article_versions;-- 新开工项目155个 \\' %s %(x)s {0} :url ?"


def injection_item(url: str) -> ArticleItem:
    text_ = clean_text(f"{TITLE}\n一季度新开工项目155个，总投资421亿元。")
    return ArticleItem(
        url=url,
        source_key="injection'; DROP TABLE sources;--",
        family="generic",
        fetched_at=datetime(2026, 4, 9, tzinfo=UTC),
        raw_body=TITLE.encode(),
        encoding="utf-8",
        title=TITLE,
        author="O'Brien",
        text=text_,
        content_hash=content_hash(text_),
        facts=[],
    )


def test_injection_shaped_values_round_trip_verbatim(archive_url: str) -> None:
    archive = Archive.from_url(archive_url, upgrade=True)
    try:
        for url in INJECTIONS:
            archive.save_article(injection_item(url))
            archive.record_failure(url, f"http_500 {TITLE}", 500, detail=TITLE)
        with archive.sessions() as session:
            stored = session.execute(
                select(Article.url, ArticleVersion.title, ArticleVersion.author)
                .join(ArticleVersion, ArticleVersion.article_id == Article.id)
                .order_by(Article.url)
            ).all()
            stored_failures = session.execute(
                select(FetchFailure.url, FetchFailure.detail).order_by(FetchFailure.id)
            ).all()
    finally:
        archive.close()
    assert [tuple(row) for row in stored] == [(url, TITLE, "O'Brien") for url in sorted(INJECTIONS)]
    assert [tuple(row) for row in stored_failures] == [(url, TITLE) for url in INJECTIONS]
    engine = create_engine(archive_url)
    try:
        tables = set(inspect(engine).get_table_names())
        with engine.connect() as connection:
            keys = connection.execute(text("SELECT key FROM sources")).scalars().all()
    finally:
        engine.dispose()
    assert {"articles", "article_versions", "facts", "sources"} <= tables
    assert keys == ["injection'; DROP TABLE sources;--"]
