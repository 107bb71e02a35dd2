"""The regions dataset and the resolution of place names (pipelines.regions)."""

from __future__ import annotations

import tomllib
from datetime import date
from importlib import resources

import pytest

from pipelines.facts import extract_facts
from pipelines.facts.places import article_place, classify_subject
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
from pipelines.regions.build import convert


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


# --- regions of facts: the article's own place and each subject ------------------------------

APRIL = date(2026, 4, 20)


def regions_of(text: str, **context: str | None) -> list[tuple[object, ...]]:
    """(value, subject, entity_kind, region_code, region) of each fact of ``text``."""
    facts = extract_facts(text, published=APRIL, **context)
    return [(f.value, f.subject, f.entity_kind, f.region_code, f.region) for f in facts]


def test_short_and_full_names_of_a_zone_resolve_to_its_district() -> None:
    text = "一季度，青岛西海岸新区签约项目58个。\n一季度，西海岸新区新开工项目155个。"
    assert [row[3:] for row in regions_of(text, place="青岛市")] == [
        ("370211", "黄岛区"),
        ("370211", "黄岛区"),
    ]


def test_own_place_words_resolve_to_the_sites_place_as_fallback() -> None:
    assert regions_of("一季度，全区签约项目58个。", place="青岛西海岸新区") == [
        (58, "青岛西海岸新区", "zone", "370211", "黄岛区")
    ]
    assert regions_of("一季度，全区签约项目12个。", place="威海南海新区")[0][3] == "371003"


def test_a_reprint_keeps_the_storys_place() -> None:
    story = "一季度，全区签约项目58个。\n来源：即墨区融媒体中心"
    # Carried by the West Coast's site, the story is still 即墨区's.
    assert regions_of(story, place="青岛西海岸新区") == [
        (58, "即墨区", "region", "370215", "即墨区")
    ]
    dateline = "即墨区融媒体中心讯 一季度，全区签约项目58个。"
    assert regions_of(dateline, place="青岛西海岸新区")[0][3] == "370215"
    # The original outlet as the page states it (来源 in the page's header).
    assert regions_of(
        "一季度，全市签约项目30个。", place="青岛西海岸新区", source="胶州市融媒体中心"
    )[0][3:] == ("370281", "胶州市")
    # The city paper's 全区 story is the district's it names.
    city = "本报讯 一季度，黄岛区签约项目64个。\n全区新开工项目72个。"
    assert [row[3] for row in regions_of(city, place="青岛市")] == ["370211", "370211"]


def test_the_same_page_gives_the_same_regions_whatever_site_carries_it() -> None:
    story = "西海岸新闻网讯 一季度，全区签约项目58个，总投资268亿元。"
    by_site = [regions_of(story, place=place) for place in ("青岛西海岸新区", "青岛市", None)]
    assert by_site[0] == by_site[1] == by_site[2]
    assert by_site[0][0][3] == "370211"


def test_respectively_pairs_names_with_figures_in_order() -> None:
    text = "一季度，城阳区、即墨区分别签约项目58个、51个，分别增长12%、15%。"
    assert [(row[0], row[1], row[3]) for row in regions_of(text, place="青岛市")] == [
        (58, "城阳区", "370214"),
        (51, "即墨区", "370215"),
        (12, "城阳区", "370214"),
        (15, "即墨区", "370215"),
    ]


@pytest.mark.parametrize(
    ("text", "subject", "kind"),
    [
        ("一季度，青岛某智能装备有限公司实现营业收入12亿元。", "青岛某智能装备有限公司", "company"),
        ("一季度，各区市累计签约项目312个。", "各区市", "other"),
        ("一季度，泽头镇签约项目3个。", "泽头镇", "region"),  # a town: not in the dataset
        ("一季度，高新区集成电路产业园新签约项目5个。", "高新区集成电路产业园", "park"),
    ],
)
def test_non_regions_and_unknown_places_keep_their_name_and_no_code(
    text: str, subject: str, kind: str
) -> None:
    ((_, found_subject, found_kind, code, region),) = regions_of(text, place="青岛西海岸新区")
    assert (found_subject, found_kind, code, region) == (subject, kind, None, None)


def test_functional_zone_without_its_city_resolves_in_the_articles_city() -> None:
    ((_, subject, kind, code, _),) = regions_of("一季度，高新区签约项目9个。", place="青岛市")
    assert (subject, kind, code) == ("高新区", "zone", "370200")
    ((_, _, kind, code, region),) = regions_of("一季度，上合示范区签约项目9个。", place="青岛市")
    assert (kind, code, region) == ("zone", "370281", "胶州市")


def test_subject_kinds_from_their_names() -> None:
    place = article_place("", None, "青岛西海岸新区")
    assert classify_subject("海洋装备产业", place) == ("industry", None)
    assert classify_subject("董家口港区疏港铁路项目", place) == ("project", None)
    assert classify_subject("产业区", place) == ("other", None)
    assert classify_subject(None, place) == (None, None)
    kind, found = classify_subject("青岛市黄岛区", place)
    assert (kind, found.code) == ("region", "370211")


def test_build_converts_the_packages_twelve_digit_codes() -> None:
    rows = [
        ("110000000000", "北京市"),
        ("110100000000", "北京市"),  # the municipality's repeat: dropped
        ("110105000000", "朝阳区"),
        ("370000000000", "山东省"),
        ("370200000000", "青岛市"),
        ("370211000000", "黄岛区"),
        ("420000000000", "湖北省"),
        ("429004000000", "仙桃市"),  # governed by the province
        ("990000000000", "苏鲁交界"),  # not a GB/T 2260 province
        ("820010000000", "澳门特别行政区直辖"),  # a placeholder
    ]
    assert convert(rows) == [
        ("110000", "北京市", "", "province"),
        ("110105", "朝阳区", "110000", "county"),
        ("370000", "山东省", "", "province"),
        ("370200", "青岛市", "370000", "prefecture"),
        ("370211", "黄岛区", "370200", "county"),
        ("420000", "湖北省", "", "province"),
        ("429004", "仙桃市", "420000", "county"),
    ]
