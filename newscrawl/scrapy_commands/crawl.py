"""``scrapy crawl``, with one clear line for an unknown spider or a bad spider argument.

Scrapy builds the spider inside the running crawl, so a ``ValueError`` from a spider's
arguments (``site`` without ``-a start_url``, ``-a since=yesterday``) surfaces as an asyncio
"Task exception was never retrieved" traceback, and an unknown name as a ``KeyError``
traceback. Here the name is looked up, and the spider built once with the given arguments,
before the crawl starts; a failure is one line on stderr and exit status 2 (a usage error).
Everything else is Scrapy's ``crawl`` unchanged.
"""

from __future__ import annotations

import argparse
import sys

from scrapy.commands import crawl

USAGE_ERROR = 2


class Command(crawl.Command):
    def run(self, args: list[str], opts: argparse.Namespace) -> None:
        if len(args) == 1:
            problem = self.spider_problem(args[0], opts.spargs)
            if problem:
                print(f"scrapy crawl: {problem}", file=sys.stderr)
                self.exitcode = USAGE_ERROR
                return
        super().run(args, opts)

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
