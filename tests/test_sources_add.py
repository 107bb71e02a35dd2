"""``newscrawl sources add URL`` against the sample web: the entry it writes is valid and its
crawl archives the same articles as the hand-written entry of that site; ``sources check``."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from newscrawl.registry import load_registry, load_source
from newscrawl.samples.server import SampleServer
from tests.support.crawl import REPO, archived, run_crawl

pytestmark = pytest.mark.slow


def newscrawl(*argv: str, sources: Path, db_url: str) -> subprocess.CompletedProcess[str]:
    env = {
        **os.environ,
        "NEWSCRAWL_SOURCES": str(sources),
        "NEWSCRAWL_DB_URL": db_url,
        "PYTHONPATH": str(REPO),
    }
    return subprocess.run(
        [sys.executable, "-m", "newscrawl", *argv],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )


@pytest.mark.parametrize(
    ("bundled", "start", "family", "key", "place"),
    [
        (
            "whnanhai",
            "www.whnanhai.gov.cn/xwzx/gzdt/index.html",
            "trs",
            "whnanhai_2",
            "威海南海新区",
        ),
        ("zngk", "www.zngk.vip/category-2.html", "blog", "zngk_2", None),
        ("qdrb", "epaper.qingdaonews.com/qdrb/html/index.htm", "epaper", "qingdaonews", None),
    ],
)
def test_added_entry_crawls_like_the_hand_written_one(
    sample_web: SampleServer,
    tmp_path: Path,
    bundled: str,
    start: str,
    family: str,
    key: str,
    place: str | None,
) -> None:
    sources = tmp_path / "sources"
    host, _, path = start.partition("/")
    url = f"http://{host}.localhost:{sample_web.port}/{path}"
    trial_db = f"sqlite:///{tmp_path / 'trial.db'}"
    done = newscrawl("sources", "add", url, "--yes", sources=sources, db_url=trial_db)
    assert done.returncode == 0, done.stdout + done.stderr
    assert not (tmp_path / "trial.db").exists()  # the trial writes no archive
    assert "articles that would be archived:" in done.stdout
    assert "facts=" in done.stdout
    written = list(sources.glob("*.toml"))
    assert len(written) == 1
    entry = load_source(written[0])
    assert entry.key == key  # from the host name; whnanhai and zngk are taken (bundled)
    assert entry.family == family
    assert entry.start_urls == (f"http://{start}",)
    assert not entry.url_confirmed  # found on the sample web, not on the real site
    if place:
        assert entry.place == place
    assert f"written: {written[0]}" in done.stdout

    settings = {"NEWSCRAWL_SOURCES": str(sources)}
    args = {"sample_port": sample_web.port}
    ours, theirs = f"sqlite:///{tmp_path / 'ours.db'}", f"sqlite:///{tmp_path / 'theirs.db'}"
    run_crawl(entry.key, ours, args=args, settings=settings)
    run_crawl(bundled, theirs, args=args, settings=settings)
    found = {(a.url, a.title, a.published) for a in archived(ours)}
    expected = {(a.url, a.title, a.published) for a in archived(theirs)}
    assert expected, "the hand-written entry archived nothing"
    assert found == expected


def test_check_validates_and_tries_an_entry(
    sample_web: SampleServer,
    tmp_path: Path,
) -> None:
    db_url = f"sqlite:///{tmp_path / 'none.db'}"
    sources = tmp_path / "sources"
    done = newscrawl(
        "sources", "check", "whnanhai", "--sample-port", str(sample_web.port),
        sources=sources, db_url=db_url,
    )  # fmt: skip
    assert done.returncode == 0, done.stdout + done.stderr
    assert ": valid (trs, 1 start URL(s))" in done.stdout
    assert "南海新区一季度新开工项目23个" in done.stdout
    assert not (tmp_path / "none.db").exists()

    bad = tmp_path / "broken.toml"
    text = Path(load_registry()["whnanhai"].path).read_text(encoding="utf-8")
    bad.write_text(text.replace('key = "whnanhai"', 'key = "broken"').replace(
        'family = "trs"', 'family = "joomla"'), encoding="utf-8")  # fmt: skip
    done = newscrawl("sources", "check", str(bad), sources=sources, db_url=db_url)
    assert done.returncode == 1
    assert done.stderr.strip() == (
        f"newscrawl sources: {bad}: field 'family': 'joomla' is not one of "
        "epaper, trs, hanweb, discuz, blog, sohu, generic"
    )
