"""Extraction and cleaning of every page of the sample web against committed expectations
(tests/fixtures/extraction/, reviewed; see tests/fixtures/README.md). Needs nothing outside
the repository: a fresh clone runs it."""

from __future__ import annotations

import pytest

from pipelines.parse import parse_page
from tests.support.pages import PageFixture, extraction_output, page_fixtures

FIXTURES = page_fixtures()


def test_the_fixtures_cover_the_sample_web() -> None:
    hosts = {fixture.name.split("/")[0] for fixture in FIXTURES}
    assert len(hosts) >= 8
    articles = [fixture for fixture in FIXTURES if fixture.expected["is_article"]]
    assert len(articles) >= 30
    assert {fixture.expected["family"] for fixture in articles} == {
        "epaper", "trs", "discuz", "blog", "sohu", "generic",
    }  # fmt: skip
    # multi-page articles are stored, and so tested, as their joined parts
    assert any(b"<!--newscrawl:part " in fixture.body for fixture in articles)
    # pages that are not articles, with the reason
    assert {f.expected["not_article_reason"] for f in FIXTURES} >= {"list", "search", "video"}


@pytest.mark.parametrize("fixture", FIXTURES, ids=lambda fixture: fixture.name)
def test_page(fixture: PageFixture) -> None:
    parsed = parse_page(
        fixture.body,
        fixture.url,
        http_encoding=fixture.http_encoding,
        family=fixture.family,
        place=fixture.place,
    )
    assert extraction_output(parsed) == fixture.expected
