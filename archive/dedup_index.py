"""The persistent near-duplicate index: LSH bands as rows of ``lsh_bands``.

Every indexed article has one ``(band, hash)`` row per band of its MinHash signature. A lookup
is one query of ``BANDS`` equality matches on the primary key ``(band, hash, article_id)``,
so its cost depends on how many articles share a band with the new text, not on the size of
the archive. Buckets that many unrelated texts share (a template, boilerplate that cleaning
missed) are bounded by reading at most ``MAX_BUCKET_ROWS`` rows per lookup.
"""

from __future__ import annotations

import functools
import hashlib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import (
    BigInteger,
    Connection,
    SmallInteger,
    TextClause,
    bindparam,
    delete,
    insert,
    text,
)
from sqlalchemy.orm import Session

from archive.models import LshBand
from pipelines.dedup.lsh import BandKey

# Candidates verified per new text, most shared bands first. A reprint cut to 60% shares only a
# few bands with its original, and in an archive full of one template (every district's
# 一季度新开工项目 story) siblings can share more; the verdict vetoes siblings on their figures
# cheaply, so the limit is generous. It bounds the work per lookup.
MAX_CANDIDATES = 50
# Index rows read per lookup. A real story's bands match a few dozen rows; a hot bucket can
# match thousands, which would make lookups grow with the archive.
MAX_BUCKET_ROWS = 2000


# The store runs these on its transaction's connection; tools and benchmarks pass a session.
Executor = Connection | Session


def _dialect_name(executor: Executor) -> str:
    if isinstance(executor, Session):
        return executor.get_bind().dialect.name
    return executor.dialect.name


@dataclass(frozen=True, slots=True)
class Candidate:
    article_id: int
    shared_bands: int


# The statement text never changes, so psycopg prepares it on the server after a few uses
# and PostgreSQL plans it once: 32 index probes driven by the unnested keys.
_PG_LOOKUP = text(
    "SELECT article_id, count(*) AS shared FROM ("
    "SELECT l.article_id FROM unnest(CAST(:bands AS smallint[]), CAST(:hashes AS bigint[])) "
    "AS k(band, hash) JOIN lsh_bands AS l ON l.band = k.band AND l.hash = k.hash "
    "WHERE l.article_id != :exclude LIMIT :max_rows) AS matched "
    "GROUP BY article_id ORDER BY shared DESC, article_id LIMIT :max_candidates"
)


@functools.cache
def _sqlite_lookup(band_count: int) -> TextClause:
    # SQLite plans an OR of (band, hash) equalities as one covering-index search per term.
    # Plain SQL built once per band count: composing and caching a 32-term OR expression
    # through the SQL expression language costs more than running the query.
    matches = " OR ".join(f"(band = :band{i} AND hash = :hash{i})" for i in range(band_count))
    return text(
        "SELECT article_id, count(*) AS shared FROM ("
        f"SELECT article_id FROM lsh_bands WHERE ({matches}) AND article_id != :exclude "
        "LIMIT :max_rows) AS matched "
        "GROUP BY article_id ORDER BY shared DESC, article_id LIMIT :max_candidates"
    ).bindparams(
        *(bindparam(f"band{i}", type_=SmallInteger) for i in range(band_count)),
        *(bindparam(f"hash{i}", type_=BigInteger) for i in range(band_count)),
    )


def candidates(
    session: Executor,
    keys: Sequence[BandKey],
    *,
    exclude_article_id: int | None = None,
    limit: int = MAX_CANDIDATES,
) -> list[Candidate]:
    """Articles sharing at least one band with ``keys``, most shared bands first."""
    if not keys:
        return []
    params: dict[str, Any] = {
        "exclude": -1 if exclude_article_id is None else exclude_article_id,
        "max_rows": MAX_BUCKET_ROWS,
        "max_candidates": limit,
    }
    if _dialect_name(session) == "postgresql":
        params["bands"] = [band for band, _ in keys]
        params["hashes"] = [value for _, value in keys]
        rows = session.execute(_PG_LOOKUP, params)
    else:
        for number, (band, value) in enumerate(keys):
            params[f"band{number}"] = band
            params[f"hash{number}"] = value
        rows = session.execute(_sqlite_lookup(len(keys)), params)
    return [Candidate(row.article_id, row.shared) for row in rows]


_DELETE_BANDS = delete(LshBand.__table__).where(
    LshBand.__table__.c.article_id == bindparam("article_id")
)
_INSERT_BANDS = insert(LshBand.__table__)
_PG_INSERT_BANDS = text(
    "INSERT INTO lsh_bands (band, hash, article_id) "
    "SELECT band, hash, :article_id FROM "
    "unnest(CAST(:bands AS smallint[]), CAST(:hashes AS bigint[])) AS k(band, hash)"
)


def replace_bands(
    session: Executor, article_id: int, keys: Sequence[BandKey], *, replace: bool = True
) -> None:
    """Make ``keys`` the article's index rows (its latest text's bands). ``replace=False``
    when the article has none yet (its first version)."""
    if replace:
        session.execute(_DELETE_BANDS, {"article_id": article_id})
    if not keys:
        return
    if _dialect_name(session) == "postgresql":
        # One statement: psycopg's executemany would send a query per row.
        session.execute(
            _PG_INSERT_BANDS,
            {
                "bands": [band for band, _ in keys],
                "hashes": [value for _, value in keys],
                "article_id": article_id,
            },
        )
        return
    session.execute(
        _INSERT_BANDS,
        [{"band": band, "hash": value, "article_id": article_id} for band, value in keys],
    )


def _lock_key(kind: bytes, value: bytes) -> int:
    digest = hashlib.blake2b(kind + b"\0" + value, digest_size=8).digest()
    return int.from_bytes(digest, "little", signed=True)


def lock_keys(keys: Sequence[BandKey], urls: Iterable[str], content_hash: str) -> list[int]:
    """Advisory lock keys for everything a story decision reads: the article's bands, the
    URLs it is linked by (its own, a declared original) and its exact text."""
    found = {_lock_key(b"band", f"{band}:{value}".encode()) for band, value in keys}
    found.update(_lock_key(b"url", url.encode()) for url in urls if url)
    found.add(_lock_key(b"text", content_hash.encode()))
    return sorted(found)


_PG_ADVISORY_LOCKS = text(
    "SELECT pg_advisory_xact_lock(key) FROM "
    "(SELECT unnest(CAST(:keys AS bigint[])) AS key ORDER BY 1) AS sorted_keys"
)


def serialize_story_decisions(session: Executor, keys: Sequence[int]) -> None:
    """Make concurrent transactions that could join the same story wait for each other.

    On PostgreSQL (READ COMMITTED) two processes indexing reprints of one story at the same
    moment would each miss the other's uncommitted rows and open two stories. Transaction-level
    advisory locks on the keys both would read serialize them: the second waits for the first
    to commit, and its next statement sees the first one's rows. Taken in sorted order, so two
    transactions never wait for each other in a cycle. SQLite needs nothing: archive writes run
    in BEGIN IMMEDIATE transactions, one at a time.
    """
    if _dialect_name(session) != "postgresql" or not keys:
        return
    session.execute(_PG_ADVISORY_LOCKS, {"keys": list(keys)}).all()
