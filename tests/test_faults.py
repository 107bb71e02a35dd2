"""A crawl through a misbehaving server: every good page archived once, every bad page recorded
in ``fetch_failures`` with its specific reason, nothing archived that is not an article.

The crawl is the generic ``site`` spider in its own ``scrapy crawl`` process, against the fault
site of ``tests.support.fault_server`` (see ``GOOD``, ``BAD`` and ``NOT_ARTICLES`` there), with the
download limits the faults are sized for.
"""

from __future__ import annotations

import http.client
import json
from collections.abc import Iterator

import pytest
from sqlalchemy import create_engine, text

from tests.support import fault_server
from tests.support.crawl import archived, failures, run_crawl
from tests.support.fault_server import BAD, GOOD, NOT_ARTICLES, FaultServer, fault_serving

LIMITS = {
    "DOWNLOAD_TIMEOUT": str(fault_server.DOWNLOAD_TIMEOUT),
    "DOWNLOAD_MAXSIZE": str(fault_server.DOWNLOAD_MAXSIZE),
    "REDIRECT_MAX_TIMES": str(fault_server.REDIRECT_MAX_TIMES),
    "RETRY_TIMES": str(fault_server.RETRY_TIMES),
}


@pytest.fixture(scope="module")
def faulty_web() -> Iterator[FaultServer]:
    with fault_serving() as server:
        yield server


@pytest.fixture(scope="module")
def fault_crawl(
    faulty_web: FaultServer, tmp_path_factory: pytest.TempPathFactory
) -> tuple[str, FaultServer]:
    """One crawl of the fault site, shared by the assertions below."""
    tmp = tmp_path_factory.mktemp("faults")
    db_url = f"sqlite:///{tmp / 'archive.db'}"
    run_crawl(
        "site",
        db_url,
        args={"start_url": faulty_web.fault_site},
        settings={**LIMITS, "NEWSCRAWL_SPOOL_DIR": str(tmp / "spool")},
        timeout=300,
    )
    return db_url, faulty_web


def query(db_url: str, sql: str, **params: object) -> list[tuple]:
    engine = create_engine(db_url)
    try:
        with engine.connect() as connection:
            return [tuple(row) for row in connection.execute(text(sql), params)]
    finally:
        engine.dispose()


def test_every_good_page_is_archived_once(fault_crawl: tuple[str, FaultServer]) -> None:
    db_url, server = fault_crawl
    stored = {(a.url, a.version, a.title) for a in archived(db_url)}
    assert stored == {(server.url(path), 1, title) for path, title in GOOD.items()}


def test_every_bad_page_is_a_failure_with_its_specific_reason(
    fault_crawl: tuple[str, FaultServer],
) -> None:
    db_url, server = fault_crawl
    recorded = failures(db_url)
    assert sorted(recorded) == sorted(
        (server.url(path), reason, status) for path, (reason, status) in BAD.items()
    )


def test_nothing_that_is_not_an_article_is_archived(fault_crawl: tuple[str, FaultServer]) -> None:
    db_url, server = fault_crawl
    urls = {a.url for a in archived(db_url)}
    assert not urls & {server.url(path) for path in (*BAD, *NOT_ARTICLES, "")}
    # and nothing of theirs slipped in under another name
    texts = " ".join(row[0] for row in query(db_url, "SELECT text FROM article_versions"))
    assert "页面已删除" not in texts
    assert "%PDF" not in texts


def test_retries_recovered_the_flaky_pages(fault_crawl: tuple[str, FaultServer]) -> None:
    db_url, server = fault_crawl
    for path in GOOD:
        if path.startswith("flaky/"):
            # failed FLAKY_FAILURES times, then served (and archived, see above)
            assert server.hits[fault_server.PREFIX + path] > fault_server.FLAKY_FAILURES
    # a permanent error is retried RETRY_TIMES and then recorded, with the retries in detail
    details = dict(
        query(
            db_url,
            "SELECT reason, detail FROM fetch_failures WHERE reason IN ('http_503', 'timeout')",
        )
    )
    assert details["http_503"] == f"gave up after {fault_server.RETRY_TIMES} retries"
    assert details["timeout"].startswith(f"gave up after {fault_server.RETRY_TIMES} retries; ")


def test_mis_encoded_pages_are_decoded_right(fault_crawl: tuple[str, FaultServer]) -> None:
    db_url, server = fault_crawl
    for path in ("charset/gbk-no-charset.html", "charset/gbk-wrong-charset.html"):
        article = fault_server.ARTICLES[path]
        (stored,) = query(
            db_url,
            "SELECT v.text FROM article_versions v JOIN articles a ON a.id = v.article_id "
            "WHERE a.url = :url",
            url=server.url(path),
        )
        assert article.lead in stored[0]
        assert "\ufffd" not in stored[0]


def test_crawl_run_with_failures_is_closed_as_finished(
    fault_crawl: tuple[str, FaultServer],
) -> None:
    # Failed pages are in fetch_failures; the run itself ran to its end.
    db_url, _server = fault_crawl
    assert query(db_url, "SELECT status FROM crawl_runs") == [("finished",)]
    (stats,) = query(db_url, "SELECT stats FROM crawl_runs")
    assert json.loads(stats[0])["finish_reason"] == "finished"


def test_fault_server_serves_the_sample_web_too(faulty_web: FaultServer) -> None:
    connection = http.client.HTTPConnection("127.0.0.1", faulty_web.port, timeout=10)
    try:
        connection.request("GET", "/robots.txt", headers={"Host": "www.zngk.vip.localhost"})
        reply = connection.getresponse()
        assert reply.status == 200
        assert b"Disallow" in reply.read()
    finally:
        connection.close()
