"""Huge and malformed numerals are not facts, and never exceptions.

A page may carry a 320-digit "figure" or a long run of Chinese numeral characters (by accident
or on purpose); before the bounds in ``pipelines.facts.numbers`` they overflowed a float and
the whole article was lost to an ``OverflowError``.
"""

from __future__ import annotations

import math
from datetime import date

from hypothesis import given, settings
from hypothesis import strategies as st

from pipelines.facts import extract_facts, parse_number
from pipelines.facts.numbers import (
    CN_NUMERAL_CHARS,
    MAX_DIGITS,
    MAX_VALUE,
    parse_chinese,
    scan_numbers,
)

DIGITS = st.text(alphabet="0123456789０１２３４５６７８９", min_size=1, max_size=2000)
NUMERALS = st.text(alphabet=CN_NUMERAL_CHARS, min_size=1, max_size=2000)
# Numbers as they appear around units, with separators and decimals thrown in.
NUMBERISH = st.text(alphabet="0123456789,.．-~到至万亿千百十" + CN_NUMERAL_CHARS, max_size=600)
UNITS = st.sampled_from(["亿元", "万元", "个", "%", "家", "万平方米", "个百分点", ""])


def finite_figures(text: str) -> None:
    for fact in extract_facts(text, published=date(2026, 4, 1), place="胶州市"):
        assert math.isfinite(float(fact.value)), fact
        assert math.isfinite(float(fact.norm_value)), fact
        assert abs(float(fact.value)) < MAX_VALUE, fact


@settings(max_examples=200, deadline=None)
@given(DIGITS, st.sampled_from(["", "万", "亿", "万亿", "千"]))
def test_long_digit_strings_are_no_numbers_and_never_raise(digits: str, magnitude: str) -> None:
    parsed = parse_number(digits + magnitude)
    if len(digits) > MAX_DIGITS:
        assert parsed is None
    else:
        assert parsed is not None and math.isfinite(parsed.full)


@settings(max_examples=200, deadline=None)
@given(NUMERALS)
def test_long_chinese_numerals_never_raise(numeral: str) -> None:
    value = parse_chinese(numeral)
    assert value is None or 0 <= value < MAX_VALUE
    parsed = parse_number(numeral)
    assert parsed is None or math.isfinite(parsed.full)
    for token in scan_numbers(numeral):
        assert math.isfinite(token.value)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.tuples(NUMBERISH, UNITS), max_size=6))
def test_fact_extraction_over_huge_numbers_never_raises(parts: list[tuple[str, str]]) -> None:
    text = "，".join(f"总投资{number}{unit}" for number, unit in parts)
    finite_figures(text)


def test_a_320_digit_figure_is_not_a_fact_and_the_rest_are() -> None:
    huge = "9" * 320
    numeral = "九千九百" * 200
    text = (
        f"今年一季度，胶州市新开工项目48个，总投资{huge}亿元，签约项目{numeral}个，同比增长12.5%。"
    )
    facts = extract_facts(text, published=date(2026, 4, 2), place="胶州市")
    values = {(fact.metric, fact.value) for fact in facts}
    assert ("新开工项目", 48) in values
    assert any(fact.kind == "change_pct" and fact.value == 12.5 for fact in facts)
    assert all(abs(float(fact.value)) < MAX_VALUE for fact in facts)


def test_a_repeated_magnitude_is_no_number() -> None:
    """As one numeral, 万万 and 亿万 are nothing rather than two different values (the scanner
    read 万万 as 10⁴, the grammar as 万 × 万); 万亿 and a lone 万 stay numbers."""
    assert parse_chinese("万万") is None and parse_chinese("亿万") is None
    assert list(scan_numbers("万万万")) == []
    assert parse_number("万万") is not None and parse_number("万万").full == 10**8  # 万 × 万
    assert parse_chinese("万亿") == 10**12 and parse_chinese("万") == 10_000
    assert parse_chinese("三万") == 30_000 and parse_chinese("一亿零五万") == 100_050_000
