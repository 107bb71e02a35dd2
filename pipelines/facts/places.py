"""The article's own place, and what each fact's subject is (region, zone, company…).

The own place is what 全区/全市/我区 and figures without a named subject refer to. It is the
story's place, decided from the article itself first — the dateline (西海岸新闻网讯, 即墨区融媒体
中心讯), a 来源 line or the original source naming a place or a place's outlet — and the
registry's place of the carrying site only as a fallback: a reprint on another site keeps
the story's place. An article that speaks of 全区 while its place is a city is about the
district it names most.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

import lxml.html
from lxml import etree

from pipelines.regions import Resolution, division, find_places, resolve

_LEVEL_DEPTH = {"province": 0, "prefecture": 1, "county": 2}

# The outlet before 讯/电/消息 at the very start of the text: "西海岸新闻网讯（记者…）".
_DATELINE_RE = re.compile(r"^[\s【\[（(]*(?P<outlet>[^，。；：:\s（(【\]】]{2,30}?)(?:讯|电|消息)")
_SOURCE_RE = re.compile(r"(?:来源|来自|转载自|稿源)[:：]\s*(?P<outlet>[^\s，。；|]{2,30})")
_COUNTY_DEIXIS_RE = re.compile(r"(?:全|我|本|该)区")
_COMPANY_SUFFIXES = ("公司", "集团", "有限公司", "股份", "厂")
_PARK_SUFFIXES = ("产业园", "工业园", "科技园", "园区", "基地", "园", "小镇", "中心", "港")
_ZONE_SUFFIXES = ("新区", "开发区", "高新区", "经济区", "示范区", "保税区", "保税港区", "综保区",
                  "自贸区", "片区", "合作区", "试验区")  # fmt: skip
_INDUSTRY_SUFFIXES = ("产业", "产业链", "行业", "产业集群")
_PLACE_SUFFIXES = ("省", "市", "区", "县", "镇", "乡", "街道")


@dataclass(frozen=True, slots=True)
class ArticlePlace:
    written: str  # the name 全区/全市 stand for, as a subject: 青岛西海岸新区, 即墨区
    resolution: Resolution | None
    origin: str  # "dateline", "source", "registry" or "body"


def _place_in(outlet: str, within: str | None) -> Resolution | None:
    found = find_places(outlet, within=within, short=True)
    return found[-1][2] if found else None  # 山东青岛即墨讯: the last is the most specific


def _written(resolution: Resolution) -> str:
    return resolution.zone or resolution.name


def article_place(
    text: str, source: str | None = None, registry_place: str | None = None
) -> ArticlePlace | None:
    """The place the article reports on; None when neither the text nor the registry says."""
    registry = resolve(registry_place) if registry_place else None
    within = registry.code if registry else None
    place: ArticlePlace | None = None
    head = text.lstrip()[:60]
    dateline = _DATELINE_RE.match(head)
    if dateline and (found := _place_in(dateline["outlet"], within)):
        place = ArticlePlace(_written(found), found, "dateline")
    if place is None:
        outlets = [match["outlet"] for match in _SOURCE_RE.finditer(text)]
        for outlet in [*outlets, source or ""]:
            if outlet and (found := _place_in(outlet, within)):
                place = ArticlePlace(_written(found), found, "source")
                break
    if place is None or (registry is not None and place.resolution == registry):
        # The registry's own spelling of the same place (西海岸新区 for 青岛西海岸新区) stays.
        place = ArticlePlace(registry_place, registry, "registry") if registry_place else place
    if place is not None and _COUNTY_DEIXIS_RE.search(text):
        district = _district_named_most(text, place.resolution)
        if district is not None:
            place = ArticlePlace(_written(district), district, "body")
    return place


def _district_named_most(text: str, place: Resolution | None) -> Resolution | None:
    """The county-level division a city-level article that says 全区 names most, if one."""
    if place is None:
        return None
    level = division(place.code)
    if level is None or level.level == "county":
        return None
    counts: Counter[str] = Counter()
    first: dict[str, Resolution] = {}
    for _, _, found in find_places(text, within=place.code):
        item = division(found.code)
        if (
            item is not None
            and item.level == "county"
            and item.code.startswith(place.code.rstrip("0"))
        ):
            counts[found.code] += 1
            first.setdefault(found.code, found)
    ranked = counts.most_common(2)
    if not ranked or (len(ranked) > 1 and ranked[1][1] == ranked[0][1]):
        return None
    return first[ranked[0][0]]


def classify_subject(
    subject: str | None, place: ArticlePlace | None
) -> tuple[str | None, Resolution | None]:
    """(entity_kind, resolution) of a subject as written; only places get a resolution."""
    if not subject:
        return None, None
    if place is not None and subject == place.written:
        kind = place.resolution.kind if place.resolution else _kind_by_suffix(subject)
        return kind, place.resolution
    if subject.endswith(_COMPANY_SUFFIXES):
        return "company", None
    if subject.endswith("项目"):
        return "project", None
    within = place.resolution.code if place and place.resolution else None
    found = resolve(subject, within=within)
    if found is None and within and subject.endswith(_ZONE_SUFFIXES):
        # 高新区 in a Qingdao article is 青岛高新区: try the zone under the place's city.
        found = _zone_of_city(subject, within)
    if found is not None:
        return found.kind, found
    return _kind_by_suffix(subject), None


def _zone_of_city(subject: str, within: str) -> Resolution | None:
    item = division(within)
    while item is not None and item.level == "county" and item.parent_code:
        item = division(item.parent_code)
    if item is None:
        return None
    for prefix in (item.name, item.name[:-1]):
        found = resolve(prefix + subject)
        if found is not None and found.kind == "zone":
            return found
    return None


def _kind_by_suffix(subject: str) -> str:
    if subject.startswith("各") or subject in ("产业区", "园区", "城区"):
        return "other"
    if subject.endswith(_ZONE_SUFFIXES):
        return "zone"
    if subject.endswith(_PARK_SUFFIXES):
        return "park"
    if subject.endswith(_INDUSTRY_SUFFIXES):
        return "industry"
    if subject.endswith(_PLACE_SUFFIXES):
        return "region"
    return "other"


# Where a page names its site's owner: the footer (主办, 版权所有).
FOOTER_XPATH = (
    "//footer//text() | //*[contains(@class, 'foot') or contains(@id, 'foot')"
    " or contains(@class, 'copyright') or contains(@id, 'copyright')]//text()"
)
# The separator before the site's name in a page title: "…总投资146亿元 - 胶州新闻", "…_威海南海新区".
_TITLE_SITE_RE = re.compile(r"(?:\s[-|—–]\s?|_|\||-)(?P<site>[^-_|—–]{2,30})\s*$")


# Who runs the site, in its footer: "主办：威海南海新区管理委员会".
_SPONSOR_RE = re.compile(r"主办(?:单位)?\s*[:：]\s*(?P<sponsor>[^\s:：，,|]{2,30})")
# What a site's name adds to a place when the site is the place's own: 胶州新闻, 即墨发布.
_OUTLET_WORDS = ("新闻", "日报", "晚报", "发布", "融媒", "在线", "网", "政府", "政务", "门户",
                 "电视", "广播", "手机报")  # fmt: skip


def page_place(html: str) -> str | None:
    """The place a page's site names in its own words: the sponsor in its footer (主办：…),
    else the site's name at the end of its title when it is a place or a place's outlet
    ("…_威海南海新区", "… - 胶州新闻"), never the headline before it, nor an address or a
    word that merely starts like a place (振兴东北, 北京大学).

    Used for pages of a site without a registry place, at crawl time and by ``newscrawl
    reparse`` alike, so both give the same facts.
    """
    try:
        tree = lxml.html.fromstring(html)
    except (etree.ParserError, ValueError):
        return None
    sponsor = _SPONSOR_RE.search(" ".join(tree.xpath(FOOTER_XPATH)))
    if sponsor and (place := site_place(sponsor["sponsor"])):
        return place
    title = " ".join(tree.xpath("//title//text()")).strip()
    match = _TITLE_SITE_RE.search(title)
    if match is None:
        return None
    site = match["site"].strip()
    found = find_places(site, short=True, county_short=True)
    if not found or found[0][0] != 0:
        return None
    rest = site[found[-1][1] :]
    return _written(found[-1][2]) if not rest or rest.startswith(_OUTLET_WORDS) else None


def site_place(*texts: str | None) -> str | None:
    """The place a site reports on, from its own words: the title, then the footer.

    "威海南海新区_威海南海新区" → 威海南海新区, "首页 - 胶州新闻" → 胶州市, a footer "主办：青岛市
    即墨区人民政府" → 即墨区: the most specific division named in the first text that names
    one, as a subject would write it (a zone by its name). None when none does.
    """
    for text in texts:
        if not text:
            continue
        found = [hit for _, _, hit in find_places(text, short=True, county_short=True)]
        if found:
            best = max(found, key=lambda hit: _LEVEL_DEPTH[_level(hit)])
            return _written(best)
    return None


def _level(resolution: Resolution) -> str:
    item = division(resolution.code)
    return item.level if item else "province"
