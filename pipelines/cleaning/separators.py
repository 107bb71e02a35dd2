"""Separator lines: rules and end marks between or after the article's parts.

—————— / - - - - / ***** / ▼ / —END— / - THE END - / （完） / 全文完. Lines of symbols alone are
dropped by the text cleaner's "no word left" rule already; this rule adds the end marks that
carry a word."""

from __future__ import annotations

import re

_SEPARATOR = re.compile(r"^[\W_]*(?:(?:THE\s*)?END|完|全文完|本文完|结束)?[\W_]*$", re.IGNORECASE)


def is_separator(line: str) -> bool:
    return _SEPARATOR.match(line) is not None
