"""Onboarding a source: propose a registry entry from one page, and try an entry without
writing the archive (``newscrawl sources add URL`` / ``newscrawl sources check``).

A trial is a real Scrapy crawl with the project's settings (robots.txt, user agent, size caps,
politeness) of a few list pages and :data:`TRIAL_ARTICLES` articles. Its items go through the
cleaning and facts pipelines into memory, never into the archive, and it does not read the
archive either (every article counts as new).

For ``add``, the crawl starts at the given URL: once that page is fetched (after redirects) its
family is detected (``pipelines.extraction.site_family``) and list and article patterns are
derived from its links (``pipelines.extraction.url_patterns``); the spider then goes on as that
entry's spider would.
"""

from __future__ import annotations

import json
import logging
import re
import tomllib
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from typing import Any, ClassVar
from urllib.parse import urlsplit

from scrapy.http import Request, Response, TextResponse

from newscrawl import signals as newscrawl_signals
from newscrawl.registry import CrawlPolicy, Source, parse_source
from newscrawl.samples.urls import SAMPLE_SUFFIX, from_sample_url
from newscrawl.spiders.links import Link
from newscrawl.spiders.source import SourceSpider
from newscrawl.spiders.sources import FAMILY_SPIDERS
from pipelines.extraction.site_family import FamilyGuess, detect_site_family
from pipelines.extraction.url_patterns import PageLinkInfo, derive_patterns
from pipelines.facts.places import page_place, site_place
from pipelines.items import ArticleItem

TRIAL_ARTICLES = 5
DEFAULT_POLICY = CrawlPolicy()
TRIAL_LIST_PAGES = 3
TRIAL_PIPELINES = {
    "pipelines.clean_pipeline.CleanPipeline": 100,
    "pipelines.facts_pipeline.FactsPipeline": 300,
    f"{__name__}.TrialCollector": 900,
}
# Host labels that say nothing about the source (www.X.gov.cn → X).
GENERIC_LABELS = frozenset({
    "www", "m", "wap", "epaper", "paper", "news", "bbs", "web", "cn", "com", "net", "org",
    "gov", "edu", "info", "vip", "top", "site", "xyz", "cc", "io", "localhost", "example",
})  # fmt: skip
SECOND_LEVEL = frozenset({"gov", "com", "edu", "org", "net", "ac"})
PLACE_RE = re.compile(r"([\u4e00-\u9fff]{2,12}?(?:自治州|自治县|新区|地区|省|市|区|县|旗|盟|镇))")
SITE_NAME_RE = re.compile(r'<meta\s+name="SiteName"\s+content="([^"]+)"', re.I)
TITLE_RE = re.compile(r"<title>(.*?)</title>", re.I | re.S)
TITLE_SEPARATORS_RE = re.compile(r"\s*[_|\-—–·]\s*")


def site_domain(host: str) -> str:
    """``www.whnanhai.gov.cn`` → ``whnanhai.gov.cn``, ``mp.sohu.com`` → ``sohu.com``."""
    labels = host.split(".")
    keep = 3 if len(labels) >= 3 and labels[-2] in SECOND_LEVEL else 2
    return ".".join(labels[-keep:])


def propose_key(host: str, taken: set[str] | frozenset[str] = frozenset()) -> str:
    """A registry key from the host name, not one of ``taken``."""
    labels = [label for label in host.lower().split(".") if label not in GENERIC_LABELS]
    base = re.sub(r"[^a-z0-9_]", "_", "_".join(labels[-1:]) or "source").strip("_")
    if not base or not base[0].isalpha():
        base = f"s_{base}"
    base = base[:36]
    key, number = base, 2
    while key in taken or len(key) < 2:
        key, number = f"{base}_{number}", number + 1
    return key


def page_titles(html: str) -> list[str]:
    """The site's name candidates: ``<meta name="SiteName">``, then the parts of ``<title>``
    (the site's name is usually the last part: ``工作动态_威海南海新区``)."""
    names = SITE_NAME_RE.findall(html)
    title = TITLE_RE.search(html)
    if title:
        parts = [p for p in TITLE_SEPARATORS_RE.split(title.group(1).strip()) if p]
        names.extend(reversed(parts))
    return [name.strip() for name in names if name.strip()]


def propose_place(html: str) -> str | None:
    """The place a site reports on, from its own words: as the crawl decides it for a page
    (``pipelines.facts.places.page_place``: the footer's sponsor, the site's name in the
    title), else the place its ``<meta name="SiteName">`` names, else a word of the site's name
    that ends like a place (…新区, …市, …县) the division table lacks.
    """
    place = page_place(html)
    if place:
        return place
    place = site_place(*SITE_NAME_RE.findall(html))
    if place:
        return place
    for name in page_titles(html):
        match = PLACE_RE.search(name)
        if match:
            return match.group(1)
    return None


