"""The regions dataset and the resolution of place names (pipelines.regions)."""

from __future__ import annotations

import tomllib
from importlib import resources

import pytest

from pipelines.regions import (
    Division,
    ancestors,
    descendants,
    division,
    divisions,
    find_places,
    is_within,
    resolve,
)


def test_dataset_is_the_whole_country_to_county_level() -> None:
    rows = list(divisions())
    levels = {
        level: sum(item.level == level for item in rows)
        for level in ("province", "prefecture", "county")
    }
    # 23 provinces (with 台湾省), 5 autonomous regions, 4 municipalities, 2 SARs.
    assert levels["province"] == 34
    assert levels["prefecture"] > 330
    assert levels["county"] > 2800
    codes = [item.code for item in rows]
    assert len(codes) == len(set(codes))
    assert all(len(code) == 6 and code.isdigit() for code in codes)
    by_code = {item.code: item for item in rows}
    # Every parent exists, and a child's code starts with its province's two digits.
    for item in rows:
        if item.parent_code is not None:
            assert item.parent_code in by_code
            assert item.code[:2] == item.parent_code[:2]


def test_division_lookup_and_tree() -> None:
    assert division("370211") == Division("370211", "黄岛区", "370200", "county")
    assert division("370200").name == "青岛市"
    assert division("999999") is None
    qingdao = {item.name for item in descendants("370200")}
    assert {"黄岛区", "即墨区", "城阳区", "胶州市", "平度市", "莱西市"} <= qingdao
    assert "文登区" not in qingdao
    assert [item.name for item in ancestors("370211")] == ["青岛市", "山东省"]
    assert is_within("370211", "370000") and not is_within("370211", "371000")
    # A municipality's districts hang from the province-level code (no 北京市 twice).
    assert division("110105").parent_code == "110000"
    # A county-level city under a province directly (省直辖县级行政区划).
    assert division("429004").parent_code == "420000"


@pytest.mark.parametrize(
    ("name", "code", "kind"),
    [
        ("黄岛区", "370211", "region"),
        ("青岛市", "370200", "region"),
        ("青岛", "370200", "region"),
        ("即墨", "370215", "region"),
        ("山东省青岛市黄岛区", "370211", "region"),
        ("青岛市即墨区", "370215", "region"),
        ("青岛西海岸新区", "370211", "zone"),
        ("西海岸新区", "370211", "zone"),
        ("青岛经济技术开发区", "370211", "zone"),
        ("上合示范区", "370281", "zone"),
        ("威海南海新区", "371003", "zone"),
        ("南海新区", "371003", "zone"),
        ("青岛高新区", "370200", "zone"),  # spans several districts: the city
        ("广西", "450000", "region"),
    ],
)
def test_resolve_names(name: str, code: str, kind: str) -> None:
    found = resolve(name)
    assert found is not None
    assert (found.code, found.kind) == (code, kind)
    assert found.name == division(code).name


def test_ambiguous_names_need_context_and_unknown_stay_null() -> None:
    assert resolve("朝阳区") is None  # Beijing and Changchun and Chaoyang city all have one
    assert resolve("朝阳区", within="110000").code == "110105"
    assert resolve("江北区", within="330200").code == "330205"
    assert resolve("火星区") is None
    assert resolve("各区市") is None
    assert resolve("") is None


def test_every_zone_points_at_a_division() -> None:
    data = tomllib.loads(
        resources.files("pipelines.regions").joinpath("zones.toml").read_text("utf-8")
    )
    assert data["version"]
    for zone in data["zone"]:
        assert division(zone["code"]) is not None, zone["name"]


def test_find_places_in_running_text() -> None:
    text = "青岛西海岸新区融媒体中心讯 即墨区和城阳区的项目，沿中山路"
    found = [(text[start:end], hit.code) for start, end, hit in find_places(text)]
    assert found == [("青岛西海岸新区", "370211"), ("即墨区", "370215"), ("城阳区", "370214")]
    outlet = [hit.code for _, _, hit in find_places("威海日报", short=True)]
    assert outlet == ["371000"]
    assert find_places("沿中山路前行", short=True) == []
