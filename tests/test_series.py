"""Facts as series in a real archive (SQLite and PostgreSQL): the views ``fact_series`` and
``figure_conflicts``, the reference tables, the change feed of ``newscrawl export --since`` and
the consumer commands (series, export, articles)."""

from __future__ import annotations

import csv
import io
import json
from datetime import UTC, datetime
from typing import Any

import pytest
from sqlalchemy import func, select

from archive.export import export_rows
from archive.models import Indicator, Region
from archive.reference import sync_reference_tables
from archive.reparse import reparse_all
from archive.series import SeriesFilter, UnknownFilter, series_rows
from archive.store import Archive
from archive.views import figure_conflicts
from newscrawl import cli
from pipelines.parse import PARSER_VERSION
from tests.support.dedup import (
    ORIGINAL,
    ORIGINAL_URL,
    TEMPLATE_SIBLING,
    UNRELATED,
    make_item,
    reprint_family,
)
from tests.support.series import (
    INDICATORS,
    INVESTMENT,
    NEW_STARTS,
    REGIONS,
    SIBLING_URL,
    UNRELATED_URL,
    fact,
    save_family,
)


def series(archive: Archive, **wanted: Any) -> list[dict[str, Any]]:
    with archive.engine.connect() as connection:
        return list(series_rows(connection, SeriesFilter(**wanted)))


# -- views -----------------------------------------------------------------------------------


def test_fact_series_has_one_row_per_story_for_a_reprinted_figure(archive: Archive) -> None:
    urls = save_family(archive)
    rows = series(archive)
    assert len(rows) == 3
    assert {row["url"] for row in rows} == {ORIGINAL_URL}
    by_indicator = {(row["indicator"], row["estimate"]): row for row in rows}
    repeated = by_indicator["new_starts", False]
    assert repeated["reprints"] == len(urls) - 1
    assert by_indicator["new_starts_investment", False]["reprints"] == 0
    assert by_indicator["new_starts", True]["reprints"] == 0
    assert repeated["period_start"].isoformat() == "2022-01-01"
    assert repeated["period_end"].isoformat() == "2022-03-31"
    assert repeated["region_code"] == "370211"
    assert repeated["norm_value"] == 155
    assert repeated["estimate"] is False
    assert repeated["title"] == "一季度新开工项目155个"


def test_conflict_when_two_articles_disagree(archive: Archive) -> None:
    archive.save_article(make_item(ORIGINAL_URL, ORIGINAL, facts=[NEW_STARTS, INVESTMENT]))
    archive.save_article(
        make_item(
            UNRELATED_URL,
            UNRELATED,
            published="2022-04-02",
            # 156 disagrees; the investment agrees; an approximate figure claims no exact value.
            facts=[fact(156), INVESTMENT, fact(150, approx="近")],
        )
    )
    archive.save_article(
        # Another district's figure for the same quarter is no conflict.
        make_item(SIBLING_URL, TEMPLATE_SIBLING, facts=[fact(87, region_code="370214")])
    )
    with archive.engine.connect() as connection:
        conflicts = [dict(row) for row in connection.execute(select(figure_conflicts)).mappings()]
    assert len(conflicts) == 1
    [conflict] = conflicts
    assert {conflict["value_a"], conflict["value_b"]} == {155, 156}
    assert {conflict["url_a"], conflict["url_b"]} == {ORIGINAL_URL, UNRELATED_URL}
    assert conflict["indicator"] == "new_starts"
    assert conflict["region_code"] == "370211"
    assert conflict["same_story"] is False


def test_no_conflict_when_both_articles_give_the_same_values(archive: Archive) -> None:
    # A total and a part that share an indicator: both articles state both (or one omits one).
    archive.save_article(make_item(ORIGINAL_URL, ORIGINAL, facts=[fact(155), fact(68)]))
    archive.save_article(
        make_item(UNRELATED_URL, UNRELATED, published="2022-04-02", facts=[fact(68), fact(155)])
    )
    archive.save_article(make_item(SIBLING_URL, TEMPLATE_SIBLING, facts=[fact(155)]))
    with archive.engine.connect() as connection:
        assert connection.execute(select(figure_conflicts)).all() == []


def test_conflict_within_a_story(archive: Archive) -> None:
    family = reprint_family()
    family[0].facts = [NEW_STARTS]
    family[1].facts = [fact(165)]  # a reprint with a typo
    for item in family[:2]:
        archive.save_article(item)
    with archive.engine.connect() as connection:
        conflicts = [dict(row) for row in connection.execute(select(figure_conflicts)).mappings()]
    assert [(c["value_a"], c["value_b"], c["same_story"]) for c in conflicts] == [(155, 165, True)]


