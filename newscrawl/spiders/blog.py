"""Blog engines (Z-BlogPHP, WordPress): category pages with pagination and the sitemap.

Posts split by a pagination plugin (``/post/1290_2.html``, ``?page=2``) are joined through the
``next_page_urls`` extraction finds.
"""

from __future__ import annotations

from newscrawl.spiders.source import SourceSpider


class BlogSpider(SourceSpider):
    family = "blog"
