"""Shared test material for dedup, stories and versions: reprint families and template
siblings. (Databases come from tests/conftest.py: ``archive_url``, ``archive``.)

The texts are the cleaned text of the story as each kind of site carries it. A reprint is made
from the original the way the sites in the sample web make them: Sohu adds its boilerplate and
the 原标题 line, the forum copy keeps Discuz! jammer residue, a blog uses pinyin dodges of the
advertising law, a portal drops the lead paragraph, a mirror truncates to ~60%, and a district
account adds an editor's note. Where cleaning removes some of this, dedup must still be right
when it does not.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

from pipelines.cleaning import content_hash
from pipelines.dedup.minhash import text_signature
from pipelines.items import ArticleItem

ORIGINAL = """\
本报讯（记者 董梅雪）3月30日，西海岸新区举行2022年一季度重点项目集中开工活动。记者从活动现场获悉，一季度全区新开工项目155个，同比增长21.1%；总投资421亿元，同比增加241亿元、增长133.9%，新开工项目数量和投资规模均创历年同期新高。
此次集中开工的项目涵盖先进制造业、现代服务业、基础设施和社会民生等领域。其中，先进制造业项目68个，总投资236亿元，占比56.1%；现代服务业项目41个，总投资97亿元；基础设施和社会民生项目46个，总投资88亿元。
从投资规模看，10亿元以上项目12个，总投资197亿元。位于董家口经济区的绿色化工新材料产业园项目总投资58亿元，建成后年产值可达120亿元；位于古镇口军民融合创新示范区的海洋装备产业基地项目总投资32亿元，预计明年6月投产。
新区坚持“要素跟着项目走”，一季度累计为新开工项目供应土地3260亩，协调解决用工、用能、融资等问题217个，项目从签约到开工平均用时缩短至45天。
下一步，新区将持续开展“项目攻坚年”行动，力争全年新开工项目520个以上，完成固定资产投资1680亿元，为全市经济稳中求进提供有力支撑。"""

TEMPLATE_SIBLING = """\
本报讯（记者 李宛遥）3月30日，城阳区举行2022年一季度重点项目集中开工活动。记者从活动现场获悉，一季度全区新开工项目87个，同比增长12.9%；总投资206亿元，同比增加64亿元、增长45.1%，新开工项目数量和投资规模均创历年同期新高。
此次集中开工的项目涵盖先进制造业、现代服务业、基础设施和社会民生等领域。其中，先进制造业项目39个，总投资118亿元，占比57.3%；现代服务业项目25个，总投资51亿元；基础设施和社会民生项目23个，总投资37亿元。
从投资规模看，10亿元以上项目7个，总投资93亿元。位于棘洪滩街道的轨道交通装备配套产业园项目总投资26亿元，建成后年产值可达60亿元；位于上马街道的冷链物流基地项目总投资15亿元，预计明年9月投产。
城阳区坚持“要素跟着项目走”，一季度累计为新开工项目供应土地1480亩，协调解决用工、用能、融资等问题96个，项目从签约到开工平均用时缩短至52天。
下一步，城阳区将持续开展“项目攻坚年”行动，力争全年新开工项目300个以上，完成固定资产投资760亿元，为全市经济稳中求进提供有力支撑。"""

UNRELATED = """\
4月2日，青岛港董家口港区迎来今年第100艘30万吨级矿石船靠泊作业。据介绍，董家口港区今年以来累计完成货物吞吐量4600万吨，同比增长8.2%，其中铁矿石吞吐量2900万吨。
港区持续推进智慧港口建设，自动化堆场改造项目已完成投资5.6亿元，投用后堆场作业效率将提升30%以上。
下一步，港区将加快建设大型原油码头二期工程，预计年底前建成投用，新增年通过能力2000万吨。"""


def paragraphs(text: str) -> list[str]:
    return text.split("\n")


def with_sohu_boilerplate(text: str) -> str:
    return (
        "原标题：一季度新开工项目155个 总投资421亿元\n"
        + text
        + "\n返回搜狐，查看更多\n责任编辑：王晓\n平台声明：该文观点仅代表作者本人，搜狐号系信息发布平台"
    )


def with_jammer(text: str) -> str:
    """Discuz! jammer residue after every sentence, as left when a post is copied as text."""
    residue = ["( C! h9 u4 x! E& F- z", ") p$ h5 I0 B7 b", "* Z. s# q4 y1 K", "; O- w& J9 t"]
    sentences = text.split("。")
    return "。".join(
        sentence + (" " + residue[i % len(residue)] if i < len(sentences) - 1 else "")
        for i, sentence in enumerate(sentences)
    )


def with_pinyin_dodges(text: str) -> str:
    return text.replace("新高", "xin高").replace("有力", "you力").replace("领域", "lingyu")


def without_lead(text: str) -> str:
    return "\n".join(paragraphs(text)[1:])


def truncated(text: str, share: float = 0.6) -> str:
    return text[: int(len(text) * share)].rstrip() + "……"


def with_editor_note(text: str) -> str:
    return (
        "编者按：项目是经济发展的“压舱石”。今年以来，新区以“项目攻坚年”为抓手，"
        "一批大项目好项目密集落地，本刊特转发此文，以飨读者。\n" + text
    )


REPRINT_KINDS = {
    "boilerplate": with_sohu_boilerplate,
    "jammer": with_jammer,
    "pinyin": with_pinyin_dodges,
    "dropped_lead": without_lead,
    "truncated": truncated,
    "editor_note": with_editor_note,
}

REPRINT_SITES = {
    "boilerplate": "https://www.sohu.com/a/533412345_121106902",
    "jammer": "http://www.52ocean.cn/thread-20418-1-1.html",
    "pinyin": "http://www.zngk.vip/post/2231.html",
    "dropped_lead": "http://www.xihaiannews.com/html/2022-03/31/content_88121.htm",
    "truncated": "http://news.mirror-portal.cn/2022/0331/77123.html",
    "editor_note": "http://www.huangdao.gov.cn/n10/n27/220331101512345678.html",
}

ORIGINAL_URL = "http://epaper.qingdaonews.com/qdrb/html/2022-03/31/content_144591_3494474.htm"
SIBLING_URL = "http://epaper.qingdaonews.com/qdrb/html/2022-03/31/content_144591_3494475.htm"
UNRELATED_URL = "http://epaper.qingdaonews.com/qdrb/html/2022-04/03/content_144601_3494800.htm"

FETCHED_AT = datetime(2022, 4, 5, 8, 0, tzinfo=UTC)


def make_item(
    url: str,
    text: str,
    *,
    published: str | None = "2022-03-31",
    source_key: str = "test",
    fetched_at: datetime = FETCHED_AT,
    facts: list[dict[str, Any]] | None = None,
    **fields: Any,
) -> ArticleItem:
    """An ArticleItem as it leaves the pipelines: cleaned text, its hash, facts, minhash."""
    return ArticleItem(
        url=url,
        source_key=source_key,
        family="generic",
        fetched_at=fetched_at,
        published=published,
        text=text,
        content_hash=content_hash(text),
        facts=facts or [],
        minhash=[int(value) for value in text_signature(text)],
        **fields,
    )


def reprint_family() -> list[ArticleItem]:
    """The original (published first) and one reprint per kind of difference, published over
    the following days."""
    items = [
        make_item(ORIGINAL_URL, ORIGINAL, published="2022-03-31", title="一季度新开工项目155个")
    ]
    for day, (kind, reprint) in enumerate(REPRINT_KINDS.items(), start=1):
        published = (datetime(2022, 3, 31) + timedelta(days=day)).date().isoformat()
        items.append(make_item(REPRINT_SITES[kind], reprint(ORIGINAL), published=published))
    return items