def test_only_the_latest_version_counts(archive: Archive) -> None:
    archive.save_article(make_item(ORIGINAL_URL, ORIGINAL, facts=[fact(150)]))
    corrected = make_item(
        ORIGINAL_URL, ORIGINAL + "\n（更正）", facts=[NEW_STARTS], fetched_at=datetime.now(UTC)
    )
    assert archive.save_article(corrected).status == "version"
    assert [row["norm_value"] for row in series(archive)] == [155]


# -- reference tables and filters --------------------------------------------------------


def test_upgrade_fills_regions_and_indicators_from_the_shipped_data(archive: Archive) -> None:
    with archive.engine.connect() as connection:
        count = connection.scalar(select(func.count()).select_from(Region))
        huangdao = connection.execute(select(Region).where(Region.code == "370211")).one()
        names = dict(connection.execute(select(Indicator.key, Indicator.name)).all())
    assert count > 3000
    assert names["signed_investment"] == "签约项目总投资"
    assert names["new_starts"] == "新开工项目"
    assert (huangdao.name, huangdao.parent_code, huangdao.level) == ("黄岛区", "370200", "county")
    assert all(archive_region(archive, row["code"]) == row for row in REGIONS)


def archive_region(archive: Archive, code: str) -> dict[str, Any]:
    with archive.engine.connect() as connection:
        return dict(
            connection.execute(select(Region.__table__).where(Region.code == code)).mappings().one()
        )


def test_reference_sync_writes_only_the_difference(archive: Archive) -> None:
    with archive.engine.begin() as connection:
        sync_reference_tables(connection, regions=[], indicators=[])
        first = sync_reference_tables(connection, regions=REGIONS, indicators=INDICATORS)
        again = sync_reference_tables(connection, regions=REGIONS, indicators=INDICATORS)
        renamed = [dict(r, name="黄岛区（新）") if r["code"] == "370211" else r for r in REGIONS]
        changed = sync_reference_tables(connection, regions=renamed[:-1], indicators=INDICATORS)
        names = dict(connection.execute(select(Region.code, Region.name)).all())
        indicators = connection.scalar(select(func.count()).select_from(Indicator))
    assert (first["regions"].inserted, first["indicators"].inserted) == (5, 2)
    assert again["regions"] == again["indicators"] == type(again["regions"])(0, 0, 0)
    assert (changed["regions"].updated, changed["regions"].deleted) == (1, 1)
    assert names["370211"] == "黄岛区（新）" and "371000" not in names
    assert indicators == 2


def test_a_region_includes_everything_under_it(archive: Archive) -> None:
    archive.save_article(make_item(ORIGINAL_URL, ORIGINAL, facts=[NEW_STARTS]))
    archive.save_article(
        make_item(SIBLING_URL, TEMPLATE_SIBLING, facts=[fact(87, region_code="370214")])
    )
    for region, expected in [
        ("青岛市", {155, 87}),
        ("青岛", {155, 87}),
        ("西海岸新区", {155}),
        ("370200", {155, 87}),
        ("山东省", {155, 87}),
        ("黄岛区", {155}),
        ("城阳区", {87}),
        ("威海市", set()),
    ]:
        assert {row["norm_value"] for row in series(archive, region=region)} == expected, region
    with pytest.raises(UnknownFilter):
        series(archive, region="不存在县")


def test_indicator_by_key_or_name_and_dates(archive: Archive) -> None:
    save_family(archive)
    assert len(series(archive, indicator="new_starts")) == 2
    assert len(series(archive, indicator="新开工项目总投资")) == 1
    quarter = series(archive, start=datetime(2022, 1, 1).date(), end=datetime(2022, 3, 31).date())
    assert {row["indicator"] for row in quarter} == {"new_starts", "new_starts_investment"}
    with pytest.raises(UnknownFilter):
        series(archive, indicator="GDP增速")


# -- change feed ---------------------------------------------------------------------------


def exported(archive: Archive, table: str, since: datetime | None) -> list[dict[str, Any]]:
    with archive.engine.connect() as connection:
        return list(export_rows(connection, table, since))  # type: ignore[arg-type]


def test_export_since_returns_exactly_the_rows_changed_after_t(archive: Archive) -> None:
    archive.save_article(make_item(ORIGINAL_URL, ORIGINAL, facts=[NEW_STARTS, INVESTMENT]))
    archive.save_article(make_item(SIBLING_URL, TEMPLATE_SIBLING, facts=[fact(87)]))
    t = datetime.now(UTC)
    # After T: a new version of the original and a new article.
    archive.save_article(
        make_item(ORIGINAL_URL, ORIGINAL + "\n（更正）", facts=[fact(156), INVESTMENT])
    )
    archive.save_article(
        make_item(UNRELATED_URL, UNRELATED, published="2022-04-02", facts=[fact(4600)])
    )

    versions = exported(archive, "versions", t)
    assert sorted((v["url"], v["version"]) for v in versions) == [
        (ORIGINAL_URL, 2),
        (UNRELATED_URL, 1),
    ]
    assert all(v["parsed_at"] > t for v in versions)
    facts = exported(archive, "facts", t)
    assert sorted(f["norm_value"] for f in facts) == [156, 4600, 4.21e10]
    assert {a["url"] for a in exported(archive, "articles", t)} == {ORIGINAL_URL, UNRELATED_URL}
    assert {s["url"] for s in exported(archive, "series", t)} == {ORIGINAL_URL, UNRELATED_URL}
    # Without --since: everything.
    assert len(exported(archive, "versions", None)) == 4
    assert len(exported(archive, "articles", None)) == 3
    assert exported(archive, "versions", datetime.now(UTC)) == []


