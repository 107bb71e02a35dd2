"""The number grammar on its own: Arabic, full-width, Chinese, mixed, magnitudes, ranges."""

from __future__ import annotations

import pytest

from pipelines.facts.numbers import parse_chinese, parse_number, scan_numbers


@pytest.mark.parametrize(
    ("written", "full"),
    [
        ("155", 155),
        ("1,523.6", 1523.6),
        ("１２３", 123),
        ("４,８５０", 4850),
        ("21.1", 21.1),
        ("三", 3),
        ("十二", 12),
        ("两千", 2000),
        ("一百零五", 105),
        ("千", 1000),
        ("万", 10000),
        ("一万二千", 12000),
        ("三百二十亿", 32_000_000_000),
        ("1.2万", 12000),
        ("4万", 40000),
        ("3千", 3000),
        ("3千万", 30_000_000),
        ("2.5万亿", 2.5e12),
        ("一千一百", 1100),
    ],
)
def test_values(written: str, full: float) -> None:
    parsed = parse_number(written)
    assert parsed is not None
    assert parsed.full == pytest.approx(full)
    assert parsed.approx is None and parsed.high is None


def test_magnitude_is_kept_apart_from_the_written_value() -> None:
    parsed = parse_number("1.2万")
    assert (parsed.value, parsed.magnitude, parsed.factor) == (1.2, "万", 10_000)
    parsed = parse_number("三百二十亿")
    assert (parsed.value, parsed.magnitude) == (320, "亿")


@pytest.mark.parametrize(
    ("written", "full", "approx"),
    [
        ("近千", 1000, "近"),
        ("约1.5亿", 1.5e8, "约"),
        ("超1.2万", 12000, "超"),
        ("逾300", 300, "逾"),
        ("5000余", 5000, "余"),
        ("2000多", 2000, "多"),
        ("100左右", 100, "左右"),
        ("150以上", 150, "以上"),
        ("30上下", 30, "上下"),
    ],
)
def test_approximation_markers(written: str, full: float, approx: str) -> None:
    parsed = parse_number(written)
    assert parsed is not None
    assert parsed.full == pytest.approx(full)
    assert parsed.approx == approx


@pytest.mark.parametrize(
    ("written", "low", "high"),
    [("3-5", 3, 5), ("3到5", 3, 5), ("3至5", 3, 5), ("三至五", 3, 5), ("3～5", 3, 5)],
)
def test_ranges(written: str, low: float, high: float) -> None:
    parsed = parse_number(written)
    assert parsed is not None and parsed.is_range
    assert (parsed.value, parsed.high) == (low, high)


@pytest.mark.parametrize("written", ["", "abc", "三五百", "5-3", "一.二", "G20"])
def test_not_numbers(written: str) -> None:
    assert parse_number(written) is None


def test_chinese_digit_strings_read_like_years() -> None:
    assert parse_chinese("二〇二二") == 2022


def test_scan_keeps_magnitudes_for_the_unit_reader() -> None:
    text = "三百二十亿元、4,850万元、近千台、１２３个"
    tokens = [(text[t.start : t.end], t.value) for t in scan_numbers(text)]
    assert ("三百二十", 320) in tokens
    assert ("4,850", 4850) in tokens
    assert ("千", 1000) in tokens
    assert ("１２３", 123) in tokens


def test_scan_reads_ranges_and_codes_as_one_token() -> None:
    tokens = list(scan_numbers("渤中19-6凝析气田"))
    assert len(tokens) == 1 and tokens[0].high == 6
