"""Datasette metadata for ``newscrawl browse``, made from the docs: one source of truth.

Table and column descriptions come from docs/schema.md (each ``### `name``` section: its first
paragraph describes the table, its ``| column | meaning |`` rows the columns); canned queries
from docs/series.md (a ```` ```sql ```` block after an ``<!-- canned query: NAME -->`` marker,
titled by the heading above it). The docs are not installed with the package, so the result is
shipped as browse_metadata.json; regenerate it after editing either page::

    python -m newscrawl.browse_metadata

and tests/test_browse.py fails while the JSON and the docs disagree.
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path
from typing import Any

METADATA_FILE = Path(__file__).with_name("browse_metadata.json")
DOCS = Path(__file__).resolve().parents[1] / "docs"

_SECTION_RE = re.compile(r"^### `(\w+)`\s*$", re.MULTILINE)
_NAME_RE = re.compile(r"`(\w+)`")
_CANNED_RE = re.compile(
    r"^#+ (?P<title>[^\n]+?)\s*\n(?:(?!#)[^\n]*\n)*?"
    r"<!-- canned query: (?P<name>\w+) -->\s*\n```sql\n(?P<sql>[\s\S]*?)```",
    re.MULTILINE,
)


def _markdown_text(text: str) -> str:
    """A paragraph as Datasette shows it: plain text, one line."""
    return " ".join(text.replace("**", "").replace("`", "").split())


def tables_from_schema(schema_md: str) -> dict[str, Any]:
    tables: dict[str, Any] = {}
    matches = list(_SECTION_RE.finditer(schema_md))
    for index, match in enumerate(matches):
        end = matches[index + 1].start() if index + 1 < len(matches) else len(schema_md)
        body = schema_md[match.end() : end]
        # The section ends at the next heading of any level.
        body = re.split(r"^#", body, maxsplit=1, flags=re.MULTILINE)[0]
        paragraphs = [p for p in re.split(r"\n\s*\n", body.strip()) if p.strip()]
        entry: dict[str, Any] = {}
        if paragraphs and not paragraphs[0].lstrip().startswith("|"):
            entry["description"] = _markdown_text(paragraphs[0])
        columns: dict[str, str] = {}
        for line in body.splitlines():
            cells = [cell.strip() for cell in line.strip().strip("|").split("|")]
            if len(cells) != 2 or not cells[0].startswith("`"):
                continue
            for name in _NAME_RE.findall(cells[0]):
                columns[name] = _markdown_text(cells[1])
        if columns:
            entry["columns"] = columns
        tables[match.group(1)] = entry
    return tables


def queries_from_series(series_md: str) -> dict[str, Any]:
    return {
        match["name"]: {"title": match["title"].strip(), "sql": match["sql"].strip()}
        for match in _CANNED_RE.finditer(series_md)
    }


def build(schema_md: str, series_md: str) -> dict[str, Any]:
    return {
        "title": "newscrawl archive",
        "description": "Chinese regional economic news: articles, versions, facts and series.",
        "tables": tables_from_schema(schema_md),
        "queries": queries_from_series(series_md),
    }


def from_docs(docs: Path = DOCS) -> dict[str, Any]:
    return build(
        (docs / "schema.md").read_text(encoding="utf-8"),
        (docs / "series.md").read_text(encoding="utf-8"),
    )


def load() -> dict[str, Any]:
    """The shipped metadata (tables and queries, not yet under a database name)."""
    return json.loads(METADATA_FILE.read_text(encoding="utf-8"))


def datasette_metadata(database: str) -> dict[str, Any]:
    """Datasette's metadata.json for an SQLite file served under the name ``database``."""
    shipped = load()
    return {
        "title": shipped["title"],
        "description": shipped["description"],
        "databases": {
            database: {"tables": shipped["tables"], "queries": shipped["queries"]},
        },
    }


def main() -> int:
    metadata = from_docs()
    METADATA_FILE.write_text(
        json.dumps(metadata, ensure_ascii=False, indent=1, sort_keys=True) + "\n", encoding="utf-8"
    )
    print(f"{METADATA_FILE}: {len(metadata['tables'])} tables, {len(metadata['queries'])} queries")
    return 0


if __name__ == "__main__":
    sys.exit(main())
