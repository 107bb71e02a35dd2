"""Number grammar: Arabic, full-width and Chinese numerals, magnitudes, ranges and markers.

``parse_number`` reads one written quantity ("1.2万", "两千", "一百零五", "近千", "3-5", "１,２００")
into a value and the magnitude written with it; ``scan_numbers`` finds every number token in a
text with its offsets, which the fact extractor then pairs with units. Nothing here knows about
units or facts.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

# Full-width digits and signs; the full-width comma is left alone: in running text "12，300" is
# far more often two clauses than a thousands separator.
FULLWIDTH = str.maketrans("０１２３４５６７８９．－～", "0123456789.-~")

CN_DIGITS: dict[str, int] = {
    "零": 0,
    "〇": 0,
    "○": 0,
    "一": 1,
    "壹": 1,
    "二": 2,
    "贰": 2,
    "两": 2,
    "三": 3,
    "叁": 3,
    "四": 4,
    "肆": 4,
    "五": 5,
    "伍": 5,
    "六": 6,
    "陆": 6,
    "七": 7,
    "柒": 7,
    "八": 8,
    "捌": 8,
    "九": 9,
    "玖": 9,
}
CN_SMALL_UNITS: dict[str, int] = {"十": 10, "拾": 10, "百": 100, "佰": 100, "千": 1000, "仟": 1000}
CN_BIG_UNITS: dict[str, int] = {"万": 10_000, "亿": 100_000_000}

# Magnitudes written after a number ("1.2万", "421亿", "3千万"), longest first.
MAGNITUDES: dict[str, int] = {
    "万亿": 10**12,
    "千亿": 10**11,
    "百亿": 10**10,
    "千万": 10**7,
    "百万": 10**6,
    "十万": 10**5,
    "亿": 10**8,
    "万": 10**4,
    "千": 10**3,
    "百": 10**2,
}

# Approximation markers, recorded as written (docs/extraction.md, the extract contract).
APPROX_PREFIXES: tuple[str, ...] = ("将近", "接近", "超过", "突破", "约", "近", "超", "逾", "过")
APPROX_INNER: tuple[str, ...] = ("多", "余")
APPROX_SUFFIXES: tuple[str, ...] = ("左右", "以上", "上下")

CN_MAGNITUDES: tuple[str, ...] = ("万亿", "亿", "万")

# Bounds of what can be a figure. No economic figure is written with more than 16 significant
# digits (a 万亿 amount in 元 is 13) or as a Chinese numeral longer than 24 characters
# ("九千九百九十九万九千九百九十九亿" is 15), and no value reaches 10**20: a longer or larger
# number is a serial, a hash or an attack, and treating it as a number would only overflow
# floats later on. Checked on the text first, so an arbitrarily long run of digits costs no
# arithmetic at all.
MAX_DIGITS = 16
MAX_CHINESE_CHARS = 24
MAX_VALUE = 10.0**20

CN_NUMERAL_CHARS = "".join(CN_DIGITS) + "".join(CN_SMALL_UNITS) + "".join(CN_BIG_UNITS)
_ARABIC = r"[0-9０-９]+(?:,[0-9０-９]{3}(?![0-9０-９]))*(?:[.．][0-9０-９]+)?"
_CHINESE = f"[{CN_NUMERAL_CHARS}]+"
_RANGE_SEP = r"(?:-|－|—|~|～|到|至)"
NUMBER_RE = re.compile(
    rf"(?P<a>{_ARABIC}|{_CHINESE})(?:(?P<sep>{_RANGE_SEP})(?P<b>{_ARABIC}|{_CHINESE}))?"
)
_ARABIC_FULL_RE = re.compile(rf"{_ARABIC}")


@dataclass(frozen=True, slots=True)
class ParsedNumber:
    """A written quantity without its unit.

    ``value`` is the number as written before any magnitude (``1.2`` in "1.2万"), ``magnitude``
    the written magnitude word and ``factor`` its multiplier, so ``value * factor`` is the full
    number. A range keeps its upper end in ``high`` (same magnitude).
    """

    value: float
    magnitude: str = ""
    factor: int = 1
    high: float | None = None
    approx: str | None = None

    @property
    def full(self) -> float:
        return self.value * self.factor

    @property
    def is_range(self) -> bool:
        return self.high is not None


def tidy(value: float) -> int | float:
    """Return ints for whole values so JSON shows 155, not 155.0."""
    rounded = round(value, 6)
    return int(rounded) if rounded == int(rounded) else rounded


def parse_arabic(text: str) -> float | None:
    """'1,523.6' / '１２３' / '４,８５０' → float; None if it is not one Arabic number."""
    normal = text.translate(FULLWIDTH)
    if sum(ch.isdigit() for ch in normal) > MAX_DIGITS or not _ARABIC_FULL_RE.fullmatch(normal):
        return None
    try:
        value = float(normal.replace(",", ""))
    except ValueError:
        return None
    return value if value < MAX_VALUE else None


def parse_chinese(text: str) -> int | None:
    """'一百零五' → 105, '两千' → 2000, '十二' → 12, '三百二十亿' → 32_000_000_000, '千' → 1000.

    Digit strings without units ('二〇二二') read digit by digit, like years are written.
    """
    if not text or len(text) > MAX_CHINESE_CHARS or any(ch not in CN_NUMERAL_CHARS for ch in text):
        return None
    if all(ch in CN_DIGITS for ch in text):
        if len(text) == 1:
            return CN_DIGITS[text]
        return int("".join(str(CN_DIGITS[ch]) for ch in text))
    total = 0  # everything above the current 亿/万 section
    section = 0  # the current section below 万
    digit: int | None = None
    for ch in text:
        if ch in CN_DIGITS:
            if digit is not None and CN_DIGITS[ch] != 0:
                return None  # two digits in a row inside a unit numeral: '三五百'
            digit = CN_DIGITS[ch] or None
        elif ch in CN_SMALL_UNITS:
            section += (digit if digit is not None else 1) * CN_SMALL_UNITS[ch]
            digit = None
        else:  # 万 / 亿
            big = CN_BIG_UNITS[ch]
            if big == 10_000 and total and not section and digit is None:
                return None  # 万 with nothing to multiply after a higher unit: 万万, 亿万
            section += digit or 0
            digit = None
            if big == 10**8:
                total = ((total + section) or 1) * big
            else:
                total += (section or (0 if total else 1)) * big
            section = 0
    value = total + section + (digit or 0)
    return value if value < MAX_VALUE else None


def split_magnitude(text: str) -> tuple[str, str]:
    """'1.2万' → ('1.2', '万'); '三百二十亿' → ('三百二十', '亿'); '千' → ('千', '').

    Chinese numerals only give up a trailing 万/亿/万亿: '一千一百' is 1100, not 一千一 × 百.
    """
    words = (
        CN_MAGNITUDES
        if text[-1:] in CN_NUMERAL_CHARS and text[:1] in CN_NUMERAL_CHARS
        else MAGNITUDES
    )
    for word in words:
        if text.endswith(word) and len(text) > len(word):
            head = text[: -len(word)]
            if parse_arabic(head) is not None or parse_chinese(head) is not None:
                return head, word
    return text, ""


def parse_plain(text: str) -> float | None:
    """One number without magnitude split: Arabic or Chinese."""
    value = parse_arabic(text)
    if value is None:
        chinese = parse_chinese(text)
        value = float(chinese) if chinese is not None else None
    return value


def parse_number(text: str) -> ParsedNumber | None:
    """Parse one written quantity (no unit): '1.2万', '两千', '近千', '3-5', '5000余', '约1.5亿'.

    Returns None when ``text`` is not a number.
    """
    body = text.strip().translate(FULLWIDTH)
    approx: str | None = None
    for marker in APPROX_PREFIXES:
        if body.startswith(marker) and len(body) > len(marker):
            approx, body = marker, body[len(marker) :]
            break
    for marker in (*APPROX_SUFFIXES, *APPROX_INNER):
        if body.endswith(marker) and len(body) > len(marker):
            approx, body = marker, body[: -len(marker)]
            break
    match = NUMBER_RE.fullmatch(body)
    if match is None:
        # '1.2万' splits as Arabic + magnitude; the regex alone stops at the digits.
        head, magnitude = split_magnitude(body)
        value = parse_arabic(head) if magnitude else None
        if value is None:
            return None
        return ParsedNumber(value, magnitude, MAGNITUDES[magnitude], approx=approx)
    low_text, high_text = match["a"], match["b"]
    if high_text is None:
        head, magnitude = split_magnitude(low_text)
        value = parse_plain(head)
        if value is None:
            return None
        return ParsedNumber(value, magnitude, MAGNITUDES.get(magnitude, 1), approx=approx)
    high_head, magnitude = split_magnitude(high_text)
    low_head, low_magnitude = split_magnitude(low_text)
    low, high = parse_plain(low_head), parse_plain(high_head)
    if low is None or high is None or low_magnitude not in ("", magnitude) or low >= high:
        return None
    return ParsedNumber(low, magnitude, MAGNITUDES.get(magnitude, 1), high=high, approx=approx)


@dataclass(frozen=True, slots=True)
class NumberToken:
    """A number found in running text: ``text[start:end]`` is the number (no unit)."""

    start: int
    end: int
    value: float
    chinese: bool  # written in Chinese numerals
    high: float | None = None  # upper end of a range ('3-5', '3到5')


def scan_numbers(text: str) -> Iterator[NumberToken]:
    """Every Arabic or Chinese number in ``text``, ranges as one token.

    Magnitude characters (万, 亿) stay outside the token when they follow digits; the unit
    reader takes them as part of the unit ('421亿元' → 421 + '亿元').
    """
    for match in NUMBER_RE.finditer(text):
        low_text, high_text = match["a"], match["b"]
        chinese = low_text[0] in CN_NUMERAL_CHARS
        start, end = match.start(), match.end()
        if high_text is not None:
            low_value, high_value = parse_plain(low_text), parse_plain(high_text)
            if low_value is None or high_value is None:
                continue
            yield NumberToken(start, end, low_value, chinese, high=high_value)
            continue
        if chinese:
            # '三百二十亿' → the number '三百二十' and the magnitude '亿' for the unit reader;
            # a lone '千'/'万' ('近千台') stays a number.
            head, magnitude = split_magnitude(low_text)
            if magnitude:
                end = start + len(head)
                low_text = head
        value = parse_plain(low_text)
        if value is None:
            continue
        yield NumberToken(start, end, value, chinese)
