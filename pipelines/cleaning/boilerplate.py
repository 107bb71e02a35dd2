"""Lines that are page furniture, not article text: bylines, share prompts, copyright notes,
related-article lists, contact ads, view counters, breadcrumbs.

Every rule matches a *whole line* (a paragraph), anchored and short, so a sentence of the
article that merely mentions 来源 or 二维码 is never removed.
"""

from __future__ import annotations

import re

from pipelines.cleaning.app_prompts import is_app_prompt
from pipelines.cleaning.collapse_bars import is_collapse_bar
from pipelines.cleaning.declarations import is_platform_declaration
from pipelines.cleaning.editor_lines import is_editor_line
from pipelines.cleaning.separators import is_separator
from pipelines.cleaning.teasers import drop_teaser_duplicates

_SEP = r"\s*[:：]\s*"
_ANY_LINE = [
    # Prompts and notices that are a line of their own, whatever follows them on the line.
    r"原标题" + _SEP,
    r"特别声明" + _SEP,
    r"(?:免责|版权)声明",
    r"本文链接" + _SEP,
    r"(?:原文|文章)?(?:链接|地址)" + _SEP + r"https?://",
    r"(?:本文)?(?:转载|转自)请(?:务必)?注明",
    r"转载请注明",
    r"返回搜狐[,，]?\s*查看更多",
    r"(?:责任编辑|责编|编辑|审核|校对|监制|值班编辑|本文编辑|网络编辑)" + _SEP,
    r"[【\[]?\s*(?:责任编辑|责编)\s*[:：]?",
    r"(?:扫一扫|扫描二维码|长按(?:识别)?二维码|长按识别|识别二维码|微信扫一扫)",
    r"分享(?:给朋友|到|至)\s*[:：]?",
    r"该文章来源(?:于)?互联网",
    r"(?:本文|文章|图片)?(?:内容)?来源(?:于)?(?:网络|互联网)[,，]?\s*如有侵权",
    r"如有侵权[,，]?\s*请联系",
    r"查看原文\s*[:：>》]?",
    r"阅读原文\s*$",
    r"(?:当前|您的|你的)?(?:位置|所在位置|当前位置)" + _SEP,
    r"您(?:现在)?的位置" + _SEP + r"?",
    r"[【\[]?\s*字[体號号]\s*[:：]?\s*[大中小]",
    r"[【\[]?\s*(?:打印本页|关闭窗口|打印文章|收藏本页|打印\s*[】\]]?\s*[【\[]?\s*关闭)",
    r"(?:上一篇|下一篇|上一条|下一条)\s*[:：]",
    r"(?:点击|浏览|阅读|访问)(?:次数|量|数)?\s*[:：(（]\s*\d+",
    r"(?:\d+\s*)?(?:人(?:已)?(?:阅读|浏览|看过)|次(?:阅读|浏览))\s*$",
    r"(?:copyright|版权所有|©)",
    r"(?:关注|添加)(?:我们的)?(?:微信)?公众号",
    r"(?:免责声明|声明)" + _SEP,
    r"(?:图片|图)来源" + _SEP + r"\S{0,20}$",
]
_BOILERPLATE_LINE = re.compile(r"^\s*(?:" + "|".join(_ANY_LINE) + r")", re.IGNORECASE)

# A byline / meta line: short, made of labelled fields, without a sentence in it.
_META_FIELD = re.compile(
    r"(?:来源|来自|作者|记者|编辑|发布时间|发布日期|发表时间|时间|日期|更新时间|点击|浏览|阅读|"
    r"文章来源|信息来源|稿源|出处|摄影|通讯员)\s*[:：]"
)
# Labels that make a line a byline even alone (时间： or 日期： alone may open a notice's body).
_STRONG_META_FIELD = re.compile(
    r"^\s*[【\[(（]?\s*(?:来源|作者|记者|编辑|发布时间|发布日期|发表时间|更新时间|文章来源|信息来源|"
    r"稿源|出处|点击|浏览|摄影|通讯员)\s*[:：]"
)
_SENTENCE_END = re.compile(r"[。！？!?]")
_LEADING_DATE = re.compile(r"^\s*(?:19|20)\d{2}\s*[-/.年]\s*\d{1,2}\s*[-/.月]\s*\d{1,2}")
_MAX_META_LINE = 90

