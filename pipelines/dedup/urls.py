"""The identity of a page: one canonical URL per page, whatever link led to it.

A page is reached under many spellings: query arguments in another order, tracking parameters
added by share buttons (``utm_source``, ``spm``, ``from=timeline``), the mobile host
(``m.sohu.com``) or a ``/wap/`` path instead of the desktop page. :func:`canonical_url` folds
them into one archive key.

``rel=canonical`` and ``og:url`` name the page's identity only when they stay on the same site.
Reprint and mirror sites copy the markup of the page they copied, canonical link included, so a
canonical pointing at another site is a *declared original* (a strong hint for the story), and
the page is archived under its own URL: :func:`page_identity`.
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
# Labels that do not change which site a host belongs to.
SITE_NEUTRAL_LABELS = MOBILE_LABELS | {"www"}
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


def site_of(url: str) -> str:
    """The site a URL belongs to: its host without ``www.`` or a mobile label, with the port
    (``m.sohu.com`` and ``www.sohu.com`` are one site, ``news.sohu.com`` another)."""
    parts = urlsplit(url.strip())
    labels = (parts.hostname or "").rstrip(".").split(".")
    while len(labels) > 2 and labels[0] in SITE_NEUTRAL_LABELS:
        labels = labels[1:]
    host = ".".join(labels)
    port = parts.port
    if port is not None and port != _DEFAULT_PORTS.get(parts.scheme):
        return f"{host}:{port}"
    return host


def page_identity(
    page_url: str, canonical: str | None = None, og_url: str | None = None
) -> tuple[str, str | None]:
    """``(archive URL, declared original URL or None)`` of a page fetched from ``page_url``.

    A same-site ``canonical`` (else ``og:url``) is the page's identity: a print view or a
    mobile page points at the article page. A link to another site is what the page declares
    to have copied: kept as the declared original, while the page keeps its own URL.
    """
    own = canonical_url(page_url)
    identity, declared_original = own, None
    for link in (canonical, og_url):
        if not link or not link.strip():
            continue
        link = canonical_url(urljoin(page_url, link.strip()))
        if not link.startswith(("http://", "https://")):
            continue
        if site_of(link) == site_of(own):
            if identity == own:
                identity = link
        elif declared_original is None:
            declared_original = link
    return identity, declared_original
