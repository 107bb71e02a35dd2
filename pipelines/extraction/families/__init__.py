"""CMS families: where each one keeps the body and the metadata.

A family module offers ``matches(html, root, url) -> bool`` (cheap markers only) and
``extract(html, root, url) -> FamilyResult`` run on the *uncleaned* tree, because some
metadata lives in what cleaning removes (comments, hidden elements). The body containers it
returns are elements of ``root`` (or of a fragment it parsed itself); ``extract_page`` cleans
them before taking their text.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from lxml.html import HtmlElement


@dataclass(slots=True)
class FamilyResult:
    """What a family extractor knows about a page; None where it has no opinion."""

    body: list[HtmlElement] = field(default_factory=list)
    title: str | None = None
    published: str | None = None
    author: str | None = None
    original_source: str | None = None
    original_title: str | None = None
    # The platform account that posted the page (搜狐号): the source when the text names none.
    account: str | None = None
    # An e-paper's own name as its CMS records it (Founder's papername): the source when the
    # text names none, like the account of a platform page.
    paper: str | None = None
    not_article_reason: str | None = None