# A byline alone on its line: "□本报记者 董梅雪", "记者 李宛遥 报道", "通讯员 王军 摄".
_BYLINE_LINE = re.compile(
    r"^[□■\s]*[(（]?\s*(?:本报|本台|本刊|本网|新华社|中新社|"
    r"[\u4e00-\u9fff]{2,10}?(?:日报|晚报|早报|时报|商报|电视台|融媒体中心|新闻网))?"
    r"(?:全媒体|融媒)?(?:特约|首席|见习|实习)?"
    r"(?:记者|通讯员|实习生|作者|文/图|文|图)\s*[:：/]?\s*"
    r"[\u4e00-\u9fff·]{2,4}(?:(?:\s+|\s*[、，,]\s*|\s*(?:记者|通讯员|实习生)\s*)[\u4e00-\u9fff·]{2,4})*"
    r"\s*(?:报道|摄影?|发自\S{0,10})?\s*[)）]?\s*$"
)

# Contact ads: a short line that carries a phone number and an ad verb.
_PHONE = re.compile(
    r"(?<!\d)(?:1[3-9]\d[-－ ]?\d{4}[-－ ]?\d{4}|0\d{2,3}[-－ ]?\d{7,8}|400[-－ ]?\d{3}[-－ ]?\d{4})(?!\d)"
)
_AD_WORDS = re.compile(
    r"(?:电话|热线|咨询|联系|垂询|微信|QQ|加盟|订购|报名|热线|手机)", re.IGNORECASE
)
_MAX_AD_LINE = 120

# Site footers: registration numbers and copyright, wherever they sit in a short line.
_FOOTER_MARKS = re.compile(
    r"ICP[备证]|版权所有|all rights reserved|copyright|公网安备|经营许可证|互联网新闻信息服务许可证",
    re.IGNORECASE,
)
_MAX_FOOTER_LINE = 300

_RELATED_HEADING = re.compile(
    r"^\s*[【\[]?\s*(?:相关(?:文章|阅读|新闻|链接|报道|推荐|资讯)|延伸阅读|推荐阅读|热门推荐|"
    r"热点推荐|猜你喜欢|更多(?:精彩|阅读|新闻)|精彩推荐|往期(?:回顾|推荐|精彩))\s*[】\]]?\s*[:：]?\s*$"
)
# Items of a related list: short, no sentence end.
_MAX_RELATED_ITEM = 60


def is_boilerplate_line(line: str) -> bool:
    """True for a line that is page furniture on its own."""
    if _BOILERPLATE_LINE.match(line):
        return True
    if len(line) <= _MAX_FOOTER_LINE and _FOOTER_MARKS.search(line) and "。" not in line:
        return True
    if _BYLINE_LINE.match(line):
        return True
    if (
        is_app_prompt(line)
        or is_collapse_bar(line)
        or is_platform_declaration(line)
        or is_editor_line(line)
        or is_separator(line)
    ):
        return True
    if len(line) <= _MAX_META_LINE and not _SENTENCE_END.search(line):
        fields = _META_FIELD.findall(line)
        if len(fields) >= 2 or _STRONG_META_FIELD.match(line):
            return True
        if fields and _LEADING_DATE.match(line):  # "2026-04-07 来源：衢州日报"
            return True
    return len(line) <= _MAX_AD_LINE and bool(_PHONE.search(line)) and bool(_AD_WORDS.search(line))


def drop_boilerplate(paragraphs: list[str]) -> list[str]:
    """Paragraphs without furniture lines and without related-article blocks."""
    kept: list[str] = []
    in_related = False
    for paragraph in paragraphs:
        if _RELATED_HEADING.match(paragraph):
            in_related = True
            continue
        if in_related:
            if len(paragraph) <= _MAX_RELATED_ITEM and not _SENTENCE_END.search(paragraph[-2:]):
                continue
            in_related = False
        if not is_boilerplate_line(paragraph):
            kept.append(paragraph)
    return drop_teaser_duplicates(kept)
