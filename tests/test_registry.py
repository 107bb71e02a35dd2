"""The source registry: every shipped entry loads; bad entries fail naming file and field."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest

from newscrawl.registry import FAMILIES, RegistryError, load_registry, load_source, parse_duration
from tests.support.registry import GOOD, write


def test_shipped_registry_has_the_six_sources() -> None:
    registry = load_registry()
    assert sorted(registry) == ["ocean52", "qdrb", "sohu_xhafb", "whnanhai", "xhaxw", "zngk"]
    assert {s.family for s in registry.values()} == set(FAMILIES)
    for source in registry.values():
        assert source.is_list_url(source.start_urls[0]) or source.family == "blog"
        # an entry that could not be checked says why
        assert source.url_confirmed or source.note


def test_patterns_match_real_urls() -> None:
    registry = load_registry()
    qdrb = registry["qdrb"]
    assert qdrb.is_article_url(
        "http://epaper.qingdaonews.com/qdrb/html/2026-06/02/content_144591_3494474.htm"
    )
    assert qdrb.is_list_url("http://epaper.qingdaonews.com/qdrb/html/2026-06/02/node_2.htm")
    ocean = registry["ocean52"]
    assert ocean.is_article_url("https://www.52ocean.cn/forum.php?mod=viewthread&tid=6041")
    trs = registry["whnanhai"]
    # the second part of a multi-page article is not an article of its own
    assert not trs.is_article_url(
        "http://www.whnanhai.gov.cn/xwzx/gzdt/202604/t20260415_4520_1.html"
    )


def test_good_entry_loads(tmp_path: Path) -> None:
    source = load_source(write(tmp_path, GOOD))
    assert source.key == "demo"
    assert source.policy.revisit_ladder == (timedelta(hours=2), timedelta(days=1))
    assert source.policy.max_depth == 4  # default
    assert source.schemes == {"www.example.gov.cn": "http"}


@pytest.mark.parametrize(
    ("old", "new", "field", "message"),
    [
        ('family = "trs"', 'family = "joomla"', "family", "is not one of"),
        ('name = "演示"\n', "", "name", "is required"),
        ("article = ['/t\\d{8}_\\d+\\.html$']", "article = ['/t(\\d+']", "patterns.article[0]", "bad regular expression"),
        ('revisit_ladder = ["2h", "1d"]', 'revisit_ladder = ["2h", "1x"]', "policy.revisit_ladder[1]", "not a duration"),
        ('revisit_ladder = ["2h", "1d"]', 'revisit_ladder = ["1d", "2h"]', "policy.revisit_ladder", "increasing"),
        ('allowed_domains = ["example.gov.cn"]', 'allowed_domains = ["other.cn"]', "start_urls[0]", "not in allowed_domains"),
        ("url_confirmed = false", "url_confirmed = false\nstart_url = 'x'", "start_url", "not a known field"),
        ("url_confirmed = false", 'url_confirmed = "no"', "url_confirmed", "must be bool"),
        ('base_url = "http://www.example.gov.cn/"', 'base_url = "www.example.gov.cn"', "base_url", "absolute"),
        ("[policy]", "[policy]\nmax_depth = 0", "policy.max_depth", "at least 1"),
    ],
)  # fmt: skip
def test_bad_entry_names_file_and_field(
    tmp_path: Path, old: str, new: str, field: str, message: str
) -> None:
    assert old in GOOD
    path = write(tmp_path, GOOD.replace(old, new, 1))
    with pytest.raises(RegistryError) as error:
        load_source(path)
    text = str(error.value)
    assert str(path) in text
    assert f"field '{field}'" in text
    assert message in text


def test_key_must_match_file_name(tmp_path: Path) -> None:
    with pytest.raises(RegistryError, match=r"field 'key'.*must match the file name"):
        load_source(write(tmp_path, GOOD, "other.toml"))


def test_broken_toml_names_the_file(tmp_path: Path) -> None:
    path = write(tmp_path, "key = ")
    with pytest.raises(RegistryError, match="not valid TOML") as error:
        load_source(path)
    assert str(path) in str(error.value)


def test_parse_duration() -> None:
    assert parse_duration("30m") == timedelta(minutes=30)
    assert parse_duration("2w") == timedelta(weeks=2)
    with pytest.raises(ValueError):
        parse_duration("soon")
