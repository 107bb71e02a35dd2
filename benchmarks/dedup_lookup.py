"""Cost of the near-duplicate lookup as the archive grows: 10k, 100k and 1M articles.

For each size a fresh archive database is migrated and filled with synthetic articles: every
article has a story and its ``BANDS`` LSH rows (random 64-bit band hashes, which is what the
bands of unrelated texts are), loaded in bulk. Then story families (an original, its reprints
and a template sibling, real MinHash bands and texts) are saved through the normal storage
API, so that lookups find real candidates and run the verdict. Finally, the query set — new
reprints of the families and new unrelated texts, the same queries at every size — is run
twice:

- ``lookup``: the candidate query of ``archive.dedup_index`` alone;
- ``save``: the whole story decision of a new article (``Archive.save_article``: lookup,
  verdict over the candidates' texts, band rows written), in a transaction that is rolled
  back, so the archive keeps its size.

Medians and 95th percentiles in milliseconds; the peak RSS of the (fresh) process that runs
the queries; database size::

    .venv/bin/python -m benchmarks.dedup_lookup [--sizes 10000 100000 1000000]
        [--backend sqlite|pg] [--queries 300] [--workdir /tmp/dedup-bench] [--keep]

PostgreSQL uses ``--pg-url`` (a server URL; a database is created and dropped per size).
"""

from __future__ import annotations

import argparse
import gc
import multiprocessing
import os
import random
import resource
import statistics
import sys
import time
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

import numpy as np
from sqlalchemy import Engine, func, insert, select, text
from sqlalchemy.engine import make_url

from archive import db
from archive.dedup_index import candidates
from archive.models import Article, LshBand, Source, Story
from archive.store import Archive
from archive.writer import facts_fingerprint
from pipelines.dedup.lsh import BANDS, band_keys
from pipelines.dedup.minhash import text_signature
from pipelines.items import ArticleItem

DEFAULT_PG_URL = "postgresql+psycopg://postgres@127.0.0.1:5432/test"
CHUNK = 50_000
FAMILIES = 40
START = datetime(2022, 1, 1, tzinfo=UTC)

# Words of the genre, to make synthetic texts with realistic shingle statistics.
VOCABULARY = [
    "新开工",
    "项目",
    "总投资",
    "亿元",
    "同比增长",
    "签约",
    "落地",
    "产业园",
    "招商引资",
    "重点项目",
    "集中开工",
    "先进制造业",
    "现代服务业",
    "基础设施",
    "社会民生",
    "固定资产投资",
    "一季度",
    "上半年",
    "全区",
    "全市",
    "新区",
    "开发区",
    "经济区",
    "要素保障",
    "营商环境",
    "专精特新",
    "企业",
    "产值",
    "税收",
    "用地",
    "亩",
    "协调解决",
    "问题",
    "平均用时",
    "缩短",
    "攻坚",
    "行动",
    "力争",
    "完成",
    "支撑",
    "高质量发展",
    "数字经济",
    "新能源",
    "海洋装备",
    "绿色化工",
    "新材料",
    "冷链物流",
    "港口",
    "吞吐量",
    "万吨",
    "智慧",
    "改造",
    "投用",
    "效率",
    "提升",
    "建设",
    "加快",
    "推进",
    "持续",
    "坚持",
    "记者",
    "获悉",
    "活动",
    "现场",
    "据介绍",
]


def synthetic_text(rng: random.Random, sentences: int = 14) -> str:
    out = []
    for _ in range(sentences):
        words = rng.choices(VOCABULARY, k=rng.randint(8, 14))
        figure = f"{rng.randint(2, 999)}{rng.choice(['个', '亿元', '万吨', '%', '亩'])}"
        words.insert(rng.randint(1, len(words) - 1), figure)
        out.append("".join(words) + "。")
    paragraphs = [
        "".join(out[i : i + 3]) for i in range(0, len(out), 3)
    ]  # paragraphs of three sentences
    return "\n".join(paragraphs)


def with_other_figures(rng: random.Random, text: str) -> str:
    """A template sibling: the same wording, other numbers."""
    return "".join(str(rng.randint(0, 9)) if char.isdigit() else char for char in text)


