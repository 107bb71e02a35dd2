"""Article bodies that live in embedded JSON: single-page-app pages ship a skeleton in the HTML
and the article in a script.

The containers are the common ones, recognised by form, not by site: a ``<script>`` whose
type is JSON (``__NEXT_DATA__``, ``RENDER_DATA`` — URL-escaped —, ``application/ld+json``)
and a ``window.NAME = {...}`` (or ``var NAME = {...}``) assignment (``__INITIAL_STATE__``,
``_DATA_``, ``__PRELOADED_STATE__``, ``allData``…). Inside the parsed state, the article is found by structure: the
object holding the longest prose — an HTML or text string, or a list of paragraph objects —
and its title-, time- and account-like fields are read from that object and the objects
nested in it. Key names are only weak hints that rank the fields of the chosen object
(``…title``, ``…time``, ``source``/``media``/``user``); the page's own ``<title>`` confirms
the title.
"""

from __future__ import annotations

import html as html_entities
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any
from urllib.parse import unquote

from lxml.html import HtmlElement, fragment_fromstring

from pipelines.extraction.blocks import cjk_count
from pipelines.extraction.dates import parse_date, parse_epoch
from pipelines.extraction.metadata import find_author

_ASSIGNMENT = re.compile(
    r"(?:window\s*(?:\.\s*[A-Za-z_$][\w$]*|\[\s*[\"'][^\"']+[\"']\s*\])|(?:var|let|const)\s+[A-Za-z_$][\w$]*)"
    r"\s*=\s*(?=[{\[])"
)
_MIN_SCRIPT = 200
_UNDEFINED = re.compile(r"(?<=[:\[,])\s*undefined\s*(?=[,}\]])")
_TAG = re.compile(r"<\s*/?\s*(?:p|div|br|span|section|img|strong|h\d|article)\b", re.I)
_STRIP_TAGS = re.compile(r"<[^>]*>")
_SENTENCE_END = re.compile(r"[。！？!?”」]\s*$")
# Prose worth a body: below this many CJK characters the visible page decides.
MIN_BODY_CJK = 80
_MAX_FIELD_DEPTH = 2
_TITLE_HINT = re.compile(r"title|headline|subject", re.I)
_SUBTITLE_HINT = re.compile(r"sub_?title|short|list_?title|share|seo", re.I)
_TIME_HINT = re.compile(r"time|date|publish|pub|release|created?|ctime|ptime|issued", re.I)
_TIME_PREFERRED = re.compile(r"publish|pub|release|issue|post", re.I)
_TIME_AVOID = re.compile(r"update|modif|edit|expire|now|server|last", re.I)
# An origin the page names (来源) outranks the account it is posted from.
_SOURCE_HINT = re.compile(r"source|origin|src|from|copyfrom|laiyuan", re.I)
_ACCOUNT_HINT = re.compile(r"media|account|user|author|nick|screen_?name|mp|publisher|site", re.I)
_AUTHOR_HINT = re.compile(r"author|writer|reporter|byline", re.I)
_NAME_VALUE = re.compile(r"^[\u4e00-\u9fffA-Za-z0-9·（）()\s]{2,24}$")


@dataclass(slots=True)
class EmbeddedArticle:
    """The article a page's script state holds."""

    body: HtmlElement  # a detached fragment: paragraphs as <p>, still to be cleaned
    prose_cjk: int
    title: str | None = None
    published: str | None = None
    source: str | None = None
    author: str | None = None


def _decode_json(text: str) -> Any:
    text = text.strip().rstrip(";").strip()
    if text.startswith(("%7B", "%5B", "%7b", "%5b")):
        text = unquote(text)
    if not text.startswith(("{", "[")):
        return None
    try:
        return json.loads(text)
    except ValueError:
        return None


