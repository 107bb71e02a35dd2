"""Hanweb (大汉) government portals and their 政府信息公开 platforms: column pages
``/col/colN/index.html`` whose article list sits in an inline ``<script type="text/xml">``
datastore (the jpage widget renders it with JavaScript), and articles
``/art/YYYY/M/D/art_COLUMN_ID.html``.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from urllib.parse import urljoin

from scrapy.http import Response, TextResponse

from newscrawl.spiders.links import Link
from newscrawl.spiders.source import SourceSpider
from pipelines.extraction.links import date_from_url

# One list entry of the jpage datastore: <record><![CDATA[<li><a href="…">…</a>…]]></record>
RECORD_RE = re.compile(r"<record>\s*<!\[CDATA\[(.*?)\]\]>\s*</record>", re.S)
HREF_RE = re.compile(r"""href\s*=\s*["']([^"']+)["']""")


class HanwebSpider(SourceSpider):
    family = None  # no extractor of its own: the generic one reads Hanweb articles well

    def list_links(self, response: Response) -> Iterator[Link]:
        yield from super().list_links(response)
        if isinstance(response, TextResponse):
            yield from self.datastore_links(response)

    def datastore_links(self, response: TextResponse) -> Iterator[Link]:
        """The links of the jpage datastore, which are in a script, not in the markup."""
        seen: set[str] = set()
        for record in RECORD_RE.findall(response.text):
            for href in HREF_RE.findall(record):
                url = self.normalize_link(urljoin(response.url, href))
                if url and url not in seen:
                    seen.add(url)
                    yield Link(url, date_from_url(url))
