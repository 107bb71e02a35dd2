"""A crawl of a hostile site (tests/support/hostile_server.py): no local reads, no stalls, no lost
articles, no leaked secrets.

Each crawl is a real ``scrapy crawl site`` process against a real local server; what is checked
is what reached the database, the log and the server.
"""

from __future__ import annotations

import asyncio
import os
import signal
import subprocess
import sys
import time
import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import pytest
from sqlalchemy import create_engine, make_url, text

from newscrawl.pool_child import CpuBudgetExceeded, call_bounded
from newscrawl.process_pool import ProcessPool
from pipelines.cleaning import clean_text, content_hash
from pipelines.extraction import extract_page
from pipelines.extraction.types import MAX_NAME_CHARS, MAX_TITLE_CHARS
from pipelines.items import ArticleItem
from pipelines.spool import Spool, spool_path
from tests.support.crawl import (
    FAST,
    REPO,
    CrawlRun,
    archived,
    control,
    failures,
    run_crawl,
    run_newscrawl,
)
from tests.support.fault_server import FaultServer, fault_serving
from tests.support.hostile_server import (
    ARTICLES,
    HOSTILE,
    LONG_TITLE,
    PASSWORD,
    SECRET_TEXT,
    TOP_500,
    USER,
    HostileServer,
    burn_cpu,
    hostile_serving,
    write_secret_file,
)

# Small enough for the gzip bomb to go over it many times.
MAXSIZE = str(64 * 1024)


@dataclass
class Hostile:
    server: HostileServer
    other: FaultServer  # listens on another port of the same host
    tmp: Path

    def db(self, name: str) -> str:
        return f"sqlite:///{self.tmp / f'{name}.db'}"

    def crawl(self, name: str, start: str, **settings: str) -> CrawlRun:
        args = {"start_url": start}
        for argument in ("max_pages", "allow"):  # spider arguments
            if argument in settings:
                args[argument] = settings.pop(argument)
        return run_crawl(
            "site",
            self.db(name),
            args=args,
            settings={"NEWSCRAWL_SPOOL_DIR": str(self.tmp / "spool"), **settings},
        )


@pytest.fixture(scope="module")
def hostile(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Hostile]:
    tmp = tmp_path_factory.mktemp("hostile")
    secret = write_secret_file(tmp / "secret")
    with fault_serving() as other, hostile_serving(secret, other.port) as server:
        yield Hostile(server, other, tmp)


@pytest.fixture(scope="module")
def site_crawl(hostile: Hostile) -> tuple[Hostile, str, CrawlRun]:
    """One crawl of the hostile index (every attack but the big pages), shared below."""
    run = hostile.crawl("site", hostile.server.site, DOWNLOAD_MAXSIZE=MAXSIZE)
    return hostile, hostile.db("site"), run


def query(db_url: str, sql: str, **params: object) -> list[tuple]:
    engine = create_engine(db_url)
    try:
        with engine.connect() as connection:
            return [tuple(row) for row in connection.execute(text(sql), params)]
    finally:
        engine.dispose()


STORED_TEXT = (
    "SELECT * FROM articles",
    "SELECT * FROM article_versions",
    "SELECT * FROM fetch_failures",
    "SELECT * FROM crawl_runs",
    "SELECT * FROM raw_pages",
)


def everything_stored(db_url: str) -> str:
    """Every text and (decompressed) raw page the archive holds, as one string."""
    parts: list[str] = []
    for sql in STORED_TEXT:
        for row in query(db_url, sql):
            parts.extend(str(value) for value in row if not isinstance(value, bytes))
    for (body,) in query(db_url, "SELECT body_zlib FROM raw_pages"):
        parts.append(zlib.decompress(body).decode("utf-8", "replace"))
    return "\n".join(parts)


# -- schemes -----------------------------------------------------------------------------------


