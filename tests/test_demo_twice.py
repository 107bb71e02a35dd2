"""Source health is not fooled by a second run: ``newscrawl demo`` twice, then
``newscrawl sources --check`` exits 0; URLs found to be no article are remembered, not fetched
and recorded again; the demo's table says what it counts, this run and in total."""

from __future__ import annotations

import re
from datetime import timedelta
from pathlib import Path

import pytest

from archive.health import NON_ARTICLE_RECHECK, known_non_articles, source_health
from archive.store import Archive
from archive.types import utcnow
from tests.support.crawl import run_newscrawl
from tests.support.health import crawl

CRAWL_LINE = re.compile(
    r"^(\S+)\s+pages=(\d+)\s+articles=(\d+)\s+not_modified=\d+\s+failures=(\d+)"
)


def table(stdout: str) -> dict[str, list[int]]:
    """The demo's summary rows: source -> the nine numbers (this run, then all runs)."""
    lines = stdout.splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith("source "))
    assert lines[start].split() == [
        "source", "pages", "new", "changed", "failures",
        "articles", "versions", "facts", "reprints", "failures",
    ]  # fmt: skip
    assert "this run" in lines[start - 1] and "archive, all runs" in lines[start - 1]
    rows = {}
    for line in lines[start + 1 :]:
        if not line.strip():
            break
        source, *numbers = line.split()
        rows[source] = [int(n) for n in numbers]
    return rows


def crawl_lines(stdout: str) -> dict[str, tuple[int, int, int]]:
    found = (CRAWL_LINE.match(line) for line in stdout.splitlines())
    return {m[1]: (int(m[2]), int(m[3]), int(m[4])) for m in found if m}


@pytest.mark.slow
def test_demo_twice_then_sources_check_is_ok(tmp_path: Path) -> None:
    db_url = f"sqlite:///{tmp_path / 'demo.sqlite3'}"
    first = run_newscrawl("demo", "--db", db_url, db_url=db_url)
    assert first.returncode == 0, first.stderr[-3000:]
    second = run_newscrawl("demo", "--db", db_url, db_url=db_url)
    assert second.returncode == 0, second.stderr[-3000:]

    check = run_newscrawl("sources", "--check", "--db", db_url, db_url=db_url)
    assert check.returncode == 0, check.stdout

    one, two = table(first.stdout), table(second.stdout)
    for stdout, rows in ((first.stdout, one), (second.stdout, two)):
        # the table's pages, new articles and failures are the crawl lines' numbers
        for source, (pages, articles, failures) in crawl_lines(stdout).items():
            assert rows[source][0] == pages
            assert rows[source][1] == articles
            assert rows[source][3] == failures
    for source, row in two.items():
        assert row[1:3] == [0, 0], source  # nothing new on an unchanged sample web
        assert row[4:8] == one[source][4:8], source  # the archive holds the same
    # The video and the 404 of the Sohu sample were remembered, not fetched again...
    assert one["sohu_xhafb"][3] == 2 and two["sohu_xhafb"][3] == 0
    assert two["sohu_xhafb"][8] == 2  # ... so the total counts each failure once
    # ...but the forum's challenged thread is tried again (a wall may lift).
    assert two["ocean52"][3] == 1 and two["ocean52"][8] == 2
    assert sum(row[3] for row in one.values()) == sum(row[8] for row in one.values())


def test_known_non_articles_are_gone_or_no_article_pages_within_the_recheck_period(
    archive: Archive,
) -> None:
    crawl(
        archive,
        "sohu",
        articles=2,
        failures=(
            ("http_404", 404),
            ("not_article: video", 200),
            ("not_article: empty", 200),  # what a broken layout looks like: try again
            ("challenge", 521),  # a wall may lift
            ("timeout", None),
        ),
    )
    with archive.sessions() as session:
        assert known_non_articles(session, "sohu") == {
            "http://sohu.example/bad/0",
            "http://sohu.example/bad/1",
        }
        later = utcnow() + NON_ARTICLE_RECHECK + timedelta(minutes=1)
        assert known_non_articles(session, "sohu", later) == set()
        assert known_non_articles(session, "other") == set()


def test_one_walled_page_beside_articles_is_not_a_blocked_source(archive: Archive) -> None:
    crawl(archive, "forum", articles=3, failures=(("challenge", 521),))
    # second run: the articles are known, only the walled thread is fetched (again)
    crawl(archive, "forum", failures=(("challenge", 521),))
    crawl(archive, "walled", articles=1, failures=(("challenge", 521), ("challenge", 200)))
    with archive.sessions() as session:
        report = {health.source: health for health in source_health(session)}
    assert report["forum"].flags == ()
    assert report["forum"].last_run_challenges == 1
    assert report["walled"].flags == ("blocked",)