def _decode_assignment(script: str, start: int) -> Any:
    decoder = json.JSONDecoder()
    try:
        return decoder.raw_decode(script, start)[0]
    except ValueError:
        pass
    # JavaScript object literals often hold `undefined`, which JSON lacks.
    try:
        return decoder.raw_decode(_UNDEFINED.sub("null", script[start:]))[0]
    except ValueError:
        return None


def state_scripts(root: HtmlElement) -> list[tuple[str, str]]:
    """``(type, text)`` of the scripts that may carry a state, taken before cleaning removes
    them; parsing them waits until the page turns out to need it."""
    scripts = []
    for script in root.iter("script"):
        text = script.text or ""
        if len(text) >= _MIN_SCRIPT:
            kind = (script.get("type") or "").lower()
            if "json" in kind or _ASSIGNMENT.search(text):
                scripts.append((kind, text))
    return scripts


def iter_states(scripts: list[tuple[str, str]]) -> Iterator[Any]:
    """Every JSON value the scripts carry: typed JSON scripts and window/var assignments."""
    for kind, text in scripts:
        if "json" in kind:
            value = _decode_json(text)
            if value is not None:
                yield value
            continue
        for match in _ASSIGNMENT.finditer(text):
            value = _decode_assignment(text, match.end())
            if value is not None:
                yield value


def _looks_like_html(value: str) -> bool:
    return _TAG.search(value) is not None


def _unescape_html(value: str) -> str:
    """Body HTML as the state stores it: tags, or entity-escaped tags (``&lt;p&gt;``)."""
    if not _looks_like_html(value) and "&lt;" in value:
        value = html_entities.unescape(value)
    return value


def _prose_text(value: str) -> str:
    value = _unescape_html(value)
    return _STRIP_TAGS.sub(" ", value) if _looks_like_html(value) else value


def _item_text(item: Any) -> str | None:
    """The paragraph a list item carries: itself, or the longest string it holds."""
    if isinstance(item, str):
        return item
    if isinstance(item, dict):
        texts = [value for value in item.values() if isinstance(value, str)]
        return max(texts, key=len) if texts else None
    return None


def _paragraph_list(items: list[Any]) -> list[str] | None:
    """A list that is a body: its text items are mostly finished sentences (paragraphs), not
    titles or teasers cut short (related lists)."""
    texts = [text.strip() for text in map(_item_text, items) if text and cjk_count(text) >= 8]
    if len(texts) < 2:
        return None
    finished = sum(bool(_SENTENCE_END.search(text)) for text in texts)
    return texts if finished >= 0.6 * len(texts) else None


@dataclass(slots=True)
class _Candidate:
    holder: dict[str, Any]
    key: str
    prose_cjk: int
    paragraphs: list[str] | None  # a list body
    markup: str | None  # an HTML or text body


def _candidates(value: Any) -> Iterator[_Candidate]:
    stack = [value]
    while stack:
        current = stack.pop()
        if isinstance(current, list):
            stack.extend(current)
            continue
        if not isinstance(current, dict):
            continue
        for key, field in current.items():
            if isinstance(field, str) and len(field) >= MIN_BODY_CJK:
                prose = cjk_count(_prose_text(field))
                if prose >= MIN_BODY_CJK:
                    yield _Candidate(current, key, prose, None, field)
            elif isinstance(field, list):
                paragraphs = _paragraph_list(field)
                if paragraphs:
                    prose = sum(cjk_count(text) for text in paragraphs)
                    if prose >= MIN_BODY_CJK:
                        yield _Candidate(current, key, prose, paragraphs, None)
            if isinstance(field, (dict, list)):
                stack.append(field)


def _fields(holder: dict[str, Any], body_key: str) -> list[tuple[str, Any]]:
    """``(key path, value)`` of the scalars in the article object and the objects nested in
    it (not in its lists: those are related stories, comments, tags)."""
    found: list[tuple[str, Any]] = []
    stack: list[tuple[str, dict[str, Any], int]] = [("", holder, 0)]
    while stack:
        prefix, current, depth = stack.pop(0)
        for key, value in current.items():
            if depth == 0 and key == body_key:
                continue
            path = f"{prefix}.{key}" if prefix else key
            if isinstance(value, dict) and depth < _MAX_FIELD_DEPTH:
                stack.append((path, value, depth + 1))
            elif isinstance(value, (str, int)) and not isinstance(value, bool):
                found.append((path, value))
    return found


