"""A DNS resolver that answers loopback for ``localhost`` and every ``*.localhost`` name.

RFC 6761 reserves ``.localhost`` for loopback, but glibc's resolver does not implement that, so
``www.sohu.com.localhost`` (how the bundled sample web serves www.sohu.com) would fail to
resolve. Every other name goes to Scrapy's normal caching resolver.
"""

from __future__ import annotations

from collections.abc import Sequence

from scrapy.resolver import CachingThreadedResolver
from twisted.internet import defer

LOOPBACK = "127.0.0.1"


def is_loopback_name(name: str) -> bool:
    """True for ``localhost`` and names under it (``a.b.localhost``), case and final dot ignored."""
    name = name.lower().rstrip(".")
    return name == "localhost" or name.endswith(".localhost")


class LocalhostAwareResolver(CachingThreadedResolver):
    """Scrapy's ``CachingThreadedResolver`` plus the RFC 6761 rule for ``*.localhost``."""

    def getHostByName(self, name: str, timeout: Sequence[int] = ()) -> defer.Deferred[str]:
        if is_loopback_name(name):
            return defer.succeed(LOOPBACK)
        return super().getHostByName(name, timeout)
