"""Crawl throughput: the full newscrawl pipeline against a bare Scrapy spider, same pages.

Serves the scaled sample web (``benchmarks.scaled_web``: generated articles in the TRS, Z-Blog
and Founder e-paper markup of the sample web) from its own process on 127.0.0.1, then crawls
each of its sites, back to back, three ways:

- ``bare``: a spider that requests every page of the site (the URL list comes from the
  server) and does nothing with the responses: Scrapy's own cost, the upper bound;
- ``full/sqlite``: ``scrapy crawl site -a start_url=…`` with the project's pipelines (extract,
  clean, dedup, facts, archive) into a fresh SQLite file;
- ``full/postgresql``: the same into a fresh PostgreSQL database (created, migrated, dropped).

Every crawl runs in its own process with the same settings: project settings, AutoThrottle
off, no download delay, ``CONCURRENT_REQUESTS`` and ``CONCURRENT_REQUESTS_PER_DOMAIN`` equal
to ``--concurrency``, log level INFO. Pages/s is responses received over Scrapy's
``elapsed_time_seconds`` (spider opened → closed, pipelines closed included); peak RSS is the
crawl process's own high-water mark (``VmHWM``). ``--latency`` makes the server wait before each answer (a
remote site's round trip); it is 0 by default, where only CPU counts.

    .venv/bin/python -m benchmarks.crawl_throughput [--articles 3000] [--concurrency 16]
        [--latency 0 0.05 ...] [--pg postgresql://postgres@127.0.0.1:5432/postgres] [--no-pg]
        [--hosts HOST...] [--modes bare full/sqlite full/postgresql]
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from collections.abc import AsyncIterator, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_PG = "postgresql://postgres@127.0.0.1:5432/postgres"
TARGET_RATIO = 0.7


@dataclass(slots=True)
class CrawlResult:
    host: str
    mode: str
    pages: int
    articles: int
    seconds: float
    cpu_seconds: float  # crawl process and its pool children: user + system, start-up included
    self_cpu_seconds: float  # the crawl process alone
    db_cpu_seconds: float  # PostgreSQL's processes during the crawl (0 for SQLite)
    max_rss_mb: float  # the crawl process and its children together, sampled
    latency: float = 0.0

    @property
    def pages_per_second(self) -> float:
        return self.pages / self.seconds if self.seconds else 0.0


# ---- the crawl process --------------------------------------------------------------------


def crawl_settings(concurrency: int, db_url: str | None, work_dir: Path, *, bare: bool) -> Any:
    from scrapy.settings import Settings

    settings = Settings()
    settings.setmodule("newscrawl.settings", priority="project")
    settings.setdict(
        {
            "AUTOTHROTTLE_ENABLED": False,
            "DOWNLOAD_DELAY": 0,
            "CONCURRENT_REQUESTS": concurrency,
            "CONCURRENT_REQUESTS_PER_DOMAIN": concurrency,
            "LOG_LEVEL": "INFO",
            "TELNETCONSOLE_ENABLED": False,
            "NEWSCRAWL_DB_URL": db_url or "",
            "NEWSCRAWL_SPOOL_DIR": str(work_dir / "spool"),
        },
        priority="cmdline",
    )
    if bare:
        settings.set("ITEM_PIPELINES", {}, priority="cmdline")
        extensions = settings.getdict("EXTENSIONS")
        extensions["newscrawl.crawl_runs.CrawlRunRecorder"] = None  # no archive at all
        settings.set("EXTENSIONS", extensions, priority="cmdline")
    return settings


def run_crawl(args: argparse.Namespace) -> int:
    """The body of one crawl process: prints its Scrapy stats as JSON on the last line."""
    import scrapy
    from scrapy.crawler import CrawlerProcess

    from newscrawl.samples.urls import to_sample_url
    from newscrawl.spiders.site import SiteSpider

    class BareSpider(scrapy.Spider):
        """Fetches a fixed list of URLs and ignores the responses."""

        name = "bare"

        def __init__(self, urls: list[str], **kwargs: Any) -> None:
            super().__init__(**kwargs)
            self.urls = urls

        async def start(self) -> AsyncIterator[scrapy.Request]:
            for url in self.urls:
                yield scrapy.Request(url, callback=self.parse, errback=self.ignore)

        def parse(self, response: scrapy.http.Response) -> Iterator[Any]:
            return iter(())

        def ignore(self, failure: Any) -> None:
            pass

    work_dir = Path(args.work_dir)
    bare = args.worker == "bare"
    settings = crawl_settings(args.concurrency, args.db, work_dir, bare=bare)
    process = CrawlerProcess(settings)
    crawler = process.create_crawler(BareSpider if bare else SiteSpider)
    if bare:
        urls = json.loads(Path(args.urls_file).read_text(encoding="utf-8"))[args.host]
        process.crawl(crawler, urls=[to_sample_url(url, args.port) for url in urls])
    else:
        from benchmarks.scaled_web import START_URLS

        process.crawl(
            crawler,
            start_url=to_sample_url(START_URLS[args.host], args.port),
            max_pages=10**9,
        )
    process.start()
    assert crawler.stats is not None
    stats = crawler.stats.get_stats()
    stats["benchmark/peak_rss_kb"] = peak_rss_kb()
    # The pipelines' child processes (newscrawl.process_pool, pipelines.archive_writer) have
    # been joined when the crawl ends, so RUSAGE_CHILDREN holds their whole CPU time.
    usage = resource.getrusage(resource.RUSAGE_SELF)
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    stats["benchmark/self_cpu_seconds"] = usage.ru_utime + usage.ru_stime
    stats["benchmark/cpu_seconds"] = (
        usage.ru_utime + usage.ru_stime + children.ru_utime + children.ru_stime
    )
    print(json.dumps(stats, default=str))
    return 0


class TreeSampler(threading.Thread):
    """Samples, every 0.1 s, the resident memory of a process and all its descendants (the
    pipelines' pool children) and keeps the peak of their sum."""

    def __init__(self, pid: int) -> None:
        super().__init__(daemon=True)
        self.pid = pid
        self.peak_kb = 0
        self.done = threading.Event()

    def run(self) -> None:
        while not self.done.wait(0.1):
            self.peak_kb = max(self.peak_kb, sum(_rss_kb(pid) for pid in _tree(self.pid)))

    def stop(self) -> int:
        self.done.set()
        self.join()
        return self.peak_kb


def _tree(pid: int) -> list[int]:
    pids = [pid]
    try:
        tasks = list(Path(f"/proc/{pid}/task").glob("*/children"))
    except OSError:  # the process ended while being looked at
        return pids
    for task in tasks:
        try:
            children = task.read_text().split()
        except OSError:
            continue
        for child in children:
            pids.extend(_tree(int(child)))
    return pids


def _rss_kb(pid: int) -> int:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    except OSError:
        pass
    return 0


def postgres_cpu_seconds() -> float:
    """CPU time (user + system) of every process of this machine's PostgreSQL server so far."""
    ticks = os.sysconf("SC_CLK_TCK")
    total = 0
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)
            if not fields[0].endswith("(postgres"):
                continue
            values = fields[1].split()
            # utime, stime, and those of exited children: a backend that ends with its
            # connection has its time added to the postmaster's.
            total += sum(int(value) for value in values[11:15])
        except (OSError, IndexError, ValueError):
            continue
    return total / ticks


