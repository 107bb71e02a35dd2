"""``newscrawl reparse -j N``: the parsing of a re-parse in N worker processes.

Parsing a stored page (extraction, cleaning, facts) is pure CPU and takes far longer than
writing its rows, so the workers only parse: this process reads the raw pages in batches, hands
them out, and writes each result in its own transaction with the same code as the sequential
re-parse (``archive.reparse.apply_parse``). One writer also suits SQLite, which takes one
writer at a time anyway. At most a few pages per worker are in flight, so memory stays flat
whatever the archive's size, and results are written in version order, so an interrupted run
resumes where it stopped like the sequential one.
"""

from __future__ import annotations

import multiprocessing
from collections import deque
from collections.abc import Iterator
from concurrent.futures import Future, ProcessPoolExecutor

from sqlalchemy import Select, bindparam, func, select
from sqlalchemy.orm import Session

from archive.models import Article, ArticleVersion, RawPage, Source
from archive.reparse import (
    Parser,
    RawInput,
    ReparseResult,
    apply_parse,
    parse_stored,
    pending,
    reparse_all,
    stored_version,
)
from archive.store import Archive
from pipelines.parse import PARSER_VERSION, ParsedPage, parse_page

# Pages queued per worker: enough to keep every worker busy while this process writes.
IN_FLIGHT_PER_WORKER = 4

_versions = ArticleVersion.__table__
_articles = Article.__table__
_raw_pages = RawPage.__table__
_sources = Source.__table__
# What the workers need of a batch of versions (read without a lock: the write re-reads and
# locks the version).
_RAW_INPUTS = (
    select(
        _versions.c.id,
        _versions.c.family,
        _versions.c.fetched_at,
        _articles.c.url,
        _raw_pages.c.body_zlib,
        _raw_pages.c.encoding,
        # The crawl's place for the article, else (archives before 0006) its source's.
        func.coalesce(_articles.c.place, _sources.c.place).label("place"),
        _sources.c.key.label("source_key"),
    )
    .join(_articles, _articles.c.id == _versions.c.article_id)
    .join(_raw_pages, _raw_pages.c.id == _versions.c.raw_page_id)
    .join(_sources, _sources.c.id == _articles.c.source_id)
    .where(_versions.c.id.in_(bindparam("ids", expanding=True)))
    .order_by(_versions.c.id)
)


def _parse_job(raw: RawInput, parser: Parser) -> tuple[int, ParsedPage]:
    return raw.version_id, parse_stored(raw, parser)


def _raw_inputs(
    archive: Archive,
    ids_query: Select[tuple[int]],
    batch: int,
    whole_thread_sources: frozenset[str] = frozenset(),
) -> Iterator[RawInput]:
    """The pending versions' raw inputs, read in batches of ``batch`` (keyset on the id)."""
    last_id = 0
    while True:
        # The batch is read whole and the transaction closed before anything is yielded: on
        # SQLite every transaction holds the write lock, which the writes need meanwhile.
        with archive.sessions() as session:
            ids = session.scalars(ids_query.where(ArticleVersion.id > last_id).limit(batch)).all()
            inputs = [
                RawInput.of(row, whole_thread_sources)
                for row in session.execute(_RAW_INPUTS, {"ids": ids or [0]}).mappings()
            ]
        if not ids:
            return
        yield from inputs
        last_id = ids[-1]


def _apply(
    session: Session,
    version_id: int,
    parsed: ParsedPage,
    parser_version: str,
    everything: bool,
) -> ReparseResult:
    conn = session.connection()
    stored = stored_version(conn, version_id)
    if not everything and stored["extractor_version"] == parser_version:
        # Another run re-parsed it since it was read: nothing to do.
        return ReparseResult(version_id, text_changed=False, facts_changed=False)
    return apply_parse(conn, stored, parsed, parser_version)


def reparse_parallel(
    archive: Archive,
    *,
    jobs: int,
    parser: Parser = parse_page,
    parser_version: str = PARSER_VERSION,
    source_key: str | None = None,
    everything: bool = False,
    batch: int = 200,
    whole_thread_sources: frozenset[str] = frozenset(),
) -> Iterator[ReparseResult]:
    """Like ``reparse_all``, parsing in ``jobs`` worker processes; one result per version, in
    version order, as it is committed."""
    if jobs <= 1:
        yield from reparse_all(
            archive,
            parser=parser,
            parser_version=parser_version,
            source_key=source_key,
            everything=everything,
            batch=batch,
            whole_thread_sources=whole_thread_sources,
        )
        return
    ids_query = pending(parser_version, source_key, everything=everything)
    # forkserver: the workers start from a clean interpreter, not a copy of this process with
    # its open database connections.
    context = multiprocessing.get_context("forkserver")
    window: deque[Future[tuple[int, ParsedPage]]] = deque()
    limit = jobs * IN_FLIGHT_PER_WORKER
    with ProcessPoolExecutor(jobs, mp_context=context) as pool:
        for raw in _raw_inputs(archive, ids_query, batch, whole_thread_sources):
            window.append(pool.submit(_parse_job, raw, parser))
            if len(window) >= limit:
                yield _write(archive, window.popleft(), parser_version, everything)
        while window:
            yield _write(archive, window.popleft(), parser_version, everything)


def _write(
    archive: Archive,
    future: Future[tuple[int, ParsedPage]],
    parser_version: str,
    everything: bool,
) -> ReparseResult:
    version_id, parsed = future.result()
    return archive._transaction(
        lambda session: _apply(session, version_id, parsed, parser_version, everything)
    )
