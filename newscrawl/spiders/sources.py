"""One spider class per registry entry, so that ``scrapy crawl <key>`` and ``scrapy list`` work.

:class:`RegistrySpiderLoader` (the project's ``SPIDER_LOADER_CLASS``) adds them to the spiders
Scrapy finds in ``newscrawl.spiders``: each is the family's base spider bound to its
``Source``, for the bundled registry and the user's (setting ``NEWSCRAWL_SOURCES``).
"""

from __future__ import annotations

from typing import Self

from scrapy.settings import BaseSettings
from scrapy.spiderloader import SpiderLoader

from newscrawl.registry import RegistryError, Source, load_registry
from newscrawl.spiders.blog import BlogSpider
from newscrawl.spiders.discuz import DiscuzSpider
from newscrawl.spiders.epaper import EpaperSpider
from newscrawl.spiders.hanweb import HanwebSpider
from newscrawl.spiders.sohu import SohuSpider
from newscrawl.spiders.source import SourceSpider
from newscrawl.spiders.trs import TrsSpider

FAMILY_SPIDERS: dict[str, type[SourceSpider]] = {
    "epaper": EpaperSpider,
    "trs": TrsSpider,
    "hanweb": HanwebSpider,
    "discuz": DiscuzSpider,
    "blog": BlogSpider,
    "sohu": SohuSpider,
    "generic": SourceSpider,  # list and article patterns only; extraction detects the page
}


def spider_class(source: Source) -> type[SourceSpider]:
    base = FAMILY_SPIDERS[source.family]
    class_name = "".join(part.capitalize() for part in source.key.split("_")) + "Spider"
    return type(
        class_name,
        (base,),
        {
            "name": source.key,
            "source": source,
            "__module__": __name__,
            "__doc__": f"{source.name} ({source.family}): {source.base_url}",
        },
    )


def source_spiders(user_dir: str | None = None) -> dict[str, type[SourceSpider]]:
    """A spider class per registry entry (bundled and the user's), by key."""
    return {key: spider_class(source) for key, source in load_registry(user_dir=user_dir).items()}


class RegistrySpiderLoader(SpiderLoader):
    """Scrapy's spider loader plus one spider per registry entry."""

    def __init__(self, settings: BaseSettings) -> None:
        super().__init__(settings)
        try:
            spiders = source_spiders(settings.get("NEWSCRAWL_SOURCES") or None)
        except RegistryError as error:
            # Scrapy's command line would print a traceback for a typo in a user's file; the
            # message (file and field) is all the user needs.
            raise SystemExit(f"newscrawl: {error}") from None
        for name, spider in spiders.items():
            self._found[name].append((__name__, spider.__name__))
            self._spiders[name] = spider

    @classmethod
    def from_settings(cls, settings: BaseSettings) -> Self:
        return cls(settings)
