"""Reporting periods (一季度, 上半年, 1-10月, 今年以来, 2022年, 截至3月底) resolved to labels and dates.

Label format (documented in docs/facts.md): ``"2022"`` a year, ``"2022-Q1"`` a quarter,
``"2022-H1"`` a half year, ``"2022-03"`` a month, ``"2022-01/2022-10"`` a span of months (1-10月,
前三季度, 截至10月底: the cumulative year-to-date figures Chinese statistics report). One
interval has one label: a span that is a quarter, a half or a year takes that label (1-3月 =
截至3月底 = 一季度 = ``"2022-Q1"``), and ``interval`` gives every label its first and last day.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date

from pipelines.facts.numbers import parse_chinese

_NUM = r"[0-9０-９]{1,2}|[一二三四五六七八九十]{1,3}"
_QUARTER_NAMES = {"一": 1, "二": 2, "三": 3, "四": 4, "1": 1, "2": 2, "3": 3, "4": 4}

PERIOD_RE = re.compile(
    # 比上年 / 较上半年 / 于2021年10月 are references, not periods; the digit and 年 guards stop a
    # rejected "于2021年10月" from matching again as a bare "10月".
    r"(?<![比较于同年0-9０-９\-－—~～至到])"
    # Every part below is optional, so without this the pattern also matches the empty string
    # at each character, and find_periods would loop over all of them: a mention starts with
    # one of these characters.
    r"(?=[0-9０-９一二三四五六七八九十第上下前截今本去全明年])"
    r"(?:(?P<ytd>今年以来|本年以来|年初以来|年初至今|今年来)"
    r"|(?P<year>(?:19|20)[0-9]{2})年(?:度)?|(?P<rel>今年|本年|去年|上年|全年|明年))?"
    r"(?:"
    r"(?:第)?(?P<q>[一二三四1-4])季度"
    r"|(?P<half>上|下)半年"
    r"|前(?P<q3>三|3)(?:个)?季度"
    r"|(?:(?P<m1>" + _NUM + r")(?:月(?:份)?)?(?:-|－|—|~|～|至|到)(?P<m2>" + _NUM + r")月(?:份)?)"
    r"|前(?P<mn>" + _NUM + r")(?:个)?月"
    r"|截至(?:到)?(?P<mto>" + _NUM + r")月(?:底|末|份)"
    r"|(?P<month>" + _NUM + r")月(?:份)?(?![0-9０-９一二三四五六七八九十日号底末初中上下旬])"
    r")?"
)


@dataclass(frozen=True, slots=True)
class PeriodMention:
    start: int
    end: int
    label: str  # resolved, e.g. "2022-Q1"


def _month(text: str) -> int | None:
    value = int(text) if text.isdigit() else parse_chinese(text)
    return value if value is not None and 1 <= value <= 12 else None


def last_reported_month(published: date) -> tuple[int, int]:
    """The last month a report published on ``published`` can cover, as (year, month).

    Statistics come out after the month ends, so that is the month before publication, or the
    publication month itself when published on its last day. In January it is December of the
    year before.
    """
    if published.day == calendar.monthrange(published.year, published.month)[1]:
        return published.year, published.month
    if published.month == 1:
        return published.year - 1, 12
    return published.year, published.month - 1


def year_to_date(published: date) -> str:
    """The label of 今年以来 / 年初以来 published on ``published`` (see last_reported_month).

    Published in January before its last day, no month of the year is complete: the period
    is January itself, which ends with the publication date (``interval`` gives the month).
    """
    year, month = last_reported_month(published)
    if year < published.year:
        return f"{published.year}-01"
    return canonical(f"{year}-01/{year}-{month:02d}")


def canonical(label: str) -> str:
    """One label per interval: a span of months that is a quarter, a half or a year says so."""
    match = re.fullmatch(r"(\d{4})-(\d{2})/\1-(\d{2})", label)
    if match is None:
        return label
    year, low, high = match[1], int(match[2]), int(match[3])
    if low == high:
        return f"{year}-{low:02d}"
    if (low, high) == (1, 12):
        return year
    if (low, high) in ((1, 6), (7, 12)):
        return f"{year}-H{1 if low == 1 else 2}"
    if high == low + 2 and low % 3 == 1:
        return f"{year}-Q{(low + 2) // 3}"
    return label


def interval(label: str | None) -> tuple[date, date] | None:
    """First and last day of a period label ("2022-Q1" → 2022-01-01, 2022-03-31)."""
    if not label:
        return None
    match = re.fullmatch(r"(\d{4})(?:-(?:Q([1-4])|H([12])|(\d{2})(?:/\1-(\d{2}))?))?", label)
    if match is None:
        return None
    year = int(match[1])
    if match[2]:
        first, last = 3 * int(match[2]) - 2, 3 * int(match[2])
    elif match[3]:
        first, last = (1, 6) if match[3] == "1" else (7, 12)
    elif match[4]:
        first = int(match[4])
        last = int(match[5]) if match[5] else first
    else:
        first, last = 1, 12
    end = date(year, last, calendar.monthrange(year, last)[1])
    return date(year, first, 1), end


def clipped(
    label: str | None, published: date | None
) -> tuple[str | None, date | None, date | None]:
    """Label, first and last day of a reported (not estimated) figure's period.

    A reported figure cannot cover days after its publication: a year label of the publication
    year (今年, 全年 read as what has happened) becomes the year to date, and any other period
    that has not ended is cut at the publication date.
    """
    bounds = interval(label)
    if bounds is None:
        return label, None, None
    start, end = bounds
    if published is None or end <= published:
        return label, start, end
    if label == str(published.year):
        label = year_to_date(published)
        start, end = interval(label) or bounds
    return label, start, min(end, published)


def _resolve(match: re.Match[str], published: date | None, context_year: int | None) -> str | None:
    groups = match.groupdict()
    if groups["ytd"]:
        return year_to_date(published) if published else None
    explicit_year = int(groups["year"]) if groups["year"] else None
    this_year = published.year if published else None
    year: int | None
    rel = groups["rel"]
    if explicit_year is not None:
        year = explicit_year
    elif rel in ("去年", "上年"):
        year = this_year - 1 if this_year else None
    elif rel == "明年":
        year = this_year + 1 if this_year else None
    elif rel in ("今年", "本年"):
        year = this_year
    elif rel == "全年":
        year = context_year or this_year
    else:
        year = context_year or this_year
    if year is None:
        return None
    # The month the period must have reached to be reported: catches "四季度" read in January.
    reached_month: int
    if groups["q"]:
        quarter = _QUARTER_NAMES[groups["q"]]
        label, reached_month = f"-Q{quarter}", 3 * quarter - 2
    elif groups["half"]:
        label, reached_month = ("-H1", 1) if groups["half"] == "上" else ("-H2", 7)
    elif groups["q3"]:
        label, reached_month = "-01/{y}-09", 1
    elif groups["m1"]:
        low, high = _month(groups["m1"]), _month(groups["m2"])
        if low is None or high is None or low >= high:
            return None
        label, reached_month = f"-{low:02d}/{{y}}-{high:02d}", high
    elif groups["mn"] or groups["mto"]:
        high = _month(groups["mn"] or groups["mto"])
        if high is None:
            return None
        label, reached_month = f"-01/{{y}}-{high:02d}", high
    elif groups["month"]:
        month = _month(groups["month"])
        if month is None:
            return None
        label, reached_month = f"-{month:02d}", month
    elif explicit_year is not None or rel is not None:
        return str(year)
    else:
        return None
    implicit = explicit_year is None and rel in (None, "全年") and context_year is None
    if implicit and published is not None and reached_month > published.month:
        # "四季度" or "1-11月" in a January article reports last year.
        year -= 1
    return canonical(f"{year}{label}".replace("{y}", str(year)))


def find_periods(text: str, published: date | None) -> list[PeriodMention]:
    """Period mentions in one paragraph, in order, each resolved against ``published``.

    A bare 一季度 takes the year of an explicit year earlier in the same paragraph, else the
    publication year.
    """
    mentions: list[PeriodMention] = []
    context_year: int | None = None
    for match in PERIOD_RE.finditer(text):
        if match.end() == match.start():
            continue
        after = text[match.end() : match.end() + 2]
        if after.startswith(("同期", "末", "底", "的")):
            continue  # 2019年同期 / 上年末 / 是上年的2倍 are comparison bases
        if (
            match["year"]
            and text[match.end() : match.end() + 1] in "0123456789０１２３４５６７８９"
        ):
            continue
        label = _resolve(match, published, context_year)
        if label is None:
            continue
        if match["year"]:
            context_year = int(match["year"])
        mentions.append(PeriodMention(match.start(), match.end(), label))
    return mentions


def period_at(mentions: list[PeriodMention], position: int) -> str | None:
    """The period in force at ``position``: the last mention before it in the paragraph."""
    label = None
    for mention in mentions:
        if mention.start >= position:
            break
        label = mention.label
    return label