def reprint_variants(rng: random.Random, text: str) -> list[str]:
    paragraphs = text.split("\n")
    return [
        "原标题:" + paragraphs[0][:20] + "\n" + text + "\n返回搜狐,查看更多\n责任编辑:王晓",
        "\n".join(paragraphs[1:]),
        text[: int(len(text) * 0.6)],
        "编者按:本刊特转发此文,以飨读者。\n" + text,
    ]


@dataclass
class Timing:
    lookup_ms: list[float]
    save_ms: list[float]


def make_item(url: str, text: str, published: datetime) -> ArticleItem:
    return ArticleItem(
        url=url,
        source_key="bench",
        family="generic",
        fetched_at=published,
        published=published.date().isoformat(),
        text=text,
        content_hash=uuid.uuid5(uuid.NAMESPACE_URL, text).hex,
        minhash=[int(value) for value in text_signature(text)],
    )


# -- bulk load ---------------------------------------------------------------------------------


def bulk_load(engine: Engine, size: int, seed: int) -> None:
    """``size`` articles, each in its own story, with random band rows."""
    now = START
    with engine.begin() as connection:
        connection.execute(
            insert(Source),
            [
                {
                    "key": "bench",
                    "name": "bench",
                    "kind": "generic",
                    "base_url": "http://bench.example/",
                    "created_at": now,
                }
            ],
        )
        source_id = connection.scalar(select(Source.id).where(Source.key == "bench"))
    for start in range(1, size + 1, CHUNK):
        ids = range(start, min(start + CHUNK, size + 1))
        with engine.begin() as connection:
            connection.execute(
                insert(Story),
                [{"id": i, "member_count": 1, "created_at": now} for i in ids],
            )
            connection.execute(
                insert(Article),
                [
                    {
                        "id": i,
                        "url": f"http://bench.example/{i}.html",
                        "source_id": source_id,
                        "story_id": i,
                        "is_reprint": False,
                        "first_seen": now,
                        "last_seen": now,
                        "last_changed": now,
                        "checks": 1,
                        "latest_version": 0,
                    }
                    for i in ids
                ],
            )
    if engine.dialect.name == "postgresql":
        _load_bands_pg(engine, size, seed)
        with engine.begin() as connection:
            connection.execute(text("SELECT setval('stories_id_seq', :n)"), {"n": size})
            connection.execute(text("SELECT setval('articles_id_seq', :n)"), {"n": size})
            connection.execute(text("ANALYZE"))
    else:
        _load_bands_sqlite(engine, size, seed)
        with engine.begin() as connection:
            connection.execute(text("ANALYZE"))


def _random_bands(size: int, seed: int) -> Iterator[tuple[int, np.ndarray, np.ndarray]]:
    """Per band: sorted random hashes and the (shuffled) article ids they belong to, so rows
    arrive in primary-key order."""
    rng = np.random.default_rng(seed)
    for band in range(BANDS):
        hashes = rng.integers(-(2**63), 2**63 - 1, size=size, dtype=np.int64)
        article_ids = rng.permutation(np.arange(1, size + 1, dtype=np.int64))
        order = np.argsort(hashes, kind="stable")
        yield band, hashes[order], article_ids[order]


def _load_bands_sqlite(engine: Engine, size: int, seed: int) -> None:
    raw = engine.raw_connection()
    try:
        cursor = raw.cursor()
        cursor.execute("PRAGMA cache_size=-512000")
        cursor.execute("DROP INDEX ix_lsh_bands_article_id")
        for band, hashes, article_ids in _random_bands(size, seed):
            cursor.execute("BEGIN")
            cursor.executemany(
                "INSERT INTO lsh_bands (band, hash, article_id) VALUES (?, ?, ?)",
                zip([band] * size, hashes.tolist(), article_ids.tolist(), strict=True),
            )
            cursor.execute("COMMIT")
        cursor.execute("CREATE INDEX ix_lsh_bands_article_id ON lsh_bands (article_id)")
        cursor.close()
    finally:
        raw.close()


