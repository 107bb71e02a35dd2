"""``newscrawl diff``: the text diff and the changed facts between versions."""

from __future__ import annotations

from datetime import timedelta

import pytest

from archive.store import Archive
from newscrawl.cli import main
from newscrawl.commands.diff import fact_changes, inline_changes, text_diff
from tests.support.dedup import FETCHED_AT, ORIGINAL, ORIGINAL_URL, make_item

FACT = {
    "metric": "新开工项目",
    "kind": "level",
    "value": 155,
    "unit": "个",
    "norm_value": 155,
    "norm_unit": "个",
    "approx": None,
    "basis": None,
    "period": "2022-Q1",
    "subject": "西海岸新区",
    "estimate": False,
    "condition": False,
    "start": 40,
    "end": 44,
}
INVESTMENT = {
    **FACT,
    "metric": "总投资",
    "value": 421,
    "unit": "亿元",
    "norm_value": 42100000000,
    "norm_unit": "元",
}
GROWTH = {
    **FACT,
    "kind": "change_pct",
    "value": 21.1,
    "unit": "%",
    "norm_value": 21.1,
    "norm_unit": "%",
    "basis": "yoy",
}


def test_fact_changes_pairs_figures_by_what_they_measure() -> None:
    corrected = {**FACT, "value": 156, "norm_value": 156}
    land = {
        **FACT,
        "metric": "供应土地",
        "value": 3260,
        "unit": "亩",
        "norm_value": 3260,
        "norm_unit": "亩",
    }
    changes = fact_changes([FACT, INVESTMENT, GROWTH], [corrected, INVESTMENT, land])
    rendered = [change.render() for change in changes]
    assert sorted(rendered) == [
        "+ 供应土地 [level, 2022-Q1, 西海岸新区]: 3260亩",
        "- 新开工项目 [change_pct, 2022-Q1, 西海岸新区, yoy]: 21.1%",
        "~ 新开工项目 [level, 2022-Q1, 西海岸新区]: 155个 → 156个",
    ]
    assert fact_changes([FACT, INVESTMENT], [INVESTMENT, FACT]) == []


def test_text_diff_and_inline_changes() -> None:
    edited = ORIGINAL.replace("3260亩", "3300亩")
    diff = text_diff(ORIGINAL, edited, "v1", "v2", context=0)
    assert diff[:2] == ["--- v1", "+++ v2"]
    assert [line[0] for line in diff[3:]] == ["-", "+"]
    assert list(inline_changes(ORIGINAL, edited)) == [
        "…工项目供应土地3[-26-]{+30+}0亩，协调解决用…"
    ]


@pytest.fixture
def edited_archive(archive_url: str) -> str:
    archive = Archive.from_url(archive_url, upgrade=True)
    archive.save_article(make_item(ORIGINAL_URL, ORIGINAL, facts=[FACT, INVESTMENT, GROWTH]))
    edited = ORIGINAL.replace("一季度全区新开工项目155个", "一季度全区新开工项目156个")
    archive.save_article(
        make_item(
            ORIGINAL_URL,
            edited,
            fetched_at=FETCHED_AT + timedelta(days=1),
            facts=[{**FACT, "value": 156, "norm_value": 156}, INVESTMENT, GROWTH],
        )
    )
    archive.close()
    return archive_url


def test_diff_command_by_url(edited_archive: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["diff", ORIGINAL_URL + "?utm_source=wechat", "--db", edited_archive]) == 0
    out = capsys.readouterr().out
    assert "(2 versions)" in out
    assert "--- version 1 (fetched 2022-04-05 08:00Z)" in out
    assert "+++ version 2 (fetched 2022-04-06 08:00Z)" in out
    assert "-本报讯（记者 董梅雪）" in out and "+本报讯（记者 董梅雪）" in out
    assert "新开工项目15[-5-]{+6+}个" in out
    assert "facts: 1 changed" in out
    assert "~ 新开工项目 [level, 2022-Q1, 西海岸新区]: 155个 → 156个" in out


def test_diff_command_by_id_and_version_options(
    edited_archive: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["diff", "1", "--to", "2", "--db", edited_archive]) == 0
    by_version = capsys.readouterr().out
    assert main(["diff", "1", "--from", "1", "--to", "2", "--db", edited_archive]) == 0
    assert capsys.readouterr().out == by_version
    assert main(["diff", "1", "--all", "--db", edited_archive]) == 0
    assert capsys.readouterr().out == by_version


def test_diff_command_errors(edited_archive: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["diff", "http://nowhere.example/1.html", "--db", edited_archive]) == 1
    assert "no archived article" in capsys.readouterr().err
    assert main(["diff", "1", "--to", "5", "--db", edited_archive]) == 1
    assert "has no version 4" in capsys.readouterr().err
