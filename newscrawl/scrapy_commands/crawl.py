"""``scrapy crawl``, with one clear line for an unknown spider or a bad spider argument.

Scrapy builds the spider inside the running crawl, so a ``ValueError`` from a spider's
arguments (``site`` without ``-a start_url``, ``-a since=yesterday``) surfaces as an asyncio
"Task exception was never retrieved" traceback, and an unknown name as a ``KeyError``
traceback. Here the name is looked up, and the spider built once with the given arguments,
before the crawl starts; a failure is one line on stderr and exit status 2 (a usage error).
The services a crawl needs are checked the same way: an archive that is unreachable or not
migrated, or a Redis (distributed mode) that is down, is one line and exit status 1.
Everything else is Scrapy's ``crawl`` unchanged.
"""

from __future__ import annotations

import argparse
import sys

from scrapy.commands import crawl
from scrapy.settings import BaseSettings
from sqlalchemy.exc import SQLAlchemyError

from archive import db
from archive.store import Archive, SchemaNotReady
from newscrawl.distributed import redis_problem

USAGE_ERROR = 2
OPERATIONAL_ERROR = 1


ARCHIVE_PIPELINE = "pipelines.archive_pipeline.ArchivePipeline"


def uses_archive(settings: BaseSettings) -> bool:
    """Whether the crawl reads the archive (incremental) or writes it (the archive pipeline);
    benchmarks run bare crawls without either."""
    pipelines = settings.getdict("ITEM_PIPELINES")
    return settings.getbool("NEWSCRAWL_INCREMENTAL") or pipelines.get(ARCHIVE_PIPELINE) is not None


class Command(crawl.Command):
    def run(self, args: list[str], opts: argparse.Namespace) -> None:
        if len(args) == 1:
            problem = self.spider_problem(args[0], opts.spargs)
            if problem:
                print(f"scrapy crawl: {problem}", file=sys.stderr)
                self.exitcode = USAGE_ERROR
                return
            problem = self.service_problem()
            if problem:
                print(f"scrapy crawl: {problem}", file=sys.stderr)
                self.exitcode = OPERATIONAL_ERROR
                return
        super().run(args, opts)

    def service_problem(self) -> str | None:
        """Why the archive or Redis cannot be used, or None."""
        assert self.settings is not None
        if not uses_archive(self.settings):
            return redis_problem(self.settings)
        url = self.settings.get("NEWSCRAWL_DB_URL") or None
        try:
            Archive.from_url(url).close()
        except SchemaNotReady as error:
            return str(error)
        except (SQLAlchemyError, ImportError, OSError) as error:
            where = db.redact(db.resolve_db_url(url))
            message = str(getattr(error, "orig", None) or error).strip().splitlines()[0]
            return (
                f"cannot use the archive at {where}: {message} "
                "(check NEWSCRAWL_DB_URL and that the database server is running)"
            )
        return redis_problem(self.settings)

    def spider_problem(self, name: str, arguments: dict[str, str]) -> str | None:
        """Why ``scrapy crawl name -a …`` cannot start, or None."""
        assert self.crawler_process is not None
        loader = self.crawler_process.spider_loader
        try:
            spider_class = loader.load(name)
        except KeyError:
            known = ", ".join(sorted(loader.list()))
            return f"no spider named {name!r} (known: {known}; see `scrapy list`)"
        try:
            # Only the arguments are checked here (__init__); from_crawler runs in the crawl.
            spider_class(**arguments)
        except (ValueError, TypeError) as error:
            return f"{name}: {error}"
        return None
