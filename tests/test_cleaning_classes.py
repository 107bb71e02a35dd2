"""Boilerplate classes, one rule module each: what they remove and what they must keep."""

from __future__ import annotations

import pytest

from pipelines.cleaning import clean_paragraphs, clean_tree
from pipelines.cleaning.app_prompts import is_app_prompt
from pipelines.cleaning.collapse_bars import is_collapse_bar
from pipelines.cleaning.declarations import is_platform_declaration
from pipelines.cleaning.editor_lines import is_editor_line
from pipelines.cleaning.separators import is_separator
from pipelines.cleaning.teasers import drop_teaser_duplicates
from pipelines.extraction.dom import parse_html

FIRST = "一季度，萧山区122个市重点项目完成投资186.2亿元，完成率达31.4%，超序时进度6.4个百分点。"
SECOND = "为破解项目用地难题，萧山区今年以来累计盘活低效工业用地2860亩，优先保障先进制造业项目。"


@pytest.mark.parametrize(
    "line",
    [
        "打开APP，阅读体验更佳",
        "打开APP阅读全文",
        "打开上虞发布客户端，查看更多精彩内容",
        "下载台州新闻APP",
        "点击蓝字 关注我们",
        "关注“玉环发布”，获取更多资讯",
    ],
)
def test_app_prompts(line: str) -> None:
    assert is_app_prompt(line)


@pytest.mark.parametrize(
    "line",
    [
        "该企业开发的政务APP已覆盖全县18个乡镇，累计办理业务12万件。",
        "关注民生实事，今年全县计划实施民生项目35个。",
        FIRST,
    ],
)
def test_app_prompt_keeps_sentences(line: str) -> None:
    assert not is_app_prompt(line)


@pytest.mark.parametrize("line", ["展开全文", "展开阅读全文 ∨", "点击展开", "查看全文>>", "收起"])
def test_collapse_bars(line: str) -> None:
    assert is_collapse_bar(line)


def test_collapse_bar_keeps_sentences() -> None:
    assert not is_collapse_bar("展开全面合作，推动项目落地。")


@pytest.mark.parametrize(
    "line",
    [
        "特别声明：以上内容(包括在内的视频、图片或音频)为自媒体平台“网易号”用户上传并发布，本平台仅提供信息存储服务。",
        "声明：该文观点仅代表作者本人，搜狐号系信息发布平台，搜狐仅提供信息存储空间服务。",
        "本文为澎湃号作者或机构在澎湃新闻上传并发布，仅代表该作者或机构观点，不代表澎湃新闻的观点或立场，澎湃新闻仅提供信息发布平台。",
        "特别声明",
        "返回搜狐，查看更多",
    ],
)
def test_platform_declarations(line: str) -> None:
    assert is_platform_declaration(line)


@pytest.mark.parametrize(
    "line",
    [
        "该平台上线以来，已为园区企业提供信息发布、融资对接等服务1200余次。",
        "他表示，这一观点代表了多数企业家的意见。",
    ],
)
def test_declaration_keeps_sentences(line: str) -> None:
    assert not is_platform_declaration(line)


@pytest.mark.parametrize(
    "line",
    [
        "责任编辑：叶子",
        "【责任编辑：沈洁】",
        "（责任编辑 汪洋）",
        "▌编辑：汪洋　校对：李婷",
        "编辑：池晓 审核：黄杰",
        "监制：王强",
        "(责编：郝帅、杨迪)",
    ],
)
def test_editor_lines(line: str) -> None:
    assert is_editor_line(line)


@pytest.mark.parametrize(
    "line", ["统筹推进重大项目", "编辑部门负责人介绍，今年将推出新栏目。", "审核通过项目23个"]
)
def test_editor_line_keeps_text(line: str) -> None:
    assert not is_editor_line(line)


@pytest.mark.parametrize("line", ["——————", "- - - - -", "—END—", "- THE END -", "（完）", "▼"])
def test_separators(line: str) -> None:
    assert is_separator(line)


def test_separator_keeps_text() -> None:
    assert not is_separator("完成投资186.2亿元")


def test_labelled_teaser_repeating_the_opening_goes() -> None:
    assert drop_teaser_duplicates([f"【导读】{FIRST}", FIRST, SECOND]) == [FIRST, SECOND]
    assert drop_teaser_duplicates([f"摘要：{FIRST[:30]}……", FIRST, SECOND]) == [FIRST, SECOND]


def test_teaser_rule_keeps_repeated_captions_and_distinct_summaries() -> None:
    caption = "4月1日，台州湾新区12个工业项目集中开工。记者 林立 摄"
    paragraphs = [FIRST, caption, SECOND, caption]
    assert drop_teaser_duplicates(paragraphs) == paragraphs
    summary = "摘要：萧山区一季度项目投资超序时进度，用地保障持续加强。"
    assert drop_teaser_duplicates([summary, FIRST, SECOND]) == [summary, FIRST, SECOND]


def test_all_classes_through_clean_paragraphs() -> None:
    page = [
        "打开APP，阅读体验更佳",
        f"导读：{FIRST}",
        FIRST,
        "——————",
        SECOND,
        "展开全文",
        "（责任编辑 汪洋）",
        "特别声明：本文为自媒体平台用户上传并发布，仅代表该作者观点，本平台仅提供信息存储服务。",
    ]
    assert clean_paragraphs(page) == [FIRST, SECOND]


def test_badges_and_tooltips_leave_the_tree() -> None:
    tree = parse_html(
        "<html><body><div><h1>一季度全省重大项目完成投资2416亿元<span class='ori-badge'>原创"
        "<span class='ori-badge-tooltip'>本内容为原创，未经授权禁止转载</span></span></h1>"
        f"<div class='badge-wall'><p>{FIRST}</p><p>{SECOND}</p></div></div></body></html>"
    )
    clean_tree(tree)
    text = tree.text_content()
    assert "原创" not in text and "未经授权" not in text
    assert FIRST in text  # a long element named "badge…" is not a badge