def test_a_next_page_link_to_a_local_file_is_refused_and_recorded(site_crawl) -> None:
    hostile, db_url, run = site_crawl
    article_url = f"http://127.0.0.1:{hostile.server.port}{hostile.server.article_with_parts}"
    stored = {a.url: a.title for a in archived(db_url)}
    # the article is archived with the part it really has
    assert stored[article_url] == ARTICLES["parts/article.html"].title
    # its "parts" (file:// and ftp:// on the same host and port) were refused, each recorded
    stem = f"127.0.0.1:{hostile.server.port}{hostile.server.article_with_parts}"
    stem = stem.removesuffix(".html")
    recorded = failures(db_url)
    assert (f"file://{stem}_1.html", "unsafe_url", None) in recorded
    assert (f"ftp://{stem}_2.html", "unsafe_url", None) in recorded
    assert run.stat("newscrawl/refused/unsafe_url") == 2
    assert "LOCAL-SECRET" not in everything_stored(db_url)
    assert SECRET_TEXT not in everything_stored(db_url)


def test_a_redirect_to_a_local_file_is_not_followed(site_crawl) -> None:
    hostile, db_url, _ = site_crawl
    url = hostile.server.hostile_url("redirect-to-file.html")
    assert (url, "http_302", 302) in failures(db_url)


def test_a_file_start_url_is_refused_with_a_reason(hostile: Hostile) -> None:
    run = hostile.crawl("file-start", "file:///etc/passwd")
    db_url = hostile.db("file-start")
    assert failures(db_url) == [("file:///etc/passwd", "unsafe_url", None)]
    assert archived(db_url) == []
    assert "root:x:0:0" not in everything_stored(db_url)
    assert run.stat("newscrawl/refused/unsafe_url") == 1


def test_a_redirect_to_another_port_of_the_host_is_not_followed(site_crawl) -> None:
    hostile, db_url, _ = site_crawl
    assert hostile.other.hits["/faults/good/plain.html"] == 0
    assert all(str(hostile.other.port) not in a.url for a in archived(db_url))


# -- response headers ------------------------------------------------------------------------


def test_responses_with_huge_headers_fail_as_too_large(site_crawl) -> None:
    hostile, db_url, _ = site_crawl
    recorded = failures(db_url)
    assert (hostile.server.hostile_url("big-headers.html"), "too_large", None) in recorded
    assert (hostile.server.hostile_url("long-header-line.html"), "too_large", None) in recorded


# -- credentials in URLs -------------------------------------------------------------------------


def test_credentials_in_links_are_stripped_and_never_logged_or_stored(site_crawl) -> None:
    hostile, db_url, run = site_crawl
    clean = hostile.server.hostile_url("userinfo/article.html")
    assert clean in {a.url for a in archived(db_url)}
    assert (hostile.server.hostile_url("userinfo/missing.html"), "http_404", 404) in failures(
        db_url
    )
    assert PASSWORD not in everything_stored(db_url)
    assert PASSWORD not in run.log
    assert f"{USER}:" not in run.log
    assert run.stat("newscrawl/refused/userinfo_stripped") == 2


# -- failure reasons from types ----------------------------------------------------------------


def test_a_decompression_bomb_is_too_large_whatever_its_url_says(site_crawl) -> None:
    hostile, db_url, _ = site_crawl
    recorded = failures(db_url)
    assert (hostile.server.hostile_url("offsite/robots.txt/bomb.html"), "too_large", None) in (
        recorded
    )
    # a URL saying "offsite" and "robots.txt" is recorded like any other
    assert (hostile.server.hostile_url("offsite/robots.txt/gone.html"), "http_404", 404) in (
        recorded
    )


# -- page types ----------------------------------------------------------------------------------


def test_a_short_article_with_500_in_its_headline_is_an_article(site_crawl) -> None:
    hostile, db_url, _ = site_crawl
    stored = {a.url: a.title for a in archived(db_url)}
    assert stored[hostile.server.hostile_url("top500.html")] == TOP_500.title


