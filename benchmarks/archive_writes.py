"""Archive write cost per item, and how it grows with the archive: 10k → 100k → 1M versions.

For each size a fresh database is migrated and bulk-loaded with synthetic history: articles,
each in its own story with its 32 random LSH band rows (``benchmarks.dedup_lookup.bulk_load``),
one stored version per article (a generated article text of the scaled sample web) and
``--facts`` fact rows per version. Then real ``Archive.save_article`` calls are timed, each its
own committed transaction as in a crawl, on items parsed by the real pipeline (extraction,
cleaning, MinHash, facts) from scaled sample web pages:

- ``new``: an article the archive has never seen (article, raw page, version, facts, story
  decision with the LSH lookup and band rows);
- ``version``: the same URLs again with an edited text (version 2 and its facts);
- ``unchanged``: the same URLs a third time, same text (a revisit: one check recorded).

Median and 95th percentile milliseconds per save, the median CPU milliseconds of this process
per save (robust to other load on the machine; PostgreSQL's own work is not in it), and the
database size::

    .venv/bin/python -m benchmarks.archive_writes [--sizes 10000 100000] [--backend sqlite pg]
        [--items 200] [--facts 10] [--workdir /tmp/archive-writes]

The 1M row of docs/benchmarks.md comes from ``--sizes 1000000`` (the bulk load alone takes a
few minutes per backend). PostgreSQL uses ``--pg-url``; a database is created and dropped per
size.
"""

from __future__ import annotations

import argparse
import dataclasses
import random
import statistics
import sys
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

from sqlalchemy import Engine, func, insert, select, text, update

from archive.models import Article, ArticleVersion, Fact
from archive.store import Archive
from archive.writer import fact_rows
from benchmarks.dedup_lookup import _create_pg_database, _drop_pg_database, bulk_load
from benchmarks.scaled_web import HOSTS, build_web, make_story
from pipelines.cleaning import content_hash
from pipelines.dedup.minhash import text_signature
from pipelines.items import ArticleItem, page_metadata
from pipelines.parse import PARSER_VERSION, facts_for, parse_page

DEFAULT_PG_URL = "postgresql+psycopg://postgres@127.0.0.1:5432/postgres"
CHUNK = 20_000
START = datetime(2024, 1, 1, tzinfo=UTC)


@dataclass(slots=True)
class Row:
    backend: str
    size: int
    load_seconds: float
    timings: dict[str, Timing]
    db_mb: float


def parsed_items(count: int) -> list[ArticleItem]:
    """``count`` new articles as the pipelines hand them to the archive."""
    web = build_web(count, hosts=HOSTS)
    items = []
    for host in HOSTS:
        for url in web.articles[host]:
            body = web.pages[(host, url.split(host, 1)[1])]
            parsed = parse_page(body, url)
            page = parsed.page
            items.append(
                ArticleItem(
                    url=url,
                    source_key="scaled",
                    family=page.family,
                    fetched_at=datetime.now(UTC),
                    raw_body=body,
                    encoding=page.encoding,
                    **page_metadata(page),
                    paragraphs=list(page.paragraphs),
                    text=parsed.text,
                    content_hash=parsed.content_hash,
                    minhash=[int(v) for v in text_signature(parsed.text)],
                    facts=parsed.facts,
                    parser_version=PARSER_VERSION,
                )
            )
    return items


def edited(item: ArticleItem) -> ArticleItem:
    """The same page a day later with a corrected paragraph."""
    text_ = item.text + "\n（记者 校对）本文有更新：部分数据已根据最新统计口径修订。"
    return dataclasses.replace(
        item,
        fetched_at=item.fetched_at + timedelta(days=1),
        text=text_,
        content_hash=content_hash(text_),
        minhash=[int(v) for v in text_signature(text_)],
    )


def load_history(engine: Engine, size: int, facts_per_version: int) -> None:
    """``size`` articles with one version and ``facts_per_version`` facts each."""
    bulk_load(engine, size, seed=size)
    pool = [make_story(article_id) for article_id in range(1, 501)]
    texts = ["\n".join(story.paragraphs) for story in pool]
    sample_facts = facts_for("\n".join(texts[:20]), None, None)
    rng = random.Random(size)
    for first in range(1, size + 1, CHUNK):
        ids = range(first, min(first + CHUNK, size + 1))
        versions = []
        facts = []
        for article_id in ids:
            story = pool[article_id % len(pool)]
            published = START + timedelta(minutes=article_id)
            versions.append(
                {
                    "id": article_id,
                    "article_id": article_id,
                    "version": 1,
                    "content_hash": uuid.UUID(int=rng.getrandbits(128)).hex * 2,
                    "facts_hash": "0" * 64,
                    "title": story.title,
                    "published": published.date().isoformat(),
                    "published_date": published.date(),
                    "author": story.author,
                    "text": texts[article_id % len(texts)],
                    "fetched_at": published,
                    "http_status": 200,
                    "family": "trs",
                    "extractor_version": PARSER_VERSION,
                }
            )
            for k in range(facts_per_version):
                fact = sample_facts[(article_id + k) % len(sample_facts)]
                [row] = fact_rows(article_id, [fact], PARSER_VERSION)
                row.update(start=row["start"] or 0, end=row["end"] or 0)
                facts.append(row)
        with engine.begin() as connection:
            connection.execute(insert(ArticleVersion), versions)
            connection.execute(insert(Fact), facts)
            connection.execute(
                update(Article).where(Article.id.between(ids[0], ids[-1])).values(latest_version=1)
            )
    with engine.begin() as connection:
        if engine.dialect.name == "postgresql":
            connection.execute(text("SELECT setval('article_versions_id_seq', :n)"), {"n": size})
            connection.execute(text("SELECT setval('facts_id_seq', (SELECT max(id) FROM facts))"))
        connection.execute(text("ANALYZE"))


