"""Scrapy settings for newscrawl.

Only what differs from Scrapy's defaults is set here, each with the reason.
"""

from __future__ import annotations

import os

from newscrawl.exporters import EXPORT_FIELDS

BOT_NAME = "newscrawl"
SPIDER_MODULES = ["newscrawl.spiders"]
NEWSPIDER_MODULE = "newscrawl.spiders"
# Adds one spider per registry entry (bundled and the user's) to the modules' spiders.
SPIDER_LOADER_CLASS = "newscrawl.spiders.sources.RegistrySpiderLoader"
# The user's own registry folder; empty: $NEWSCRAWL_HOME/sources (see newscrawl.registry).
NEWSCRAWL_SOURCES = os.environ.get("NEWSCRAWL_SOURCES", "")
# `newscrawl crawl` over many sources: how many crawl at once in one process (each source keeps
# CONCURRENT_REQUESTS_PER_DOMAIN and DOWNLOAD_DELAY; two sources sharing a domain never run
# together). Memory grows with this window, not with the number of sources.
NEWSCRAWL_CONCURRENT_SOURCES = 16
# `scrapy crawl` that ends a mistyped spider name or argument with one line, not a traceback.
COMMANDS_MODULE = "newscrawl.scrapy_commands"

# A descriptive User-Agent: site operators can see who we are and how to reach us.
USER_AGENT = (
    "newscrawl/0.1 (+https://github.com/newscrawl/newscrawl; archive of regional economic news)"
)

# Politeness by default: these are small regional sites.
ROBOTSTXT_OBEY = True
CONCURRENT_REQUESTS = 16
CONCURRENT_REQUESTS_PER_DOMAIN = 2
DOWNLOAD_DELAY = 0.5
# Scrapy starts CONCURRENT_ITEMS tasks for the output of every response (scraper,
# _parallel_asyncio); a page here yields one article and its links, so the default 100 costs
# more CPU in task creation than it buys in parallel pipelines.
CONCURRENT_ITEMS = 16
AUTOTHROTTLE_ENABLED = True
AUTOTHROTTLE_START_DELAY = 0.5
AUTOTHROTTLE_TARGET_CONCURRENCY = 1.5
DOWNLOAD_TIMEOUT = 30
# Article pages are small; anything larger is an error page, a PDF or an attack.
DOWNLOAD_MAXSIZE = 16 * 1024 * 1024
DOWNLOAD_WARNSIZE = 4 * 1024 * 1024
RETRY_TIMES = 3
# Only http and https are ever requested: newscrawl.middlewares.UrlSafetyMiddleware refuses
# every other scheme with a recorded reason (`unsafe_url`), and no download handler exists for
# them (DOWNLOAD_HANDLERS below). A page can link file://, ftp://, data:.
# UrlSafetyMiddleware first; Scrapy's robots.txt, offsite and redirect middlewares replaced by
# subclasses that refuse with typed exceptions (failure reasons come from types, never from
# messages, which hold the URL), at the same positions.
DOWNLOADER_MIDDLEWARES = {
    "newscrawl.middlewares.UrlSafetyMiddleware": 10,
    "scrapy.downloadermiddlewares.offsite.OffsiteMiddleware": None,
    "newscrawl.middlewares.OffsiteMiddleware": 50,
    "scrapy.downloadermiddlewares.robotstxt.RobotsTxtMiddleware": None,
    "newscrawl.middlewares.RobotsTxtMiddleware": 100,
    "scrapy.downloadermiddlewares.redirect.MetaRefreshMiddleware": None,
    "newscrawl.middlewares.MetaRefreshMiddleware": 580,
    "scrapy.downloadermiddlewares.redirect.RedirectMiddleware": None,
    "newscrawl.middlewares.RedirectMiddleware": 600,
}
# Scrapy's telnet console and remote-control server listen on local ports in every crawl, and
# the console prints its generated password in the log: off unless enabled (`-s
# TELNETCONSOLE_ENABLED=1` with a TELNETCONSOLE_PASSWORD of your own).
TELNETCONSOLE_ENABLED = False
REMOTE_CONTROL_ENABLED = False

