"""One spider class per registry entry, so that ``scrapy crawl <key>`` and ``scrapy list`` work.

The classes are made when this module is imported (Scrapy's spider loader imports every module
of ``newscrawl.spiders``); each is the family's base spider bound to its ``Source``.
"""

from __future__ import annotations

from newscrawl.registry import Source, load_registry
from newscrawl.spiders.blog import BlogSpider
from newscrawl.spiders.discuz import DiscuzSpider
from newscrawl.spiders.epaper import EpaperSpider
from newscrawl.spiders.sohu import SohuSpider
from newscrawl.spiders.source import SourceSpider
from newscrawl.spiders.trs import TrsSpider

FAMILY_SPIDERS: dict[str, type[SourceSpider]] = {
    "epaper": EpaperSpider,
    "trs": TrsSpider,
    "discuz": DiscuzSpider,
    "blog": BlogSpider,
    "sohu": SohuSpider,
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


SOURCE_SPIDERS: dict[str, type[SourceSpider]] = {
    key: spider_class(source) for key, source in load_registry().items()
}
globals().update({cls.__name__: cls for cls in SOURCE_SPIDERS.values()})
