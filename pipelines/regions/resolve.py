"""Place names to divisions: full and short names, name chains, functional zones.

``resolve`` takes one name as written (西海岸新区, 青岛市黄岛区, 即墨, 威海南海新区) and returns the
most specific division it denotes, or None when the name is unknown or ambiguous: a wrong code
is worse than none. ``within`` (the code of the article's own place) settles names that several
divisions share (市北区, 江北区, 朝阳区): the candidate nearest to it wins.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from functools import cache, lru_cache
from importlib import resources

from pipelines.regions.divisions import ancestors, division, divisions, is_within

# Suffixes dropped to make a division's short name (黄岛区 → 黄岛, 青岛市 → 青岛).
_SHORT_SUFFIXES = ("特别行政区", "自治区", "自治州", "自治县", "自治旗", "地区", "新区", "林区",
                   "省", "市", "区", "县", "盟", "旗")  # fmt: skip
# An ethnic name before 自治区/自治州/自治县 (广西壮族自治区 → 广西, 延边朝鲜族自治州 → 延边).
_ETHNIC_RE = re.compile(r"^(.{2,}?)(?:[\u4e00-\u9fff]{1,5}族)+$")
_MAX_NAME = 24


@dataclass(frozen=True, slots=True)
class Resolution:
    code: str  # the division's GB/T 2260 code
    name: str  # the division's official name (黄岛区 for 西海岸新区)
    kind: str  # "region" for a division named as such, "zone" for a functional zone
    zone: str | None = None  # the zone's official name (青岛西海岸新区) when kind is "zone"


@dataclass(frozen=True, slots=True)
class _Index:
    full: dict[str, tuple[str, ...]]  # official name → codes
    short: dict[str, tuple[str, ...]]  # short name → codes
    zones: dict[str, tuple[str, str]]  # zone name or alias → (administering code, zone name)
    zones_version: str


def short_name(name: str) -> str | None:
    """黄岛区 → 黄岛, 广西壮族自治区 → 广西; None when nothing of two characters is left."""
    for suffix in _SHORT_SUFFIXES:
        if name.endswith(suffix):
            stem = name[: -len(suffix)]
            if suffix.startswith("自治"):
                match = _ETHNIC_RE.match(stem)
                stem = match.group(1) if match else stem
            return stem if len(stem) >= 2 else None
    return None


@cache
def _index() -> _Index:
    full: dict[str, list[str]] = {}
    short: dict[str, list[str]] = {}
    for item in divisions():
        full.setdefault(item.name, []).append(item.code)
        stem = short_name(item.name)
        if stem and stem != item.name:
            short.setdefault(stem, []).append(item.code)
    raw = resources.files(__package__).joinpath("zones.toml").read_text(encoding="utf-8")
    data = tomllib.loads(raw)
    zones: dict[str, tuple[str, str]] = {}
    for zone in data["zone"]:
        for alias in (zone["name"], *zone.get("aliases", ())):
            zones[alias] = (zone["code"], zone["name"])
    return _Index(
        {name: tuple(codes) for name, codes in full.items()},
        {name: tuple(codes) for name, codes in short.items()},
        zones,
        data["version"],
    )


def zones_version() -> str:
    return _index().zones_version


def zone_names() -> dict[str, str]:
    """Every zone name and alias with the code of the division that administers it."""
    return {alias: code for alias, (code, _) in _index().zones.items()}


def _pick(codes: tuple[str, ...], within: str | None) -> str | None:
    """The one code meant: the single candidate, else the one nearest to ``within``."""
    if len(codes) == 1:
        return codes[0]
    if not codes or within is None:
        return None
    scopes = [within, *(item.code for item in ancestors(within))]
    for scope in scopes:
        hits = [code for code in codes if is_within(code, scope)]
        if len(hits) == 1:
            return hits[0]
        if hits:
            return None
    return None


def _single(name: str, within: str | None) -> Resolution | None:
    index = _index()
    if name in index.zones:
        code, zone = index.zones[name]
        return Resolution(code, _name(code), "zone", zone)
    code = _pick(index.full.get(name, ()), within)
    if code is None:
        code = _pick(index.short.get(name, ()), within)
    return Resolution(code, _name(code), "region") if code else None


def _name(code: str) -> str:
    found = division(code)
    return found.name if found else code


@lru_cache(maxsize=8192)  # subjects repeat across a crawl; the table never changes in a process
def resolve(name: str, *, within: str | None = None) -> Resolution | None:
    """The division ``name`` denotes, or None when unknown or ambiguous.

    Tried in order: a zone of the alias table, a full or short division name, then a chain of
    names read from the left (山东省青岛市黄岛区, 青岛黄岛区, 青岛市西海岸新区), each part resolved
    inside the one before.
    """
    name = re.sub(r"\s", "", name)
    if not name or len(name) > _MAX_NAME:
        return None
    found = _single(name, within)
    if found is not None:
        return found
    # A chain: the longest known head, then the rest inside it.
    for cut in range(len(name) - 1, 1, -1):
        head = _single(name[:cut], within)
        if head is None or head.kind == "zone":
            continue
        rest = resolve(name[cut:], within=head.code)
        if rest is not None and is_within(rest.code, head.code):
            return rest
    return None


@cache
def _lexicon(short: str | None) -> dict[str, tuple[str, ...]]:
    """Division names looked for in running text: full names of three characters or more
    (城区, 郊区 and 矿区 are words before they are names) and short names: with ``short``
    "upper" those of provinces and prefectures (青岛日报, 山东), with "all" county-level ones
    too (胶州新闻). Zones are looked up beside them.
    """
    index = _index()
    lexicon: dict[str, tuple[str, ...]] = {}
    if short:
        for stem, codes in index.short.items():
            kept = tuple(code for code in codes if short == "all" or code.endswith("00"))
            if kept:
                lexicon[stem] = kept
    for name, codes in index.full.items():
        if len(name) >= 3:
            lexicon[name] = codes
    return lexicon


@cache
def _sizes(short: str | None) -> dict[str, tuple[int, ...]]:
    """For each character a name can start with, the lengths of those names, longest first:
    most positions of a text are skipped at once, and the others try only real lengths."""
    sizes: dict[str, set[int]] = {}
    for name in (*_lexicon(short), *_index().zones):
        sizes.setdefault(name[0], set()).add(len(name))
    return {char: tuple(sorted(found, reverse=True)) for char, found in sizes.items()}


# After a short name these make it a street or a word, not a place: 中山路, 长安街.
_NOT_AFTER_SHORT = frozenset("路街巷道号桥")


def find_places(
    text: str, *, within: str | None = None, short: bool = False, county_short: bool = False
) -> list[tuple[int, int, Resolution]]:
    """Place names in running text, longest match first, left to right, each resolved.

    ``short`` also finds short names of provinces and prefectures (for outlet names like
    青岛日报), ``county_short`` those of county-level divisions too (a site's title: 胶州新闻);
    names that stay ambiguous in the ``within`` context are skipped.
    """
    index = _index()
    mode = "all" if county_short else "upper" if short else None
    lexicon = _lexicon(mode)
    sizes = _sizes(mode)
    found: list[tuple[int, int, Resolution]] = []
    position = 0
    while position < len(text):
        for size in sizes.get(text[position], ()):
            if size < 2 or position + size > len(text):
                continue
            candidate = text[position : position + size]
            resolution: Resolution | None = None
            if candidate in index.zones:
                code, zone = index.zones[candidate]
                resolution = Resolution(code, _name(code), "zone", zone)
            elif candidate in lexicon:
                if (
                    candidate not in index.full
                    and text[position + size : position + size + 1] in _NOT_AFTER_SHORT
                ):
                    continue
                code = _pick(lexicon[candidate], within)
                resolution = Resolution(code, _name(code), "region") if code else None
            if resolution is not None:
                found.append((position, position + size, resolution))
                position += size - 1
                break
        position += 1
    return found