def _last_key(path: str) -> str:
    return path.rsplit(".", 1)[-1]


def _title(fields: list[tuple[str, Any]], page_titles: list[str]) -> str | None:
    best: tuple[int, str] | None = None
    for path, value in fields:
        if not isinstance(value, str):
            continue
        text = " ".join(value.split())
        if not 4 <= len(text) <= 100 or _looks_like_html(text) or cjk_count(text) < 2:
            continue
        rank = 0
        if any(text in page_title for page_title in page_titles):
            rank += 4
        if _TITLE_HINT.search(_last_key(path)):
            rank += 2 if not _SUBTITLE_HINT.search(_last_key(path)) else 1
        if rank and (best is None or rank > best[0]):
            best = (rank, text)
    return best[1] if best else None


def _published(fields: list[tuple[str, Any]]) -> str | None:
    ranked: list[tuple[int, str]] = []
    for path, value in fields:
        key = _last_key(path)
        if not _TIME_HINT.search(key) or _TIME_AVOID.search(key):
            continue
        text = str(value).strip()
        published = parse_epoch(text) if text.isdigit() else parse_date(text)
        if published:
            ranked.append((0 if _TIME_PREFERRED.search(key) else 1, published))
    return min(ranked)[1] if ranked else None


def _source(fields: list[tuple[str, Any]]) -> str | None:
    ranked: list[tuple[int, str]] = []
    for path, value in fields:
        if not isinstance(value, str) or not _NAME_VALUE.match(value.strip()):
            continue
        if value.strip().isdigit() or cjk_count(value) < 2:
            continue
        if _SOURCE_HINT.search(_last_key(path)):
            ranked.append((0, value.strip()))
        elif _ACCOUNT_HINT.search(path) and re.search(r"name|nick", _last_key(path), re.I):
            ranked.append((1, value.strip()))
    return min(ranked, key=lambda pair: pair[0])[1] if ranked else None


def _author(fields: list[tuple[str, Any]]) -> str | None:
    for path, value in fields:
        if (
            isinstance(value, str)
            and _AUTHOR_HINT.search(_last_key(path))
            and (names := find_author([value]))
        ):
            return names
    return None


def _body_fragment(candidate: _Candidate) -> HtmlElement:
    container = fragment_fromstring("<div></div>")
    if candidate.paragraphs is not None:
        texts = candidate.paragraphs
    else:
        markup = _unescape_html(candidate.markup or "")
        if _looks_like_html(markup):
            return fragment_fromstring(markup, create_parent="div")
        texts = [line.strip() for line in markup.splitlines() if line.strip()]
    for text in texts:
        paragraph = fragment_fromstring("<p></p>")
        paragraph.text = text
        container.append(paragraph)
    return container


def find_embedded_article(
    scripts: list[tuple[str, str]], page_titles: list[str]
) -> EmbeddedArticle | None:
    """The article of the page's script state (``state_scripts``), or None when no state
    holds prose. ``page_titles`` (the ``<title>`` and og:title texts) confirm which field is
    the title."""
    best: _Candidate | None = None
    for state in iter_states(scripts):
        for candidate in _candidates(state):
            if best is None or candidate.prose_cjk > best.prose_cjk:
                best = candidate
    if best is None:
        return None
    fields = _fields(best.holder, best.key)
    return EmbeddedArticle(
        body=_body_fragment(best),
        prose_cjk=best.prose_cjk,
        title=_title(fields, page_titles),
        published=_published(fields),
        source=_source(fields),
        author=_author(fields),
    )
