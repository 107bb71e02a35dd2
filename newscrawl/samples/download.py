"""The one place where a crawl meets the sample web: a download handler for ``http``/``https``.

In sample mode (spider argument ``sample_port`` or the setting ``NEWSCRAWL_SAMPLE_PORT``) each
request is sent to the sample web on the wire (``https://www.sohu.com/a/1`` is fetched as
``http://www.sohu.com.localhost:PORT/a/1``) and its response comes back under the real URL.
Everything above the wire — spiders, the scheduler and its duplicate filter, robots.txt, the
offsite filter, redirects, the archive — sees real URLs only. Without a sample port the handler
passes every request straight to Scrapy's own HTTP handler.

The real URL of a response is the sample URL mapped back with the spider's ``schemes`` (the real
scheme of each host), exactly the URL a spider would have computed from the sample web's answer,
so a host's http and https links archive under one URL, as the sample web serves them as one.
"""

from __future__ import annotations

from collections.abc import Mapping

from scrapy import Request
from scrapy.core.downloader.handlers.base import BaseDownloadHandler
from scrapy.crawler import Crawler
from scrapy.http import Response
from scrapy.utils.misc import build_from_crawler

from newscrawl.http_limits import HeaderCappedDownloadHandler
from newscrawl.samples.urls import from_sample_url, to_sample_url


class SampleWebDownloadHandler(BaseDownloadHandler):
    """Scrapy's HTTP/1.1 handler (its response headers capped: newscrawl.http_limits),
    redirected onto the sample web when a sample port is set.

    The port and the hosts' real schemes are the spider's ``sample_port`` and ``schemes``
    attributes (``NewsSpider`` sets both; other spiders crawl the real web).
    """

    lazy = False

    def __init__(self, crawler: Crawler) -> None:
        super().__init__(crawler)
        self.http = build_from_crawler(HeaderCappedDownloadHandler, crawler)

    @property
    def port(self) -> int | None:
        return getattr(self.crawler.spider, "sample_port", None) or None

    @property
    def schemes(self) -> Mapping[str, str]:
        return getattr(self.crawler.spider, "schemes", None) or {}

    async def download_request(self, request: Request) -> Response:
        port = self.port
        if port is None:
            return await self.http.download_request(request)
        on_wire = request.replace(url=to_sample_url(request.url, port))
        try:
            response = await self.http.download_request(on_wire)
        finally:
            # What the download noted (download_latency for AutoThrottle, …) belongs to the
            # request the engine knows.
            request.meta.update(on_wire.meta)
        return response.replace(url=self.real_url(on_wire.url), request=request)

    def real_url(self, sample_url: str) -> str:
        return from_sample_url(sample_url, self.schemes)

    async def close(self) -> None:
        await self.http.close()
