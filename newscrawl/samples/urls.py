"""The rule that maps a real site's URLs onto the bundled sample web and back.

The sample web serves each real site at its real path under ``<real-host>.localhost`` on one
local port (RFC 6761: ``*.localhost`` is loopback), so ``https://www.sohu.com/a/1_2`` is served as
``http://www.sohu.com.localhost:PORT/a/1_2``. Paths and queries are untouched, so URL patterns
written for the real site match in both modes.
"""

from __future__ import annotations

from collections.abc import Mapping
from urllib.parse import urlsplit, urlunsplit

SAMPLE_SUFFIX = ".localhost"


def to_sample_url(url: str, port: int) -> str:
    """``https://www.sohu.com/a/1_2`` → ``http://www.sohu.com.localhost:PORT/a/1_2``."""
    parts = urlsplit(url)
    host = parts.hostname or ""
    if host.endswith(SAMPLE_SUFFIX):
        return url
    return urlunsplit(("http", f"{host}{SAMPLE_SUFFIX}:{port}", parts.path or "/", parts.query, ""))


def from_sample_url(url: str, schemes: Mapping[str, str] | None = None) -> str:
    """Undo :func:`to_sample_url`; URLs outside the sample web are returned unchanged.

    ``schemes`` gives the real scheme per host (``{"www.sohu.com": "https"}``); hosts not in it
    get ``http``.
    """
    parts = urlsplit(url)
    host = parts.hostname or ""
    if not host.endswith(SAMPLE_SUFFIX) or host == SAMPLE_SUFFIX.lstrip("."):
        return url
    real_host = host.removesuffix(SAMPLE_SUFFIX)
    scheme = (schemes or {}).get(real_host, "http")
    return urlunsplit((scheme, real_host, parts.path, parts.query, parts.fragment))


def real_host(host: str) -> str:
    """The real host name behind a sample-web Host header (port and ``.localhost`` removed)."""
    host = host.split(":", 1)[0].lower().rstrip(".")
    return host.removesuffix(SAMPLE_SUFFIX)
