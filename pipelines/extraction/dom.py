"""Parsing decoded HTML into an lxml tree, robust to what real Chinese pages contain."""

from __future__ import annotations

import re

from lxml import etree
from lxml.html import HtmlElement, HTMLParser, document_fromstring

# lxml refuses str input that carries an encoding declaration.
_XML_PROLOG = re.compile(r"^\s*<\?xml[^>]*\?>", re.IGNORECASE)
# Control characters that are not allowed in XML text and break lxml.
_CONTROL_CHARS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")
_PARSER = HTMLParser(remove_blank_text=False, remove_comments=False, recover=True)


def parse_html(text: str) -> HtmlElement:
    """An ``<html>`` root for any markup (fragments and wrapper elements included)."""
    text = _CONTROL_CHARS.sub("", _XML_PROLOG.sub("", text, count=1))
    try:
        return document_fromstring(text, parser=_PARSER)
    except (etree.ParserError, ValueError):
        return document_fromstring(f"<html><body>{text}</body></html>", parser=_PARSER)


def element_text(element: HtmlElement | None) -> str:
    if element is None:
        return ""
    return " ".join("".join(element.itertext()).split())
