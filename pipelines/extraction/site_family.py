"""Which CMS family runs a site, from one of its pages: the markup and the shapes of its URLs.

Used when a source is onboarded (``newscrawl sources add URL``), where the page is usually a
column or front page rather than an article, so the markers are the ones a whole site shows:
generator tags, script and asset paths, pager scripts, and the URL shapes of the page and its
links. Families and their registry names:

- ``epaper``: Founder (方正) e-paper, ``node_N.htm`` 版面 and ``content_N.htm`` articles;
- ``sohu``: Sohu (搜狐号) article pages ``/a/ID_ACCOUNT`` and profile lists;
- ``discuz``: Discuz! forums, ``forum-B-P.html`` / ``thread-T-P-1.html`` / ``forum.php?mod=``;
- ``hanweb``: Hanweb (大汉) government portals and 政府信息公开 platforms, ``/col/colN/`` and
  ``/art/Y/M/D/art_C_N.html``, the jpage ``<datastore>`` list widget;
- ``trs``: TRS WCM portals, ``createPageHTML`` pagers, ``index_N.html`` and ``tYYYYMMDD_N.html``;
- ``blog``: Z-BlogPHP and WordPress, their generator tags and ``zb_``/``wp-`` asset paths;
- ``generic``: none of these.

A family wins with :data:`THRESHOLD` points; a marker in the markup is worth more than a URL
shape, which a site of another family can imitate by chance.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from urllib.parse import urlsplit

# Most specific first: the order breaks ties (an e-paper page may also carry TRS classes).
FAMILY_ORDER = ("epaper", "sohu", "discuz", "hanweb", "trs", "blog")
MARKUP_POINTS = 3
PAGE_URL_POINTS = 2
LINK_POINTS = 2  # per link shape seen at least twice among the page's links
THRESHOLD = 3

MARKUP_MARKERS: dict[str, tuple[re.Pattern[str], ...]] = {
    "epaper": tuple(
        re.compile(p, re.I)
        for p in (r"<!--\s*enpproperty", r"<founder-", r"方正电子", r"/founder/")
    ),
    "sohu": tuple(re.compile(p) for p in (r'id="mp-editor"', r"//mp\.sohu\.com/", r"搜狐号")),
    "discuz": tuple(
        re.compile(p, re.I)
        for p in (
            r'<meta name="generator" content="Discuz',
            r"Powered by .{0,40}Discuz",
            r"discuz_uid",
        )
    ),
    "hanweb": tuple(
        re.compile(p, re.I)
        for p in (r"<datastore>", r"/module/web/jpage/", r"hanweb", r"大汉网络", r"/module/xxgk/")
    ),
    "trs": tuple(
        re.compile(p) for p in (r"TRS_Editor", r"createPageHTML\(", r"<!--\s*TRS", r"trs_editor")
    ),
    "blog": tuple(
        re.compile(p, re.I)
        for p in (
            r'<meta name="generator" content="(Z-Blog|WordPress)',
            r"/zb_(system|users)/",
            r"/wp-(content|includes)/",
        )
    ),
}

# URL shapes of each family's articles and lists (searched in the path and query).
ARTICLE_SHAPES: dict[str, re.Pattern[str]] = {
    "epaper": re.compile(r"/\d{4}-\d{1,2}/\d{1,2}/content_\d+(_\d+)?\.html?$"),
    "sohu": re.compile(r"^/a/\d+_\d+$"),
    "discuz": re.compile(r"(/thread-\d+-\d+-\d+\.html$|mod=viewthread&tid=\d+)"),
    "hanweb": re.compile(r"/art/\d{4}/\d{1,2}/\d{1,2}/art_\d+_\d+\.html$"),
    "trs": re.compile(r"/t\d{8}_\d+\.s?html?$"),
    "blog": re.compile(r"(/post/\d+\.html$|[?&]p=\d+$|/\d{4}/\d{2}/\d{2}/[\w-]+/?$)"),
}
LIST_SHAPES: dict[str, re.Pattern[str]] = {
    "epaper": re.compile(r"/\d{4}-\d{1,2}/\d{1,2}/node_\d+\.html?$"),
    "sohu": re.compile(r"^/profile\?"),
    "discuz": re.compile(r"(/forum-\d+-\d+\.html$|mod=forumdisplay&fid=\d+)"),
    "hanweb": re.compile(r"/col/col\d+/(index\.html)?"),
    "trs": re.compile(r"/index_\d+\.s?html?$"),
    "blog": re.compile(r"(/category-\d+(_\d+)?\.html$|/page/\d+/?$|[?&]paged=\d+$)"),
}


@dataclass(frozen=True, slots=True)
class FamilyGuess:
    family: str  # a registry family name, ``generic`` when no family scored enough
    score: int
    evidence: tuple[str, ...]  # what was seen, for the user to judge


def path_and_query(url: str) -> str:
    parts = urlsplit(url)
    return (parts.path or "/") + (f"?{parts.query}" if parts.query else "")


def detect_site_family(html: str, url: str, link_urls: Iterable[str] = ()) -> FamilyGuess:
    """The CMS family of the site ``url`` belongs to, from one page's markup and links.

    ``link_urls`` are the page's links (absolute); only those on the page's own host count.
    """
    host = urlsplit(url).hostname or ""
    own = [path_and_query(u) for u in link_urls if (urlsplit(u).hostname or "") == host]
    page = path_and_query(url)
    best = FamilyGuess("generic", 0, ())
    for family in FAMILY_ORDER:
        score = 0
        evidence: list[str] = []
        for marker in MARKUP_MARKERS[family]:
            if marker.search(html):
                score += MARKUP_POINTS
                evidence.append(f"markup {marker.pattern!r}")
                break
        if family == "sohu" and (host == "sohu.com" or host.endswith(".sohu.com")):
            score += MARKUP_POINTS
            evidence.append(f"host {host}")
        for kind, shapes in (("article", ARTICLE_SHAPES), ("list", LIST_SHAPES)):
            shape = shapes[family]
            if shape.search(page):
                score += PAGE_URL_POINTS
                evidence.append(f"page URL is a {kind} URL")
            count = sum(1 for link in own if shape.search(link))
            if count >= 2:
                score += LINK_POINTS
                evidence.append(f"{count} {kind} links")
        if score > best.score:
            best = FamilyGuess(family, score, tuple(evidence))
    if best.score < THRESHOLD:
        return FamilyGuess("generic", best.score, best.evidence)
    return best