@dataclass
class TrialResult:
    source: Source
    guess: FamilyGuess | None = None  # for ``add``: what the family was detected from
    items: list[ArticleItem] = field(default_factory=list)
    failures: list[tuple[str, str, int | None]] = field(default_factory=list)
    pages: int = 0
    finish_reason: str | None = None
    error: str | None = None  # why no entry could be proposed
    toml: str | None = None  # the proposed entry's file


class TrialCollector:
    """The last trial pipeline: keeps the items in memory (nothing is written)."""

    def __init__(self, crawler: Any) -> None:
        self.crawler = crawler

    @classmethod
    def from_crawler(cls, crawler: Any) -> TrialCollector:
        return cls(crawler)

    def process_item(self, item: Any) -> Any:
        spider = self.crawler.spider
        if isinstance(item, ArticleItem) and isinstance(spider, TrialSpider):
            spider.result.items.append(item)
        return item


def placeholder_source(url: str, key: str, name: str | None, place: str | None) -> Source:
    """The entry ``add`` starts from: its allowed domain is the whole site's (Scrapy's offsite
    filter reads it once, when the spider opens, before the entry's hosts are known)."""
    host = urlsplit(url).hostname or ""
    return Source(
        key=key,
        name=name or host,
        family="generic",
        base_url=f"{urlsplit(url).scheme}://{host}/",
        start_urls=(url,),
        allowed_domains=(site_domain(host),),
        list_patterns=(),
        article_patterns=(),
        policy=CrawlPolicy(),
        place=place or "",
        url_confirmed=True,
        note="",
        path=f"{key}.toml",
    )


class TrialSpider(SourceSpider):
    """A registry spider for an entry being tried; for ``add`` it makes the entry first."""

    name = "newscrawl_trial"
    # Nothing reaches the archive: no archive pipeline, no crawl-run recorder, no reading of
    # known articles.
    custom_settings: ClassVar[dict[str, Any]] = {
        "ITEM_PIPELINES": TRIAL_PIPELINES,
        "EXTENSIONS": {
            "newscrawl.process_pool.ProcessPool": 0,
            "newscrawl.crawl_runs.CrawlRunRecorder": None,
        },
        "NEWSCRAWL_INCREMENTAL": False,
    }

    def __init__(
        self,
        *args: Any,
        trial_source: Source,
        propose: Given | None = None,
        taken: frozenset[str] = frozenset(),
        **kwargs: Any,
    ) -> None:
        self.source = replace(
            trial_source,
            policy=replace(trial_source.policy, max_list_pages=TRIAL_LIST_PAGES),
        )
        self.propose = propose
        self.taken = taken
        self.result = TrialResult(trial_source)
        self.articles = 0
        super().__init__(*args, **kwargs)

    def configure(self) -> None:
        super().configure()
        self.family = FAMILY_SPIDERS[self.source.family].family
        self.crawler.signals.connect(self.on_failed, signal=newscrawl_signals.fetch_failed)

    def on_failed(self, url: str, reason: str, http_status: int | None, **_: Any) -> None:
        self.result.failures.append((url, reason, http_status))

    def start_requests_for(self) -> Iterator[Request]:
        if self.propose is None:
            yield from super().start_requests_for()
            return
        url = self.source.start_urls[0]
        self.claim(url)
        yield self.request(url, self.parse_first, start=True)

    def article_request(self, url: str, **kwargs: Any) -> Request | None:
        if self.articles >= TRIAL_ARTICLES:
            return None
        request = super().article_request(url, **kwargs)
        if request is not None:
            self.articles += 1
        return request

    def parse_list(self, response: Response) -> Iterator[Any]:
        self.result.pages += 1
        yield from super().parse_list(response)

    def parse_first(self, response: Response) -> Iterator[Any]:
        """The page given to ``sources add``: propose the entry, then crawl on as its spider."""
        if not isinstance(response, TextResponse):
            self.result.error = f"{response.url} is not an HTML page"
            return
        url = response.url  # real (the sample web's download handler maps it), after redirects
        links = list(self.page_links(response))
        guess = detect_site_family(response.text, url, [link.url for link in links])
        assert self.propose is not None
        self.source, self.result.toml = propose_source(
            url, self.source.start_urls[0], response.text, links, guess, self.propose, self.taken
        )
        self.family = FAMILY_SPIDERS[guess.family].family
        self.result.source = self.source
        self.result.guess = guess
        self.allowed_domains = list(self.source.allowed_domains)
        self.schemes = self.source.schemes
        if not self.source.article_patterns:
            self.result.error = "no article links found on the page: give a list (column) page"
            return
        self.list_pages += 1
        yield from self.parse_list(response)


def toml_string(value: str, *, literal: bool = False) -> str:
    """A TOML string: literal ('…', no escapes: for regular expressions) when it can be, else
    basic (JSON's escapes are TOML's)."""
    if literal and "'" not in value and "\n" not in value:
        return f"'{value}'"
    return json.dumps(value, ensure_ascii=False)


def toml_value(value: Any, *, literal: bool = False) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, str):
        return toml_string(value, literal=literal)
    return "[" + ", ".join(toml_value(v, literal=literal) for v in value) + "]"


