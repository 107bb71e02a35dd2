"""The reference tables ``regions`` and ``indicators``: copies of the datasets shipped with the
core (``pipelines.regions`` and the indicator taxonomy) so that SQL can join and browse them.

They are refreshed by every ``newscrawl db upgrade`` (``archive.db.upgrade``), not by a
migration: a new release of the datasets then needs no schema change. A refresh writes only the
difference (a few thousand rows are compared in memory), so running it again is cheap.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection, Table, delete, insert, select, update

from archive.models import Indicator, Region
from pipelines import regions
from pipelines.facts.indicators import taxonomy


@dataclass(frozen=True, slots=True)
class SyncCounts:
    inserted: int
    updated: int
    deleted: int


def dataset_regions() -> list[dict[str, Any]]:
    """Rows of ``regions`` from the division dataset shipped in ``pipelines.regions``."""
    return [
        {
            "code": division.code,
            "name": division.name,
            "parent_code": division.parent_code,
            "level": division.level,
        }
        for division in regions.divisions()
    ]


def dataset_indicators() -> list[dict[str, Any]]:
    """Rows of ``indicators`` from the taxonomy shipped in ``pipelines.facts``."""
    return [
        {
            "key": entry.key,
            "name": entry.name,
            "unit_family": entry.unit,
            "definition": entry.definition,
        }
        for entry in taxonomy().indicators
    ]


def sync_table(
    connection: Connection, table: Table, key: str, rows: Iterable[Mapping[str, Any]]
) -> SyncCounts:
    """Make ``table`` hold exactly ``rows`` (identified by column ``key``), writing only changes."""
    wanted = {row[key]: dict(row) for row in rows}
    present = {row[key]: dict(row) for row in connection.execute(select(table)).mappings()}
    new = [row for code, row in wanted.items() if code not in present]
    changed = [row for code, row in wanted.items() if code in present and present[code] != row]
    gone = [code for code in present if code not in wanted]
    if new:
        connection.execute(insert(table), new)
    for row in changed:
        connection.execute(update(table).where(table.c[key] == row[key]).values(**row))
    if gone:
        connection.execute(delete(table).where(table.c[key].in_(gone)))
    return SyncCounts(len(new), len(changed), len(gone))


def sync_reference_tables(
    connection: Connection,
    regions: Iterable[Mapping[str, Any]] | None = None,
    indicators: Iterable[Mapping[str, Any]] | None = None,
) -> dict[str, SyncCounts]:
    """Refresh both tables from the given rows, by default from the shipped datasets."""
    return {
        "regions": sync_table(
            connection,
            Region.__table__,
            "code",
            dataset_regions() if regions is None else regions,
        ),
        "indicators": sync_table(
            connection,
            Indicator.__table__,
            "key",
            dataset_indicators() if indicators is None else indicators,
        ),
    }
