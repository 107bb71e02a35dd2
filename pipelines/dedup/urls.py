"""The identity of a page: one canonical URL per page, whatever link led to it.

A page is reached under many spellings: query arguments in another order, tracking parameters
added by share buttons (``utm_source``, ``spm``, ``from=timeline``), the mobile host
(``m.sohu.com``) or a ``/wap/`` path instead of the desktop page. :func:`canonical_url` folds
them into one archive key.

``rel=canonical`` and ``og:url`` name the page's identity only when they stay on the page's
origin (:func:`same_origin`: scheme, host and port; the mobile host counts as the desktop one).
Reprint and mirror sites copy the markup of the page they copied, canonical link included, so a
canonical pointing at another origin is a *declared original* (a strong hint for the story), and
the page is archived under its own URL: :func:`page_identity`. This module is the one place that
decides "same site" and "same page"; extraction and the pipelines call it.
"""

from __future__ import annotations

import functools
import re
from urllib.parse import parse_qsl, urlencode, urljoin, urlsplit, urlunsplit

from w3lib.url import canonicalize_url

# Parameters that say how a link was shared or clicked, never which page it is.
TRACKING_PARAMS = frozenset(
    {
        "spm",
        "scm",
        "from",
        "share",
        "share_token",
        "sharetype",
        "share_from",
        "shareid",
        "isappinstalled",
        "wxshare_count",
        "tt_from",
        "fbclid",
        "gclid",
        "yclid",
        "mc_cid",
        "mc_eid",
        "_hsenc",
        "_hsmi",
        "clicktime",
        "enterid",
        "pvid",
        "scene",
        "srcid",
    }
)
TRACKING_PREFIXES = ("utm_",)
# Session ids: a server that tracks sessions in URLs names the same page differently on every
# visit (Java ;jsessionid=, PHP PHPSESSID, ASP ASPSESSIONID…, ColdFusion CFID/CFTOKEN).
SESSION_PARAMS = frozenset(
    {"jsessionid", "phpsessid", "sid", "sessionid", "session_id", "cfid", "cftoken", "zenid"}
)
SESSION_PREFIXES = ("aspsessionid",)
# ;jsessionid=… (or any session parameter) appended to a path segment.
_SESSION_PATH_PARAM = re.compile(r";(?:jsessionid|phpsessid|sessionid|sid)=[^/;?#]*", re.I)
# First host labels of mobile editions: m.sohu.com, wap.qingdaonews.com, 3g.163.com.
MOBILE_LABELS = frozenset({"m", "wap", "3g", "mobile", "touch"})
_WAP_PATH = re.compile(r"^/(?:wap|mobile)(?=/)", re.IGNORECASE)
_DEFAULT_PORTS = {"http": 80, "https": 443}


def _is_tracking(name: str) -> bool:
    """A parameter that does not say which page: tracking or a session id."""
    name = name.lower()
    return (
        name in TRACKING_PARAMS
        or name in SESSION_PARAMS
        or name.startswith(TRACKING_PREFIXES + SESSION_PREFIXES)
    )


def _desktop_host(host: str) -> str:
    labels = host.split(".")
    # Two labels or fewer (``m.cn``, an IP) is a whole domain, not a mobile prefix.
    if len(labels) > 2 and labels[0] in MOBILE_LABELS:
        return ".".join(["www", *labels[1:]])
    return host


# A crawl asks for the key of the same navigation links on every page it parses, and w3lib's
# canonicalization is the costly part of following a link: remember the recent answers.
@functools.lru_cache(maxsize=1 << 16)
def canonical_url(url: str) -> str:
    """The archive key of ``url``.

    w3lib canonicalization (sorted query, normalized percent-encoding, no fragment), lower-case
    host without its default port, tracking parameters and session ids dropped, and a mobile edition mapped to
    the desktop page (``m.x.com`` → ``www.x.com``, ``/wap/…`` → ``/…``). The scheme is kept:
    an ``http`` site is not assumed to serve ``https``.
    """
    url = url.strip()
    parts = urlsplit(url)
    if parts.scheme not in _DEFAULT_PORTS or not parts.hostname:
        return url
    host = _desktop_host(parts.hostname.rstrip("."))
    netloc = host
    if parts.port is not None and parts.port != _DEFAULT_PORTS[parts.scheme]:
        netloc = f"{host}:{parts.port}"
    query = parts.query
    if query:
        kept = [
            (name, value)
            for name, value in parse_qsl(query, keep_blank_values=True)
            if not _is_tracking(name)
        ]
        query = urlencode(kept)
    path = _WAP_PATH.sub("", _SESSION_PATH_PARAM.sub("", parts.path)) or "/"
    return canonicalize_url(urlunsplit((parts.scheme, netloc, path, query, "")))


def origin(url: str) -> tuple[str, str, int | None]:
    """``(scheme, host, port)`` of ``url``'s archive key: lower-case host, a mobile host as its
    desktop host, the scheme's default port when none is given."""
    parts = urlsplit(canonical_url(url))
    return parts.scheme, parts.hostname or "", parts.port or _DEFAULT_PORTS.get(parts.scheme)


def same_origin(url: str, other: str) -> bool:
    """Same scheme, host and port (``m.x.com`` is ``www.x.com``; ``news.x.com`` is not, nor
    another port of the same host)."""
    return origin(url) == origin(other)


def scheme_twin(url: str) -> str | None:
    """The same archive key under the other of http and https (None for other schemes)."""
    key = canonical_url(url)
    scheme, _, rest = key.partition("://")
    twin = {"http": "https", "https": "http"}.get(scheme)
    return f"{twin}://{rest}" if twin else None


def names_same_page(page_url: str, link: str) -> bool:
    """Whether a canonical or og:url ``link`` on the page at ``page_url`` names that page's
    identity: a link on the page's origin, or the page's own URL under the other scheme (sites
    serve https and declare http, or the reverse)."""
    return same_origin(page_url, link) or canonical_url(link) == scheme_twin(page_url)


def page_identity(
    page_url: str, canonical: str | None = None, og_url: str | None = None
) -> tuple[str, str | None]:
    """``(archive URL, declared original URL or None)`` of a page fetched from ``page_url``.

    A ``canonical`` (else ``og:url``) that :func:`names_same_page` is the page's identity: a
    print view or a mobile page points at the article page. A link to another origin is what the
    page declares to have copied: kept as the declared original, while the page keeps its own
    URL.
    """
    own = canonical_url(page_url)
    identity, declared_original = own, None
    for link in (canonical, og_url):
        if not link or not link.strip():
            continue
        link = canonical_url(urljoin(page_url, link.strip()))
        if not link.startswith(("http://", "https://")):
            continue
        if names_same_page(own, link):
            if identity == own:
                identity = link
        elif declared_original is None:
            declared_original = link
    return identity, declared_original