def test_metadata_is_bounded_and_kept_whole_in_the_raw_page(site_crawl) -> None:
    hostile, db_url, _ = site_crawl
    url = hostile.server.hostile_url("long-fields.html")
    rows = query(
        db_url,
        "SELECT v.title, v.author, v.original_source, r.body_zlib FROM article_versions v "
        "JOIN articles a ON a.id = v.article_id JOIN raw_pages r ON r.id = v.raw_page_id "
        "WHERE a.url = :url",
        url=url,
    )
    assert len(rows) == 1
    title, author, source, raw = rows[0]
    assert title.startswith("莱西市项目建设") and len(title) <= MAX_TITLE_CHARS
    assert all(value is None or len(value) <= MAX_NAME_CHARS for value in (author, source))
    assert LONG_TITLE in zlib.decompress(raw).decode()


def test_no_telnet_console_and_no_password_in_the_log(site_crawl) -> None:
    _, _, run = site_crawl
    assert "Telnet" not in run.log
    assert "TelnetConsole" not in run.log and "RemoteControl" not in run.log


# -- session ids -----------------------------------------------------------------------------------


def test_session_ids_make_no_new_article(hostile: Hostile) -> None:
    start = hostile.server.hostile_url("session/")
    for _ in range(2):  # new session ids on every visit
        hostile.crawl("session", start, allow="/hostile/session/")
    stored = archived(hostile.db("session"))
    assert [(a.url, a.version) for a in stored] == [
        (hostile.server.hostile_url("session/article.html"), 1)
    ]


# -- many links, CPU budget, shutdown while parsing ------------------------------------------------


def many_links_page(server: HostileServer, count: int) -> bytes:
    import urllib.request

    url = f"{server.hostile_url('many-links.html')}?n={count}"
    with urllib.request.urlopen(url, timeout=30) as reply:
        return reply.read()


def cpu_cost(body: bytes, url: str, repeat: int = 3) -> float:
    """The least CPU time of ``repeat`` extractions of ``body`` (links listed too)."""
    costs = []
    for _ in range(repeat):
        start = time.process_time()
        extract_page(body, url, links=True)
        costs.append(time.process_time() - start)
    return min(costs)


def test_link_discovery_is_linear_in_the_page_size(hostile: Hostile) -> None:
    """Ten times the links cost about ten times as much (it was a hundred times: quadratic)."""
    from lxml.html import fromstring

    from pipelines.extraction.links import page_links

    def cost(count: int) -> float:
        root = fromstring(many_links_page(hostile.server, count))
        best = []
        for _ in range(3):
            start = time.process_time()
            links = page_links(root, hostile.server.site)
            best.append(time.process_time() - start)
        assert len(links) == count + 1  # and the article link above the list
        return min(best)

    ratio = cost(20_000) / cost(2_000)
    assert ratio < 25, ratio


def test_a_page_with_too_many_links_is_capped_and_logged(hostile: Hostile) -> None:
    run = hostile.crawl(
        "capped",
        hostile.server.hostile_url("many-links.html"),
        NEWSCRAWL_MAX_LINKS_PER_PAGE="1000",
        max_pages="3",
    )
    assert run.stat("newscrawl/links_truncated") == 1
    assert "more than 1000 links" in run.log
    # the first links are followed: the article linked first is archived
    urls = {a.url for a in archived(hostile.db("capped"))}
    assert urls == {hostile.server.hostile_url("after-many-links.html")}


@pytest.mark.parametrize("processes", ["1", "0"])
def test_a_page_over_its_cpu_budget_is_a_failure_and_the_crawl_goes_on(
    hostile: Hostile, processes: str
) -> None:
    big = many_links_page(hostile.server, 20_000)
    small = ARTICLES["after-many-links.html"].html().encode()
    big_cost = cpu_cost(big, hostile.server.hostile_url("many-links.html"), repeat=1)
    small_cost = cpu_cost(small, hostile.server.hostile_url("after-many-links.html"))
    # The budget sits between the two costs, far from both.
    assert big_cost > 200 * small_cost, (big_cost, small_cost)
    budget = big_cost / 10
    name = f"budget{processes}"
    run = hostile.crawl(
        name,
        hostile.server.hostile_url("budget/"),
        NEWSCRAWL_MAX_LINKS_PER_PAGE="0",
        NEWSCRAWL_PAGE_CPU_SECONDS=f"{budget:.4f}",
        NEWSCRAWL_CPU_PROCESSES=processes,
        allow="/hostile/(budget/|many-links|after-many-links|top500)",
    )
    db_url = hostile.db(name)
    assert failures(db_url) == [(hostile.server.hostile_url("many-links.html"), "cpu_budget", 200)]
    assert {a.url for a in archived(db_url)} == {
        hostile.server.hostile_url("after-many-links.html"),
        hostile.server.hostile_url("top500.html"),
    }
    assert run.stat("newscrawl/failures/cpu_budget") == 1


