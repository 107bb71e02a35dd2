"""Dump what an archive holds — versions, hashes, facts, stories — as stable JSON, so that two
archives built by two revisions of the code can be compared with ``diff``.

Ids, timestamps and crawl runs differ between two crawls of the same pages and are left out;
stories are named by the URL of their original article, facts by their version's URL and number.

    python -m benchmarks.archive_snapshot --db sqlite:///a.sqlite3 > a.json
    python -m benchmarks.archive_snapshot --crawl-demo > after.json   # demo into a temp archive

The second form runs ``newscrawl demo`` (the bundled sample web) into a fresh SQLite file with
the code on ``sys.path``, which is how a refactoring is checked: snapshot before, snapshot after,
compare.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

from sqlalchemy import column, create_engine, select, table, text

# Columns compared; a column a revision does not have yet is skipped on both sides by the caller.
VERSION_COLUMNS = ("version", "content_hash", "title", "published", "author", "original_source")
FACT_COLUMNS = (
    "metric",
    "kind",
    "value",
    "unit",
    "norm_value",
    "norm_unit",
    "approx",
    "basis",
    "period",
    "subject",
    "estimate",
    "start",
    "end",
)


def snapshot(db_url: str) -> dict[str, Any]:
    engine = create_engine(db_url)
    with engine.connect() as conn:
        urls = dict(conn.execute(text("SELECT id, url FROM articles")).all())
        stories: dict[str, list[str]] = {}
        for story_id, original_id in conn.execute(
            text("SELECT id, original_article_id FROM stories")
        ):
            members = conn.execute(
                text("SELECT url FROM articles WHERE story_id = :s ORDER BY url"), {"s": story_id}
            ).scalars()
            stories[urls.get(original_id, f"<none:{story_id}>")] = list(members)
        versions: dict[str, list[dict[str, Any]]] = {}
        version_keys: dict[int, str] = {}
        version_columns = [column(name) for name in ("id", "article_id", *VERSION_COLUMNS)]
        for row in conn.execute(
            select(*version_columns).select_from(table("article_versions")).order_by(column("id"))
        ).mappings():
            url = urls[row["article_id"]]
            versions.setdefault(url, []).append({c: row[c] for c in VERSION_COLUMNS})
            version_keys[row["id"]] = f"{url}#v{row['version']}"
        facts: dict[str, list[dict[str, Any]]] = {}
        fact_columns = [column(name) for name in ("version_id", *FACT_COLUMNS)]
        for row in conn.execute(
            select(*fact_columns)
            .select_from(table("facts"))
            .where(column("current"))
            .order_by(column("version_id"), column("id"))
        ).mappings():
            facts.setdefault(version_keys[row["version_id"]], []).append(
                {c: row[c] for c in FACT_COLUMNS}
            )
    engine.dispose()
    return {
        "articles": len(urls),
        "versions": dict(sorted(versions.items())),
        "facts": {key: sorted(rows, key=json.dumps) for key, rows in sorted(facts.items())},
        "stories": dict(sorted(stories.items())),
    }


def crawl_demo() -> str:
    """Run ``newscrawl demo`` into a fresh SQLite archive; return its URL."""
    home = Path(tempfile.mkdtemp(prefix="newscrawl-snapshot-"))
    env = {**os.environ, "NEWSCRAWL_HOME": str(home)}
    env.pop("NEWSCRAWL_DB_URL", None)
    subprocess.run(
        [sys.executable, "-m", "newscrawl", "demo"], env=env, check=True, stdout=subprocess.DEVNULL
    )
    return f"sqlite:///{home / 'newscrawl.sqlite3'}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    group = parser.add_mutually_exclusive_group(required=True)
    group.add_argument("--db", help="archive database URL")
    group.add_argument("--crawl-demo", action="store_true", help="crawl the sample web first")
    args = parser.parse_args()
    url = crawl_demo() if args.crawl_demo else args.db
    json.dump(snapshot(url), sys.stdout, ensure_ascii=False, indent=1, sort_keys=True)
    print()


if __name__ == "__main__":
    main()
