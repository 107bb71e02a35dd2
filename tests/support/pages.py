"""The committed extraction regression fixtures (tests/fixtures/extraction/, written by
``python -m tests.fixtures.generate``): one page of the sample web per folder, web-poet style."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pipelines.parse import ParsedPage

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "extraction"


@dataclass(frozen=True)
class PageFixture:
    folder: Path
    body: bytes
    url: str
    http_encoding: str | None
    family: str | None
    place: str | None
    expected: dict[str, Any]

    @property
    def name(self) -> str:
        return self.folder.relative_to(FIXTURES).as_posix()


def charset(headers: list[list[str]]) -> str | None:
    content_type = dict(headers).get("Content-Type", "")
    _, _, value = content_type.partition("charset=")
    return value.split(";")[0].strip() or None


def load(folder: Path) -> PageFixture:
    info = json.loads((folder / "inputs" / "HttpResponse-info.json").read_text("utf-8"))
    meta = json.loads((folder / "meta.json").read_text("utf-8"))
    return PageFixture(
        folder=folder,
        body=(folder / "inputs" / "HttpResponse-body.html").read_bytes(),
        url=info["url"],
        http_encoding=charset(info["headers"]),
        family=meta["family"],
        place=meta["place"],
        expected=json.loads((folder / "output.json").read_text("utf-8")),
    )


def page_fixtures() -> list[PageFixture]:
    return [load(path.parent) for path in sorted(FIXTURES.glob("*/*/output.json"))]


def extraction_output(parsed: ParsedPage) -> dict[str, Any]:
    """What a fixture's ``output.json`` holds: the page's extraction and its cleaned text."""
    page = parsed.page
    return {
        "is_article": page.is_article,
        "not_article_reason": page.not_article_reason,
        "family": page.family,
        "title": page.title,
        "published": page.published,
        "author": page.author,
        "original_source": page.original_source,
        "original_title": page.original_title,
        "canonical_url": page.canonical_url,
        "declared_original_url": page.declared_original_url,
        "next_page_urls": page.next_page_urls,
        "encoding": page.encoding,
        "text": parsed.text,
        "content_hash": parsed.content_hash,
    }
