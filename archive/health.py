"""Source health: is each source still crawled, still yielding articles, still parsed right?

Computed from what the crawls leave in the archive (``crawl_runs`` with their Scrapy stats,
``fetch_failures``, ``articles`` and ``article_versions``), so it works the same for cron,
scrapyd and distributed workers. One crawl run is one spider process; with several distributed
workers a crawl has one run per worker.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from archive.models import Article, ArticleVersion, CrawlRun, FetchFailure, Source
from archive.types import utcnow

# A run's status is Scrapy's finish reason: only ``finished`` ran to its end (``shutdown`` was
# interrupted, ``closespider_*`` stopped at a limit, anything else broke).
SUCCESS_STATUS = "finished"
# Reasons recorded by the spiders for an anti-bot wall: a challenge status (521, 503…) or a
# challenge page served with 200 where an article was expected.
CHALLENGE_REASONS = ("challenge", "not_article: challenge")
RECENT_RUNS = 200  # enough history for the consecutive-empty count
# Failures that say what a URL is, not that something went wrong: a page that is gone, or that
# holds a video, a list, an about or search page. Spiders remember these URLs and do not fetch
# them again every run (see known_non_articles), so a second crawl is not mistaken for a broken
# layout. Not here: "not_article: empty"/"unknown" (what a changed layout looks like; such a
# URL must be tried again once the extractor is fixed), challenges and network errors
# (transient).
NON_ARTICLE_REASONS = (
    "http_404",
    "http_410",
    "not_article: 404",
    "not_article: video",
    "not_article: list",
    "not_article: about",
    "not_article: search",
)
NON_ARTICLE_RECHECK = timedelta(days=30)  # after this long a remembered URL is tried again


@dataclass(frozen=True, slots=True)
class HealthPolicy:
    """When a source counts as silent."""

    silent_after: timedelta = timedelta(days=7)  # no new article for this long
    empty_runs_limit: int = 24  # or this many runs in a row that found nothing new


@dataclass(frozen=True, slots=True)
class SourceHealth:
    source: str
    runs: int
    last_run_at: datetime | None
    last_run_status: str | None
    last_success_at: datetime | None
    last_new_article_at: datetime | None
    articles: int
    consecutive_empty_runs: int
    last_run_pages: int  # responses received
    last_run_articles: int  # article pages extracted
    last_run_errors: int
    last_run_challenges: int
    last_run_not_articles: int  # article URLs that held no article (other than challenges)
    errors_recent: int  # failures within the policy's silent_after window
    extractor_version: str | None  # parser of the source's most recently stored version
    flags: tuple[str, ...]

    @property
    def ok(self) -> bool:
        return not self.flags


def run_succeeded(status: str | None, stats: dict[str, Any] | None) -> bool:
    stats = stats or {}
    return (
        status == SUCCESS_STATUS
        and int(stats.get("response_received_count", 0)) > 0
        and not stats.get("newscrawl/start_failed")
    )


def found_something_new(stats: dict[str, Any] | None) -> bool:
    stats = stats or {}
    return (
        int(stats.get("newscrawl/archive/new", 0)) + int(stats.get("newscrawl/archive/version", 0))
        > 0
    )


def known_non_articles(session: Session, spider: str, now: datetime | None = None) -> set[str]:
    """URLs ``spider`` found to be no article (gone, a video, a list…) within the recheck
    period: a crawl skips them instead of fetching and recording them again."""
    since = (now or utcnow()) - NON_ARTICLE_RECHECK
    return set(
        session.scalars(
            select(FetchFailure.url)
            .where(
                FetchFailure.spider == spider,
                FetchFailure.reason.in_(NON_ARTICLE_REASONS),
                FetchFailure.at >= since,
            )
            .distinct()
        )
    )


def source_health(
    session: Session,
    *,
    expected: Iterable[str] = (),
    current_parser: str | None = None,
    policy: HealthPolicy | None = None,
    now: datetime | None = None,
) -> list[SourceHealth]:
    """The health of every source the archive knows, plus ``expected`` keys (the registry).

    ``current_parser`` is the running code's parser version: a source whose newest stored
    version was parsed by another one is flagged ``reparse``.
    """
    policy = policy or HealthPolicy()
    now = now or utcnow()
    keys = set(expected)
    keys.update(session.scalars(select(Source.key)))
    keys.update(session.scalars(select(CrawlRun.spider).distinct()))
    return [_one_source(session, key, current_parser, policy, now) for key in sorted(keys)]


def _walled(session: Session, key: str, source_id: int | None, since: datetime) -> bool:
    """Whether the anti-bot wall is the crawl's outcome, not one protected page beside many
    articles: at least as many distinct URLs were challenged since ``since`` as articles were
    reached (fetched, or found unchanged). Counted over a window, not the last run only: a
    second run fetches just the new URLs, and one walled URL would be all of it."""
    challenged = session.scalar(
        select(func.count(func.distinct(FetchFailure.url))).where(
            FetchFailure.spider == key,
            FetchFailure.reason.in_(CHALLENGE_REASONS),
            FetchFailure.at >= since,
        )
    )
    reached = 0
    if source_id is not None:
        reached = session.scalar(
            select(func.count())
            .select_from(Article)
            .where(Article.source_id == source_id, Article.last_seen >= since)
        )
    return int(challenged or 0) >= int(reached or 0)


def _one_source(
    session: Session, key: str, current_parser: str | None, policy: HealthPolicy, now: datetime
) -> SourceHealth:
    runs = session.execute(
        select(
            CrawlRun.id, CrawlRun.status, CrawlRun.stats, CrawlRun.started_at, CrawlRun.finished_at
        )
        .where(CrawlRun.spider == key, CrawlRun.status != "running")
        .order_by(CrawlRun.started_at.desc(), CrawlRun.id.desc())
        .limit(RECENT_RUNS)
    ).all()
    run_count = session.scalar(
        select(func.count()).select_from(CrawlRun).where(CrawlRun.spider == key)
    )
    last = runs[0] if runs else None
    last_stats: dict[str, Any] = (last.stats or {}) if last else {}
    last_success_at = next(
        (run.finished_at for run in runs if run_succeeded(run.status, run.stats)), None
    )
    consecutive_empty = 0
    for run in runs:
        if found_something_new(run.stats):
            break
        if run_succeeded(run.status, run.stats):
            consecutive_empty += 1

    source_id = session.scalar(select(Source.id).where(Source.key == key))
    last_new_article_at = articles = extractor_version = None
    if source_id is not None:
        last_new_article_at, articles = session.execute(
            select(func.max(Article.first_seen), func.count()).where(Article.source_id == source_id)
        ).one()
        extractor_version = session.scalar(
            select(ArticleVersion.extractor_version)
            .join(Article, Article.id == ArticleVersion.article_id)
            .where(Article.source_id == source_id)
            .order_by(ArticleVersion.fetched_at.desc(), ArticleVersion.id.desc())
            .limit(1)
        )

    reasons: dict[str, int] = {}
    if last is not None:
        reasons = dict(
            session.execute(
                select(FetchFailure.reason, func.count())
                .where(FetchFailure.crawl_run_id == last.id)
                .group_by(FetchFailure.reason)
            ).all()
        )
    challenges = sum(n for reason, n in reasons.items() if reason in CHALLENGE_REASONS)
    not_articles = sum(
        n
        for reason, n in reasons.items()
        if reason.startswith("not_article") and reason not in CHALLENGE_REASONS
    )
    errors_recent = session.scalar(
        select(func.count())
        .select_from(FetchFailure)
        .where(FetchFailure.spider == key, FetchFailure.at >= now - policy.silent_after)
    )
    pages = int(last_stats.get("response_received_count", 0))
    extracted = int(last_stats.get("newscrawl/articles", 0))
    walled = _walled(session, key, source_id, now - policy.silent_after) if challenges else False

    flags: list[str] = []
    if last is None:
        flags.append("never crawled")
    elif not run_succeeded(last.status, last.stats):
        flags.append("failing")
    if walled:
        flags.append("blocked")
    if not_articles and not extracted:
        # Article URLs were fetched and none held an article: the page layout changed.
        flags.append("layout broke")
    if last_success_at is not None and (
        (last_new_article_at is None or now - last_new_article_at > policy.silent_after)
        or consecutive_empty >= policy.empty_runs_limit
    ):
        flags.append("silent")
    if current_parser and extractor_version and extractor_version != current_parser:
        flags.append("reparse")

    return SourceHealth(
        source=key,
        runs=int(run_count or 0),
        last_run_at=last.started_at if last else None,
        last_run_status=last.status if last else None,
        last_success_at=last_success_at,
        last_new_article_at=last_new_article_at,
        articles=int(articles or 0),
        consecutive_empty_runs=consecutive_empty,
        last_run_pages=pages,
        last_run_articles=extracted,
        last_run_errors=sum(reasons.values()),
        last_run_challenges=challenges,
        last_run_not_articles=not_articles,
        errors_recent=int(errors_recent or 0),
        extractor_version=extractor_version,
        flags=tuple(flags),
    )
