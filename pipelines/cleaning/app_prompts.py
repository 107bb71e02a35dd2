"""App prompts: the banners and buttons a mobile page puts around (and inside) the article to
send the reader to the publisher's app or account.

打开APP，阅读体验更佳 / 打开APP阅读全文 / 打开台州新闻客户端，查看更多精彩内容 / 下载XX APP /
点击蓝字 关注我们 / 关注“玉环发布”，获取更多资讯. A prompt is a short line built around an
imperative (打开 / 下载 / 关注 …) whose object is an app, a client or an account and whose
purpose is reading more; a sentence of the article that mentions an app has a subject and
goes on.
"""

from __future__ import annotations

import re

_MAX_PROMPT = 40
_APP = r"(?:APP|App|app|客户端|应用)"
_PROMPTS = (
    # 打开APP，阅读体验更佳 / 打开上虞发布客户端，查看更多精彩内容 / 下载XX新闻APP
    re.compile(rf"^\W*(?:打开|下载|安装|前往|去|用)\S{{0,12}}?{_APP}"),
    re.compile(rf"{_APP}\s*(?:内)?\s*(?:阅读|查看|观看|打开)"),
    re.compile(r"阅读体验更佳|查看更多精彩|获取更多(?:精彩|资讯|内容)|更多精彩内容"),
    # 点击蓝字 关注我们 / 关注“XX发布”，获取更多资讯 / 点击上方蓝字关注
    re.compile(
        r"^\W*(?:点击|点)?(?:上方|下方)?(?:蓝字|名片)?\s*(?:关注|订阅)(?:我们|本号|公众号|“[^”]{1,20}”)"
    ),
    re.compile(r"^\W*点击(?:上方|下方)?(?:蓝字|名片)"),
)


def is_app_prompt(line: str) -> bool:
    if len(line) > _MAX_PROMPT:
        return False
    return any(pattern.search(line) for pattern in _PROMPTS)