def test_export_since_returns_the_versions_a_reparse_changed(archive: Archive) -> None:
    def stored(url: str, text: str, parser_version: str) -> None:
        html = f"<html><head><title>{text[:20]}</title></head><body><p>{text}</p></body></html>"
        item = make_item(url, text, facts=[fact(1)], raw_body=html.encode(), encoding="utf-8")
        item.parser_version = parser_version
        archive.save_article(item)

    stored(ORIGINAL_URL, ORIGINAL, "parser-0")
    stored(UNRELATED_URL, UNRELATED, PARSER_VERSION)  # already current: not re-parsed
    t = datetime.now(UTC)
    results = list(reparse_all(archive))
    assert [r.version_id for r in results if r.changed] == [1]
    assert [v["url"] for v in exported(archive, "versions", t)] == [ORIGINAL_URL]
    assert {f["version_id"] for f in exported(archive, "facts", t)} == {1}
    assert [a["url"] for a in exported(archive, "articles", t)] == [ORIGINAL_URL]


# -- commands ----------------------------------------------------------------------------------


def run_cli(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    status = cli.main(list(argv))
    captured = capsys.readouterr()
    return status, captured.out, captured.err


def test_series_command_formats(
    archive: Archive, archive_url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    save_family(archive)
    status, out, _ = run_cli(
        capsys, "series", "--db", archive_url, "--region", "青岛市", "--format", "jsonl"
    )
    assert status == 0
    rows = [json.loads(line) for line in out.splitlines()]
    assert len(rows) == 3 and rows[0]["period_start"] == "2022-01-01"
    status, out, _ = run_cli(
        capsys, "series", "--db", archive_url, "--indicator", "新开工项目", "--format", "csv"
    )
    table = list(csv.DictReader(io.StringIO(out)))
    assert status == 0 and len(table) == 2 and {r["reprints"] for r in table} == {"0", "6"}
    status, out, _ = run_cli(capsys, "series", "--db", archive_url, "--to", "2022-03-31")
    lines = out.splitlines()
    assert status == 0 and lines[0].startswith("published") and len(lines) == 2 + 2
    assert "黄岛区" in lines[2]


def test_series_command_errors(
    archive: Archive, archive_url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    status, _, err = run_cli(capsys, "series", "--db", archive_url, "--region", "火星市")
    assert status == 2 and err.count("\n") == 1 and "火星市" in err
    status, _, err = run_cli(capsys, "series", "--db", archive_url)
    assert status == 0 and "no figures" in err


def test_export_and_articles_commands(
    archive: Archive, archive_url: str, capsys: pytest.CaptureFixture[str], tmp_path
) -> None:
    save_family(archive)
    out_file = tmp_path / "facts.csv"
    status, _, err = run_cli(
        capsys, "export", "facts", "--db", archive_url, "--format", "csv", "-o", str(out_file)
    )
    rows = list(csv.DictReader(out_file.open(encoding="utf-8")))
    assert status == 0 and len(rows) == 3 + 6 and "9 facts rows" in err
    status, out, _ = run_cli(
        capsys, "export", "versions", "--db", archive_url, "--since", "2999-01-01"
    )
    assert status == 0 and out == ""
    status, out, _ = run_cli(
        capsys, "articles", "--db", archive_url, "--search", "155", "--format", "jsonl"
    )
    [article] = [json.loads(line) for line in out.splitlines()]
    assert status == 0 and article["url"] == ORIGINAL_URL and article["versions"] == 1
    status, out, _ = run_cli(capsys, "articles", "--db", archive_url, "--source", "test")
    assert status == 0 and len(out.splitlines()) == 2 + 7


def test_export_parquet(
    archive: Archive, archive_url: str, capsys: pytest.CaptureFixture[str], tmp_path
) -> None:
    pq = pytest.importorskip("pyarrow.parquet")
    save_family(archive)
    target = tmp_path / "series.parquet"
    status, _, _ = run_cli(
        capsys, "export", "series", "--db", archive_url, "--format", "parquet", "-o", str(target)
    )
    table = pq.read_table(target)
    assert status == 0 and table.num_rows == 3
    assert str(table.schema.field("period_start").type) == "date32[day]"
    assert str(table.schema.field("estimate").type) == "bool"
