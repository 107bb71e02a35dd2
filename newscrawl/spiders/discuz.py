"""Discuz! forums: board lists ``forum-F-P.html`` and threads, whose first post is the article.

Both URL forms of a thread (``thread-T-1-1.html`` with URL rewriting on, and
``forum.php?mod=viewthread&tid=T``) are one page; links are folded into the ``forum.php``
form, the one Discuz declares as canonical, so a thread is requested and archived once. Later
pages of a thread (``thread-T-2-1.html``) hold only replies and are not followed.
"""

from __future__ import annotations

import re
from urllib.parse import parse_qs, urlsplit, urlunsplit

from newscrawl.spiders.source import SourceSpider

THREAD_RE = re.compile(r"/thread-(\d+)-(\d+)-\d+\.html$")


def thread_url(url: str) -> str | None:
    """``…/thread-6101-1-1.html`` or ``…forum.php?mod=viewthread&tid=6101&extra=…`` →
    ``…/forum.php?mod=viewthread&tid=6101``; reply pages → None; other URLs unchanged."""
    parts = urlsplit(url)
    match = THREAD_RE.search(parts.path)
    if match:
        if match.group(2) != "1":
            return None
        tid = match.group(1)
    elif parts.path.endswith("/forum.php") and "mod=viewthread" in parts.query:
        query = parse_qs(parts.query)
        if query.get("page", ["1"])[0] != "1" or "tid" not in query:
            return None
        tid = query["tid"][0]
    else:
        return url
    return urlunsplit((parts.scheme, parts.netloc, "/forum.php", f"mod=viewthread&tid={tid}", ""))


class DiscuzSpider(SourceSpider):
    family = "discuz"

    def normalize_link(self, url: str) -> str | None:
        return thread_url(url)
