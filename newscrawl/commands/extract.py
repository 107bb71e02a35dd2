"""``newscrawl extract FILE...|-``: HTML or plain-text pages in, one JSON object per input out.

No network and no database: the same extraction, cleaning and fact code the crawler runs,
applied to files. Output is JSON Lines in the contract of DESIGN.md::

    {"path", "url", "title", "published", "author", "source", "text", "facts"}
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from pipelines.cleaning import clean_paragraphs, clean_text
from pipelines.extraction import extract_page
from pipelines.extraction.dates import iso_day, parse_date
from pipelines.extraction.decoding import detect_encoding
from pipelines.extraction.metadata import find_author, find_source

MAX_INPUT_BYTES = 20 * 1024 * 1024
# Share of undecodable or control characters above which the input is not text at all.
_MAX_GARBAGE_RATIO = 0.02
_HTML_MARKERS = re.compile(
    r"<(?:!doctype\s+html|html|head|body|meta|title|div|p|table|article|text\s+id)[\s>/]",
    re.IGNORECASE,
)
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffd]")
_TITLE_LINE_MAX = 60


class InputError(Exception):
    """An input that cannot be read as a page; the message is the one-line reason."""


class FactsError(Exception):
    """Fact extraction failed on a page that was otherwise extracted."""


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "extract",
        help="extract title, date, author, source, text and facts from HTML or text files",
        description="One JSON object per input on stdout (JSON Lines). No network, no database.",
    )
    parser.add_argument("files", nargs="+", metavar="FILE", help="HTML or text file, - for stdin")
    parser.add_argument("--url", help="the page's URL (resolves links and URL dates)")
    parser.set_defaults(func=run)


def read_input(name: str) -> bytes:
    if name == "-":
        data = sys.stdin.buffer.read(MAX_INPUT_BYTES + 1)
    else:
        path = Path(name)
        if not path.is_file():
            raise InputError("no such file")
        if path.stat().st_size > MAX_INPUT_BYTES:
            raise InputError(f"larger than {MAX_INPUT_BYTES // (1024 * 1024)} MiB")
        data = path.read_bytes()
    if len(data) > MAX_INPUT_BYTES:
        raise InputError(f"larger than {MAX_INPUT_BYTES // (1024 * 1024)} MiB")
    if not data.strip():
        raise InputError("empty input")
    return data


def decode_input(data: bytes) -> str:
    """The input as text; binary or mis-encoded input is refused rather than guessed."""
    if b"\x00" in data[:8192] and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise InputError("binary input (NUL bytes), not HTML or text")
    encoding = detect_encoding(data)
    text = data.decode(encoding, errors="replace").lstrip("\ufeff")
    garbage = len(_CONTROL.findall(text))
    if garbage > _MAX_GARBAGE_RATIO * len(text):
        raise InputError(f"not valid text in any expected encoding (best guess {encoding})")
    return text


def looks_like_html(text: str) -> bool:
    return bool(_HTML_MARKERS.search(text[:20000]))


def _facts_extractor() -> Callable[..., list[Any]] | None:
    try:
        from pipelines.facts import extract_facts
    except ImportError:
        return None  # the facts package is not in this tree yet
    return extract_facts


def _plain_text_record(text: str) -> dict[str, Any]:
    """Metadata from a page copied as text: a short first line is its title."""
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    title = None
    if lines and len(lines[0]) <= _TITLE_LINE_MAX and not lines[0].endswith(("。", "！", "？")):
        title = lines[0]
        lines = lines[1:]
    head = lines[:6]
    published = next(
        (found for line in head if len(line) <= 120 and (found := parse_date(line))), None
    )
    cleaned = clean_text("\n".join(lines))
    return {
        "title": title,
        "published": published,
        "author": find_author(head + lines[-3:]),
        "source": find_source(head + lines[-3:]),
        "text": cleaned,
    }


def extract_record(name: str, data: bytes, url: str | None) -> dict[str, Any]:
    text = decode_input(data)
    if looks_like_html(text):
        page = extract_page(text, url)
        fields = {
            "title": page.title,
            "published": page.published,
            "author": page.author,
            "source": page.original_source,
            "text": "\n".join(clean_paragraphs(page.paragraphs)),
        }
    else:
        fields = _plain_text_record(text)
    return {"path": name, "url": url, **fields, "facts": []}


def add_facts(record: dict[str, Any]) -> None:
    """Fill ``record["facts"]``; a failure there is reported, the extraction still stands."""
    extract_facts = _facts_extractor()
    if extract_facts is None or not record["text"]:
        return
    published = iso_day(record["published"])
    try:
        found = extract_facts(
            record["text"], published=published, place=None, source=record.get("source")
        )
    except Exception as error:  # a bug in fact extraction must not lose the page
        raise FactsError(f"fact extraction failed ({type(error).__name__}: {error})") from error
    record["facts"] = [fact.to_dict() for fact in found]


def run(args: argparse.Namespace) -> int:
    status = 0
    out = sys.stdout
    for name in args.files:
        try:
            record = extract_record(name, read_input(name), args.url)
        except (InputError, OSError) as error:
            reason = error.strerror if isinstance(error, OSError) and error.strerror else error
            print(f"newscrawl extract: {name}: {reason}", file=sys.stderr)
            status = 1
            continue
        try:
            add_facts(record)
        except FactsError as error:
            print(f"newscrawl extract: {name}: {error}", file=sys.stderr)
            status = 1
        out.write(json.dumps(record, ensure_ascii=False) + "\n")
        out.flush()
    return status