def test_cpu_budget_stops_a_call_in_place_and_in_a_child() -> None:
    with pytest.raises(CpuBudgetExceeded):
        call_bounded(burn_cpu, (60,), {}, 0.2)
    assert call_bounded(burn_cpu, (0.01,), {}, 5) >= 0.01

    async def in_child() -> None:
        pool = ProcessPool(1, cpu_seconds=0.3)
        pool.usable = True
        try:
            with pytest.raises(CpuBudgetExceeded):
                await pool.run(burn_cpu, 60)
            # the child lives on and takes the next call
            assert await pool.run(burn_cpu, 0.01) >= 0.01
        finally:
            pool.close()

    asyncio.run(in_child())


@pytest.mark.slow
def test_sigint_while_a_page_is_parsed_in_the_crawl_process(hostile: Hostile) -> None:
    """With extraction in the crawling process (NEWSCRAWL_CPU_PROCESSES=0) and no CPU budget, a
    page that takes seconds to parse: Ctrl-C stops the parse, the page is recorded as
    ``interrupted`` and the crawl ends."""
    db_url = hostile.db("sigint")
    count = 150_000
    path = f"{HOSTILE}many-links.html?n={count}"
    command = [sys.executable, "-m", "scrapy", "crawl", "site"]
    command += ["-a", f"start_url=http://127.0.0.1:{hostile.server.port}{path}"]
    settings = {
        **FAST,
        "NEWSCRAWL_CPU_PROCESSES": "0",
        "NEWSCRAWL_PAGE_CPU_SECONDS": "0",
        "NEWSCRAWL_MAX_LINKS_PER_PAGE": "0",
        "NEWSCRAWL_SPOOL_DIR": str(hostile.tmp / "spool"),
    }
    for name, value in settings.items():
        command += ["-s", f"{name}={value}"]
    env = {**os.environ, "NEWSCRAWL_DB_URL": db_url, "PYTHONPATH": str(REPO)}
    process = subprocess.Popen(
        command, cwd=REPO, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True
    )
    try:
        deadline = time.monotonic() + 120
        while hostile.server.hits[path] == 0:
            assert process.poll() is None and time.monotonic() < deadline
            time.sleep(0.05)
        time.sleep(1.0)  # the 10 MB page has arrived and is being parsed (for seconds)
        process.send_signal(signal.SIGINT)
        log, _ = process.communicate(timeout=120)
    finally:
        if process.poll() is None:
            process.kill()
    url = f"http://127.0.0.1:{hostile.server.port}{path}"
    assert failures(db_url) == [(url, "interrupted", 200)], log[-3000:]
    assert "Received SIGINT" in log
    assert "Traceback" not in log, log[-3000:]


# -- the spool belongs to its archive ----------------------------------------------------------


def spooled_item(url: str) -> ArticleItem:
    text = clean_text("一季度莱西市新开工项目22个，总投资64亿元，其中新能源汽车配套项目9个。")
    return ArticleItem(
        url=url,
        source_key="site",
        family="generic",
        fetched_at=datetime(2026, 4, 6, 1, 30, tzinfo=UTC),
        raw_body="<p>一季度莱西市新开工项目22个</p>".encode(),
        encoding="utf-8",
        title="莱西市新开工工业项目22个",
        text=text,
        content_hash=content_hash(text),
    )


