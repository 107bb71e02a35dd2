"""A disk spool for items the archive could not take (database down or restarting).

Items are appended as JSON lines and replayed, oldest first, once the database answers again;
saving is idempotent (same content → no new version), so a replay after a partial failure never
duplicates anything.

A spool belongs to one archive: its file lives under a directory named by the fingerprint of the
database URL (``spool_path``), so items spooled for archive A are only ever replayed into A,
whatever other archive a later crawl writes to.
"""

from __future__ import annotations

import base64
import dataclasses
import hashlib
import json
import os
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import Any

from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError, InterfaceError, OperationalError

from pipelines.items import ArticleItem


def archive_fingerprint(db_url: str) -> str:
    """A short, stable name for the archive at ``db_url``: the same database whatever its
    password (which may change, and must not be written anywhere) or the spelling of a
    SQLite file's path."""
    try:
        url = make_url(db_url)
    except ArgumentError:
        identity = db_url
    else:
        if url.get_backend_name() == "sqlite" and url.database not in (None, "", ":memory:"):
            url = url.set(database=str(Path(url.database).expanduser().resolve()))
        identity = url.render_as_string(hide_password=True)  # the password as ***
    return hashlib.sha256(identity.encode()).hexdigest()[:16]


def spool_path(spool_dir: Path, db_url: str, source: str) -> Path:
    """The spool file of the items of ``source`` (a source key such as ``site:<host>``, or a
    spider name) for the archive at ``db_url``."""
    file_name = source.replace(":", "_").replace("/", "_")  # a file name on every system
    return spool_dir / archive_fingerprint(db_url) / f"{file_name}.jsonl"


def item_to_json(item: ArticleItem) -> str:
    data = dataclasses.asdict(item)
    data["fetched_at"] = item.fetched_at.isoformat()
    data["raw_body"] = base64.b64encode(item.raw_body).decode("ascii")
    return json.dumps(data, ensure_ascii=False)


def item_from_json(line: str) -> ArticleItem:
    data: dict[str, Any] = json.loads(line)
    data["fetched_at"] = datetime.fromisoformat(data["fetched_at"])
    data["raw_body"] = base64.b64decode(data["raw_body"])
    if "extractor_version" in data:  # spooled before the field was named for what it holds
        data["parser_version"] = data.pop("extractor_version")
    return ArticleItem(**data)


class Spool:
    def __init__(self, path: Path) -> None:
        self.path = path

    def __len__(self) -> int:
        if not self.path.exists():
            return 0
        with self.path.open("rb") as handle:
            return sum(1 for _ in handle)

    def append(self, item: ArticleItem) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        with self.path.open("a", encoding="utf-8") as handle:
            handle.write(item_to_json(item) + "\n")
            handle.flush()
            os.fsync(handle.fileno())

    @property
    def rejected_path(self) -> Path:
        return self.path.with_suffix(".rejected.jsonl")

    def replay(self, save: Callable[[ArticleItem], object]) -> int:
        """Feed the spooled items to ``save``, oldest first, and return how many were saved.

        An unreachable database stops the replay and keeps the rest for later; any other error means
        the item itself is bad, so it is moved to the ``.rejected.jsonl`` file beside the
        spool instead of blocking the queue. The spool is rewritten atomically.
        """
        if not self.path.exists():
            return 0
        lines = self.path.read_text(encoding="utf-8").splitlines()
        saved = 0
        for index, line in enumerate(lines):
            try:
                save(item_from_json(line))
            except (OperationalError, InterfaceError):
                self._rewrite(lines[index:])
                return saved
            except Exception:
                with self.rejected_path.open("a", encoding="utf-8") as handle:
                    handle.write(line + "\n")
                continue
            saved += 1
        self.path.unlink()
        return saved

    def _rewrite(self, lines: list[str]) -> None:
        temporary = self.path.with_suffix(".tmp")
        temporary.write_text("".join(line + "\n" for line in lines), encoding="utf-8")
        os.replace(temporary, self.path)
