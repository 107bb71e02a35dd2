"""The rows of a version's parse, written the same way by the crawl's save and by reparse.

A *parse* of a stored version is what the parser made of its raw page: the metadata (title,
published, author, original source, original title), the cleaned text with its content hash,
the facts with their fingerprint, and the parser version that produced them. The crawl's save
(``archive.store``) writes the first parse of a new version; ``archive.reparse`` replaces a
version's parse, keeping the old one (its columns in ``version_parses``, its facts rows with
``current = false``). Both build their rows here, from statements built once, so a column
added to the parse is added in one place.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Mapping, Sequence
from datetime import date, datetime
from typing import Any

from sqlalchemy import Boolean, Connection, Date, bindparam, insert, select, update

from archive.models import ArticleVersion, Fact, VersionParse
from pipelines.extraction.dates import iso_day
from pipelines.items import METADATA_FIELDS, PageMetadata, page_metadata

# The fact fields that make a figure "the same figure": a change in any of them is a real
# change of the article even when the text hash did not move.
FACT_IDENTITY_FIELDS = ("metric", "kind", "norm_value", "norm_unit", "period", "basis", "subject")

_facts = Fact.__table__
_versions = ArticleVersion.__table__
_version_parses = VersionParse.__table__

# Every column of ``facts`` that holds a field of the fact itself (the others say which
# version and parser it belongs to): read from the model, so a migration that adds or drops a
# fact column changes what is written without a second list to keep in step.
_BOOKKEEPING_COLUMNS = frozenset({"id", "version_id", "extractor_version", "current"})
FACT_COLUMNS = tuple(
    column.name for column in _facts.columns if column.name not in _BOOKKEEPING_COLUMNS
)
# Flags absent from a fact dict are stored as false (the columns are NOT NULL).
_FLAG_COLUMNS = (
    frozenset(column.name for column in _facts.columns if isinstance(column.type, Boolean))
    - _BOOKKEEPING_COLUMNS
)
# Dates are ISO strings in a fact dict (the JSON contract of ``newscrawl extract``) and DATE
# in the database (period_start, period_end).
_DATE_COLUMNS = frozenset(column.name for column in _facts.columns if isinstance(column.type, Date))

# The columns of a parse, shared by ``article_versions`` and ``version_parses``.
PARSE_COLUMNS = (
    *METADATA_FIELDS,
    "text",
    "content_hash",
    "facts_hash",
    "extractor_version",
)


def facts_fingerprint(facts: Iterable[Mapping[str, Any]]) -> str:
    """Order-independent hash of the figures of a text (their identities, not their spans)."""
    keys = sorted(
        json.dumps([fact.get(name) for name in FACT_IDENTITY_FIELDS], ensure_ascii=False)
        for fact in facts
    )
    return hashlib.sha256("\n".join(keys).encode()).hexdigest()


def parse_values(
    page: PageMetadata,
    *,
    text: str,
    content_hash: str,
    facts_hash: str,
    parser_version: str,
) -> dict[str, Any]:
    """The parse columns of a version row (plus ``published_date``, the day it indexes)."""
    return {
        **page_metadata(page),
        "published_date": iso_day(page.published),
        "text": text,
        "content_hash": content_hash,
        "facts_hash": facts_hash,
        "extractor_version": parser_version,
    }


def fact_rows(
    version_id: int, facts: Sequence[Mapping[str, Any]], parser_version: str
) -> list[dict[str, Any]]:
    """The ``facts`` rows of one version's current parse."""
    rows = []
    for fact in facts:
        row = {name: fact.get(name) for name in FACT_COLUMNS}
        for name in _FLAG_COLUMNS:
            row[name] = bool(row[name])
        for name in _DATE_COLUMNS:
            row[name] = _date(row[name])
        row.update(version_id=version_id, extractor_version=parser_version, current=True)
        rows.append(row)
    return rows


def fact_contents(rows: Iterable[Mapping[str, Any]]) -> list[tuple[Any, ...]]:
    """Rows (or fact dicts) as comparable tuples of their fact fields, in text order."""
    return sorted(
        (tuple(_comparable(name, row.get(name)) for name in FACT_COLUMNS) for row in rows),
        key=repr,
    )