def test_a_spool_is_replayed_only_into_its_own_archive(hostile: Hostile) -> None:
    """Items spooled for archive A (its database was down) stay out of archive B, which the
    next crawl writes to, and reach A with the first crawl of A."""
    spool_dir = hostile.tmp / "spool-ab"
    archive_a, archive_b = hostile.db("spool-a"), hostile.db("spool-b")
    item = spooled_item("http://laixi.example/news/2026/0406/22.html")
    # the generic spider records under its source key, site:<host>
    spool = Spool(spool_path(spool_dir, archive_a, "site:127.0.0.1"))
    spool.append(item)
    start = hostile.server.hostile_url("top500.html")
    settings = {"NEWSCRAWL_SPOOL_DIR": str(spool_dir), "allow": "/hostile/top500"}

    run_b = hostile.crawl("spool-b", start, **settings)
    assert item.url not in {a.url for a in archived(archive_b)}
    assert run_b.stat("newscrawl/archive/replayed") == 0
    assert len(spool) == 1

    run_a = hostile.crawl("spool-a", start, **settings)
    assert item.url in {a.url for a in archived(archive_a)}
    assert run_a.stat("newscrawl/archive/replayed") == 1
    assert len(spool) == 0


@pytest.mark.slow
@pytest.mark.pg
def test_a_crawl_that_spooled_fails_and_the_next_one_replays(
    hostile: Hostile, pg_database: str
) -> None:
    """The database goes away in the middle of `newscrawl crawl`: the items are spooled, the
    command exits 1 saying so; the next crawl, with the database back, replays them."""
    db_url = pg_database
    name = make_url(db_url).database
    admin = create_engine(make_url(db_url).set(database="postgres"), isolation_level="AUTOCOMMIT")
    assert run_newscrawl("db", "upgrade", db_url=db_url).returncode == 0
    spool_dir = hostile.tmp / "spool-pg"
    command = [sys.executable, "-m", "newscrawl", "crawl", "zngk"]
    command += ["--sample-port", str(hostile.server.port), "--since", "2026-01-01"]
    for setting in (f"NEWSCRAWL_SPOOL_DIR={spool_dir}", "DOWNLOAD_DELAY=0", "LOG_LEVEL=INFO"):
        command += ["-s", setting]
    env = {**os.environ, "NEWSCRAWL_DB_URL": db_url, "PYTHONPATH": str(REPO)}
    hostile.server.delay = 1.0  # time to take the database away once the crawl has begun
    control(hostile.server, "log?clear=1")
    try:
        process = subprocess.Popen(
            command, cwd=REPO, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True
        )
        # Once the site's first page is served, the crawl has read the archive and started.
        deadline = time.monotonic() + 120
        while not any(entry["host"] == "www.zngk.vip" for entry in control(hostile.server, "log")):
            assert process.poll() is None and time.monotonic() < deadline
            time.sleep(0.1)
        with admin.connect() as connection:
            connection.execute(text(f'ALTER DATABASE "{name}" ALLOW_CONNECTIONS false'))
            connection.execute(
                text("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = :n"),
                {"n": name},
            )
        output, _ = process.communicate(timeout=600)
    finally:
        hostile.server.delay = 0.0
        with admin.connect() as connection:
            connection.execute(text(f'ALTER DATABASE "{name}" ALLOW_CONNECTIONS true'))
        admin.dispose()
    assert process.returncode == 1, output[-3000:]
    assert "could not be archived (spooled for the next crawl)" in output
    spool = Spool(spool_path(spool_dir, db_url, "zngk"))
    spooled = len(spool)
    assert spooled > 0

    again = run_newscrawl(
        "crawl", "zngk", "--sample-port", str(hostile.server.port), "--since", "2026-01-01",
        "-s", f"NEWSCRAWL_SPOOL_DIR={spool_dir}", "-s", "DOWNLOAD_DELAY=0",
        db_url=db_url,
    )  # fmt: skip
    assert again.returncode == 0, again.stdout[-3000:] + again.stderr[-3000:]
    assert len(spool) == 0
    assert f"replayed {spooled} spooled items" in again.stderr + again.stdout
    assert query(db_url, "SELECT count(*) FROM articles")[0][0] >= spooled
