"""Property tests: the extractor never raises and every span points at its quantity."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from pipelines.facts import extract_facts, parse_number

NUMBER_CHARS = re.compile(r"[0-9０-９零〇一二两三四五六七八九十百千万亿]")

# Text built from the pieces economic news is made of, so the generator reaches the grammar's
# corners (markers, magnitudes, units, traps) instead of random code points only.
PIECES = [
    "一季度", "上半年", "1-10月", "截至3月底", "今年", "去年", "2022年", "全区", "西海岸新区",
    "新开工项目", "总投资", "同比", "环比", "增长", "下降", "增加", "减少", "提高", "占", "的",
    "近", "约", "超", "逾", "余", "多", "左右", "以上", "以内", "最高", "第", "分别", "和", "、",
    "，", "。", "；", "\n", "个", "家", "亿元", "万元", "美元", "%", "％", "个百分点", "成", "倍",
    "万平方米", "人次", "吨", "年", "月", "日", "号线", "G", "-", ".", ",", "：", "人民币",
    "预计", "力争", "http://a.cn/1.html", "ICP备123号", "0532-8888", "百分之",
]  # fmt: skip
NUMBERS = st.one_of(
    st.integers(min_value=0, max_value=10**9).map(str),
    st.decimals(min_value=0, max_value=10**6, places=2, allow_nan=False).map(str),
    st.sampled_from(["三", "十二", "两千", "一百零五", "千", "万", "１２３", "4,850", "3-5"]),
)
NEWS_TEXT = st.lists(st.one_of(st.sampled_from(PIECES), NUMBERS), max_size=40).map("".join)


def assert_spans_point_at_quantities(text: str) -> None:
    for fact in extract_facts(text, published=date(2022, 4, 20), place="西海岸新区"):
        quoted = text[fact.start : fact.end]
        assert 0 <= fact.start < fact.end <= len(text)
        assert NUMBER_CHARS.search(quoted), (text, quoted)
        assert "\n" not in quoted
        assert quoted.endswith(fact.unit[-1]) or fact.unit == "%", (quoted, fact.unit)


@settings(max_examples=400, deadline=None)
@given(NEWS_TEXT)
def test_news_like_text(text: str) -> None:
    assert_spans_point_at_quantities(text)


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=80))
def test_any_text(text: str) -> None:
    assert_spans_point_at_quantities(text)


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=30))
def test_number_grammar_never_raises(text: str) -> None:
    parsed = parse_number(text)
    assert parsed is None or parsed.full >= 0


def test_real_corpus_texts(corpus_dir: Path) -> None:
    """Every cleaned body of the real-page corpus: no exception, every span on a quantity."""
    cleaned = sorted((corpus_dir / "chinese-web-content-extraction-dataset" / "cleaned").glob("*"))
    assert cleaned
    total = 0
    for path in cleaned:
        text = path.read_text(encoding="utf-8", errors="replace")
        assert_spans_point_at_quantities(text)
        total += len(extract_facts(text))
    assert total > 0