def _load_bands_pg(engine: Engine, size: int, seed: int) -> None:
    raw = engine.raw_connection()
    try:
        with raw.cursor() as cursor:
            # Constraints and indexes are rebuilt once after the load: checked per row, the
            # foreign key alone would cost a lookup into articles for each of 32M rows.
            cursor.execute("ALTER TABLE lsh_bands DROP CONSTRAINT pk_lsh_bands")
            cursor.execute("ALTER TABLE lsh_bands DROP CONSTRAINT fk_lsh_bands_article_id_articles")
            cursor.execute("DROP INDEX ix_lsh_bands_article_id")
            for band, hashes, article_ids in _random_bands(size, seed):
                with cursor.copy("COPY lsh_bands (band, hash, article_id) FROM STDIN") as copy:
                    for start in range(0, size, CHUNK):
                        for value, article_id in zip(
                            hashes[start : start + CHUNK].tolist(),
                            article_ids[start : start + CHUNK].tolist(),
                            strict=True,
                        ):
                            copy.write_row((band, value, article_id))
            cursor.execute(
                "ALTER TABLE lsh_bands ADD CONSTRAINT pk_lsh_bands "
                "PRIMARY KEY (band, hash, article_id)"
            )
            cursor.execute("CREATE INDEX ix_lsh_bands_article_id ON lsh_bands (article_id)")
            cursor.execute(
                "ALTER TABLE lsh_bands ADD CONSTRAINT fk_lsh_bands_article_id_articles "
                "FOREIGN KEY (article_id) REFERENCES articles (id) ON DELETE CASCADE"
            )
        raw.commit()
    finally:
        raw.close()


def plant_families(store: Archive, seed: int) -> list[str]:
    """Save ``FAMILIES`` stories with two reprints and a template sibling each; returns the
    originals' texts."""
    rng = random.Random(seed)
    originals = []
    for family in range(FAMILIES):
        original = synthetic_text(rng)
        originals.append(original)
        published = START + timedelta(days=family)
        store.save_article(make_item(f"http://origin.example/{family}.html", original, published))
        for number, reprint in enumerate(reprint_variants(rng, original)[:2]):
            store.save_article(
                make_item(f"http://reprint{number}.example/{family}.html", reprint, published)
            )
        store.save_article(
            make_item(
                f"http://sibling.example/{family}.html",
                with_other_figures(rng, original),
                published,
            )
        )
    return originals


