"""WeChat 公众号 articles (``mp.weixin.qq.com/s…``): ``#js_content``.

The body container is hidden (``visibility: hidden``) until a script reveals it, the account
nickname is the source (the ``nickname`` script variable, else ``#js_name``), and the publish
time exists only in a script variable (``ct``, epoch seconds; ``publish_time`` on some
versions) while ``#publish_time`` is filled in by that script.
"""

from __future__ import annotations

import re

from lxml.html import HtmlElement

from pipelines.extraction.dates import parse_date, parse_epoch
from pipelines.extraction.dom import element_text
from pipelines.extraction.families import FamilyResult
from pipelines.extraction.metadata import meta_content

NAME = "wechat"
_SCRIPT_VAR = r"var\s+{name}\s*=\s*(?:htmlDecode\()?\s*[\"'](?P<value>[^\"']*)[\"']"
_NICKNAME = re.compile(_SCRIPT_VAR.format(name="nickname"))
_EPOCH = re.compile(_SCRIPT_VAR.format(name="ct"))
_PUBLISH_TIME = re.compile(_SCRIPT_VAR.format(name="publish_time"))
_TITLE = re.compile(_SCRIPT_VAR.format(name="msg_title"))


def matches(html: str, root: HtmlElement, url: str | None) -> bool:
    return 'id="js_content"' in html and ("rich_media" in html or "mp.weixin.qq.com" in (url or ""))


def _script_value(pattern: re.Pattern[str], html: str) -> str | None:
    match = pattern.search(html)
    return match["value"].strip() if match and match["value"].strip() else None


def extract(html: str, root: HtmlElement, url: str | None) -> FamilyResult:
    result = FamilyResult()
    content = root.find(".//*[@id='js_content']")
    if content is not None:
        content.attrib.pop("style", None)  # hidden until the page script shows it
        result.body = [content]
    heading = root.find(".//*[@id='activity-name']")
    result.title = (
        element_text(heading)
        or meta_content(root, "og:title", "twitter:title")
        or _script_value(_TITLE, html)
    )
    account = root.find(".//*[@id='js_name']")
    result.original_source = _script_value(_NICKNAME, html) or element_text(account) or None
    stamp = _script_value(_EPOCH, html)
    result.published = (parse_epoch(stamp) if stamp else None) or parse_date(
        _script_value(_PUBLISH_TIME, html) or element_text(root.find(".//*[@id='publish_time']"))
    )
    return result
