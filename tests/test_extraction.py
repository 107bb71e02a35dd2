"""Page extraction: families and metadata on real corpus pages, plus hand-written edge cases."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest

from pipelines.cleaning import clean_paragraphs
from pipelines.extraction import detect_family, extract_page
from pipelines.extraction.dates import (
    parse_date,
    parse_dateline,
    parse_epoch,
    parse_relative,
    parse_url_date,
)
from pipelines.extraction.decoding import decode_body, detect_encoding
from pipelines.extraction.dom import parse_html
from pipelines.extraction.metadata import strip_site_suffix

DATA = Path(__file__).parent / "data" / "extraction"
CWCED = "chinese-web-content-extraction-dataset/original"


def corpus_page(corpus_dir: Path, relative: str) -> bytes:
    return (corpus_dir / relative).read_bytes()


def cleaned(page) -> str:  # type: ignore[no-untyped-def]
    return "\n".join(clean_paragraphs(page.paragraphs))


# ---- families on real pages -------------------------------------------------------------


def test_founder_epaper_with_founder_content(corpus_dir: Path) -> None:
    page = extract_page(
        corpus_page(corpus_dir, f"{CWCED}/aefcf136-f592-4e95-b376-81cbd144684b.html")
    )
    assert page.family == "epaper"
    assert page.title == "“厕所革命”改善农牧区人居环境"
    assert page.published == "2022-02-13"  # enpproperty's midnight is a bare date
    assert page.author == "格桑边觉"
    assert cleaned(page).startswith("据新华社拉萨电（记者 格桑边觉）记者近日从西藏自治区")


def test_founder_epaper_property_before_doubled_content(corpus_dir: Path) -> None:
    page = extract_page(
        corpus_page(corpus_dir, f"{CWCED}/c4d032a1-45cd-4c77-a84e-90e2f8895039.html")
    )
    assert page.family == "epaper"
    assert page.title == "居家养老有“医”靠 安宁疗护有温度"
    assert page.published == "2021-11-25T16:26:07+08:00"
    assert page.author == "刘涛"  # the closing "记者 刘涛" paragraph
    assert cleaned(page).startswith("11月23日，市政府新闻办举行新闻发布会")


def test_trs_government_portal(corpus_dir: Path) -> None:
    page = extract_page(
        corpus_page(corpus_dir, f"{CWCED}/500b350d-d38d-4fb0-9e81-75e0c95e95a8.html")
    )
    assert page.family == "trs"
    # ArticleTitle carries raw markup (<div>) that must not leak into the title.
    assert page.title is not None and "<" not in page.title
    assert page.title.startswith("为现代化巴彦淖尔建设凝聚强大智慧和力量")
    assert page.published == "2022-02-11T09:52:00+08:00"
    assert page.original_source == "巴彦淖尔日报"
    assert cleaned(page).startswith("新征程催人奋进，新使命激荡人心。")


def test_trs_lower_case_meta_and_site_suffix(corpus_dir: Path) -> None:
    page = extract_page(corpus_page(corpus_dir, "GeneralNewsExtractor/tests/gzggw/1.html"))
    assert page.family == "trs"
    assert page.title == "1-10月德清县固定资产投资结构趋稳趋优"
    assert page.published == "2016-11-22T09:53:00+08:00"
    assert page.original_source == "省发改委"


def test_sohu_article(corpus_dir: Path) -> None:
    page = extract_page(
        corpus_page(corpus_dir, f"{CWCED}/d8d4c4ec-dc2a-420f-a9f8-5e8ee597b965.html"),
        "http://www.sohu.com/a/434365209_123753",
    )
    assert page.family == "sohu"
    assert page.title == "刺死辱母者于欢的罪与悔：出狱第一晚仅睡三四个小时"
    assert page.published == "2020-11-26T08:04:48+08:00"  # span#news-time data-val, epoch ms
    assert page.original_source == "中国新闻网"
    assert page.canonical_url == "http://www.sohu.com/a/434365209_123753"
    text = cleaned(page)
    assert "返回搜狐" not in text and "责任编辑" not in text


def test_discuz_thread(corpus_dir: Path) -> None:
    page = extract_page(
        corpus_page(
            corpus_dir,
            "magic-html/forum/htmls/8cf0af42df35f70b52aaa5a62143146bf0743093a3cef6e94c25b218c89d6640.html",
        )
    )
    assert page.family == "discuz"
    assert page.is_article
    assert page.title == "建议对鼠神进行改版"
    assert page.published == "2024-04-05T23:20:45+08:00"
    assert page.author == "前程往事"
    assert cleaned(page).startswith("建议对鼠神进行改版，现在的鼠神说是传奇")


def test_discuz_list_page_is_not_an_article(corpus_dir: Path) -> None:
    page = extract_page(
        corpus_page(corpus_dir, "GeneralNewsExtractor/test_list_page/netease_forum/1.html")
    )
    assert page.family == "discuz"
    assert not page.is_article
    assert page.not_article_reason == "list"


def test_zblog_post(corpus_dir: Path) -> None:
    page = extract_page(corpus_page(corpus_dir, "GeneralNewsExtractor/tests/njxfhn/1.html"))
    assert page.family == "blog"
    assert (
        page.title == "[诗婷露雅化妆品]江门七旬阿婆接来电称其涉黑被骗上百万！冒充公检法电诈团伙被端"
    )
    assert page.published == "2019-09-11"
    assert cleaned(page).startswith("冒充银行经理来电骗事主称其有巨额信用卡欠款")


def test_gb2312_declared_utf8_bytes(corpus_dir: Path) -> None:
    body = corpus_page(
        corpus_dir,
        "magic-html/article/htmls/1e20e0271231de85fba26cef6db2bedebf916402368a4602c5adb5b2acf722e1.html",
    )
    assert b"gb2312" in body[:2000].lower()
    page = extract_page(body)
    assert page.encoding == "utf-8"
    assert page.title == "在新时代中部地区崛起中争先出彩（推动高质量发展·权威发布）"
    assert cleaned(page).startswith("5月9日，国务院新闻办举行")


def test_gbk_bytes_without_meta_charset(corpus_dir: Path) -> None:
    body = corpus_page(corpus_dir, f"{CWCED}/6820ebe7-83ad-4876-babc-dcc92bf7d2df.html")
    assert detect_encoding(body) == "gb18030"
    page = extract_page(body)
    assert "广汽和现代合资基础协议的签署" in cleaned(page)


# ---- hand-written pages -----------------------------------------------------------------


def test_reprint_keeps_body_loses_chrome() -> None:
    page = extract_page(
        (DATA / "reprint.html").read_bytes(), "https://zs.example.cn/news/2022/0401/88.html"
    )
    assert page.encoding == "gb18030"  # declared gb2312, decoded as its superset
    assert page.is_article
    assert page.title == "西海岸新区一季度新开工项目155个"
    assert page.published == "2022-04-01T09:30:00+08:00"
    assert page.author == "董梅雪"
    assert page.original_source == "青岛日报"
    # The canonical points at the newspaper that first ran it: a claim, not this page's URL.
    assert page.canonical_url is None
    assert page.declared_original_url == (
        "https://www.qingdaonews.com/content/2022-04/01/content_23054123.htm"
    )
    text = cleaned(page)
    assert text.split("\n") == [
        "今年以来，西海岸新区坚持“项目为王”，全力推动项目建设提速提效。一季度新开工项目155个，"
        "同比增长21.1%；总投资421亿元。",
        "从项目结构看，新开工项目中产业类项目112个，占比72.3%，总投资318亿元；"
        "先进制造业项目47个，总投资186亿元。",
        "下一步，新区将持续开展“项目攻坚年”行动，力争上半年新开工项目突破300个。",
    ]
    for chrome in ("当前位置", "浏览次数", "0532-86881234", "相关文章", "即墨区", "分享到", "ICP"):
        assert chrome not in text


def test_multi_page_article_parts() -> None:
    html = """<html><head><title>项目建设提速_新闻</title></head><body><div class="content">
    <p>今年以来，新区全力推动项目建设提速提效，一季度新开工项目155个，同比增长21.1%。</p>
    <p>从项目结构看，新开工项目中产业类项目112个，占比72.3%，总投资318亿元。</p></div>
    <div class="page"><a href="t20220401_88.htm">1</a> <a href="t20220401_88_1.htm">2</a>
    <a href="t20220401_88_2.htm">3</a> <a href="t20220401_88_1.htm">下一页</a>
    <a href="t20220401_99.htm">下一篇</a></div></body></html>"""
    page = extract_page(html, "http://www.example.gov.cn/xwzx/202204/t20220401_88.htm")
    assert page.next_page_urls == [
        "http://www.example.gov.cn/xwzx/202204/t20220401_88_1.htm",
        "http://www.example.gov.cn/xwzx/202204/t20220401_88_2.htm",
    ]
    assert page.published == "2022-04-01"  # from the URL, nothing better on the page


@pytest.mark.parametrize(
    ("html", "url", "reason"),
    [
        (
            "<html><body><script>document.cookie='__jsl_clearance=1621;max-age=3600';"
            "location.href=location.pathname</script></body></html>",
            "http://www.example.gov.cn/art/1.html",
            "challenge",
        ),
        (
            "<html><head><title>404 页面不存在</title></head><body><p>抱歉，您访问的页面不存在。</p>"
            "<a href='/'>返回首页</a></body></html>",
            "http://www.example.com/a/1.html",
            "404",
        ),
        (
            "<html><body><ul>"
            + "".join(
                f"<li><a href='/a/{i}.html'>西海岸新区项目建设第{i}条新闻标题</a> 2022-04-0{i % 9 + 1}</li>"
                for i in range(30)
            )
            + "</ul></body></html>",
            "http://www.example.com/news/index.html",
            "list",
        ),
        (
            "<html><body><p>搜索结果：找到相关结果约100个，项目建设。</p></body></html>",
            "http://www.example.com/search?q=项目",
            "search",
        ),
    ],
)
def test_not_articles(html: str, url: str, reason: str) -> None:
    page = extract_page(html, url)
    assert not page.is_article
    assert page.not_article_reason == reason


def test_detect_family_from_markup() -> None:
    assert (
        detect_family(
            "<html><body><founder-content><!--enpcontent--><p>x</p><!--/enpcontent--></founder-content>",
            parse_html("<html><body><founder-content></founder-content></body></html>"),
        )
        == "epaper"
    )
    trs = '<html><head><meta name="ArticleTitle" content="标题"></head><body></body></html>'
    assert detect_family(trs, parse_html(trs)) == "trs"
    plain = "<html><body><p>正文</p></body></html>"
    assert detect_family(plain, parse_html(plain)) == "generic"


# ---- decoding, dates, titles ------------------------------------------------------------


def test_decoding_bom_and_lying_meta() -> None:
    text = '<meta charset="gb2312"><p>项目建设</p>'
    assert decode_body(b"\xef\xbb\xbf" + text.encode("utf-8")) == (text, "utf-8")
    assert decode_body(text.encode("gb18030")) == (text, "gb18030")
    undeclared = "<p>一季度新开工项目155个，同比增长21.1%，总投资421亿元。</p>".encode("gbk")
    assert decode_body(undeclared)[1] == "gb18030"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("发布时间：2022-03-30 10:20", "2022-03-30T10:20:00+08:00"),
        ("2022年03月30日", "2022-03-30"),
        ("2005-5-7 21:23:57", "2005-05-07T21:23:57+08:00"),
        ("2022.01.20 16:31 来源：河南日报客户端", "2022-01-20T16:31:00+08:00"),
        ("<date>2022-02-13 00:00:00:0</date>", "2022-02-13"),
        ("2024-05-13T08:00:00Z", "2024-05-13T16:00:00+08:00"),
        ("2022-13-45", None),
    ],
)
def test_parse_date(text: str, expected: str | None) -> None:
    assert parse_date(text) == expected


def test_other_date_forms() -> None:
    assert (
        parse_url_date("http://epaper.qingdaonews.com/qdrb/html/2026-06/02/content_1.htm")
        == "2026-06-02"
    )
    assert parse_url_date("https://news.youth.cn/gn/202405/t20240513_15249693.htm") == "2024-05-13"
    assert parse_epoch("1606344288000") == "2020-11-26T06:44:48+08:00"
    fetched = datetime(2024, 5, 1, 2, 0, tzinfo=UTC)
    assert parse_relative("2年前", fetched) == "2022-05-01"
    assert parse_relative("3小时前", fetched) == "2024-05-01T07:00:00+08:00"
    assert parse_dateline("本报2月8日讯（记者 李宛遥）", "2022-02-09") == "2022-02-08"
    assert parse_dateline("本报12月30日讯", "2022-01-02") == "2021-12-30"


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        ("青岛西海岸新区项目建设提速_青岛新闻网", "青岛西海岸新区项目建设提速"),
        (
            "外媒眼中的武汉长假：蓬勃发展，欢声笑语_首页武汉_新闻中心_长江网_cjn.cn",
            "外媒眼中的武汉长假：蓬勃发展，欢声笑语",
        ),
        ("工商部门初定SKII广告属于虚假宣传-搜狐财经", "工商部门初定SKII广告属于虚假宣传"),
        ("1-10月德清县固定资产投资结构趋稳趋优", "1-10月德清县固定资产投资结构趋稳趋优"),
        ("凝聚力量——热烈祝贺市政协会议开幕_巴彦淖尔市人民政府", "凝聚力量——热烈祝贺市政协会议开幕"),
    ],
)
def test_strip_site_suffix(title: str, expected: str) -> None:
    assert strip_site_suffix(title) == expected