def query_items(originals: list[str], count: int, seed: int) -> list[ArticleItem]:
    rng = random.Random(seed)
    items = []
    for number in range(count):
        if number % 2:
            text = synthetic_text(rng)
        else:
            original = originals[number // 2 % len(originals)]
            text = rng.choice(reprint_variants(rng, original))
        items.append(make_item(f"http://query.example/{number}.html", text, START))
    return items


# -- measurement -------------------------------------------------------------------------------


def timed(work: Callable[[], object]) -> float:
    started = time.perf_counter()
    work()
    return (time.perf_counter() - started) * 1000


def measure(store: Archive, queries: list[ArticleItem]) -> Timing:
    lookup_ms, save_ms = [], []
    facts_hash = facts_fingerprint([])
    with store.sessions() as session:
        for item in queries:
            keys = band_keys(np.asarray(item.minhash, dtype=np.uint64))
            lookup_ms.append(timed(lambda keys=keys: candidates(session, keys)))
            session.rollback()
    for item in queries:
        with store.sessions() as session:
            transaction = session.begin()
            save_ms.append(timed(lambda item=item: store._save(session, item, facts_hash, None)))
            transaction.rollback()
    return Timing(lookup_ms, save_ms)


def query_process(url: str, originals: list[str], count: int) -> tuple[Timing, float]:
    store = Archive(db.create_archive_engine(url))
    try:
        queries = query_items(originals, count, seed=2)
        measure(store, queries[: min(20, len(queries))])  # warm the caches
        gc.collect()
        return measure(store, queries), peak_rss_mb()
    finally:
        store.close()


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def peak_rss_mb() -> float:
    """Peak resident set of this process image. ``/proc/self/status`` VmHWM, not getrusage:
    Linux carries ``ru_maxrss`` over from the parent across fork and exec."""
    with open("/proc/self/status", encoding="ascii") as status:
        for line in status:
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def database_size_mb(store: Archive, sqlite_path: Path | None) -> float:
    if sqlite_path is not None:
        return (
            sum(path.stat().st_size for path in sqlite_path.parent.glob(sqlite_path.name + "*"))
            / 2**20
        )
    with store.engine.connect() as connection:
        return connection.scalar(text("SELECT pg_database_size(current_database())")) / 2**20


@dataclass
class Row:
    size: int
    band_rows: int
    load_s: float
    lookup_median: float
    lookup_p95: float
    save_median: float
    save_p95: float
    rss_mb: float
    db_mb: float


def run_size(size: int, args: argparse.Namespace) -> Row:
    sqlite_path = None
    if args.backend == "sqlite":
        sqlite_path = args.workdir / f"dedup-bench-{size}.sqlite3"
        for stale in args.workdir.glob(sqlite_path.name + "*"):
            stale.unlink()
        url = f"sqlite:///{sqlite_path}"
    else:
        url = _create_pg_database(args.pg_url, f"dedup_bench_{size}_{uuid.uuid4().hex[:6]}")
    engine = db.create_archive_engine(url)
    try:
        db.upgrade(engine)
        started = time.perf_counter()
        bulk_load(engine, size, seed=size)
        store = Archive(engine)
        originals = plant_families(store, seed=1)
        load_s = time.perf_counter() - started
        with store.sessions() as session:
            band_rows = session.scalar(select(func.count()).select_from(LshBand))
        db_mb = database_size_mb(store, sqlite_path)
        engine.dispose()
        # Queries run in a fresh process, as a crawler would: its peak RSS is what a lookup
        # costs in memory, apart from the bulk load's arrays.
        context = multiprocessing.get_context("spawn")
        with context.Pool(1) as pool:
            timing, rss_mb = pool.apply(query_process, (url, originals, args.queries))
        return Row(
            size=size,
            band_rows=band_rows,
            load_s=load_s,
            lookup_median=statistics.median(timing.lookup_ms),
            lookup_p95=percentile(timing.lookup_ms, 0.95),
            save_median=statistics.median(timing.save_ms),
            save_p95=percentile(timing.save_ms, 0.95),
            rss_mb=rss_mb,
            db_mb=db_mb,
        )
    finally:
        engine.dispose()
        if args.backend == "pg":
            _drop_pg_database(args.pg_url, url)
        elif not args.keep and sqlite_path is not None:
            for path in args.workdir.glob(sqlite_path.name + "*"):
                path.unlink()


def _libpq(url: str) -> str:
    return make_url(url).set(drivername="postgresql").render_as_string(hide_password=False)


def _create_pg_database(server_url: str, name: str) -> str:
    import psycopg

    with psycopg.connect(_libpq(server_url), autocommit=True) as connection:
        connection.execute(f'CREATE DATABASE "{name}"')
    return make_url(server_url).set(database=name).render_as_string(hide_password=False)


def _drop_pg_database(server_url: str, url: str) -> None:
    import psycopg

    with psycopg.connect(_libpq(server_url), autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{make_url(url).database}" WITH (FORCE)')


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000, 1_000_000])
    parser.add_argument("--backend", choices=["sqlite", "pg"], default="sqlite")
    parser.add_argument(
        "--pg-url", default=os.environ.get("NEWSCRAWL_BENCH_PG_URL", DEFAULT_PG_URL)
    )
    parser.add_argument("--queries", type=int, default=300)
    parser.add_argument("--workdir", type=Path, default=Path("/tmp/dedup-bench"))
    parser.add_argument("--keep", action="store_true", help="keep the SQLite files")
    args = parser.parse_args(argv)
    args.workdir.mkdir(parents=True, exist_ok=True)

    header = (
        f"{'articles':>9} {'band rows':>10} {'load s':>7} {'lookup ms':>10} {'p95':>6} "
        f"{'save ms':>8} {'p95':>6} {'query RSS MB':>12} {'db MB':>7}"
    )
    print(f"backend: {args.backend}; {args.queries} queries per size; bands per article: {BANDS}")
    print(header)
    rows = []
    for size in args.sizes:
        row = run_size(size, args)
        rows.append(row)
        print(
            f"{row.size:>9} {row.band_rows:>10} {row.load_s:>7.0f} {row.lookup_median:>10.3f} "
            f"{row.lookup_p95:>6.2f} {row.save_median:>8.2f} {row.save_p95:>6.2f} "
            f"{row.rss_mb:>12.0f} {row.db_mb:>7.0f}",
            flush=True,
        )
    if len(rows) > 1:
        ratio = rows[-1].lookup_median / rows[0].lookup_median
        save_ratio = rows[-1].save_median / rows[0].save_median
        print(
            f"lookup at {rows[-1].size} / at {rows[0].size}: {ratio:.2f}× "
            f"(target ≤ 2×); save: {save_ratio:.2f}×"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
