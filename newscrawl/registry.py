"""The source registry: one declarative TOML file per site.

Two folders hold entries: the bundled one (``newscrawl/sources/``, package data) and the user's
own (setting or environment variable ``NEWSCRAWL_SOURCES``, else ``$NEWSCRAWL_HOME/sources``),
whose entries override bundled ones of the same key. Each file is validated when it is loaded;
a bad file raises :class:`RegistryError` naming the file and the field, so a typo in a registry
entry fails loudly at ``scrapy list`` rather than silently crawling nothing. The format is
documented in ``docs/sources.md``.
"""

from __future__ import annotations

import os
import re
import tomllib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import timedelta
from importlib import resources
from importlib.resources.abc import Traversable
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from archive.db import newscrawl_home

# The CMS families a registry entry can name: one spider base class each. ``hanweb`` (大汉
# 政府网站 / 政府信息公开 platforms) and ``generic`` have no extractor of their own: extraction
# recognises their pages by itself.
FAMILIES = ("epaper", "trs", "hanweb", "discuz", "blog", "sohu", "generic")
SOURCES_ENV = "NEWSCRAWL_SOURCES"
# Spider names that are not registry sources.
RESERVED_KEYS = frozenset({"site"})
KEY_RE = re.compile(r"^[a-z][a-z0-9_]{1,39}$")
DURATION_RE = re.compile(r"^(\d+)\s*([mhdw])$")
DURATION_UNITS = {"m": "minutes", "h": "hours", "d": "days", "w": "weeks"}
DEFAULT_LADDER = ("1h", "6h", "1d", "7d")


class RegistryError(ValueError):
    """A registry file is missing, unreadable or has a bad field."""


@dataclass(frozen=True, slots=True)
class CrawlPolicy:
    """How deep, how far back and how often a source is crawled."""

    max_depth: int = 4  # link hops from a start URL
    date_window_days: int = 365  # default ``since`` is this many days before today
    max_list_pages: int = 20  # pagination pages followed per list
    # Forum sources: archive every post of a thread (as marked parts), not the opening post.
    whole_thread: bool = False
    # Revisit checkpoints, counted from when an article was first archived: the article is
    # fetched again once each checkpoint has passed, and never after the last one.
    revisit_ladder: tuple[timedelta, ...] = field(
        default_factory=lambda: tuple(parse_duration(d) for d in DEFAULT_LADDER)
    )


@dataclass(frozen=True, slots=True)
class Source:
    """One registry entry."""

    key: str
    name: str
    family: str
    base_url: str
    start_urls: tuple[str, ...]
    allowed_domains: tuple[str, ...]
    list_patterns: tuple[re.Pattern[str], ...]
    article_patterns: tuple[re.Pattern[str], ...]
    policy: CrawlPolicy
    place: str  # the main place the source reports on (resolves 全区/全市 in facts)
    url_confirmed: bool  # False when the real URLs could not be checked from here
    note: str
    path: str  # the file it came from, for error messages

    @property
    def schemes(self) -> dict[str, str]:
        """Real scheme per host of this source (used to map sample-web URLs back)."""
        found = {urlsplit(u).hostname or "": urlsplit(u).scheme for u in self.start_urls}
        base = urlsplit(self.base_url)
        found.setdefault(base.hostname or "", base.scheme)
        return found

    def is_article_url(self, url: str) -> bool:
        return any(p.search(url) for p in self.article_patterns)

    def is_list_url(self, url: str) -> bool:
        return any(p.search(url) for p in self.list_patterns)


def parse_duration(text: str) -> timedelta:
    """``"6h"`` → 6 hours; units m, h, d, w."""
    match = DURATION_RE.match(text.strip())
    if not match:
        raise ValueError(f"{text!r} is not a duration like 30m, 6h, 1d or 2w")
    return timedelta(**{DURATION_UNITS[match.group(2)]: int(match.group(1))})


class _Fields:
    """Typed access to one TOML table that reports the file and dotted field name on error."""

    def __init__(self, data: dict[str, Any], path: str, prefix: str = "") -> None:
        self.data = data
        self.path = path
        self.prefix = prefix

    def error(self, name: str, message: str) -> RegistryError:
        return RegistryError(f"{self.path}: field '{self.prefix}{name}': {message}")

    def get(self, name: str, kind: type | tuple[type, ...], default: Any = ...) -> Any:
        if name not in self.data:
            if default is ...:
                raise self.error(name, "is required")
            return default
        value = self.data[name]
        # bool is an int subclass; a TOML `true` is never a valid count
        if not isinstance(value, kind) or (isinstance(value, bool) and kind is int):
            expected = (
                kind.__name__ if isinstance(kind, type) else "/".join(k.__name__ for k in kind)
            )
            raise self.error(name, f"must be {expected}, got {type(value).__name__} {value!r}")
        return value

    def strings(self, name: str, default: Any = ...) -> tuple[str, ...]:
        values = self.get(name, list, default)
        for i, value in enumerate(values):
            if not isinstance(value, str) or not value:
                raise self.error(f"{name}[{i}]", f"must be a non-empty string, got {value!r}")
        return tuple(values)

    def positive_int(self, name: str, default: int) -> int:
        value = self.get(name, int, default)
        if value < 1:
            raise self.error(name, f"must be at least 1, got {value}")
        return value

    def sub(self, name: str) -> _Fields:
        return _Fields(self.get(name, dict, {}), self.path, f"{self.prefix}{name}.")

    def check_known(self, known: Iterable[str]) -> None:
        unknown = sorted(set(self.data) - set(known))
        if unknown:
            raise self.error(unknown[0], "is not a known field (typo?)")


