"""Signals newscrawl sends besides Scrapy's own.

``fetch_failed`` is sent by spiders for every page that could not be fetched or did not yield
what was expected (an HTTP error, a timeout, an anti-bot challenge, an article page without an
article). Handlers receive the keyword arguments ``url``, ``reason`` and ``http_status`` (``None``
when no response arrived); the archive pipeline stores them in ``fetch_failures``.
"""

fetch_failed = object()
