"""The source registry: every shipped entry loads; bad entries fail naming file and field."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from datetime import timedelta
from pathlib import Path

import pytest

from newscrawl.registry import (
    FAMILIES,
    RegistryError,
    load_registry,
    load_source,
    parse_duration,
    user_sources_dir,
)
from tests.support.registry import GOOD, write

REPO = Path(__file__).resolve().parents[1]


def test_shipped_registry_has_the_six_sources() -> None:
    registry = load_registry()
    assert sorted(registry) == ["ocean52", "qdrb", "sohu_xhafb", "whnanhai", "xhaxw", "zngk"]
    assert {s.family for s in registry.values()} <= set(FAMILIES)
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


# -- the user registry ---------------------------------------------------------------------------

USER_WHNANHAI = (
    GOOD.replace('key = "demo"', 'key = "whnanhai"')
    .replace('name = "演示"', 'name = "威海南海新区（我的）"')
    .replace("www.example.gov.cn", "www.whnanhai.gov.cn")
    .replace('"example.gov.cn"', '"www.whnanhai.gov.cn"')
)


def test_user_entries_join_and_override_bundled_ones(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    write(tmp_path, GOOD)
    write(tmp_path, USER_WHNANHAI, "whnanhai.toml")
    monkeypatch.setenv("NEWSCRAWL_SOURCES", str(tmp_path))
    registry = load_registry()
    assert "demo" in registry and "qdrb" in registry
    assert registry["whnanhai"].name == "威海南海新区（我的）"
    assert registry["whnanhai"].path == str(tmp_path / "whnanhai.toml")
    # the setting wins over the environment; a missing folder holds no entries
    assert "demo" not in load_registry(user_dir=tmp_path / "absent")


def test_user_registry_defaults_to_newscrawl_home(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("NEWSCRAWL_SOURCES")
    monkeypatch.setenv("NEWSCRAWL_HOME", str(tmp_path))
    assert user_sources_dir() == tmp_path / "sources"
    (tmp_path / "sources").mkdir()
    write(tmp_path / "sources", GOOD)
    assert "demo" in load_registry()


def test_bad_user_file_is_refused_with_file_and_field(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = write(tmp_path, GOOD.replace('family = "trs"', 'family = "joomla"'))
    monkeypatch.setenv("NEWSCRAWL_SOURCES", str(tmp_path))
    with pytest.raises(RegistryError, match=rf"^{re.escape(str(path))}: field 'family'"):
        load_registry()


def scrapy(*args: str, sources: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "NEWSCRAWL_SOURCES": str(sources), "PYTHONPATH": str(REPO)}
    return subprocess.run(
        [sys.executable, "-m", "scrapy", *args],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_scrapy_list_sees_user_entries_and_refuses_a_bad_file_in_one_line(
    tmp_path: Path,
) -> None:
    write(tmp_path, GOOD)
    done = scrapy("list", sources=tmp_path)
    assert done.returncode == 0, done.stderr
    assert {"demo", "qdrb", "whnanhai", "site"} <= set(done.stdout.split())
    # the setting names another folder
    other = tmp_path / "other"
    other.mkdir()
    write(other, GOOD.replace('key = "demo"', 'key = "demo2"'), "demo2.toml")
    done = scrapy("list", "-s", f"NEWSCRAWL_SOURCES={other}", sources=tmp_path)
    assert "demo2" in done.stdout.split() and "demo" not in done.stdout.split()

    bad = write(tmp_path, GOOD.replace("[policy]", "[policy]\nmax_depth = 0"))
    done = scrapy("list", sources=tmp_path)
    assert done.returncode == 1
    assert done.stderr.strip() == (
        f"newscrawl: {bad}: field 'policy.max_depth': must be at least 1, got 0"
    )
