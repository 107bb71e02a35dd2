"""Property tests over hostile input, adding to tests/test_cleaning.py (idempotence on a news
alphabet) and tests/test_facts_properties.py (facts never raise, spans on quantities):

- the cleaner on *any* text and any list of paragraphs, the HTML cleaner on any markup;
- the number grammar against an independent writer of numbers (Arabic, full-width, Chinese
  numerals, magnitudes, markers): what is written is what is read;
- the fact extractor on long noisy text and on cleaned text, deterministic and serializable;
- page extraction and failure classification on arbitrary bytes (what a server may send).
"""

from __future__ import annotations

import json
import math
from collections import Counter
from datetime import date

import lxml.html
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from newscrawl.failures import body_reason
from pipelines.cleaning import clean_paragraphs, clean_text, clean_tree, content_hash
from pipelines.extraction import extract_page
from pipelines.extraction.dom import parse_html
from pipelines.facts import extract_facts, parse_number
from pipelines.facts.numbers import scan_numbers

FUZZ = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])

# Characters that break naive cleaners: zero-width and bidi marks, full-width and ideographic
# spaces, NBSP, combining marks, emoji, line and paragraph separators, C0/C1 controls.
HOSTILE = list(
    "\u200b\u200c\u200d\u2060\ufeff\u202e\u3000\u00a0\u0301\U0001f600\u2028\u2029\x00\x07\x85"
)
NEWS = list("项目建设新开工总投资亿元万增长同比，。、；：！？“”（）()")
PIECES = [
    "责任编辑：张三", "来源：青岛日报", "原标题：", "返回搜狐，查看更多", "点击阅读全文",
    "zhao商yin资", "tou资", "&nbsp;", "&#12288;", "<br>", "\r\n", "\n\n\n", "【", "】",
    "浏览次数：12", "打印本页", "关闭窗口", "分享到：", "（完）", "ＡＢＣ１２３", "１５５个",
]  # fmt: skip
NOISY_TEXT = st.lists(
    st.one_of(st.sampled_from(PIECES), st.text(alphabet=NEWS + HOSTILE, max_size=20)),
    max_size=30,
).map("".join)
ANY_TEXT = st.one_of(st.text(max_size=300), NOISY_TEXT)


# -- the cleaner -------------------------------------------------------------------------------


@FUZZ
@given(ANY_TEXT)
def test_clean_text_never_raises_and_is_idempotent(text: str) -> None:
    once = clean_text(text)
    assert isinstance(once, str)
    assert clean_text(once) == once
    # so the content hash of cleaned text is stable too (versioning depends on it)
    assert content_hash(clean_text(once)) == content_hash(once)


@FUZZ
@given(st.lists(ANY_TEXT, max_size=12))
def test_clean_paragraphs_never_raises(paragraphs: list[str]) -> None:
    cleaned = clean_paragraphs(paragraphs)
    assert all(isinstance(p, str) and p.strip() and "\n" not in p for p in cleaned)
    assert clean_paragraphs(cleaned) == cleaned


def test_stored_text_is_a_fixed_point_of_clean_text() -> None:
    stored = "\n".join(clean_paragraphs(["一季度新开工项目155个\x85总投资421亿元。"]))
    assert clean_text(stored) == stored


TAGS = st.sampled_from(["p", "div", "span", "script", "style", "table", "td", "br", "a", "font"])
MARKUP = st.lists(
    st.one_of(
        TAGS.map(lambda t: f"<{t}>"),
        TAGS.map(lambda t: f"</{t}>"),
        st.sampled_from(['<p style="display:none">', "<!--", "-->", "<![CDATA[", "&", "<"]),
        NOISY_TEXT,
    ),
    max_size=40,
).map(lambda parts: "<html><body>" + "".join(parts))


def text_of(root: lxml.html.HtmlElement) -> str:
    return "".join(root.itertext())


@FUZZ
@given(MARKUP)
def test_html_cleaner_removes_and_never_adds(markup: str) -> None:
    """On trees parsed the way extraction parses pages (control characters removed): no
    script, style or comment survives, and cleaning only ever removes text."""
    root = parse_html(markup)
    before = text_of(root)
    assert clean_tree(root) is root
    assert root.xpath("//script | //style | //comment()") == []
    after = text_of(root)
    assert len(after) <= len(before)
    assert Counter(after) <= Counter(before)  # no character that was not there


def test_html_cleaner_on_a_raw_lxml_tree() -> None:
    """A tree parsed by lxml directly (control characters kept): the script goes, and the
    text after it (its tail, here behind a control character) stays."""
    root = lxml.html.document_fromstring("<html><body><script>x()</script>\x07<p>项目</p>")
    clean_tree(root)
    assert root.xpath("//script") == []
    assert root.xpath("//p")[0].text == "项目"
    assert "x()" not in text_of(root)


# -- the number grammar ------------------------------------------------------------------------

DIGITS = "零一二三四五六七八九"


def chinese_section(number: int) -> str:
    """0 < number < 10000 in Chinese numerals: 1010 → 一千零一十."""
    out, pending_zero = "", False
    for place, unit in ((1000, "千"), (100, "百"), (10, "十"), (1, "")):
        digit = number // place % 10
        if digit:
            out += ("零" if pending_zero else "") + DIGITS[digit] + unit
            pending_zero = False
        elif out:
            pending_zero = True
    return out


