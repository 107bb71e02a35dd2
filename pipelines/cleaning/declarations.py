"""Platform declarations: the notice a self-media platform appends to every account's article.

特别声明：以上内容(包括在内的视频、图片或音频)为自媒体平台“网易号”用户上传并发布，本平台仅提供
信息存储服务 / 声明：该文观点仅代表作者本人，搜狐号系信息发布平台，搜狐仅提供信息存储空间服务 /
本文为澎湃号作者或机构在澎湃新闻上传并发布，仅代表该作者或机构观点… / 返回搜狐，查看更多.

A declaration disclaims the platform's responsibility: it says the text is only the author's
view, or that the platform only stores or publishes. Matched as a class of sentences, since
every platform words it a little differently; an article quoting a view never speaks of the
platform storing it.
"""

from __future__ import annotations

import re

_MAX_DECLARATION = 300
_ONLY_AUTHOR = re.compile(
    r"(?:仅|只)代表(?:该|本文)?(?:作者|原作者|发布者|用户)(?:本人|或机构)?(?:的)?(?:个人)?(?:观点|立场|意见)"
    r"|不代表(?:本|该)?(?:平台|本站|本网|网站|我们|\S{1,8}(?:网|号|新闻))(?:的)?(?:观点|立场)"
)
_PLATFORM_ROLE = re.compile(
    r"仅提供信息(?:存储|发布)|信息(?:存储空间|发布平台)|自媒体平台|上传并发布"
)
_LABEL_ONLY = re.compile(r"^\W*(?:特别声明|平台声明|免责声明|声明)\W*$")
_BACK_TO_PLATFORM = re.compile(r"^\W*返回\S{1,6}[,，]?\s*查看更多\W*$")


def is_platform_declaration(line: str) -> bool:
    if _LABEL_ONLY.match(line) or _BACK_TO_PLATFORM.match(line):
        return True
    if len(line) > _MAX_DECLARATION:
        return False
    if _ONLY_AUTHOR.search(line):
        return True
    return _PLATFORM_ROLE.search(line) is not None and ("平台" in line or "作者" in line)
