"""Throughput of ``newscrawl reparse -j N`` on an archive of N thousand stored versions.

The archive is built directly (no crawl): the scaled sample web's article pages (three CMS
families, benchmarks/scaled_web.py) stored as raw pages, one version each, stamped by an older
parser and without facts, as an archive of the previous release holds them. Each run re-parses
all of it with the current parser — extraction, cleaning, facts with periods, regions and
indicators — and writes the new parses, exactly what ``newscrawl reparse`` does, timed from
the first read to the last commit. SQLite runs copy one built file; PostgreSQL runs rebuild a
throwaway database each time::

    .venv/bin/python -m benchmarks.reparse_throughput --versions 10000 --jobs 1 2
    .venv/bin/python -m benchmarks.reparse_throughput --backend pg --versions 10000 --jobs 1 2
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import tempfile
import time
import uuid
import zlib
from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy import Engine, func, insert, select

from archive import db
from archive.models import Article, ArticleVersion, Fact, RawPage, Source
from archive.reparse_pool import reparse_parallel
from archive.store import Archive
from benchmarks.dedup_lookup import DEFAULT_PG_URL, _create_pg_database, _drop_pg_database
from benchmarks.scaled_web import EPAPER_HOST, TRS_HOST, ZBLOG_HOST, build_web

FAMILY = {TRS_HOST: "trs", ZBLOG_HOST: "blog", EPAPER_HOST: "epaper"}
FETCHED_AT = datetime(2026, 6, 11, 2, 0, tzinfo=UTC)


def load_archive(engine: Engine, versions: int) -> None:
    """``versions`` stored versions of the scaled web's article pages, parsed by no one yet."""
    db.upgrade(engine)
    web = build_web(versions)
    with engine.begin() as connection:
        source_ids = {}
        for host, family in FAMILY.items():
            source_ids[host] = connection.execute(
                insert(Source).returning(Source.id),
                {"key": host, "name": host, "kind": family, "base_url": f"http://{host}/"},
            ).scalar_one()
        article_id = 0
        articles, raw_pages, rows = [], [], []
        for host, urls in web.articles.items():
            for url in urls:
                article_id += 1
                body = web.pages[(host, url.split(host, 1)[1])]
                articles.append(
                    {
                        "id": article_id,
                        "url": url,
                        "source_id": source_ids[host],
                        "first_seen": FETCHED_AT,
                        "last_seen": FETCHED_AT,
                        "last_changed": FETCHED_AT,
                        "latest_version": 1,
                    }
                )
                raw_pages.append(
                    {
                        "id": article_id,
                        "sha256": uuid.uuid4().hex,
                        "url": url,
                        "encoding": "utf-8",
                        "size": len(body),
                        "body_zlib": zlib.compress(body, 6),
                        "fetched_at": FETCHED_AT,
                    }
                )
                rows.append(
                    {
                        "id": article_id,
                        "article_id": article_id,
                        "version": 1,
                        "content_hash": "",
                        "facts_hash": "",
                        "text": "",
                        "fetched_at": FETCHED_AT,
                        "family": FAMILY[host],
                        "extractor_version": "previous-release",
                        "raw_page_id": article_id,
                        "parsed_at": FETCHED_AT,
                    }
                )
        connection.execute(insert(Article), articles)
        connection.execute(insert(RawPage), raw_pages)
        connection.execute(insert(ArticleVersion), rows)


def timed_reparse(url: str, jobs: int) -> tuple[float, float, int, int]:
    """Seconds, this process's CPU seconds (with -j 1 all the work; else reading, writing and
    handing out, the workers' parsing not counted), versions re-parsed, facts written."""
    archive = Archive.from_url(url, upgrade=False)
    try:
        started, cpu_started = time.perf_counter(), time.process_time()
        count = sum(1 for _ in reparse_parallel(archive, jobs=jobs))
        elapsed, cpu = time.perf_counter() - started, time.process_time() - cpu_started
        with archive.sessions() as session:
            facts = session.scalar(select(func.count()).select_from(Fact)) or 0
    finally:
        archive.close()
    return elapsed, cpu, count, facts


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--versions", type=int, default=10_000)
    parser.add_argument("--jobs", type=int, nargs="+", default=[1, 2])
    parser.add_argument("--backend", choices=("sqlite", "pg"), default="sqlite")
    parser.add_argument(
        "--pg-url", default=os.environ.get("NEWSCRAWL_BENCH_PG_URL", DEFAULT_PG_URL)
    )
    args = parser.parse_args(argv)
    print(f"# {os.cpu_count()} CPUs, load average {os.getloadavg()[0]:.1f} at start")
    print("backend  versions  jobs  seconds  versions/s  main-process CPU s  facts")
    with tempfile.TemporaryDirectory(prefix="reparse-bench-") as folder:
        built = Path(folder) / "built.sqlite3"
        if args.backend == "sqlite":
            engine = db.create_archive_engine(f"sqlite:///{built}")
            load_archive(engine, args.versions)
            engine.dispose()
        for jobs in args.jobs:
            if args.backend == "sqlite":
                run_file = Path(folder) / f"run-{jobs}.sqlite3"
                shutil.copy(built, run_file)
                url = f"sqlite:///{run_file}"
            else:
                url = _create_pg_database(args.pg_url, f"reparse_bench_{uuid.uuid4().hex[:8]}")
                engine = db.create_archive_engine(url)
                load_archive(engine, args.versions)
                engine.dispose()
            try:
                seconds, cpu, count, facts = timed_reparse(url, jobs)
            finally:
                if args.backend == "pg":
                    _drop_pg_database(args.pg_url, url)
            print(
                f"{args.backend:<8} {count:>8}  {jobs:>4}  {seconds:>7.1f}  "
                f"{count / seconds:>10.1f}  {cpu:>18.1f}  {facts:>5}",
                flush=True,
            )
    print(f"# load average {os.getloadavg()[0]:.1f} at the end")
    return 0


if __name__ == "__main__":
    sys.exit(main())
