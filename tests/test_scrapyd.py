"""Deploying to scrapyd: a real scrapyd, the project deployed as an egg with scrapyd-deploy, a
registry spider scheduled through the HTTP API against the sample web, articles in the archive.

The egg is built from a copy of the project (scrapyd-deploy writes a setup.py and build
folders next to scrapy.cfg), and the job imports the project from the egg only, as on a scrapyd
host where it is not installed: its data files (registry, migrations) must load from inside
the zip file.
"""

from __future__ import annotations

import configparser
import json
import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.parse
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import func, select

from archive.models import Article, CrawlRun
from archive.store import Archive
from newscrawl.samples.server import SampleServer, serving

REPO_ROOT = Path(__file__).resolve().parents[1]
PROJECT_FILES = ("newscrawl", "archive", "pipelines", "pyproject.toml", "README.md", "scrapy.cfg")
EGG_VERSION = "test1"

pytestmark = pytest.mark.slow


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def api(
    base: str, endpoint: str, data: dict[str, Any] | list[tuple[str, str]] | None = None
) -> Any:
    body = urllib.parse.urlencode(data).encode() if data is not None else None
    with urllib.request.urlopen(base + endpoint, data=body, timeout=30) as reply:
        payload = json.loads(reply.read())
    assert payload.get("status") == "ok", payload
    return payload


def copy_project(target: Path) -> Path:
    target.mkdir()
    ignore = shutil.ignore_patterns("__pycache__", "*.pyc", "*.egg-info")
    for name in PROJECT_FILES:
        source = REPO_ROOT / name
        if source.is_dir():
            shutil.copytree(source, target / name, ignore=ignore)
        else:
            shutil.copy2(source, target / name)
    return target


def scrapyd_deploy(project: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(Path(sys.executable).with_name("scrapyd-deploy")), *args],
        cwd=project,
        capture_output=True,
        text=True,
        timeout=300,
    )


@pytest.fixture(scope="module")
def egg(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The egg scrapyd-deploy builds from the project."""
    project = copy_project(tmp_path_factory.mktemp("egg") / "project")
    built = scrapyd_deploy(project, "--build-egg", str(project.parent / "newscrawl.egg"))
    assert built.returncode == 0, built.stdout + built.stderr
    return project.parent / "newscrawl.egg"


def run_from_egg(egg: Path, code: str) -> subprocess.CompletedProcess[str]:
    """Run ``code`` in a fresh interpreter that imports the project from the egg only."""
    prelude = f"import sys; sys.path.insert(0, {str(egg)!r}); import newscrawl, archive\n"
    prelude += f"assert newscrawl.__file__.startswith({str(egg)!r}), newscrawl.__file__\n"
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    return subprocess.run(
        [sys.executable, "-c", prelude + code],
        cwd=egg.parent,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_registry_loads_from_the_egg(egg: Path) -> None:
    done = run_from_egg(
        egg,
        "from newscrawl.registry import load_registry\n"
        "from newscrawl.spiders.sources import source_spiders\n"
        "print(sorted(load_registry()), sorted(source_spiders()))",
    )
    assert done.returncode == 0, done.stderr
    keys = ["ocean52", "qdrb", "sohu_xhafb", "whnanhai", "xhaxw", "zngk"]
    assert done.stdout.strip() == f"{keys} {keys}"


def test_migrations_run_from_the_egg(egg: Path) -> None:
    done = run_from_egg(
        egg,
        "from archive import db\n"
        "from archive.store import Archive\n"
        f"archive = Archive.from_url('sqlite:///{egg.parent}/from-egg.sqlite3')\n"
        "print(db.current_revision(archive.engine) == db.head_revision() is not None)",
    )
    assert done.returncode == 0, done.stderr[-3000:]
    assert done.stdout.strip() == "True"


@pytest.fixture
def scrapyd(tmp_path: Path) -> Iterator[tuple[str, Path]]:
    """A scrapyd on a free port with its own folders; (URL, its directory)."""
    home = tmp_path / "scrapyd"
    home.mkdir()
    port = free_port()
    (home / "scrapyd.conf").write_text(
        "[scrapyd]\n"
        "bind_address = 127.0.0.1\n"
        f"http_port = {port}\n"
        "poll_interval = 0.5\n"
        "eggs_dir = eggs\nlogs_dir = logs\ndbs_dir = dbs\nitems_dir =\n"
    )
    egg = home / "eggs" / "newscrawl" / f"{EGG_VERSION}.egg"
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("NEWSCRAWL_", "SCRAPY_")) and key != "PYTHONPATH"
    }
    # The deployed egg first on the path of every job: the project as a scrapyd host sees it,
    # not the development checkout (also importable in this virtualenv).
    env["PYTHONPATH"] = str(egg)
    process = subprocess.Popen(
        [sys.executable, "-m", "scrapyd"],
        cwd=home,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    url = f"http://127.0.0.1:{port}/"
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                api(url, "daemonstatus.json")
                break
            except OSError:
                if process.poll() is not None or time.monotonic() > deadline:
                    process.kill()
                    pytest.fail(f"scrapyd did not start:\n{process.communicate()[0]}")
                time.sleep(0.2)
        yield url, home
    finally:
        process.terminate()
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


@pytest.fixture
def sample_web() -> Iterator[SampleServer]:
    with serving() as server:
        yield server


def test_deploy_schedule_and_archive(
    tmp_path: Path, scrapyd: tuple[str, Path], sample_web: SampleServer, sqlite_url: str
) -> None:
    url, home = scrapyd
    project_copy = copy_project(tmp_path / "project")
    # The documented target, pointed at this test's scrapyd.
    config = configparser.ConfigParser()
    config.read(project_copy / "scrapy.cfg")
    assert config.get("deploy:local", "project") == "newscrawl"
    config.set("deploy:local", "url", url)
    with (project_copy / "scrapy.cfg").open("w") as cfg:
        config.write(cfg)

    deploy = scrapyd_deploy(project_copy, "local", "--version", EGG_VERSION)
    assert deploy.returncode == 0, deploy.stdout + deploy.stderr
    assert (home / "eggs" / "newscrawl" / f"{EGG_VERSION}.egg").is_file()

    spiders = api(url, "listspiders.json?project=newscrawl")["spiders"]
    assert {"qdrb", "zngk", "site"} <= set(spiders)

    job = api(
        url,
        "schedule.json",
        [
            ("project", "newscrawl"),
            ("spider", "qdrb"),
            ("sample_port", str(sample_web.port)),
            ("setting", f"NEWSCRAWL_DB_URL={sqlite_url}"),
            ("setting", "DOWNLOAD_DELAY=0"),
            ("setting", "AUTOTHROTTLE_ENABLED=False"),
        ],
    )["jobid"]

    deadline = time.monotonic() + 240
    while True:
        jobs = api(url, "listjobs.json?project=newscrawl")
        finished = [j for j in jobs["finished"] if j["id"] == job]
        if finished:
            break
        assert time.monotonic() < deadline, f"job {job} did not finish: {jobs}"
        time.sleep(0.5)
    log = (home / "logs" / "newscrawl" / "qdrb" / f"{job}.log").read_text()
    assert "Traceback" not in log, log[-6000:]
    assert "'finish_reason': 'finished'" in log, log[-6000:]

    archive = Archive.from_url(sqlite_url)
    try:
        with archive.sessions() as session:
            articles = session.scalar(select(func.count()).select_from(Article))
            runs = session.execute(select(CrawlRun.spider, CrawlRun.status)).all()
    finally:
        archive.close()
    assert articles == 7
    assert runs == [("qdrb", "finished")]