def peak_rss_kb() -> int:
    """This process's peak resident set (VmHWM). Not ``ru_maxrss`` of the child as seen by
    the parent: Linux carries that over from the forking parent across exec."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1])
    return 0


# ---- the benchmark ------------------------------------------------------------------------


@contextmanager
def scaled_web_server(
    articles: int, latency: float, urls_file: Path, hosts: list[str]
) -> Iterator[int]:
    command = [
        sys.executable, "-m", "benchmarks.scaled_web",
        "--articles", str(articles), "--latency", str(latency), "--urls-file", str(urls_file),
        "--hosts", *hosts,
    ]  # fmt: skip
    server = subprocess.Popen(command, cwd=ROOT, stdout=subprocess.PIPE, text=True)
    try:
        assert server.stdout is not None
        yield int(server.stdout.readline())
    finally:
        server.terminate()
        server.wait()


@contextmanager
def fresh_postgres(admin_url: str) -> Iterator[str]:
    """A new, migrated PostgreSQL database for one crawl; dropped afterwards."""
    import psycopg
    from sqlalchemy.engine import make_url

    from archive.store import Archive

    name = f"newscrawl_bench_{uuid.uuid4().hex[:10]}"
    with psycopg.connect(admin_url, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    url = make_url(admin_url).set(drivername="postgresql+psycopg", database=name)
    db_url = url.render_as_string(hide_password=False)
    try:
        Archive.from_url(db_url, upgrade=True).close()
        yield db_url
    finally:
        with psycopg.connect(admin_url, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def crawl(
    host: str, mode: str, port: int, urls_file: Path, args: argparse.Namespace, db_url: str | None
) -> CrawlResult:
    with tempfile.TemporaryDirectory(prefix="newscrawl-bench-") as work_dir:
        if mode == "full/sqlite":
            db_url = f"sqlite:///{work_dir}/archive.sqlite3"
        command = [
            sys.executable, "-m", "benchmarks.crawl_throughput",
            "--worker", "bare" if mode == "bare" else "full",
            "--host", host, "--port", str(port), "--urls-file", str(urls_file),
            "--concurrency", str(args.concurrency), "--work-dir", work_dir,
        ]  # fmt: skip
        if db_url:
            command += ["--db", db_url]
        log_path = Path(work_dir) / "crawl.log"
        db_cpu_before = postgres_cpu_seconds() if mode == "full/postgresql" else 0.0
        with log_path.open("w") as log:
            child = subprocess.Popen(command, cwd=ROOT, stdout=subprocess.PIPE, stderr=log)
            sampler = TreeSampler(child.pid)
            sampler.start()
            out, _ = child.communicate()
            peak_kb = sampler.stop()
        db_cpu = postgres_cpu_seconds() - db_cpu_before if mode == "full/postgresql" else 0.0
        if child.returncode != 0:
            sys.stderr.write(log_path.read_text()[-4000:])
            raise RuntimeError(f"{mode} crawl of {host} failed ({child.returncode})")
        stats = json.loads(out.decode().strip().splitlines()[-1])
        if args.keep_logs:
            Path(args.keep_logs).mkdir(parents=True, exist_ok=True)
            target = Path(args.keep_logs) / f"{host}-{mode.replace('/', '-')}.log"
            target.write_text(log_path.read_text())
    return CrawlResult(
        host=host,
        mode=mode,
        pages=int(stats.get("response_received_count", 0)),
        articles=int(stats.get("newscrawl/archive/new", 0)),
        seconds=float(stats["elapsed_time_seconds"]),
        cpu_seconds=float(stats["benchmark/cpu_seconds"]),
        self_cpu_seconds=float(stats["benchmark/self_cpu_seconds"]),
        db_cpu_seconds=db_cpu,
        max_rss_mb=max(peak_kb, int(stats["benchmark/peak_rss_kb"])) / 1024,
        latency=args.latency_now,
    )


def machine() -> str:
    import platform
    import sqlite3

    import scrapy

    memory = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30
    return (
        f"{os.cpu_count()} CPUs, {memory:.0f} GiB RAM, Python {platform.python_version()}, "
        f"Scrapy {scrapy.__version__}, SQLite {sqlite3.sqlite_version}"
    )


def postgres_version(admin_url: str) -> str:
    import psycopg

    with psycopg.connect(admin_url) as conn:
        row = conn.execute("SHOW server_version").fetchone()
    return f"PostgreSQL {row[0].split()[0] if row else '?'}"


def report(results: list[CrawlResult]) -> bool:
    """One table for the runs of one server latency; whether every full mode met the target."""
    modes = list(dict.fromkeys(r.mode for r in results))
    print(f"## server latency {results[0].latency * 1000:.0f} ms\n")
    print(
        "| site | mode | pages | articles archived | seconds | pages/s | × bare "
        "| CPU ms/page: crawl + children (crawl process) | PostgreSQL CPU ms/page "
        "| peak RSS MB |"
    )
    print("|---|---|---|---|---|---|---|---|---|---|")
    for r in results:
        bare = next(b for b in results if b.host == r.host and b.mode == "bare")
        _row(r.host, r.mode, [r], r.pages_per_second / bare.pages_per_second)
    met = True
    bare_rate = 0.0
    for mode in modes:
        runs = [r for r in results if r.mode == mode]
        rate = sum(r.pages for r in runs) / sum(r.seconds for r in runs)
        bare_rate = bare_rate or rate  # "bare" comes first
        if mode != "bare":
            met &= rate / bare_rate >= TARGET_RATIO
        _row("**all sites**", mode, runs, rate / bare_rate)
    verdict = "met" if met else "NOT met"
    print(f"\ntarget (full >= {TARGET_RATIO} x bare pages/s, every database): {verdict}\n")
    return met


def _row(site: str, mode: str, runs: list[CrawlResult], ratio: float) -> None:
    pages, seconds = sum(r.pages for r in runs), sum(r.seconds for r in runs)
    per_page = 1000 / pages
    db_cpu = sum(r.db_cpu_seconds for r in runs)
    print(
        f"| {site} | {mode} | {pages} | {sum(r.articles for r in runs)} | {seconds:.1f} "
        f"| {pages / seconds:.1f} | {ratio:.2f} "
        f"| {per_page * sum(r.cpu_seconds for r in runs):.1f} "
        f"({per_page * sum(r.self_cpu_seconds for r in runs):.1f}) "
        f"| {f'{per_page * db_cpu:.1f}' if mode == 'full/postgresql' else '–'} "
        f"| {max(r.max_rss_mb for r in runs):.0f} |"
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=3000, help="articles over all sites")
    parser.add_argument("--concurrency", type=int, default=16)
    parser.add_argument(
        "--latency",
        type=float,
        nargs="+",
        default=[0.0],
        help="server delay per answer, s; several values: one round of crawls each",
    )
    parser.add_argument("--pg", default=DEFAULT_PG, help="PostgreSQL admin URL")
    parser.add_argument("--no-pg", action="store_true", help="skip the PostgreSQL crawls")
    parser.add_argument(
        "--hosts", nargs="+", help="only these sites (the articles are split over them)"
    )
    parser.add_argument(
        "--modes",
        nargs="+",
        choices=("bare", "full/sqlite", "full/postgresql"),
        default=["bare", "full/sqlite", "full/postgresql"],
    )
    parser.add_argument("--keep-logs", help="copy each crawl's log into this folder")
    # the crawl process's own arguments
    parser.add_argument("--worker", choices=("bare", "full"), help=argparse.SUPPRESS)
    parser.add_argument("--host", help=argparse.SUPPRESS)
    parser.add_argument("--port", type=int, help=argparse.SUPPRESS)
    parser.add_argument("--urls-file", help=argparse.SUPPRESS)
    parser.add_argument("--db", help=argparse.SUPPRESS)
    parser.add_argument("--work-dir", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.worker:
        return run_crawl(args)

    from benchmarks.scaled_web import HOSTS

    hosts = args.hosts or list(HOSTS)
    modes = [m for m in args.modes if m != "full/postgresql" or not args.no_pg]
    if modes[0] != "bare":
        parser.error("--modes must start with bare (the reference)")
    print(f"# {machine()}" + ("" if args.no_pg else f", {postgres_version(args.pg)}"))
    print(
        f"# {args.articles} articles over {len(hosts)} sites, concurrency {args.concurrency}, "
        f"server latency {', '.join(f'{value * 1000:.0f}' for value in args.latency)} ms\n"
    )
    started = time.perf_counter()
    verdicts = []
    for latency in args.latency:
        args.latency_now = latency
        results: list[CrawlResult] = []
        with tempfile.TemporaryDirectory(prefix="newscrawl-web-") as tmp:
            urls_file = Path(tmp) / "urls.json"
            with scaled_web_server(args.articles, latency, urls_file, hosts) as port:
                for host in hosts:
                    for mode in modes:
                        if mode == "full/postgresql":
                            with fresh_postgres(args.pg) as db_url:
                                results.append(crawl(host, mode, port, urls_file, args, db_url))
                        else:
                            results.append(crawl(host, mode, port, urls_file, args, None))
                        last = results[-1]
                        print(
                            f"# {latency * 1000:.0f} ms {host} {mode}: {last.pages} pages "
                            f"in {last.seconds:.1f}s",
                            file=sys.stderr,
                        )
        verdicts.append(report(results))
    print(f"{time.perf_counter() - started:.0f}s in all")
    return 0 if all(verdicts) else 1


if __name__ == "__main__":
    sys.exit(main())
