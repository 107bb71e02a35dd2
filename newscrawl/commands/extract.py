"""``newscrawl extract FILE...|-`` and ``newscrawl extract -u URL``: pages in, one JSON object
per input out (JSON Lines).

No database. Files and stdin need no network; ``-u URL`` fetches one article (all its parts)
with the project's Scrapy settings (robots.txt, User-Agent, size cap). Every input goes through
the parse chain the crawler and ``newscrawl reparse`` use (``pipelines.parse``). The record::

    {"path", "url", "is_article", "not_article_reason", "title", "published", "author",
     "original_source", "source", "text", "facts"}

``source`` repeats ``original_source`` under its former name, for one release (deprecated).
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from pathlib import Path
from typing import Any

from newscrawl.commands._errors import UsageError
from newscrawl.commands._output import VERBOSE, verbosity
from pipelines.extraction.dates import parse_date
from pipelines.extraction.decoding import detect_encoding
from pipelines.parse import ParsedPage, parse_page, parse_text, split_parts

MAX_INPUT_BYTES = 20 * 1024 * 1024
# Share of undecodable or control characters above which the input is not text at all.
_MAX_GARBAGE_RATIO = 0.02
_HTML_MARKERS = re.compile(
    r"<(?:!doctype\s+html|html|head|body|meta|title|div|p|table|article|text\s+id)[\s>/]",
    re.IGNORECASE,
)
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffd]")


class InputError(Exception):
    """An input that cannot be read as a page; the message is the one-line reason."""


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "extract",
        help="extract title, date, author, source, text and facts from pages or text files",
        description=(
            "One JSON object per input on stdout (JSON Lines). No database; no network "
            "except for -u."
        ),
    )
    parser.add_argument("files", nargs="*", metavar="FILE", help="HTML or text file, - for stdin")
    parser.add_argument(
        "-u",
        dest="fetch",
        action="append",
        default=[],
        metavar="URL",
        help="fetch the article at URL (robots.txt, User-Agent and size cap of the project's "
        "settings; its 下一页 parts too) and extract it",
    )
    parser.add_argument(
        "--url", help="the URL of the page in FILE (resolves links and dates in URLs)"
    )
    parser.add_argument(
        "--published",
        metavar="DATE",
        help="the publication date (2026-04-09, 2026年4月9日): wins over a date in a text "
        "input, used when an HTML page gives none; periods like 一季度 resolve against it",
    )
    parser.add_argument(
        "--place", metavar="NAME", help="the place the source covers: resolves 全区/全市 in facts"
    )
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


def parse_input(
    data: bytes,
    url: str | None,
    *,
    published: str | None,
    place: str | None,
    http_encoding: str | None = None,
) -> ParsedPage:
    """The parse of one input: HTML (one page, or the parts of a multi-page article joined as
    the archive stores them) or a plain text. ``http_encoding``: the charset the server
    declared, for a fetched page."""
    text = decode_input(data)
    if not looks_like_html(text):
        return parse_text(text, url, published=published, place=place)
    # Fetched or joined pages keep their bytes, decoded as a crawl decodes them.
    raw = http_encoding is not None or len(split_parts(data, url)) > 1
    return parse_page(
        data if raw else text,
        url,
        http_encoding=http_encoding,
        published=published,
        place=place,
    )


def record(name: str, url: str | None, parsed: ParsedPage) -> dict[str, Any]:
    page = parsed.page
    return {
        "path": name,
        "url": url,
        "is_article": page.is_article,
        "not_article_reason": page.not_article_reason,
        "title": page.title,
        "published": page.published,
        "author": page.author,
        "original_source": page.original_source,
        "source": page.original_source,  # deprecated alias of original_source
        "text": parsed.text,
        "facts": parsed.facts,
    }


def run(args: argparse.Namespace) -> int:
    if not args.files and not args.fetch:
        raise UsageError("give FILE (or - for stdin) or -u URL")
    published = None
    if args.published:
        published = parse_date(args.published)
        if published is None:
            raise UsageError(f"--published: not a date: {args.published}")
    status = 0
    inputs = [(name, args.url, False) for name in args.files]
    inputs += [(url, url, True) for url in args.fetch]
    for name, url, fetched in inputs:
        http_encoding = None
        try:
            if fetched:
                data, url, http_encoding = fetch(name, log=verbosity(args) >= VERBOSE)
            else:
                data = read_input(name)
            parsed = parse_input(
                data, url, published=published, place=args.place, http_encoding=http_encoding
            )
        except (InputError, OSError) as error:
            reason = error.strerror if isinstance(error, OSError) and error.strerror else error
            print(f"newscrawl extract: {name}: {reason}", file=sys.stderr)
            status = 1
            continue
        except Exception as error:  # a bug in the parser must not lose the other inputs
            print(
                f"newscrawl extract: {name}: parse failed ({type(error).__name__}: {error})",
                file=sys.stderr,
            )
            status = 1
            continue
        sys.stdout.write(json.dumps(record(name, url, parsed), ensure_ascii=False) + "\n")
        sys.stdout.flush()
    return status


def fetch(url: str, *, log: bool) -> tuple[bytes, str, str]:
    """The raw page at ``url`` (its parts joined), its URL after redirects and its declared
    charset ("" when the server declared none)."""
    from newscrawl.commands._fetch import FetchError, fetch_article

    try:
        fetched = fetch_article(url, log=log)
    except FetchError as error:
        raise InputError(str(error)) from None
    for missing in fetched.missing_parts:
        print(f"newscrawl extract: {url}: part not fetched, {missing}", file=sys.stderr)
    return fetched.body, fetched.url, fetched.http_encoding or ""
