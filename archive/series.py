"""Figures as time series: the ``fact_series`` view filtered by indicator, region and dates.

A region given by name or code stands for itself and every division under it (青岛市 includes
黄岛区), found through the ``regions`` table's parent links. An indicator is given by its
taxonomy key or its Chinese name.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import Connection, Select, or_, select

from archive.models import Indicator, Region
from archive.views import fact_series
from pipelines.regions import resolve

_CODE_RE = re.compile(r"\d{6}")


class UnknownFilter(ValueError):
    """A ``--region`` or ``--indicator`` that names nothing the archive knows."""


@dataclass(frozen=True, slots=True)
class SeriesFilter:
    indicator: str | None = None
    region: str | None = None
    start: date | None = None  # figures whose period starts on or after
    end: date | None = None  # figures whose period ends on or before


def region_codes(connection: Connection, region: str) -> list[str]:
    """The codes a ``--region`` stands for: the named division and all its descendants.

    A name is resolved by the core's resolver (short and full names, functional zones:
    西海岸新区 → 黄岛区 370211), else by its exact name in ``regions`` (every division of that
    name: 市中区 is in several cities).
    """
    region = region.strip()
    if _CODE_RE.fullmatch(region):
        roots = [region]
    else:
        resolved = resolve_place(region)
        roots = (
            [resolved]
            if resolved
            else list(connection.scalars(select(Region.code).where(Region.name == region)))
        )
        if not roots:
            raise UnknownFilter(f"unknown region {region!r}: not a division name or code")
    regions = Region.__table__
    tree = select(regions.c.code).where(regions.c.code.in_(roots)).cte("tree", recursive=True)
    tree = tree.union_all(select(regions.c.code).join(tree, regions.c.parent_code == tree.c.code))
    # The roots themselves even when the table lacks them (a code typed by the user).
    return sorted(set(roots) | set(connection.scalars(select(tree.c.code))))


def resolve_place(name: str) -> str | None:
    """The code of the division ``name`` denotes, by the core's resolver."""
    found = resolve(name)
    return found.code if found else None


def indicator_keys(connection: Connection, indicator: str) -> list[str]:
    """The taxonomy key(s) an ``--indicator`` names: a key, or a Chinese name."""
    indicator = indicator.strip()
    keys = list(
        connection.scalars(
            select(Indicator.key).where(
                or_(Indicator.key == indicator, Indicator.name == indicator)
            )
        )
    )
    if keys:
        return keys
    raise UnknownFilter(f"unknown indicator {indicator!r}: not a key or name in `indicators`")


def series_query(connection: Connection, wanted: SeriesFilter) -> Select[Any]:
    query = select(fact_series)
    if wanted.indicator:
        query = query.where(
            fact_series.c.indicator.in_(indicator_keys(connection, wanted.indicator))
        )
    if wanted.region:
        query = query.where(fact_series.c.region_code.in_(region_codes(connection, wanted.region)))
    if wanted.start:
        query = query.where(fact_series.c.period_start >= wanted.start)
    if wanted.end:
        query = query.where(fact_series.c.period_end <= wanted.end)
    return query.order_by(
        fact_series.c.indicator,
        fact_series.c.region_code,
        fact_series.c.period_start,
        fact_series.c.period_end,
        fact_series.c.published,
        fact_series.c.fact_id,
    )


def series_rows(connection: Connection, wanted: SeriesFilter) -> Iterator[dict[str, Any]]:
    for row in connection.execute(series_query(connection, wanted)).mappings():
        yield dict(row)