@dataclass(slots=True)
class Timing:
    wall: list[float]
    cpu: list[float]  # this process only: all of SQLite's work, the client side of PostgreSQL


def timed_saves(store: Archive, items: list[ArticleItem], expect: str) -> Timing:
    timing = Timing([], [])
    for item in items:
        started, started_cpu = time.perf_counter(), time.process_time()
        outcome = store.save_article(item)
        timing.wall.append(time.perf_counter() - started)
        timing.cpu.append(time.process_time() - started_cpu)
        if outcome.status != expect:
            raise AssertionError(f"{item.url}: saved as {outcome.status}, expected {expect}")
    return timing


def database_mb(store: Archive, sqlite_path: Path | None) -> float:
    if sqlite_path is not None:
        return sum(p.stat().st_size for p in sqlite_path.parent.glob(sqlite_path.name + "*")) / 1e6
    with store.engine.connect() as connection:
        return connection.scalar(text("SELECT pg_database_size(current_database())")) / 1e6


@contextmanager
def fresh_database(backend: str, size: int, args: argparse.Namespace) -> Iterator[str]:
    if backend == "sqlite":
        args.workdir.mkdir(parents=True, exist_ok=True)
        path = args.workdir / f"archive-writes-{size}.sqlite3"
        for old in args.workdir.glob(path.name + "*"):
            old.unlink()
        try:
            yield f"sqlite:///{path}"
        finally:
            for old in args.workdir.glob(path.name + "*"):
                old.unlink()
    else:
        url = _create_pg_database(args.pg_url, f"newscrawl_writes_{uuid.uuid4().hex[:10]}")
        try:
            yield url
        finally:
            _drop_pg_database(args.pg_url, url)


def run_size(backend: str, size: int, items: list[ArticleItem], args: argparse.Namespace) -> Row:
    with fresh_database(backend, size, args) as url:
        store = Archive.from_url(url, upgrade=True)
        try:
            started = time.perf_counter()
            load_history(store.engine, size, args.facts)
            load_seconds = time.perf_counter() - started
            with store.sessions() as session:
                stored = session.scalar(select(func.count()).select_from(ArticleVersion))
            assert stored == size, f"loaded {stored} versions, wanted {size}"
            timings = {
                "new": timed_saves(store, items, "new"),
                "version": timed_saves(store, [edited(i) for i in items], "version"),
                "unchanged": timed_saves(store, [edited(i) for i in items], "unchanged"),
            }
            sqlite_path = Path(url.removeprefix("sqlite:///")) if backend == "sqlite" else None
            return Row(backend, size, load_seconds, timings, database_mb(store, sqlite_path))
        finally:
            store.close()


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


def print_header() -> None:
    print(
        "| backend | stored versions | save | median ms | p95 ms | median CPU ms "
        "| DB MB | bulk load s |"
    )
    print("|---|---|---|---|---|---|---|---|")


def print_row(row: Row) -> None:
    for kind, timing in row.timings.items():
        print(
            f"| {row.backend} | {row.size:,} | {kind} | {1000 * statistics.median(timing.wall):.2f} "
            f"| {1000 * percentile(timing.wall, 0.95):.2f} "
            f"| {1000 * statistics.median(timing.cpu):.2f} "
            f"| {row.db_mb:.0f} | {row.load_seconds:.0f} |",
            flush=True,
        )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000])
    parser.add_argument("--backend", nargs="+", choices=("sqlite", "pg"), default=["sqlite", "pg"])
    parser.add_argument("--items", type=int, default=200, help="timed saves of each kind")
    parser.add_argument("--facts", type=int, default=10, help="fact rows per loaded version")
    parser.add_argument("--workdir", type=Path, default=Path("/tmp/archive-writes"))
    parser.add_argument("--pg-url", default=DEFAULT_PG_URL)
    args = parser.parse_args(argv)
    items = parsed_items(args.items)
    print(
        f"# {len(items)} timed items per kind, {statistics.mean(len(i.facts) for i in items):.1f} "
        f"facts each; {args.facts} facts per bulk-loaded version\n"
    )
    # Rows are printed as they come: a 1M run takes long, and a lost database should not lose
    # the sizes already measured.
    print_header()
    for backend in args.backend:
        for size in args.sizes:
            started = time.perf_counter()
            print_row(run_size(backend, size, items, args))
            print(f"# {backend} {size:,}: {time.perf_counter() - started:.0f}s", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
