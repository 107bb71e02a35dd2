"""When a known article is fetched again: the age ladder. Plain Python, no Scrapy."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, timedelta

# An article is fetched again 1 h, 6 h, 1 d and 7 d after it was first archived.
DEFAULT_LADDER = (timedelta(hours=1), timedelta(hours=6), timedelta(days=1), timedelta(days=7))


def revisit_due(
    first_seen: datetime, last_seen: datetime, now: datetime, ladder: Sequence[timedelta]
) -> bool:
    """True when a checkpoint of ``ladder`` (counted from ``first_seen``) has passed since the
    article was last seen.

    With the ladder 1 h, 6 h, 1 d, 7 d an article is fetched again about an hour after it was
    first archived, then six hours, a day and a week after; after the last checkpoint it is
    left alone (news pages rarely change after a week, and most never do).
    """
    for step in ladder:
        checkpoint = first_seen + step
        if checkpoint > now:
            return False
        if last_seen < checkpoint:
            return True
    return False
