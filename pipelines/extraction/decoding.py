"""Bytes to text for Chinese pages whose declared charset often lies.

Chinese sites declare ``gb2312`` for pages written in GBK or GB18030, browsers re-save GB pages
as UTF-8 but keep the old ``<meta charset=gb2312>``, and older pages declare nothing at all.
So a declaration is a hint that the bytes must confirm: UTF-8 is tried first because a GB
byte stream practically never validates as UTF-8, while the opposite is common.
"""

from __future__ import annotations

import codecs
import re

from charset_normalizer import from_bytes

# Every GB declaration is decoded as GB18030, the superset that real "gb2312" pages need.
_GB_FAMILY = {"gb2312", "gbk", "gb18030", "x-gbk", "cp936", "euc-cn", "gb_2312-80", "hz-gb-2312"}
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([a-zA-Z0-9_\-]+)""", re.IGNORECASE)
_XML_ENCODING = re.compile(rb"""<\?xml[^>]+encoding\s*=\s*["']([a-zA-Z0-9_\-]+)""")
_BOMS = (
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
# Share of replacement characters a declared charset may produce before it is distrusted.
_MAX_BAD_RATIO = 0.001


def normalize_encoding(name: str | None) -> str | None:
    """Canonical codec name for a declared charset, with the GB family mapped to gb18030."""
    if not name:
        return None
    name = name.strip().strip("\"'").lower()
    if name in _GB_FAMILY:
        return "gb18030"
    try:
        return codecs.lookup(name).name
    except LookupError:
        return None


def declared_encoding(head: bytes) -> str | None:
    """The charset the markup declares in its first 4 KiB (meta charset or XML prolog)."""
    head = head[:4096]
    match = _META_CHARSET.search(head) or _XML_ENCODING.search(head)
    return normalize_encoding(match.group(1).decode("ascii")) if match else None


def _bad_ratio(body: bytes, encoding: str) -> float:
    text = body.decode(encoding, errors="replace")
    return text.count("\ufffd") / max(len(text), 1)


def _is_utf8(body: bytes) -> bool:
    try:
        body.decode("utf-8")
    except UnicodeDecodeError as error:
        # A page truncated in the middle of a multi-byte sequence is still UTF-8.
        return error.start >= len(body) - 3
    return True


def detect_encoding(body: bytes, http_encoding: str | None = None) -> str:
    """The codec that decodes ``body`` correctly, checking every declaration against the bytes."""
    for bom, name in _BOMS:
        if body.startswith(bom):
            return name
    if _is_utf8(body):
        return "utf-8"
    candidates = [normalize_encoding(http_encoding), declared_encoding(body)]
    for candidate in candidates:
        if candidate and candidate != "utf-8" and _bad_ratio(body, candidate) <= _MAX_BAD_RATIO:
            return candidate
    # Undeclared non-UTF-8 bytes on a Chinese site are overwhelmingly GB; a few bad sequences
    # (pages cut and re-joined by old CMSs) should not throw the whole page to a guess.
    if _bad_ratio(body, "gb18030") <= 0.01:
        return "gb18030"
    best = from_bytes(body[:200_000]).best()
    if best is not None:
        return normalize_encoding(best.encoding) or best.encoding
    return "gb18030"


def decode_body(body: bytes | str, http_encoding: str | None = None) -> tuple[str, str | None]:
    """Decode a page: ``(text, encoding)``; text input is returned as is with encoding None."""
    if isinstance(body, str):
        return body.lstrip("\ufeff"), None
    encoding = detect_encoding(body, http_encoding)
    text = body.decode(encoding, errors="replace")
    return text.lstrip("\ufeff"), encoding