def to_toml(data: dict[str, Any], comment: str) -> str:
    """A registry file for ``data`` (top-level values, then the tables), like the bundled ones."""
    lines = [f"# {comment}"]
    tables = {k: v for k, v in data.items() if isinstance(v, dict)}
    lines += [f"{k} = {toml_value(v)}" for k, v in data.items() if k not in tables]
    for name, table in tables.items():
        lines += ["", f"[{name}]"]
        lines += [f"{k} = {toml_value(v, literal=name == 'patterns')}" for k, v in table.items()]
    return "\n".join(lines) + "\n"


@dataclass(frozen=True)
class Given:
    """What the user said on the command line (None: propose it)."""

    key: str | None = None
    name: str | None = None
    place: str | None = None
    sample: bool = False  # fetched from the sample web: the real URLs were not checked


def propose_source(
    url: str,
    start_url: str,
    html: str,
    links: list[Link],
    guess: FamilyGuess,
    given: Given,
    taken: frozenset[str],
) -> tuple[Source, str]:
    """The entry (and its TOML text) for the site of ``url``, the page fetched from
    ``start_url`` (after redirects): key, name and place as given or proposed from the page,
    family as detected, patterns from the page's links."""
    host = urlsplit(url).hostname or ""
    domain = site_domain(host)
    # Links on other hosts of the site count (mp.sohu.com lists www.sohu.com articles).
    same_site = [
        PageLinkInfo(link.url, link.date)
        for link in links
        if (urlsplit(link.url).hostname or "").endswith(domain)
    ]
    derived = derive_patterns(url, same_site, guess.family, start_urls=[start_url])
    hosts = {host, urlsplit(start_url).hostname or ""}
    hosts.update(urlsplit(example).hostname or "" for example in derived.article_examples)
    names = page_titles(html)
    key = given.key or propose_key(host, taken)
    data: dict[str, Any] = {
        "key": key,
        "name": given.name or (names[0] if names else host),
        "place": given.place or propose_place(html) or (names[0] if names else host),
        "family": guess.family,
        "base_url": f"{urlsplit(url).scheme}://{host}/",
        "start_urls": [start_url],
        "allowed_domains": sorted(h for h in hosts if h),
        "url_confirmed": not given.sample,
        "note": f"Proposed by `newscrawl sources add` (family from: "
        f"{'; '.join(guess.evidence) or 'no markers'}).",
        "patterns": {
            "list": list(derived.list_patterns),
            "article": list(derived.article_patterns),
        },
        "policy": {
            "max_depth": DEFAULT_POLICY.max_depth,
            "date_window_days": DEFAULT_POLICY.date_window_days,
            "max_list_pages": DEFAULT_POLICY.max_list_pages,
        },
    }
    text = to_toml(data, f"{data['name']}: {guess.family}, proposed from {start_url}")
    return parse_source(tomllib.loads(text), f"{key}.toml"), text


def sample_real_url(url: str) -> tuple[str, int | None]:
    """A URL on the sample web (``http://host.localhost:PORT/…``) as the real URL and port."""
    parts = urlsplit(url)
    if parts.hostname and parts.hostname.endswith(SAMPLE_SUFFIX) and parts.port:
        return from_sample_url(url), parts.port
    return url, None


def run_trial(
    source: Source,
    *,
    propose: Given | None = None,
    taken: frozenset[str] = frozenset(),
    sample_port: int | None = None,
    settings_overrides: dict[str, Any] | None = None,
) -> TrialResult:
    """Crawl a few pages of ``source`` (for ``propose``: of the entry made from its first
    start URL) with the project's settings, keeping the items in memory. One per process (it
    runs the Twisted reactor)."""
    from scrapy.crawler import CrawlerProcess

    from newscrawl.crawls import project_settings

    # The command's own logging (newscrawl.commands._output) stays the one handler; Scrapy's
    # would print every line twice.
    overrides = {
        "NEWSCRAWL_CPU_PROCESSES": 0,
        "LOG_LEVEL": "WARNING",
        "LOG_INSTALL_ROOT_HANDLER": False,
    }
    overrides.update(settings_overrides or {})
    settings = project_settings(overrides)
    root = logging.getLogger()
    root.setLevel(settings.get("LOG_LEVEL"))
    for handler in root.handlers:  # Scrapy sets its own loggers to DEBUG
        handler.setLevel(settings.get("LOG_LEVEL"))
    process = CrawlerProcess(settings)
    crawler = process.create_crawler(TrialSpider)
    kwargs: dict[str, Any] = {"trial_source": source, "propose": propose, "taken": taken}
    if sample_port:
        kwargs["sample_port"] = sample_port
    process.crawl(crawler, **kwargs)
    process.start()
    spider = crawler.spider
    assert isinstance(spider, TrialSpider)
    spider.result.finish_reason = crawler.stats.get_value("finish_reason")
    return spider.result
