"""Signals newscrawl sends besides Scrapy's own.

``fetch_failed`` is sent by spiders for every page that could not be fetched or did not yield
what was expected (an HTTP error, a timeout, an anti-bot challenge, an article page without an
article). Handlers receive the keyword arguments ``url``, ``reason``, ``http_status`` (``None``
when no response arrived) and ``detail``; the crawl-run recorder (``newscrawl.crawl_runs``)
stores them in ``fetch_failures``.

``crawl_run_started`` is sent by the crawl-run recorder once the run's ``crawl_runs`` row exists
(at ``spider_opened``), with the keyword argument ``crawl_run_id``: the archive pipeline tags
the versions it saves with it.
"""

fetch_failed = object()
crawl_run_started = object()