# The archive: an SQLite file by default, PostgreSQL in production. The environment wins so
# that cron jobs and scrapyd workers can be pointed at a database without editing settings.
NEWSCRAWL_DB_URL = os.environ.get("NEWSCRAWL_DB_URL", "")
# Child processes that save items into the archive (pipelines.archive_writer), beside the
# crawling process; 0 saves in the crawling process's own threads. None: 1 for SQLite (one
# writer at a time), 2 for a server database (its round trips overlap).
NEWSCRAWL_ARCHIVE_PROCESSES = None
# Child processes for the pipelines' pure CPU work (cleaning, MinHash, facts:
# newscrawl.process_pool); 0 runs it in the crawling process.
NEWSCRAWL_CPU_PROCESSES = 1
# CPU seconds one call in that pool (the extraction of a page, the cleaning or facts of an
# article) may take; past it the page is recorded as a `cpu_budget` failure and the crawl goes
# on. A real page takes well under a second (docs/benchmarks.md); 0 lifts the bound.
NEWSCRAWL_PAGE_CPU_SECONDS = 20
# Links followed from one page at most (the first ones); a page with more is logged.
NEWSCRAWL_MAX_LINKS_PER_PAGE = 5000
# Caps on a response's headers, over which the response fails with reason `too_large` (checked
# while they arrive: newscrawl.http_limits). Real sites send under 2 KB in a few dozen lines.
NEWSCRAWL_MAX_HEADER_BYTES = 64 * 1024
NEWSCRAWL_MAX_HEADERS = 200
# The crawl's records (crawl_runs, fetch_failures) are written by an extension: it closes the
# run from spider_closed, after every pipeline, with Scrapy's finish reason as its status; after
# CoreStats (0), so that the stored stats include finish_reason.
EXTENSIONS = {
    "newscrawl.process_pool.ProcessPool": 0,
    "newscrawl.crawl_runs.CrawlRunRecorder": 100,
}

ITEM_PIPELINES = {
    "pipelines.clean_pipeline.CleanPipeline": 100,
    "pipelines.dedup_pipeline.DedupPipeline": 200,
    "pipelines.facts_pipeline.FactsPipeline": 300,
    "pipelines.archive_pipeline.ArchivePipeline": 900,
}

FEED_EXPORT_ENCODING = "utf-8"
# `scrapy crawl KEY -O out.jsonl|.json|.csv|.xml`: the article fields a reader needs (no raw
# bytes), dates in ISO 8601, facts nested (a JSON string column in CSV): newscrawl.exporters.
FEED_EXPORT_FIELDS = EXPORT_FIELDS
FEED_EXPORTERS = {
    "jsonlines": "newscrawl.exporters.JsonLinesItemExporter",
    "jsonl": "newscrawl.exporters.JsonLinesItemExporter",
    "jl": "newscrawl.exporters.JsonLinesItemExporter",
    "json": "newscrawl.exporters.JsonItemExporter",
    "csv": "newscrawl.exporters.CsvItemExporter",
    "xml": "newscrawl.exporters.XmlItemExporter",
}

# `*.localhost` resolves to 127.0.0.1 (RFC 6761), which glibc does not do by itself: the bundled
# sample web serves each real site as <real-host>.localhost on one local port.
TWISTED_DNS_RESOLVER = "newscrawl.resolver.LocalhostAwareResolver"
# Set (or pass `-a sample_port=PORT`) to crawl the sample web instead of the real sites.
NEWSCRAWL_SAMPLE_PORT = int(os.environ.get("NEWSCRAWL_SAMPLE_PORT") or 0)
# Scrapy's HTTP handler (with caps on the response headers: newscrawl.http_limits) behind the
# one component that, in sample mode, sends each request to the sample web and brings its
# response back under the real URL (no-op otherwise). No handler for any other scheme (see
# DOWNLOADER_MIDDLEWARES).
DOWNLOAD_HANDLERS = {
    "http": "newscrawl.samples.download.SampleWebDownloadHandler",
    "https": "newscrawl.samples.download.SampleWebDownloadHandler",
    "file": None,
    "ftp": None,
    "s3": None,
    "data": None,
}
# Skip archived articles unless a revisit is due (reads the archive at spider start).
NEWSCRAWL_INCREMENTAL = True
ADDONS = {"newscrawl.distributed.DistributedAddon": 100}