def chinese_numeral(number: int) -> str:
    """0 <= number < 10**8 in Chinese numerals, the way newspapers write them."""
    if number == 0:
        return "零"
    high, low = divmod(number, 10_000)
    written = chinese_section(high) + "万" if high else ""
    if low:
        written += ("零" if high and low < 1000 else "") + chinese_section(low)
    return written


MAGNITUDES = {"": 1, "千": 1_000, "万": 10_000, "亿": 100_000_000, "万亿": 10**12}
FULLWIDTH = str.maketrans("0123456789.", "０１２３４５６７８９．")


@FUZZ
@given(st.integers(min_value=0, max_value=10**9), st.sampled_from(sorted(MAGNITUDES)))
def test_arabic_numbers_read_as_written(number: int, magnitude: str) -> None:
    parsed = parse_number(f"{number}{magnitude}")
    assert parsed is not None
    # values are floats: exact up to 2**53, then to float precision (as stored)
    assert math.isclose(parsed.full, number * MAGNITUDES[magnitude], rel_tol=1e-15)
    wide = parse_number(f"{number}{magnitude}".translate(FULLWIDTH))
    assert wide is not None and wide.full == parsed.full


@FUZZ
@given(st.integers(min_value=0, max_value=10**6), st.integers(min_value=1, max_value=99))
def test_decimals_read_as_written(whole: int, hundredths: int) -> None:
    written = f"{whole}.{hundredths:02d}"
    parsed = parse_number(written + "亿")
    assert parsed is not None
    assert parsed.value == float(written) and parsed.factor == 10**8


@FUZZ
@given(st.integers(min_value=1, max_value=10**8 - 1))
@example(10)
@example(12)
@example(1010)
@example(10000)
@example(10010)
@example(20000000)
def test_chinese_numerals_read_as_written(number: int) -> None:
    written = chinese_numeral(number)
    parsed = parse_number(written)
    assert parsed is not None, written
    assert parsed.full == number, written


@FUZZ
@given(
    st.integers(min_value=1, max_value=10**6),
    st.sampled_from(["近", "约", "超", "逾"]),
    st.sampled_from(["", "余", "多"]),
)
def test_approximation_markers_do_not_change_the_value(
    number: int, prefix: str, suffix: str
) -> None:
    parsed = parse_number(f"{prefix}{number}{suffix}")
    assert parsed is not None
    assert parsed.full == number
    assert parsed.approx == (suffix or prefix)


@FUZZ
@given(ANY_TEXT)
def test_number_scanner_spans_are_numbers(text: str) -> None:
    for token in scan_numbers(text):
        assert 0 <= token.start < token.end <= len(text)
        if token.high is None:
            # the scanner keeps 万/亿 inside Chinese numerals (三万 → 30000), the grammar
            # splits them off (3 × 万): compare full values
            parsed = parse_number(text[token.start : token.end])
            assert parsed is not None and parsed.full == token.value, text[token.start : token.end]


# -- the fact extractor ------------------------------------------------------------------------

FACT_PIECES = [
    "一季度", "今年", "全区", "新开工项目", "总投资", "同比增长", "下降", "提高", "个百分点",
    "近", "约", "超", "亿元", "万元", "个", "%", "，", "。", "\n", "预计", "力争", "分别为",
    "155", "21.1", "421", "三", "两千", "1-10月", "截至3月底",
]  # fmt: skip
LONG_NEWS = st.lists(
    st.one_of(st.sampled_from(FACT_PIECES), st.text(alphabet=NEWS + HOSTILE, max_size=8)),
    max_size=300,
).map("".join)


@FUZZ
@given(LONG_NEWS, st.sampled_from([None, "西海岸新区"]), st.sampled_from([None, date(2026, 4, 9)]))
def test_fact_extractor_on_long_noisy_text(
    text: str, place: str | None, published: date | None
) -> None:
    facts = extract_facts(text, published=published, place=place)
    again = extract_facts(text, published=published, place=place)
    assert [f.to_dict() for f in facts] == [f.to_dict() for f in again]
    for fact in facts:
        assert 0 <= fact.start < fact.end <= len(text)
        record = fact.to_dict()
        assert json.loads(json.dumps(record, ensure_ascii=False)) == record  # stored as JSON


@FUZZ
@given(NOISY_TEXT)
def test_facts_of_cleaned_text_point_into_it(text: str) -> None:
    cleaned = clean_text(text)
    for fact in extract_facts(cleaned):
        assert 0 <= fact.start < fact.end <= len(cleaned)
        assert parse_number(cleaned[fact.start : fact.end].rstrip(fact.unit)) is not None or any(
            c.isdigit() or c in DIGITS + "十百千万亿两" for c in cleaned[fact.start : fact.end]
        )


# -- what a server may send ----------------------------------------------------------------------

BODIES = st.one_of(
    st.binary(max_size=3000),
    MARKUP.map(lambda m: m.encode("utf-8")),
    MARKUP.map(lambda m: m.encode("gb18030", errors="replace")),
    MARKUP.map(lambda m: m.encode("utf-16")),
)


@FUZZ
@given(BODIES, st.sampled_from([None, "utf-8", "gbk", "gb2312", "iso-8859-1", "bogus-charset"]))
def test_page_extraction_and_failure_classification_never_raise(
    body: bytes, charset: str | None
) -> None:
    reason = body_reason(body, charset)
    assert reason in (None, "empty_response", "not_html", "malformed")
    page = extract_page(body, "http://www.example.com.cn/a/1.html", http_encoding=charset)
    assert page.is_article == (page.not_article_reason is None)
