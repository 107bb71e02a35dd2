"""Sohu accounts (搜狐号): the account's profile list → ``www.sohu.com/a/<id>_<account>`` pages."""

from __future__ import annotations

from urllib.parse import urlsplit, urlunsplit

from newscrawl.spiders.source import SourceSpider


class SohuSpider(SourceSpider):
    family = "sohu"

    def normalize_link(self, url: str) -> str | None:
        parts = urlsplit(url)
        if parts.path.startswith("/a/"):
            # ?spm=…&scm=… only says where the click came from
            return urlunsplit((parts.scheme, parts.netloc, parts.path, "", ""))
        return url
