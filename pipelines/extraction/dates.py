"""Publication dates as Chinese pages write them, resolved to ISO 8601 (+08:00 with a time)."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, timedelta, timezone

CHINA = timezone(timedelta(hours=8))
_MIN_YEAR, _MAX_YEAR = 1990, 2100

# 2022-03-30 10:20:30, 2022/3/30 10:20, 2022.03.30, 2022年03月30日 10时20分, 2022-03-30T10:20:30+08:00
_DATE_TIME = re.compile(
    r"(?<!\d)(?P<y>(?:19|20)\d{2})\s*(?:[-/.]|年)\s*(?P<m>\d{1,2})\s*(?:[-/.]|月)\s*"
    r"(?P<d>\d{1,2})(?!\d)\s*日?"
    r"(?:\s*(?:T|\s)?\s*(?P<H>\d{1,2})\s*[:：时]\s*(?P<M>\d{1,2})(?:\s*[:：分]\s*(?P<S>\d{1,2}))?"
    r"(?:\.\d+)?(?::\d+)?\s*(?P<tz>Z|[+-]\d{2}:?\d{2})?)?"
)
# 20220330 in URLs and e-paper paths: /20220330/, /2022-03/30/, /202203/30/, t20240513_
_URL_DATE = re.compile(
    r"(?<!\d)(?P<y>(?:19|20)\d{2})(?:-?(?P<m>\d{2})[-/]?(?P<d>\d{2})|[-/](?P<m2>\d{2})/(?P<d2>\d{2}))(?!\d)"
)
_RELATIVE = re.compile(r"(?P<n>\d+)\s*(?P<unit>秒|分钟|小时|天|日|周|星期|个月|月|年)前")
_DAY_WORDS = {"今天": 0, "昨天": 1, "前天": 2}
_DAY_WORD_TIME = re.compile(r"(?P<word>今天|昨天|前天)\s*(?P<H>\d{1,2})[:：](?P<M>\d{2})")
# 本报2月8日讯, 新华社北京3月30日电: month and day, the year from the edition.
_DATELINE = re.compile(
    r"(?:本报|本台|社|网)[^，。\n]{0,12}?(?P<m>\d{1,2})月(?P<d>\d{1,2})日(?:讯|电)"
)


def _valid(year: int, month: int, day: int) -> bool:
    try:
        date(year, month, day)
    except ValueError:
        return False
    return _MIN_YEAR <= year <= _MAX_YEAR


def to_iso(
    year: int,
    month: int,
    day: int,
    hour: int | None = None,
    minute: int | None = None,
    second: int | None = None,
) -> str | None:
    """ISO date, or date-time with +08:00 when a (valid) time is given."""
    if not _valid(year, month, day):
        return None
    if hour is None or minute is None or hour > 23 or minute > 59 or (second or 0) > 59:
        return f"{year:04d}-{month:02d}-{day:02d}"
    if hour == minute == (second or 0) == 0:
        # CMSs and e-papers store a bare date as midnight: that is not a time the page gives.
        return f"{year:04d}-{month:02d}-{day:02d}"
    return datetime(year, month, day, hour, minute, second or 0, tzinfo=CHINA).isoformat()


def _int(value: str | None) -> int | None:
    return int(value) if value else None


def parse_date(text: str) -> str | None:
    """The first absolute date (with its time, if any) in ``text``."""
    for match in _DATE_TIME.finditer(text):
        hour = _int(match["H"])
        found = to_iso(
            int(match["y"]),
            int(match["m"]),
            int(match["d"]),
            hour,
            _int(match["M"]),
            _int(match["S"]),
        )
        if found is None:
            continue
        tz = match["tz"]
        if hour is not None and tz and tz not in {"+08:00", "+0800"} and "T" in found:
            # A time given in another zone (often UTC, "Z") is converted to China time.
            offset = UTC if tz == "Z" else _parse_offset(tz)
            moment = datetime.fromisoformat(found).replace(tzinfo=offset).astimezone(CHINA)
            return moment.isoformat()
        return found
    return None


def _parse_offset(value: str) -> timezone:
    sign = -1 if value.startswith("-") else 1
    digits = value[1:].replace(":", "")
    return timezone(sign * timedelta(hours=int(digits[:2]), minutes=int(digits[2:])))


def parse_url_date(url: str | None) -> str | None:
    """The date in an article URL (/2022-03/30/content_1.htm, /20220330/, t20220330_1.htm)."""
    if not url:
        return None
    for match in _URL_DATE.finditer(url):
        month, day = match["m"] or match["m2"], match["d"] or match["d2"]
        found = to_iso(int(match["y"]), int(month), int(day))
        if found:
            return found
    return None


def parse_epoch(value: str) -> str | None:
    """Epoch seconds or milliseconds (Sohu's ``data-val``) to an ISO date-time in China time."""
    if not value.isdigit():
        return None
    number = int(value)
    seconds = number / 1000 if number > 10**11 else number
    try:
        moment = datetime.fromtimestamp(seconds, tz=UTC).astimezone(CHINA)
    except (OverflowError, OSError, ValueError):
        return None
    return (
        moment.replace(microsecond=0).isoformat() if _MIN_YEAR <= moment.year <= _MAX_YEAR else None
    )


def parse_relative(text: str, fetched_at: datetime | None) -> str | None:
    """``2年前``, ``3小时前``, ``昨天 10:20`` against the fetch time (in China time)."""
    if fetched_at is None:
        return None
    now = (fetched_at if fetched_at.tzinfo else fetched_at.replace(tzinfo=UTC)).astimezone(CHINA)
    if match := _DAY_WORD_TIME.search(text):
        day = now - timedelta(days=_DAY_WORDS[match["word"]])
        return to_iso(day.year, day.month, day.day, int(match["H"]), int(match["M"]))
    match = _RELATIVE.search(text)
    if not match:
        return None
    count, unit = int(match["n"]), match["unit"]
    if unit in {"年", "个月", "月"}:
        months = count * 12 if unit == "年" else count
        year, month = divmod(now.year * 12 + now.month - 1 - months, 12)
        day = min(now.day, 28)
        return to_iso(year, month + 1, day)
    delta = {
        "秒": timedelta(seconds=count), "分钟": timedelta(minutes=count),
        "小时": timedelta(hours=count), "天": timedelta(days=count), "日": timedelta(days=count),
        "周": timedelta(weeks=count), "星期": timedelta(weeks=count),
    }[unit]  # fmt: skip
    moment = now - delta
    if unit in {"天", "日", "周", "星期"}:
        return to_iso(moment.year, moment.month, moment.day)
    return to_iso(moment.year, moment.month, moment.day, moment.hour, moment.minute)


def parse_dateline(text: str, edition: str | None) -> str | None:
    """``本报2月8日讯`` resolved against the edition date (the previous year across New Year)."""
    if not edition:
        return None
    match = _DATELINE.search(text)
    if not match:
        return None
    edition_date = date.fromisoformat(edition[:10])
    month, day = int(match["m"]), int(match["d"])
    year = edition_date.year - 1 if month > edition_date.month + 1 else edition_date.year
    return to_iso(year, month, day)


def iso_day(published: str | None) -> date | None:
    """The calendar day of an ISO 8601 date or date-time as extraction writes it
    ('2022-03-30' or '2022-03-30T09:00:00+08:00': the page's own day, not converted to UTC)."""
    if not published:
        return None
    try:
        return date.fromisoformat(published[:10])
    except ValueError:
        return None
