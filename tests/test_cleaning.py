"""Text- and HTML-level cleaning rules, each with real-world shaped examples."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from lxml.html import document_fromstring

from pipelines.cleaning import (
    clean_paragraphs,
    clean_text,
    clean_tree,
    content_hash,
    normalize_for_hash,
)
from pipelines.cleaning.boilerplate import drop_boilerplate, is_boilerplate_line
from pipelines.cleaning.chars import normalize_chars
from pipelines.cleaning.jammer import remove_jammer
from pipelines.cleaning.paragraphs import rejoin_broken
from pipelines.cleaning.pinyin import restore_pinyin_dodges
from pipelines.extraction.blocks import iter_blocks

DATA = Path(__file__).parent / "data" / "extraction"


# ---- jammer -----------------------------------------------------------------------------


def test_plain_text_jammer_page_keeps_sentences_whole() -> None:
    text = (DATA / "jammer.txt").read_text(encoding="utf-8")
    cleaned = clean_text(text)
    assert "企业家纷纷为营商环境点赞。”" in cleaned
    assert "为企业提供第一时间的帮助。" in cleaned  # the sentence broken over two lines
    for noise in ("C! h9", "p$ h5", "w( Y'", "I0 B7"):
        assert noise not in cleaned
    assert all(line.strip() for line in cleaned.split("\n"))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("…营商环境点赞。”( C! h9 u4 x! E& F- z", "…营商环境点赞。”"),
        (") p$ h5 I0 B7 b", ""),
        ("项目建设' D' p- s, n( |8 D* B! I5 r提速", "项目建设提速"),
        # Real ASCII runs in Chinese text are not jammer.
        ("引进5G AI VR AR等技术", "引进5G AI VR AR等技术"),
        ("SMT CT G20 MRI", "SMT CT G20 MRI"),
    ],
)
def test_remove_jammer(text: str, expected: str) -> None:
    assert remove_jammer(text).strip() == expected


def test_html_jammer_removed_with_following_text_kept() -> None:
    root = document_fromstring(
        '<html><body><td class="t_f" id="postmessage_1">黄岛海洋牧场<font class="jammer">x7 K2'
        '</font>二期项目开工<span style="display:none">3 h( P</span>，计划投资6.8亿元。'
        '<i class="pstatus"> 本帖最后由 admin 于 2025-8-27 编辑 </i></td></body></html>'
    )
    clean_tree(root)
    assert [block.text for block in iter_blocks(root.body)] == [
        "黄岛海洋牧场二期项目开工，计划投资6.8亿元。"
    ]


# ---- pinyin dodges ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("zui大的优惠", "最大的优惠"),
        ("本店diyi品牌", "本店第一品牌"),
        ("全国di一家", "全国第一家"),
        ("wei一指定用品", "唯一指定用品"),
        ("送礼首xuan", "送礼首选"),
        ("shouxuan好礼", "首选好礼"),
        ("国jia级开发区", "国家级开发区"),
        # Latin words, abbreviations and pinyin away from Chinese text stay as written.
        ("引进SMT产线和CT设备", "引进SMT产线和CT设备"),
        ("G20峰会", "G20峰会"),
        ("Diyi Capital", "Diyi Capital"),
        ("zui", "zui"),
        ("Ada说", "Ada说"),
    ],
)
def test_restore_pinyin_dodges(text: str, expected: str) -> None:
    assert restore_pinyin_dodges(text) == expected


# ---- characters -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "新开工项目155个,同比增长21.1%;总投资421亿元",
            "新开工项目155个，同比增长21.1%；总投资421亿元",
        ),
        ("坚持“项目为王”,全力推动", "坚持“项目为王”，全力推动"),
        ("记者从区发改局获悉:一季度", "记者从区发改局获悉：一季度"),
        ("\u3000\u3000今年以来\u00a0\u00a0新区", "今年以来 新区"),
        ("总投资１５５亿元（ＳＭＴ）", "总投资155亿元（SMT）"),
        ("会议于10:30开始, 共1,234人参加", "会议于10:30开始, 共1,234人参加"),
        ("项目(一期)已投产", "项目（一期）已投产"),
    ],
)
def test_normalize_chars(text: str, expected: str) -> None:
    assert normalize_chars(text) == expected


# ---- boilerplate ------------------------------------------------------------------------


@pytest.mark.parametrize(
    "line",
    [
        "原标题：青岛西海岸新区一季度新开工项目155个",
        "特别声明：以上内容仅代表作者本人观点",
        "转载请注明出处",
        "返回搜狐，查看更多",
        "责任编辑：孙重远",
        "【责任编辑：张三】",
        "扫一扫在手机打开当前页",
        "长按二维码关注我们",
        "版权声明：本文为博主原创文章",
        "本文链接：https://www.example.com/a/1.html",
        "分享给朋友：",
        "该文章来源互联网，如有侵权请联系删除。",
        "查看原文",
        "当前位置：首页 > 新闻 > 正文",
        "浏览次数：1286",
        "发布时间：2022-04-01 09:30 来源：青岛日报 作者：董梅雪",
        "更多园区招商信息请联系：招商部 张经理 138 6398 5217（微信同号）",
        "云南日报网 滇ICP备11000491号-1 版权所有",
        "□本报记者 董梅雪",
        "记者 李宛遥 报道",
    ],
)
def test_boilerplate_lines(line: str) -> None:
    assert is_boilerplate_line(line)


@pytest.mark.parametrize(
    "line",
    [
        "记者从区发展和改革局获悉，一季度全区新开工项目155个。",
        "企业来源地覆盖全国20个省份，项目总投资421亿元。",
        "时间：2022年3月30日上午9时",
        "扫码入园、刷脸通行，智慧园区建设加快推进。",
    ],
)
def test_article_lines_are_not_boilerplate(line: str) -> None:
    assert not is_boilerplate_line(line)


def test_related_block_removed() -> None:
    paragraphs = [
        "一季度新开工项目155个，同比增长21.1%。",
        "相关文章",
        "即墨区一季度新开工项目68个",
        "胶州市重点项目集中开工",
    ]
    assert drop_boilerplate(paragraphs) == ["一季度新开工项目155个，同比增长21.1%。"]


# ---- broken paragraphs ------------------------------------------------------------------


def test_rejoin_sentence_broken_by_newspaper_column() -> None:
    assert rejoin_broken(["一季度新开工项目155个，同比增长", "21.1%，总投资421亿元。"]) == [
        "一季度新开工项目155个，同比增长21.1%，总投资421亿元。"
    ]


def test_rejoin_word_split_across_paragraphs() -> None:
    assert rejoin_broken(["新区坚持项目为王，全力推动项", "目建设提速提效。"]) == [
        "新区坚持项目为王，全力推动项目建设提速提效。"
    ]


def test_headings_and_list_items_are_not_joined() -> None:
    paragraphs = [
        "17种产品、1个园区入选国家绿色制造名单",
        "近年来，我省积极把握制造业发展趋势。",
        "一、加快项目建设，推进产业升级",
        "二、优化营商环境",
    ]
    assert rejoin_broken(paragraphs) == paragraphs


# ---- whole cleaner ----------------------------------------------------------------------


def test_clean_paragraphs_on_sohu_style_ending() -> None:
    paragraphs = [
        "原标题：中法经贸合作广度深度不断拓展",
        "今年是中法建交60周年。",
        "返回搜狐，查看更多",
        "责任编辑：",
    ]
    assert clean_paragraphs(paragraphs) == ["今年是中法建交60周年。"]


_CHINESE_TEXT = st.text(
    alphabet=st.sampled_from(
        list("项目建设新开工总投资亿元，。、；：！？“”（）() ,.;:!?\n\u3000\u00a0zuidyiwe12%CTSMG")
    ),
    max_size=200,
)


@settings(max_examples=300, deadline=None)
@given(_CHINESE_TEXT)
def test_cleaning_is_idempotent(text: str) -> None:
    once = clean_text(text)
    assert clean_text(once) == once


# ---- change detection -------------------------------------------------------------------


def test_noise_only_changes_keep_the_hash() -> None:
    first = "西海岸新区一季度新开工项目155个,同比增长21.1%。\n责任编辑：张三\n浏览次数：12"
    second = (
        "\u3000\u3000西海岸新区一季度新开工项目155个，同比增长21.1%。\n\n阅读：3456\n来源：青岛日报"
    )
    assert normalize_for_hash(first) == normalize_for_hash(second)
    assert content_hash(first) == content_hash(second)
    assert len(content_hash(first)) == 64


def test_word_changes_change_the_hash() -> None:
    assert content_hash("新开工项目155个。") != content_hash("新开工项目156个。")
