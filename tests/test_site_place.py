"""The generic ``site`` spider's place: ``-a place=`` or each page's own words (footer, the site's
name in the title), and the same facts as the registry spider for the same page."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import create_engine, text

from newscrawl.samples.server import SampleServer
from pipelines.facts.places import page_place, site_place
from tests.support.crawl import run_crawl

SINCE = "2026-01-01"


@pytest.mark.parametrize(
    ("title", "footer", "place"),
    [
        ("威海南海新区_威海南海新区", None, "威海南海新区"),
        ("首页 - 胶州新闻", None, "胶州市"),
        ("园区产业招商-产业园区招商引资信息平台", "主办：青岛市即墨区人民政府", "即墨区"),
        ("新闻中心", "版权所有", None),
        (None, None, None),
    ],
)
def test_site_place_from_title_then_footer(
    title: str | None, footer: str | None, place: str | None
) -> None:
    assert site_place(title, footer) == place


@pytest.mark.parametrize(
    ("html", "place"),
    [
        (
            "<title>南海新区一季度新开工项目23个_威海南海新区</title>"
            "<div class='footer'>主办：威海南海新区管理委员会</div>",
            "威海南海新区",
        ),
        (
            "<title>胶州市4月份新签约项目19个 - 胶州新闻</title><footer>胶州新闻 版权所有</footer>",
            "胶州市",
        ),
        # The headline names a place, the site does not: no place.
        ("<title>[园区招商]西海岸新区一季度新开工项目155个-园区产业招商</title>", None),
        ("<title>即墨区签约项目58个</title>", None),  # no site name in the title
        ("", None),
    ],
)
def test_page_place_reads_the_site_not_the_headline(html: str, place: str | None) -> None:
    assert page_place(html) == place


def facts_by_page(db_url: str) -> dict[str, list[tuple[object, ...]]]:
    """The current facts of every archived page, keyed by the page's path."""
    engine = create_engine(db_url)
    try:
        with engine.connect() as connection:
            rows = connection.execute(
                text(
                    "SELECT a.url, f.metric, f.kind, f.norm_value, f.norm_unit, f.period, "
                    "f.subject, f.estimate, f.start FROM facts f "
                    "JOIN article_versions v ON v.id = f.version_id "
                    "JOIN articles a ON a.id = v.article_id WHERE f.current "
                    "ORDER BY a.url, f.start"
                )
            ).all()
    finally:
        engine.dispose()
    found: dict[str, list[tuple[object, ...]]] = {}
    for url, *fact in rows:
        found.setdefault(url.split("://", 1)[1], []).append(tuple(fact))
    return found


def test_the_same_page_gives_the_same_facts_from_both_spiders(
    sample_web: SampleServer, tmp_path: Path
) -> None:
    registry_db = f"sqlite:///{tmp_path / 'registry.db'}"
    site_db = f"sqlite:///{tmp_path / 'site.db'}"
    run_crawl("whnanhai", registry_db, args={"sample_port": sample_web.port, "since": SINCE})
    site = run_crawl(
        "site",
        site_db,
        args={"start_url": "http://www.whnanhai.gov.cn/", "sample_port": sample_web.port},
    )
    # No -a place: each page says it (主办：威海南海新区管理委员会, …_威海南海新区).
    assert site.stat("newscrawl/articles") >= 5
    by_registry, by_site = facts_by_page(registry_db), facts_by_page(site_db)
    shared = sorted(set(by_registry) & set(by_site))
    assert len(shared) >= 5
    assert sum(len(by_site[page]) for page in shared) > 20
    for page in shared:
        assert by_site[page] == by_registry[page], page


def test_place_argument_wins_over_the_sites_words(sample_web: SampleServer, tmp_path: Path) -> None:
    db = f"sqlite:///{tmp_path / 'site.db'}"
    run = run_crawl(
        "site",
        db,
        args={
            "start_url": "http://jiaozhou-news.example/",
            "sample_port": sample_web.port,
            "place": "胶州市",
        },
    )
    assert run.stat("newscrawl/articles") >= 3
    subjects = {fact[5] for facts in facts_by_page(db).values() for fact in facts}
    assert "胶州市" in subjects