def _date(value: Any) -> date | None:
    return date.fromisoformat(value) if isinstance(value, str) else value


def _comparable(name: str, value: Any) -> Any:
    if name in _FLAG_COLUMNS:
        return bool(value)
    if name in _DATE_COLUMNS:
        return _date(value)
    if isinstance(value, int | float) and not isinstance(value, bool):
        return float(value)  # what a Float column gives back
    return value


# -- statements, built once -------------------------------------------------------------------

INSERT_VERSION = insert(_versions).returning(_versions.c.id)
_INSERT_FACTS = insert(_facts)
_CURRENT_FACTS = select(*(_facts.c[name] for name in FACT_COLUMNS)).where(
    _facts.c.version_id == bindparam("row_version_id"), _facts.c.current.is_(True)
)
_RETIRE_FACTS = (
    update(_facts)
    .where(_facts.c.version_id == bindparam("row_version_id"), _facts.c.current.is_(True))
    .values(current=False)
)
_STAMP_FACTS = (
    update(_facts)
    .where(_facts.c.version_id == bindparam("row_version_id"), _facts.c.current.is_(True))
    .values(extractor_version=bindparam("parser_version"))
)
_STAMP_VERSION = (
    update(_versions)
    .where(_versions.c.id == bindparam("row_version_id"))
    .values(extractor_version=bindparam("parser_version"))
)
# A version's current parse, copied into version_parses by the database itself.
_KEEP_PARSE = insert(_version_parses).from_select(
    ["version_id", *PARSE_COLUMNS, "replaced_at"],
    select(
        _versions.c.id,
        *(_versions.c[name] for name in PARSE_COLUMNS),
        bindparam("replaced_at", type_=_version_parses.c.replaced_at.type),
    ).where(_versions.c.id == bindparam("row_version_id")),
)
# SET clause from the parameters' keys: the parse columns of ``parse_values``.
_SET_PARSE = update(_versions).where(_versions.c.id == bindparam("row_version_id"))


def write_facts(
    conn: Connection, version_id: int, facts: Sequence[Mapping[str, Any]], parser_version: str
) -> None:
    """The facts of a version's new current parse, in one multi-row INSERT."""
    if facts:
        conn.execute(_INSERT_FACTS, fact_rows(version_id, facts, parser_version))


def current_fact_rows(conn: Connection, version_id: int) -> list[Mapping[str, Any]]:
    return list(conn.execute(_CURRENT_FACTS, {"row_version_id": version_id}).mappings())


def stamp_parser(conn: Connection, version_id: int, parser_version: str) -> None:
    """Record that ``parser_version`` produces the version's current parse as it is stored."""
    params = {"row_version_id": version_id, "parser_version": parser_version}
    conn.execute(_STAMP_VERSION, params)
    conn.execute(_STAMP_FACTS, params)


def keep_and_replace_parse(
    conn: Connection,
    version_id: int,
    values: dict[str, Any],
    facts: Sequence[Mapping[str, Any]] | None,
    *,
    replaced_at: datetime,
) -> None:
    """Make ``values`` (from ``parse_values``) the version's current parse, the old one kept in
    ``version_parses``. With ``facts`` None the current facts rows stay (the new parser
    produces the same), restamped with its version; otherwise they are retired and ``facts``
    written."""
    parser_version = values["extractor_version"]
    conn.execute(_KEEP_PARSE, {"row_version_id": version_id, "replaced_at": replaced_at})
    # parsed_at: the change feed (``newscrawl export --since``) sees the new parse.
    conn.execute(_SET_PARSE, {"row_version_id": version_id, **values, "parsed_at": replaced_at})
    if facts is None:
        conn.execute(_STAMP_FACTS, {"row_version_id": version_id, "parser_version": parser_version})
        return
    conn.execute(_RETIRE_FACTS, {"row_version_id": version_id})
    write_facts(conn, version_id, facts, parser_version)