def _url(fields: _Fields, name: str, value: str) -> str:
    parts = urlsplit(value)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise fields.error(name, f"{value!r} is not an absolute http(s) URL")
    return value


def _patterns(fields: _Fields, name: str) -> tuple[re.Pattern[str], ...]:
    compiled = []
    for i, pattern in enumerate(fields.strings(name)):
        try:
            compiled.append(re.compile(pattern))
        except re.error as exc:
            raise fields.error(
                f"{name}[{i}]", f"bad regular expression {pattern!r}: {exc}"
            ) from None
    return tuple(compiled)


def parse_source(data: dict[str, Any], path: str) -> Source:
    """Validate one decoded registry file."""
    top = _Fields(data, path)
    top.check_known(
        (
            "key",
            "name",
            "family",
            "base_url",
            "start_urls",
            "allowed_domains",
            "place",
            "url_confirmed",
            "note",
            "patterns",
            "policy",
        )
    )
    key = top.get("key", str)
    if not KEY_RE.match(key):
        raise top.error("key", f"{key!r} must be lower-case letters, digits and _ (2-40 chars)")
    if key in RESERVED_KEYS:
        raise top.error("key", f"{key!r} is the name of a built-in spider")
    if Path(path).stem != key:
        raise top.error("key", f"{key!r} must match the file name {Path(path).name!r}")
    family = top.get("family", str)
    if family not in FAMILIES:
        raise top.error("family", f"{family!r} is not one of {', '.join(FAMILIES)}")
    base_url = _url(top, "base_url", top.get("base_url", str))
    start_urls = tuple(
        _url(top, f"start_urls[{i}]", u) for i, u in enumerate(top.strings("start_urls"))
    )
    if not start_urls:
        raise top.error("start_urls", "needs at least one URL")
    allowed = top.strings("allowed_domains")
    for i, url in enumerate(start_urls):
        host = urlsplit(url).hostname or ""
        if not any(host == d or host.endswith("." + d) for d in allowed):
            raise top.error(f"start_urls[{i}]", f"host {host!r} is not in allowed_domains")

    patterns = top.sub("patterns")
    patterns.check_known(("list", "article"))
    policy_fields = top.sub("policy")
    policy_fields.check_known(
        ("max_depth", "date_window_days", "max_list_pages", "revisit_ladder", "whole_thread")
    )
    ladder = []
    for i, text in enumerate(policy_fields.strings("revisit_ladder", list(DEFAULT_LADDER))):
        try:
            ladder.append(parse_duration(text))
        except ValueError as exc:
            raise policy_fields.error(f"revisit_ladder[{i}]", str(exc)) from None
    if ladder != sorted(ladder):
        raise policy_fields.error("revisit_ladder", "checkpoints must be in increasing order")
    policy = CrawlPolicy(
        max_depth=policy_fields.positive_int("max_depth", 4),
        date_window_days=policy_fields.positive_int("date_window_days", 365),
        max_list_pages=policy_fields.positive_int("max_list_pages", 20),
        revisit_ladder=tuple(ladder),
        whole_thread=policy_fields.get("whole_thread", bool, False),
    )
    return Source(
        key=key,
        name=top.get("name", str),
        family=family,
        base_url=base_url,
        start_urls=start_urls,
        allowed_domains=allowed,
        list_patterns=_patterns(patterns, "list"),
        article_patterns=_patterns(patterns, "article"),
        policy=policy,
        place=top.get("place", str),
        url_confirmed=top.get("url_confirmed", bool),
        note=top.get("note", str, ""),
        path=path,
    )


def load_source(path: Path | Traversable) -> Source:
    """Load and validate one registry file."""
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as exc:
        raise RegistryError(f"{path}: not valid TOML: {exc}") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise RegistryError(f"{path}: cannot be read: {exc}") from None
    return parse_source(data, str(path))


def bundled_sources_dir() -> Traversable:
    return resources.files("newscrawl") / "sources"


def user_sources_dir(setting: str | Path | None = None) -> Path:
    """The user's registry folder: ``setting`` (the Scrapy setting ``NEWSCRAWL_SOURCES``), else
    the environment variable of that name, else ``$NEWSCRAWL_HOME/sources``."""
    folder = setting or os.environ.get(SOURCES_ENV)
    return Path(folder).expanduser() if folder else newscrawl_home() / "sources"


def _registry_files(folder: Path | Traversable) -> Iterator[Path | Traversable]:
    if not folder.is_dir():
        return
    yield from sorted(
        (f for f in folder.iterdir() if f.name.endswith(".toml")), key=lambda f: f.name
    )


def load_folder(folder: Path | Traversable) -> dict[str, Source]:
    """The entries of one registry folder by key (none when the folder does not exist)."""
    sources: dict[str, Source] = {}
    for path in _registry_files(folder):
        source = load_source(path)
        sources[source.key] = source
    return sources


def load_registry(
    directory: Path | Traversable | None = None, *, user_dir: str | Path | None = None
) -> dict[str, Source]:
    """All registry entries by key: the bundled ones overridden by the user's
    (:func:`user_sources_dir`), or only those of ``directory`` when it is given."""
    if directory is not None:
        return load_folder(directory)
    return load_folder(bundled_sources_dir()) | load_folder(user_sources_dir(user_dir))
