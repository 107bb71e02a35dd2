"""Scrapy feed exports of the articles: ``scrapy crawl KEY -O out.jsonl|.json|.csv|.xml``.

The exported fields are :data:`EXPORT_FIELDS` (the setting ``FEED_EXPORT_FIELDS``): every field
of the item in its order except :data:`ARCHIVE_ONLY_FIELDS` — never the raw bytes (the archive
keeps them for re-parsing), the MinHash signature or the pre-cleaning paragraphs. Times are ISO 8601
with their offset. ``facts`` stays a nested list of objects in JSON, JSON Lines and XML; CSV
has no nesting, so there it is one column holding the facts as a JSON string.

The exporters are Scrapy's own with one change each: how a value is written
(``serialize_field``), set per format in ``FEED_EXPORTERS``.
"""

from __future__ import annotations

import json
from dataclasses import fields
from datetime import date, datetime
from typing import Any

from scrapy import exporters

from pipelines.items import ArticleItem

# What only the archive needs: the page as served (for re-parsing), the MinHash signature (for
# the near-duplicate index) and the paragraphs before cleaning (``text`` is the cleaned body).
ARCHIVE_ONLY_FIELDS = frozenset({"raw_body", "minhash", "paragraphs"})
EXPORT_FIELDS = [f.name for f in fields(ArticleItem) if f.name not in ARCHIVE_ONLY_FIELDS]


def plain(value: Any) -> Any:
    """``value`` with dates as ISO 8601 text (Scrapy's JSON encoder drops the time zone)."""
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, dict):
        return {key: plain(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [plain(item) for item in value]
    return value


class JsonLinesItemExporter(exporters.JsonLinesItemExporter):
    def serialize_field(self, field: Any, name: str, value: Any) -> Any:
        return super().serialize_field(field, name, plain(value))


class JsonItemExporter(exporters.JsonItemExporter):
    def serialize_field(self, field: Any, name: str, value: Any) -> Any:
        return super().serialize_field(field, name, plain(value))


class XmlItemExporter(exporters.XmlItemExporter):
    def serialize_field(self, field: Any, name: str, value: Any) -> Any:
        value = plain(value)
        if value is None:
            return ""  # an empty element, not the text "None"
        if isinstance(value, list):
            return [self._xml_value(item) for item in value]
        return super().serialize_field(field, name, value)

    @staticmethod
    def _xml_value(value: Any) -> Any:
        if isinstance(value, dict):
            return {key: "" if item is None else item for key, item in value.items()}
        return "" if value is None else value


class CsvItemExporter(exporters.CsvItemExporter):
    def serialize_field(self, field: Any, name: str, value: Any) -> Any:
        value = plain(value)
        if isinstance(value, list | dict):
            return json.dumps(value, ensure_ascii=False)
        return super().serialize_field(field, name, value)
