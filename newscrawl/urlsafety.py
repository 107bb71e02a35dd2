"""Which URLs the crawler may request, and how URLs appear in logs and records.

The one decision of what may go on the wire (``newscrawl.middlewares.UrlSafetyMiddleware``
applies it to every request: start URLs, discovered links, article parts, redirects, robots.txt)
and the one redaction of credentials from anything that is logged or stored.
"""

from __future__ import annotations

import logging
import re
from urllib.parse import urlsplit, urlunsplit

# The only schemes ever requested: a page can link anything (file://, ftp://, data:, gopher://),
# and Scrapy has handlers for several of them, the file handler first.
ALLOWED_SCHEMES = frozenset({"http", "https"})
# user:password@ (or user@) right after a scheme, in any text: log lines, error messages.
_USERINFO_RE = re.compile(r"(?i)\b([a-z][a-z0-9+.-]*://)[^/?#\s@]*@")


def unsafe_reason(url: str) -> str | None:
    """Why ``url`` must not be requested, or None when it may be."""
    try:
        parts = urlsplit(url)
        parts.port  # noqa: B018 - raises ValueError on a port that is not a number
    except ValueError:
        return "not a URL"
    if parts.scheme.lower() not in ALLOWED_SCHEMES:
        return f"scheme {parts.scheme or '(none)'}: is not http or https"
    if not parts.hostname:
        return "no host"
    return None


def has_userinfo(url: str) -> bool:
    return "@" in urlsplit(url).netloc


def strip_userinfo(url: str) -> str:
    """``url`` without the ``user:password@`` part of its authority."""
    parts = urlsplit(url)
    if "@" not in parts.netloc:
        return url
    return urlunsplit(parts._replace(netloc=parts.netloc.rpartition("@")[2]))


def redact(text: str) -> str:
    """``text`` (a URL, a log message, an error) with the user info of every URL in it removed."""
    return _USERINFO_RE.sub(r"\1", text) if "@" in text else text


class RedactingFilter(logging.Filter):
    """Removes user info from every URL in a log record's message (Scrapy's own debug lines
    print requests, and a linked URL may carry ``user:password@``)."""

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        if "@" in message:
            redacted = redact(message)
            if redacted != message:
                record.msg, record.args = redacted, None
        return True


def install_log_redaction() -> None:
    """Put ``RedactingFilter`` on every handler of the root logger (once)."""
    for handler in logging.getLogger().handlers:
        if not any(isinstance(f, RedactingFilter) for f in handler.filters):
            handler.addFilter(RedactingFilter())
