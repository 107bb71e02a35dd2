"""Rows out of the archive as a terminal table, CSV, JSON Lines or Parquet.

Rows are streamed: nothing but a Parquet row group (and a table's first screenful, to size its
columns) is held in memory. Parquet needs pyarrow, an optional extra (``pip install
'newscrawl[parquet]'``); its column types come from the query's SQL types, so a column that is
null in the first rows still gets its real type.
"""

from __future__ import annotations

import csv
import json
import unicodedata
from collections.abc import Iterable, Iterator, Sequence
from datetime import date, datetime
from itertools import islice
from typing import IO, Any

from sqlalchemy import Boolean, Date, DateTime, Float, Integer
from sqlalchemy.sql.expression import ColumnElement

FORMATS = ("table", "csv", "jsonl", "parquet")
PARQUET_ROW_GROUP = 10_000
# A table is for reading in a terminal: columns are cut to this many display cells, except the
# last (a URL, to be copied whole).
TABLE_CELL_WIDTH = 40
TABLE_SIZING_ROWS = 200


class MissingExtra(RuntimeError):
    """An optional dependency is not installed; the message says which extra provides it."""


def _plain(value: Any) -> Any:
    if isinstance(value, datetime | date):
        return value.isoformat()
    return value


def write_jsonl(rows: Iterable[dict[str, Any]], out: IO[str]) -> int:
    count = 0
    for row in rows:
        out.write(json.dumps({k: _plain(v) for k, v in row.items()}, ensure_ascii=False))
        out.write("\n")
        count += 1
    return count


def write_csv(rows: Iterable[dict[str, Any]], columns: Sequence[str], out: IO[str]) -> int:
    writer = csv.writer(out)
    writer.writerow(columns)
    count = 0
    for row in rows:
        writer.writerow(["" if row[c] is None else _plain(row[c]) for c in columns])
        count += 1
    return count


def display_width(text: str) -> int:
    """Terminal cells: CJK characters take two."""
    return sum(2 if unicodedata.east_asian_width(char) in "WF" else 1 for char in text)


def _cell(value: Any, whole: bool = False) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    text = str(_plain(value)).replace("\n", " ")
    if whole or display_width(text) <= TABLE_CELL_WIDTH:
        return text
    while display_width(text) > TABLE_CELL_WIDTH - 1:
        text = text[:-1]
    return text + "…"


def _pad(text: str, width: int) -> str:
    return text + " " * (width - display_width(text))


def write_table(rows: Iterable[dict[str, Any]], columns: Sequence[str], out: IO[str]) -> int:
    iterator = iter(rows)
    last = len(columns) - 1

    def cells(row: dict[str, Any]) -> list[str]:
        return [_cell(row[c], whole=i == last) for i, c in enumerate(columns)]

    head = [cells(row) for row in islice(iterator, TABLE_SIZING_ROWS)]
    widths = [
        max([display_width(c)] + [display_width(line[i]) for line in head])
        for i, c in enumerate(columns)
    ]

    def emit(cells: Sequence[str]) -> None:
        out.write("  ".join(_pad(cell, widths[i]) for i, cell in enumerate(cells)).rstrip())
        out.write("\n")

    emit(columns)
    emit(["-" * width for width in widths])
    count = 0
    for line in head:
        emit(line)
        count += 1
    for row in iterator:
        emit(cells(row))
        count += 1
    return count


def _arrow_type(sql_type: Any) -> Any:
    import pyarrow as pa

    sql_type = getattr(sql_type, "impl", sql_type)  # a TypeDecorator (UTCDateTime) → its base
    if isinstance(sql_type, Boolean):
        return pa.bool_()
    if isinstance(sql_type, Integer):
        return pa.int64()
    if isinstance(sql_type, Float):
        return pa.float64()
    if isinstance(sql_type, DateTime):
        return pa.timestamp("us", tz="UTC")
    if isinstance(sql_type, Date):
        return pa.date32()
    return pa.string()


def require_pyarrow() -> None:
    try:
        import pyarrow
        import pyarrow.parquet  # noqa: F401
    except ImportError as error:
        raise MissingExtra("Parquet needs pyarrow: pip install 'newscrawl[parquet]'") from error


def write_parquet(
    rows: Iterable[dict[str, Any]], columns: Sequence[ColumnElement[Any]], path: str
) -> int:
    require_pyarrow()
    import pyarrow as pa
    import pyarrow.parquet as pq

    schema = pa.schema([(column.name, _arrow_type(column.type)) for column in columns])
    count = 0
    iterator: Iterator[dict[str, Any]] = iter(rows)
    with pq.ParquetWriter(path, schema) as writer:
        while batch := list(islice(iterator, PARQUET_ROW_GROUP)):
            writer.write_table(pa.Table.from_pylist(batch, schema=schema))
            count += len(batch)
        if count == 0:
            writer.write_table(schema.empty_table())
    return count
